"""The ledger's pages as members and outsiders see them, the forms end to end, the
green/yellow/red tallies on the alliance list and the front page, and the JSON endpoint."""

import datetime
import re
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.conf import settings
from django.urls import reverse

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Party, Phase
from brobygger.core.models import AuditAction
from brobygger.ledger import services
from brobygger.ledger.models import Contribution, Result, ValueGoal

from . import helpers
from .helpers import (
    PARTY_PUBLIC_ONLY_NOTE,
    PUBLIC_ONLY_NOTE,
    Element,
    add_contribution,
    add_goal,
    add_result,
    client_for,
    ledger_records,
    ledger_rows,
    main,
    page,
    party,
)

PRIVATE_BADGE = "Kun for medlemmer"


@dataclass
class Ledger:
    landscape: object
    company: Party
    association: Party
    lejre: Party
    public_goal: ValueGoal
    private_goal: ValueGoal
    public_result: Result
    private_result: Result
    public_contribution: Contribution
    private_contribution: Contribution

    def balance_url(self, alliance=None) -> str:
        return reverse("ledger:balance", kwargs={"slug": (alliance or self.landscape.public).slug})

    def party_url(self, party: Party) -> str:
        return reverse("ledger:party", kwargs={"slug": party.alliance.slug, "party_id": party.pk})

    def url(self, name: str, **kwargs) -> str:
        return reverse(f"ledger:{name}", kwargs={"slug": self.landscape.public.slug, **kwargs})


@pytest.fixture
def ledger(today, landscape) -> Ledger:
    """The public alliance: the company has met its goals (public and private entries) and is
    green, the association has a goal without results (yellow), Lejre Kommune has nothing
    (red). The company's hours are valued at the alliance's rate: 120 timer à 500 kr."""
    company = party(landscape.public, landscape.company)
    association = party(landscape.public, landscape.association)
    partner = landscape.partner
    nurses = services.hour_kind_create(
        actor=landscape.coordinator, alliance=landscape.public, name="Sygeplejersketimer", rate=Decimal("500")
    )
    public_contribution = add_contribution(company, partner, description="Tilskud til mælken")
    private_contribution = add_contribution(
        company,
        partner,
        kind="arbejdstimer",
        description="Sygeplejersketimer",
        quantity=Decimal("120"),
        unit="timer",
        hour_kind=nurses,
        visibility="medlemmer",
    )
    public_goal = add_goal(company, partner, title="Flere borgere i praktik hos os")
    public_result = add_result(
        public_goal, partner, description="Fire borgere kom i praktik.", meets_goal=True
    )
    private_goal = add_goal(company, partner, title="Hemmeligt mål om eksport", visibility="medlemmer")
    private_result = add_result(
        private_goal,
        partner,
        description="Eksport til Sverige",
        estimated_value=Decimal("40000"),
        meets_goal=True,
        visibility="medlemmer",
    )
    add_goal(association, landscape.coordinator, title="Flere frivillige")
    return Ledger(
        landscape=landscape,
        company=company,
        association=association,
        lejre=party(landscape.public, landscape.lejre),
        public_goal=public_goal,
        private_goal=private_goal,
        public_result=public_result,
        private_result=private_result,
        public_contribution=public_contribution,
        private_contribution=private_contribution,
    )


def party_cells(response, table_id: str) -> dict[str, list[Element]]:
    """A balance table's party rows by organisation name: the cells after the name."""
    table = main(response).find("table", id=table_id)
    return {
        row.find("th", scope="row").text: row.find_all("td")
        for body in table.find_all("tbody")
        for row in body.find_all("tr")
        if row.find_all("th", scope="row")
    }


def cell_text(cell: Element) -> str:
    """A cell's text; a cell of lines (hours per kind, goals per state) has them joined by " / "."""
    return " / ".join(li.text for li in cell.find_all("li")) or cell.text


def gives_table(response) -> dict[str, list[str]]:
    """"Hvad parterne giver" by party: [Penge, Timer, Andre bidrag, Giver i alt] and, when
    some party has paid for deliveries, [..., Betalt for leverancer]."""
    return {
        name: [cell_text(cell) for cell in cells]
        for name, cells in party_cells(response, "gives-table").items()
    }


def gets_table(response) -> dict[str, list[str]]:
    """"Hvad parterne får" by party: [Værdimål, Fået i kroner, (Modtaget som betaling),
    (Partens eget svar), Status]; the goals by state are one line each."""
    return {
        name: [cell_text(cells[0]), *(cell.text for cell in cells[1:])]
        for name, cells in party_cells(response, "gets-table").items()
    }


def status_words(response) -> dict[str, str]:
    return {
        name: cells[-1].removeprefix("● ").removeprefix("◐ ").removeprefix("○ ")
        for name, cells in gets_table(response).items()
    }


def table_total(response, table_id: str) -> str:
    return main(response).find("table", id=table_id).find("tfoot").text


# --- The value balance ------------------------------------------------------------------------


def test_balance_page_for_a_member_counts_every_entry(ledger):
    response = client_for(ledger.landscape.observer).get(ledger.balance_url())
    assert response.status_code == 200
    content = main(response)
    assert gives_table(response) == {
        "Lejre Kommune": ["–", "–", "–", "0 kr."],
        "Mejeriet A/S": [
            "10.000 kr.",
            "Sygeplejersketimer: 120 timer · 60.000 kr. (à 500,00 kr.)",
            "–",
            "70.000 kr.",
        ],
        "Landmændenes Forening": ["–", "–", "–", "0 kr."],
    }
    # A member reads the parties' own answers beside their figures.
    assert gets_table(response) == {
        "Lejre Kommune": ["Ingen", "0 kr.", "Har ikke svaret endnu", "○ Rød"],
        "Mejeriet A/S": ["2 nået", "42.500 kr.", "Har ikke svaret endnu", "● Grøn"],
        "Landmændenes Forening": ["1 ikke forfalden", "0 kr.", "Har ikke svaret endnu", "◐ Gul"],
    }
    assert table_total(response, "gives-table") == "I alt 120 timer 70.000 kr."
    assert table_total(response, "gets-table") == "I alt 42.500 kr."
    counts = content.find("ul", cls="balance-counts")
    assert [li.text for li in counts.find_all("li")] == [
        "● Grøn 1 part",
        "◐ Gul 1 part",
        "○ Rød 1 part",
    ]
    assert PUBLIC_ONLY_NOTE not in content.text


def test_the_warning_names_the_parties_without_value(ledger):
    """The warning names the yellow and red parties, says why, and links to their ledgers;
    the green party is not in it."""
    warning = main(client_for(ledger.landscape.partner).get(ledger.balance_url())).find(
        id="value-warning"
    )
    assert "2 parter har ikke nået et værdimål inden for de seneste tolv måneder" in warning.text
    items = {
        li.find("a").text: (li.text, li.find("a").attrs["href"]) for li in warning.find_all("li")
    }
    assert set(items) == {"Landmændenes Forening", "Lejre Kommune"}
    assert "intet mål er nået endnu. Undervejs: 0, ikke forfaldne: 1." in items["Landmændenes Forening"][0]
    assert "har ingen værdimål" in items["Lejre Kommune"][0]
    assert items["Lejre Kommune"][1] == ledger.party_url(ledger.lejre)
    assert "Mejeriet" not in warning.text


def test_the_warning_says_when_a_partys_last_value_is_too_old(today, landscape):
    """A goal met fourteen months ago is still met, but no longer makes the party green."""
    company = party(landscape.public, landscape.company)
    add_result(
        add_goal(company, landscape.partner),
        landscape.partner,
        achieved_on=datetime.date(2025, 9, 1),
        meets_goal=True,
    )
    response = client_for(landscape.partner).get(
        reverse("ledger:balance", kwargs={"slug": landscape.public.slug})
    )
    warning = main(response).find(id="value-warning")
    assert (
        "Mejeriet A/S: et mål var senest nået 1. september 2025, mere end tolv måneder siden."
        in warning.text
    )
    assert status_words(response)["Mejeriet A/S"] == "Gul"
    assert gets_table(response)["Mejeriet A/S"][0] == "1 nået"


def test_a_result_that_does_not_meet_the_goal_does_not_make_a_party_green(today, landscape):
    """Value registered is not yet value home: a result below the numeric target, or one not
    marked "målet er nået" on a goal without one, leaves the party yellow."""
    company = party(landscape.public, landscape.company)
    measured = add_goal(company, landscape.partner, title="12 i praktik", target_value=Decimal("12"))
    add_result(measured, landscape.partner, measured_value=Decimal("4"))
    add_result(add_goal(company, landscape.partner, title="Et godt samarbejde"), landscape.partner)
    url = reverse("ledger:balance", kwargs={"slug": landscape.public.slug})
    response = client_for(landscape.partner).get(url)
    assert status_words(response)["Mejeriet A/S"] == "Gul"
    assert gets_table(response)["Mejeriet A/S"][0] == "2 undervejs"
    warning = main(response).find(id="value-warning")
    assert "Mejeriet A/S: intet mål er nået endnu. Undervejs: 2, ikke forfaldne: 0." in warning.text
    # The measured value reaches the target: the goal is met and the party green.
    add_result(measured, landscape.partner, measured_value=Decimal("12"), achieved_on=datetime.date(2026, 11, 1))
    response = client_for(landscape.partner).get(url)
    assert status_words(response)["Mejeriet A/S"] == "Grøn"
    assert gets_table(response)["Mejeriet A/S"][0] == "1 nået / 1 undervejs"


def test_no_warning_when_every_party_has_value(today, landscape):
    for organisation in (landscape.company, landscape.association, landscape.lejre):
        add_result(
            add_goal(party(landscape.public, organisation), landscape.coordinator),
            landscape.coordinator,
            meets_goal=True,
        )
    response = client_for(None).get(
        reverse("ledger:balance", kwargs={"slug": landscape.public.slug})
    )
    content = main(response)
    assert not content.find_all(id="value-warning")
    assert "Alle parter har nået mindst ét værdimål inden for de seneste tolv måneder." in content.text
    assert set(status_words(response).values()) == {"Grøn"}


def drawn_rows(svg) -> dict[str, tuple[list[str], str]]:
    """The chart's rows by the party's full name: (bar labels, status)."""
    drawn = {}
    for group in svg.find_all("g"):
        names = group.find_all("text", cls="party-label")
        if names:
            name = names[0].find("title").text
            labels = [text.text for text in group.find_all("text", cls="bar-label")]
            status = group.find("text", cls="status-label").text
            drawn[name] = (labels, status)
    return drawn


def test_the_chart_is_an_image_with_a_name_and_the_table_has_its_figures(ledger):
    """The SVG is announced as one image with a title, and every figure it draws is in the
    table too, so nothing depends on seeing the bars. The wide and the phone layout draw the
    same figures."""
    response = client_for(ledger.landscape.coordinator).get(ledger.balance_url())
    content = main(response)
    figure = content.find("figure", cls="balance-chart")
    gives, gets = gives_table(response), gets_table(response)
    for layout in ("balance-chart__wide", "balance-chart__narrow"):
        svg = figure.find("svg", cls=layout)
        assert svg.attrs["role"] == "img"
        title_id = svg.attrs["aria-labelledby"].split()[0]
        assert svg.find(id=title_id).text == "Hvad hver part giver og får i kroner, efter sektor"
        drawn = drawn_rows(svg)
        assert set(drawn) == set(gives) == set(gets)
        for name, (labels, status) in drawn.items():
            assert labels == [f"Giver {gives[name][3]}", f"Får {gets[name][1]}"], name
            assert gets[name][-1].endswith(status), name
        assert drawn["Mejeriet A/S"] == (["Giver 70.000 kr.", "Får 42.500 kr."], "Grøn")


@pytest.mark.parametrize("kind", ["anonymous", "outsider", "company_outsider"])
def test_outsiders_see_a_balance_of_public_entries_only(ledger, kind):
    user = None if kind == "anonymous" else getattr(ledger.landscape, kind)
    response = client_for(user).get(ledger.balance_url())
    assert response.status_code == 200
    content = main(response)
    assert PUBLIC_ONLY_NOTE in content.text
    assert gives_table(response)["Mejeriet A/S"] == ["10.000 kr.", "–", "–", "10.000 kr."]
    # No column of the parties' own answers: those are for the alliance's members.
    assert gets_table(response)["Mejeriet A/S"] == ["1 nået", "2.500 kr.", "● Grøn"]
    assert "Partens eget svar" not in content.text
    assert "120 timer" not in content.text
    assert "Giver 10.000 kr." in content.find("figure", cls="balance-chart").text


def test_an_internal_alliance_shows_a_public_employee_the_public_entries(today, landscape):
    """Lejre's employee sees the internal alliance but is no member: public entries only."""
    company = party(landscape.internal, landscape.company)
    add_result(
        add_goal(company, landscape.partner, visibility="medlemmer"),
        landscape.partner,
        meets_goal=True,
        visibility="medlemmer",
    )
    url = reverse("ledger:balance", kwargs={"slug": landscape.internal.slug})
    employee = client_for(landscape.public_employee).get(url)
    assert PUBLIC_ONLY_NOTE in main(employee).text
    assert status_words(employee)["Mejeriet A/S"] == "Rød"
    member = client_for(landscape.observer).get(url)
    assert status_words(member)["Mejeriet A/S"] == "Grøn"


def kroner_in(cell: str) -> int:
    """The whole kroner a "Hvad parterne giver" cell counts: a money cell is its amount; a
    line of hours or of another unit says its worth after "·" (the rate in brackets and
    lines without kroner are not counted)."""
    if cell.startswith("–"):
        return 0
    amounts = re.findall(r"· ([\d.]+) kr\.", cell) or re.findall(r"^([\d.]+) kr\.$", cell)
    return sum(int(amount.replace(".", "")) for amount in amounts)


def test_giver_i_alt_is_the_sum_of_its_lines_and_payments_stand_apart(today, landscape):
    """Every contribution is counted once: "Giver i alt" is what the Penge, Timer and Andre
    bidrag cells of the same row add up to, for every party. A payment for a delivery is
    shown only as "Betalt for leverancer": in no line and not in "Giver i alt", for members
    and outsiders alike, in the chart, on the party's ledger and in the API."""
    company = party(landscape.public, landscape.company)
    association = party(landscape.public, landscape.association)
    coordinator = landscape.coordinator
    nurses = services.hour_kind_create(
        actor=coordinator, alliance=landscape.public, name="Sygeplejersketimer", rate=Decimal("500")
    )
    volunteers = services.hour_kind_create(actor=coordinator, alliance=landscape.public, name="Frivillige timer")
    # The company: money, hours at a rate, hours without a rate, premises with and without an
    # estimate, and a payment for milk it delivers.
    add_contribution(company, landscape.partner, quantity=Decimal("10000"))
    add_contribution(
        company, landscape.partner, kind="arbejdstimer", quantity=Decimal("120"), unit="timer", hour_kind=nurses
    )
    add_contribution(
        company, landscape.partner, kind="arbejdstimer", quantity=Decimal("100"), unit="timer", hour_kind=volunteers
    )
    add_contribution(
        company, landscape.partner, kind="lokaler", quantity=Decimal("50"), unit="m2", estimated_value=Decimal("7500")
    )
    add_contribution(company, landscape.partner, kind="lokaler", quantity=Decimal("10"), unit="m2")
    add_contribution(
        company, landscape.partner, description="Kommunen køber mælk", quantity=Decimal("25000"), is_payment=True
    )
    # The association: money twice, hours of a kind without a rate, and a payment of its own.
    add_contribution(association, coordinator, quantity=Decimal("5000"))
    add_contribution(association, coordinator, quantity=Decimal("2500"))
    add_contribution(
        association, coordinator, kind="arbejdstimer", quantity=Decimal("8"), unit="timer", hour_kind=volunteers
    )
    add_contribution(association, coordinator, description="Salg af kaffe", quantity=Decimal("1000"), is_payment=True)
    url = reverse("ledger:balance", kwargs={"slug": landscape.public.slug})

    for reader in (landscape.coordinator, None):
        response = client_for(reader).get(url)
        gives = gives_table(response)
        assert gives == {
            "Lejre Kommune": ["–", "–", "–", "0 kr.", "–"],
            "Mejeriet A/S": [
                "10.000 kr.",
                "Frivillige timer: 100 timer (uden timesats) / "
                "Sygeplejersketimer: 120 timer · 60.000 kr. (à 500,00 kr.)",
                "60 m² · 7.500 kr. (1 bidrag uden anslået værdi)",
                "77.500 kr.",
                "25.000 kr.",
            ],
            "Landmændenes Forening": [
                "7.500 kr.",
                "Frivillige timer: 8 timer (uden timesats)",
                "–",
                "7.500 kr.",
                "1.000 kr.",
            ],
        }, reader
        for name, (money, hours, other, total, _paid) in gives.items():
            assert kroner_in(money) + kroner_in(hours) + kroner_in(other) == kroner_in(total), name
        assert table_total(response, "gives-table") == "I alt 228 timer 85.000 kr. 26.000 kr."
        content = main(response)
        # Nothing of the payments counts as value given or got.
        assert "Giver 77.500 kr." in content.find("figure", cls="balance-chart").text
        assert "25.000" not in content.find(id="gets-table").text
        assert "25.000" not in content.find("figure", cls="balance-chart").text

    ledger_page = main(
        client_for(landscape.partner).get(
            reverse("ledger:party", kwargs={"slug": landscape.public.slug, "party_id": company.pk})
        )
    )
    totals = ledger_page.find("table", aria_labelledby="totals-heading").rows()
    assert ["Giver i alt", "", "77.500,00 kr."] in totals
    assert ["Betalt for leverancer (tæller ikke med)", "1 betaling", "25.000,00 kr."] in totals

    rows = {
        row["organisation"]: row
        for row in client_for(landscape.partner)
        .get(f"/api/v1/alliances/{landscape.public.slug}/value-balance/")
        .json()["parties"]
    }
    company_row = rows["Mejeriet A/S"]
    assert (company_row["contributed_kroner"], company_row["paid_for_deliveries_kroner"]) == (
        "77500.00",
        "25000.00",
    )
    assert sum(Decimal(line["kroner"]) for line in company_row["given"] if line["kroner"]) == Decimal("77500")
    assert "25000.00" not in [line["kroner"] for line in company_row["given"]]


# --- One party's ledger -----------------------------------------------------------------------


def test_members_see_every_entry_and_the_change_log(ledger):
    response = client_for(ledger.landscape.observer).get(ledger.party_url(ledger.company))
    assert response.status_code == 200
    content = main(response)
    text = content.text
    for shown in (
        "Tilskud til mælken",
        "Sygeplejersketimer",
        "Flere borgere i praktik hos os",
        "Hemmeligt mål om eksport",
        "Fire borgere kom i praktik.",
        "Eksport til Sverige",
    ):
        assert shown in text, shown
    assert PARTY_PUBLIC_ONLY_NOTE not in text
    private_row = next(
        row for row in content.find("table").find_all("tr") if "Sygeplejersketimer" in row.text
    )
    assert PRIVATE_BADGE in private_row.text
    public_row = next(
        row for row in content.find("table").find_all("tr") if "Tilskud til mælken" in row.text
    )
    assert PRIVATE_BADGE not in public_row.text
    history = content.find("section", aria_labelledby="history-heading")
    assert "Bidrag »Sygeplejersketimer« oprettet af Partner Testesen" in history.text
    # The party's own creation, the company's consent and its partner's membership are in its
    # history too: nine records, the consent's with its two changed fields as lines of their own.
    assert len(history.find("ul", cls="change-log").find_all("li")) == 11
    assert "Part »Mejeriet A/S i Offentlig mælk« bekræftet af Personale Testesen" in history.text
    assert "Grøn" in text and "Har nået mindst ét værdimål inden for de seneste tolv måneder." in text


@pytest.mark.parametrize("kind", ["anonymous", "outsider"])
def test_outsiders_see_public_entries_and_no_change_log(ledger, kind):
    user = None if kind == "anonymous" else ledger.landscape.outsider
    response = client_for(user).get(ledger.party_url(ledger.company))
    assert response.status_code == 200
    text = main(response).text
    assert PARTY_PUBLIC_ONLY_NOTE in text
    for shown in (
        "Tilskud til mælken",
        "Flere borgere i praktik hos os",
        "Fire borgere kom i praktik.",
    ):
        assert shown in text, shown
    for hidden in (
        "Sygeplejersketimer",
        "Hemmeligt mål om eksport",
        "Eksport til Sverige",
        PRIVATE_BADGE,
    ):
        assert hidden not in text, hidden
    assert "Historik" not in text
    assert "oprettet af" not in text
    assert "Registrér bidrag" not in text


def test_a_public_result_is_hidden_when_its_goal_is_private(ledger):
    """Marking a result public does not publish it when its goal is private; a private result
    on a public goal is hidden too, and the goal says it has none."""
    services.result_update(
        result=ledger.private_result,
        actor=ledger.landscape.partner,
        achieved_on=ledger.private_result.achieved_on,
        description="Eksport til Sverige",
        evidence_url="https://mejeriet.example/eksport",
        visibility="offentlig",
    )
    add_result(
        ledger.public_goal,
        ledger.landscape.partner,
        description="Et internt resultat",
        visibility="medlemmer",
    )
    text = main(client_for(None).get(ledger.party_url(ledger.company))).text
    assert "Eksport til Sverige" not in text
    assert "Et internt resultat" not in text
    assert "1 resultat" in text
    member_text = main(
        client_for(ledger.landscape.partner).get(ledger.party_url(ledger.company))
    ).text
    assert "Eksport til Sverige" in member_text and "Et internt resultat" in member_text


def test_edit_links_only_for_those_who_may_edit(ledger):
    """The company's representative and the coordinator see the buttons on the company's
    ledger; the observer and the representative on another party's ledger do not."""
    cases = [
        (ledger.landscape.partner, ledger.company, True),
        (ledger.landscape.coordinator, ledger.company, True),
        (ledger.landscape.staff, ledger.company, True),
        (ledger.landscape.observer, ledger.company, False),
        (ledger.landscape.partner, ledger.association, False),
    ]
    for user, target, can_edit in cases:
        content = main(client_for(user).get(ledger.party_url(target)))
        hrefs = {a.attrs.get("href") for a in content.find_all("a")}
        add_url = ledger.url("contribution_add", party_id=target.pk)
        assert (add_url in hrefs) is can_edit, (user, target)
        assert (ledger.url("goal_add", party_id=target.pk) in hrefs) is can_edit, (user, target)
    partner_page = main(client_for(ledger.landscape.partner).get(ledger.party_url(ledger.company)))
    hrefs = {a.attrs.get("href") for a in partner_page.find_all("a")}
    assert ledger.url("contribution_edit", pk=ledger.private_contribution.pk) in hrefs
    assert ledger.url("result_add", goal_id=ledger.public_goal.pk) in hrefs
    assert ledger.url("result_delete", pk=ledger.public_result.pk) in hrefs


def test_a_party_of_another_alliance_is_not_found(ledger):
    other = party(ledger.landscape.private, ledger.landscape.company)
    url = reverse(
        "ledger:party", kwargs={"slug": ledger.landscape.public.slug, "party_id": other.pk}
    )
    assert client_for(ledger.landscape.coordinator).get(url).status_code == 404


# --- The forms, end to end ------------------------------------------------------------------


def contribution_form(**overrides) -> dict:
    return {
        "kind": "penge",
        "description": "Tilskud til frokostordningen",
        "quantity": "1.250,50",
        "unit": "kr",
        "estimated_value": "",
        "period_start": "2026-02-01",
        "period_end": "",
        "visibility": "offentlig",
        **overrides,
    }


def test_a_partner_adds_a_contribution_in_danish_figures(ledger):
    client = client_for(ledger.landscape.partner)
    add_url = ledger.url("contribution_add", party_id=ledger.company.pk)
    form = client.get(add_url)
    assert form.status_code == 200
    assert "Registrér bidrag fra Mejeriet A/S" in main(form).text
    response = client.post(add_url, contribution_form())
    assert response.status_code == 302
    assert response["Location"] == ledger.party_url(ledger.company)
    stored = Contribution.objects.get(description="Tilskud til frokostordningen")
    assert stored.quantity == Decimal("1250.50")
    assert (stored.kind, stored.unit, stored.period_end, stored.is_public) == (
        "penge",
        "kr",
        None,
        True,
    )
    assert stored.period_start == datetime.date(2026, 2, 1)
    change = ledger_records().get(object_id=stored.pk, content_type__model="contribution")
    assert (change.action, change.actor, change.on_behalf) == (
        AuditAction.CREATED,
        ledger.landscape.partner,
        False,
    )
    followed = client.get(response["Location"])
    assert "Bidraget er registreret." in page(followed).text
    row = next(
        r
        for r in main(followed).find("table").find_all("tr")
        if "Tilskud til frokostordningen" in r.text
    )
    assert "løbende" in row.text
    # On the balance: 10.000 + 1.250,50 kr. of money and 60.000 kr. of hours = 71.250,50 kr.,
    # rounded to whole kroner.
    gives = gives_table(client.get(ledger.balance_url()))["Mejeriet A/S"]
    assert (gives[0], gives[3]) == ("11.251 kr.", "71.251 kr.")


def test_english_readers_type_english_figures(ledger):
    """With the site in English, "1,250.50" is one thousand two hundred and fifty and a half."""
    client = client_for(ledger.landscape.partner)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.post(
        ledger.url("contribution_add", party_id=ledger.company.pk),
        contribution_form(quantity="1,250.50", description="In English"),
    )
    assert response.status_code == 302
    assert Contribution.objects.get(description="In English").quantity == Decimal("1250.50")


def test_kroner_are_rounded_not_cut(today, landscape):
    """1.999,99 kr. shows as 2.000 kr. in the table, the chart and the total, not 1.999 kr."""
    company = party(landscape.public, landscape.company)
    add_contribution(company, landscape.partner, quantity=Decimal("1999.99"))
    response = client_for(landscape.partner).get(
        reverse("ledger:balance", kwargs={"slug": landscape.public.slug})
    )
    content = main(response)
    assert gives_table(response)["Mejeriet A/S"] == ["2.000 kr.", "–", "–", "2.000 kr."]
    assert "Giver 2.000 kr." in content.find("figure", cls="balance-chart").text
    assert table_total(response, "gives-table") == "I alt 2.000 kr."


def test_editing_a_contribution_shows_the_values_and_logs_the_change(ledger):
    client = client_for(ledger.landscape.partner)
    client.post(ledger.url("contribution_add", party_id=ledger.company.pk), contribution_form())
    contribution = Contribution.objects.get(description="Tilskud til frokostordningen")
    edit_url = ledger.url("contribution_edit", pk=contribution.pk)
    form = page(client.get(edit_url))
    assert form.find("input", name="quantity").attrs["value"] == "1250,5"
    assert form.find("input", name="period_start").attrs["value"] == "2026-02-01"
    assert form.find("textarea", name="description").text == "Tilskud til frokostordningen"

    response = client.post(edit_url, contribution_form(quantity="2.000", period_end="2026-12-31"))
    assert response.status_code == 302
    contribution.refresh_from_db()
    assert (contribution.quantity, contribution.period_end) == (
        Decimal("2000.00"),
        datetime.date(2026, 12, 31),
    )
    change = ledger_records().get(
        object_id=contribution.pk, content_type__model="contribution", action=AuditAction.CHANGED
    )
    assert change.changes == {
        "quantity": ["1250.50", "2000.00"],
        "period_end": [None, "2026-12-31"],
    }
    history = main(client.get(ledger.party_url(ledger.company))).find(
        "section", aria_labelledby="history-heading"
    )
    assert "Bidrag »Tilskud til frokostordningen« ændret af Partner Testesen" in history.text
    assert "Mængde: 1.250,50 → 2.000" in history.text
    assert "Til: – → 31. december 2026" in history.text


def test_a_coordinator_edits_on_the_partys_behalf(ledger):
    client = client_for(ledger.landscape.coordinator)
    response = client.post(
        ledger.url("goal_edit", pk=ledger.public_goal.pk),
        {
            "title": "Flere borgere i praktik hos os",
            "indicator": "antal borgere i praktik",
            "target": "20 borgere om året",
            "target_value": "",
            "target_unit": "",
            "direction": "mere",
            "reading": "seneste",
            "start_date": "",
            "target_date": "2027-06-30",
            "visibility": "offentlig",
        },
    )
    assert response.status_code == 302
    ledger.public_goal.refresh_from_db()
    assert ledger.public_goal.target == "20 borgere om året"
    change = ledger_records().get(action=AuditAction.CHANGED)
    assert change.on_behalf is True
    history = main(client.get(ledger.party_url(ledger.company))).find(
        "section", aria_labelledby="history-heading"
    )
    assert "ændret af Koordinator Testesen (på partens vegne)" in history.text
    assert "Mål: 12 borgere om året → 20 borgere om året" in history.text


def test_deleting_asks_first_then_deletes_and_logs(ledger):
    client = client_for(ledger.landscape.partner)
    delete_url = ledger.url("contribution_delete", pk=ledger.public_contribution.pk)
    confirm = client.get(delete_url)
    assert confirm.status_code == 200
    content = main(confirm)
    assert "»Tilskud til mælken«" in content.text
    assert content.find("form", method="post").find("button").text == "Ja, slet posten"
    assert Contribution.objects.filter(pk=ledger.public_contribution.pk).exists()

    response = client.post(delete_url)
    assert response.status_code == 302
    assert response["Location"] == ledger.party_url(ledger.company)
    assert not Contribution.objects.filter(pk=ledger.public_contribution.pk).exists()
    followed = client.get(response["Location"])
    assert "Posten er slettet." in page(followed).text
    history = main(followed).find("section", aria_labelledby="history-heading")
    assert "Bidrag »Tilskud til mælken« slettet af Partner Testesen" in history.text


def test_a_goal_with_results_cannot_be_deleted_from_its_page(ledger):
    """The page explains why instead of offering the button, and a POST is refused with 400
    and the same explanation; nothing is deleted or logged."""
    client = client_for(ledger.landscape.coordinator)
    url = ledger.url("goal_delete", pk=ledger.public_goal.pk)
    blocked = client.get(url)
    assert blocked.status_code == 200
    content = main(blocked)
    assert "Målet har et resultat og kan ikke slettes." in content.find(role="alert").text
    assert not content.find_all("form", method="post")
    before = ledger_rows()
    response = client.post(url)
    assert response.status_code == 400
    assert "Målet har et resultat og kan ikke slettes." in main(response).text
    assert ledger_rows() == before


def test_a_goal_without_results_can_be_deleted(ledger):
    goal = add_goal(ledger.company, ledger.landscape.partner, title="Et mål, vi opgav")
    client = client_for(ledger.landscape.partner)
    url = ledger.url("goal_delete", pk=goal.pk)
    assert main(client.get(url)).find("form", method="post")
    assert client.post(url).status_code == 302
    assert not ValueGoal.objects.filter(pk=goal.pk).exists()


def result_form(**overrides) -> dict:
    return {
        "achieved_on": "2026-11-20",
        "description": "32 ældre spiste med i november.",
        "measured_value": "32",
        "estimated_value": "12.000,00",
        "evidence_url": "",
        "evidence_note": "Optalt af køkkenet.",
        "visibility": "medlemmer",
        **overrides,
    }


def test_a_goal_and_the_result_that_meets_it_turn_a_party_green(ledger):
    """The coordinator adds a goal with a numeric target and then results for Lejre Kommune
    through the forms: Lejre goes from red to yellow; a result short of the target keeps it
    yellow, and the result that reaches the target makes it green (for members; the entries
    are private)."""
    client = client_for(ledger.landscape.coordinator)
    assert status_words(client.get(ledger.balance_url()))["Lejre Kommune"] == "Rød"
    response = client.post(
        ledger.url("goal_add", party_id=ledger.lejre.pk),
        {
            "title": "Færre ensomme ældre",
            "indicator": "antal ældre i fællesspisning",
            "target": "40 om ugen",
            "target_value": "40",
            "target_unit": "ældre",
            "direction": "mere",
            "reading": "seneste",
            "start_date": "",
            "target_date": "2027-12-31",
            "visibility": "medlemmer",
        },
    )
    assert response.status_code == 302
    goal = ValueGoal.objects.get(title="Færre ensomme ældre")
    assert (goal.visibility, goal.target_value) == ("medlemmer", Decimal("40.00"))
    assert status_words(client.get(ledger.balance_url()))["Lejre Kommune"] == "Gul"
    response = client.post(ledger.url("result_add", goal_id=goal.pk), result_form())
    assert response.status_code == 302
    result = Result.objects.get(goal=goal)
    assert (result.measured_value, result.estimated_value) == (
        Decimal("32.00"),
        Decimal("12000.00"),
    )
    # 32 of 40: on the way, not yet value home.
    balance = client.get(ledger.balance_url())
    assert status_words(balance)["Lejre Kommune"] == "Gul"
    assert gets_table(balance)["Lejre Kommune"][:2] == ["1 undervejs", "12.000 kr."]
    response = client.post(
        ledger.url("result_add", goal_id=goal.pk),
        result_form(
            achieved_on="2026-11-22",
            description="41 ældre spiste med.",
            measured_value="41",
            estimated_value="",
        ),
    )
    assert response.status_code == 302
    balance = client.get(ledger.balance_url())
    assert status_words(balance)["Lejre Kommune"] == "Grøn"
    assert gets_table(balance)["Lejre Kommune"][:2] == ["1 nået", "12.000 kr.og 1 resultat uden beløb"]
    # The goal and results are private: outsiders still see Lejre as red.
    assert status_words(client_for(None).get(ledger.balance_url()))["Lejre Kommune"] == "Rød"


def test_editing_a_result(ledger):
    client = client_for(ledger.landscape.partner)
    url = ledger.url("result_edit", pk=ledger.public_result.pk)
    form = page(client.get(url))
    assert form.find("input", name="achieved_on").attrs["value"] == "2026-10-01"
    assert form.find("input", name="estimated_value").attrs["value"] == "2500"
    response = client.post(
        url,
        {
            "achieved_on": "2026-10-02",
            "description": "Fem borgere kom i praktik.",
            "measured_value": "-1,5",
            "estimated_value": "",
            "evidence_url": "mejeriet.example/praktik",
            "evidence_note": "",
            "visibility": "offentlig",
        },
    )
    assert response.status_code == 302
    ledger.public_result.refresh_from_db()
    assert ledger.public_result.achieved_on == datetime.date(2026, 10, 2)
    assert ledger.public_result.measured_value == Decimal("-1.50")
    assert ledger.public_result.estimated_value is None
    assert ledger.public_result.evidence_url == "https://mejeriet.example/praktik"


# --- The tallies on the alliance list and the front page ------------------------------------


def glances(response) -> dict[str, str]:
    """Each card's green/yellow/red tally, by the slug its link names."""
    found = {}
    for glance in page(response).find_all("p", cls="balance-glance"):
        slug = glance.find("a").attrs["href"].split("/")[2]
        found[slug] = ", ".join(span.text for span in glance.find_all("span"))
    return found


@pytest.fixture
def lejre_private_goal(ledger):
    """Lejre Kommune gets a private goal: yellow for members, still red for outsiders."""
    add_goal(
        ledger.lejre, ledger.landscape.coordinator, title="Kommunens eget mål", visibility="medlemmer"
    )
    return ledger


def test_alliance_list_shows_each_readers_tally(lejre_private_goal):
    landscape = lejre_private_goal.landscape
    anonymous = glances(client_for(None).get("/alliancer/"))
    assert anonymous == {landscape.public.slug: "1 grøn, 1 gul, 1 rød"}
    member = glances(client_for(landscape.partner).get("/alliancer/"))
    assert member[landscape.public.slug] == "1 grøn, 2 gule, 0 røde"
    assert member[landscape.private.slug] == "0 grønne, 0 gule, 3 røde"
    assert set(member) == {landscape.public.slug, landscape.internal.slug, landscape.private.slug}
    employee = glances(client_for(landscape.public_employee).get("/alliancer/"))
    assert employee == {
        landscape.public.slug: "1 grøn, 1 gul, 1 rød",
        landscape.internal.slug: "0 grønne, 0 gule, 3 røde",
    }


def test_front_page_cards_show_the_members_tally(lejre_private_goal):
    landscape = lejre_private_goal.landscape
    member = glances(client_for(landscape.observer).get("/"))
    assert member == {
        landscape.public.slug: "1 grøn, 2 gule, 0 røde",
        landscape.internal.slug: "0 grønne, 0 gule, 3 røde",
        landscape.private.slug: "0 grønne, 0 gule, 3 røde",
    }
    anonymous = glances(client_for(None).get("/"))
    assert anonymous == {landscape.public.slug: "1 grøn, 1 gul, 1 rød"}


def test_front_page_tells_the_coordinator_which_parties_lack_value(ledger):
    landscape = ledger.landscape
    alliance_services.alliance_change_phase(
        alliance=landscape.public, to_phase=Phase.OPERATION, actor=landscape.coordinator
    )
    attention = main(client_for(landscape.coordinator).get("/")).find(
        "section", aria_labelledby="attention-heading"
    )
    item = next(
        li
        for li in attention.find_all("li")
        if landscape.public.title in li.text and "har ikke nået et værdimål" in li.text
    )
    assert (
        "2 parter har ikke nået et værdimål inden for de seneste tolv måneder: "
        "Landmændenes Forening, Lejre Kommune." in item.text
    )
    assert item.find("a").attrs["href"] == ledger.balance_url()
    partner = main(client_for(landscape.partner).get("/")).find(
        "section", aria_labelledby="attention-heading"
    )
    assert "har ikke nået et værdimål" not in partner.text


# --- The JSON endpoint ---------------------------------------------------------------------


# The API's 404 (docs/api.md): a problem document that never says whether the thing exists.
NOT_FOUND_PROBLEM = {
    "type": "about:blank",
    "title": "Ikke fundet",
    "status": 404,
    "detail": "Det findes ikke, eller du har ikke adgang til det.",
}


def api_url(alliance) -> str:
    return f"/api/v1/alliances/{alliance.slug}/value-balance/"


def test_api_value_balance_for_a_member(ledger):
    assert (
        reverse("api:value_balance", kwargs={"slug": "x"}) == "/api/v1/alliances/x/value-balance/"
    )
    response = client_for(ledger.landscape.partner).get(api_url(ledger.landscape.public))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["alliance"] == ledger.landscape.public.slug
    assert data["date"] == "2026-11-23"
    assert data["includes_private_entries"] is True
    rows = {row["organisation"]: row for row in data["parties"]}
    assert [row["organisation"] for row in data["parties"]] == [
        "Landmændenes Forening",
        "Lejre Kommune",
        "Mejeriet A/S",
    ]
    company = rows["Mejeriet A/S"]
    assert company["party_id"] == ledger.company.pk
    assert company["sector"] == "privat"
    assert company["contributed_kroner"] == "70000.00"
    assert company["given"] == [
        {
            "kind": "money",
            "label": "Penge",
            "contributions": 1,
            "quantity": "10000.00",
            "unit": "kr.",
            "rate": None,
            "kroner": "10000.00",
        },
        {
            "kind": "hours",
            "label": "Sygeplejersketimer",
            "contributions": 1,
            "quantity": "120.00",
            "unit": "timer",
            "rate": "500.00",
            "kroner": "60000.00",
        },
    ]
    assert company["paid_for_deliveries_kroner"] == "0.00"
    assert company["goals"] == 2
    assert company["goals_by_state"] == {"naaet": 2, "undervejs": 0, "ikke_forfalden": 0, "forsinket": 0}
    assert company["last_met_on"] == "2026-10-01"
    assert company["gained_kroner"] == "42500.00"
    assert (company["results_without_kroner"], company["received_as_payment_kroner"]) == (0, "0.00")
    assert company["last_result_on"] == "2026-10-01"
    assert company["status"] == "green"
    # A member reads each party's own answer (none given yet).
    assert company["own_answer"] is None
    assert "goals_realised" not in company
    assert (rows["Landmændenes Forening"]["status"], rows["Landmændenes Forening"]["sector"]) == (
        "yellow",
        "civilsamfund",
    )
    assert (rows["Lejre Kommune"]["status"], rows["Lejre Kommune"]["sector"]) == (
        "red",
        "offentlig",
    )
    assert rows["Lejre Kommune"]["last_result_on"] is None


@pytest.mark.parametrize("kind", ["anonymous", "outsider"])
def test_api_gives_outsiders_public_figures_only(ledger, kind):
    user = None if kind == "anonymous" else ledger.landscape.outsider
    data = client_for(user).get(api_url(ledger.landscape.public)).json()
    assert data["includes_private_entries"] is False
    company = next(row for row in data["parties"] if row["organisation"] == "Mejeriet A/S")
    assert company["contributed_kroner"] == "10000.00"
    assert [line["kind"] for line in company["given"]] == ["money"]
    assert (company["goals"], company["goals_by_state"]["naaet"]) == (1, 1)
    assert company["gained_kroner"] == "2500.00"
    assert company["status"] == "green"
    # The parties' own answers are for the alliance's members.
    assert "own_answer" not in company


def whole_kroner(amount: str) -> str:
    """An API amount as the balance's table shows it: whole kroner, Danish thousands."""
    return f"{int(Decimal(amount)):,} kr.".replace(",", ".")


def goal_counts(by_state: dict) -> str:
    """The API's goals by state as the balance's "Værdimål" cell reads them."""
    words = {
        "naaet": ("nået", "nået"),
        "undervejs": ("undervejs", "undervejs"),
        "ikke_forfalden": ("ikke forfalden", "ikke forfaldne"),
        "forsinket": ("forsinket", "forsinkede"),
    }
    lines = [
        f"{count} {words[state][count != 1]}" for state, count in by_state.items() if count
    ]
    return " / ".join(lines) or "Ingen"


def test_api_figures_match_the_page(ledger):
    """The endpoint and the balance page agree, for a member and for an outsider."""
    for user in (ledger.landscape.observer, None):
        client = client_for(user)
        response = client.get(ledger.balance_url())
        gives, gets = gives_table(response), gets_table(response)
        for row in client.get(api_url(ledger.landscape.public)).json()["parties"]:
            name = row["organisation"]
            assert gives[name][3] == whole_kroner(row["contributed_kroner"])
            assert gets[name][1] == whole_kroner(row["gained_kroner"])
            assert gets[name][0] == goal_counts(row["goals_by_state"])
            assert {"green": "Grøn", "yellow": "Gul", "red": "Rød"}[row["status"]] in gets[name][-1]


@pytest.mark.parametrize(
    "kind, visibility",
    [
        ("anonymous", "private"),
        ("anonymous", "internal"),
        ("outsider", "internal"),
        ("public_employee", "private"),
    ],
)
def test_api_answers_404_json_for_unseen_alliances(ledger, kind, visibility):
    user = None if kind == "anonymous" else getattr(ledger.landscape, kind)
    alliance = getattr(ledger.landscape, visibility)
    response = client_for(user).get(api_url(alliance))
    assert response.status_code == 404
    assert response["Content-Type"] == "application/problem+json"
    assert response.json() == NOT_FOUND_PROBLEM
    assert alliance.title not in response.content.decode()


def test_api_for_an_unknown_alliance_is_404_json(ledger):
    response = client_for(ledger.landscape.staff).get(
        "/api/v1/alliances/findes-ikke/value-balance/"
    )
    assert response.status_code == 404
    assert response.json() == NOT_FOUND_PROBLEM


def test_outsiders_do_not_see_who_wrote_public_entries(landscape, today):
    """Member names are for members: a public contribution shows its author to members only."""
    company_party = helpers.party(landscape.public, landscape.company)
    helpers.add_contribution(company_party, landscape.partner, visibility="offentlig")
    url = f"/alliancer/{landscape.public.slug}/vaerdi/parter/{company_party.pk}/"
    name = landscape.partner.get_full_name()
    assert name in helpers.client_for(landscape.observer).get(url).content.decode()
    for outsider in (None, landscape.outsider):
        body = helpers.client_for(outsider).get(url).content.decode()
        assert "Senest ændret af" not in body
        assert name not in body


# --- Amounts, dates and the chart as a reader reads them (issue 12) ---------------------------


def contribution_row(response, description: str) -> list[str]:
    table = main(response).find("section", aria_labelledby="contributions-heading").find("table")
    return next(row for row in table.rows() if row and row[0].startswith(description))


def test_an_amount_typed_to_the_ore_is_shown_to_the_ore(today, landscape):
    """1.250,50 kr. is the same 1.250,50 kr. in the amount and the value column of its row;
    the balance's totals round to whole kroner and say so."""
    company = party(landscape.public, landscape.company)
    add_contribution(company, landscape.partner, description="Kaffe til mødet", quantity=Decimal("1250.50"))
    meetings = services.hour_kind_create(
        actor=landscape.coordinator, alliance=landscape.public, name="Mødetimer", rate=Decimal("333.30")
    )
    add_contribution(
        company,
        landscape.partner,
        kind="arbejdstimer",
        description="Timer til mødet",
        quantity=Decimal("3"),
        unit="timer",
        hour_kind=meetings,
    )
    response = client_for(landscape.partner).get(
        reverse("ledger:party", kwargs={"slug": landscape.public.slug, "party_id": company.pk})
    )
    money = contribution_row(response, "Kaffe til mødet")
    assert money[2:4] == ["1.250,50 kr.", "1.250,50 kr."]
    hours = contribution_row(response, "Timer til mødet")
    assert hours[2:4] == ["3 timer", "999,90 kr."]

    balance = client_for(landscape.partner).get(reverse("ledger:balance", kwargs={"slug": landscape.public.slug}))
    # 1.250,50 + 3 × 333,30 = 2.250,40 kr.
    assert gives_table(balance)["Mejeriet A/S"][3] == "2.250 kr."
    assert "Beløbene er afrundet til hele kroner." in main(balance).text


def test_dates_on_a_page_have_one_form_per_language(today, landscape):
    """A contribution's period and a goal's date read "16. september 2024" in Danish, never
    "16. Sept 2024" beside "30. juni 2027"; in English they read in one English form."""
    company = party(landscape.public, landscape.company)
    add_contribution(
        company,
        landscape.partner,
        period_start=datetime.date(2024, 9, 16),
        period_end=datetime.date(2026, 8, 21),
    )
    add_goal(company, landscape.partner, target_date=datetime.date(2027, 6, 30))
    url = reverse("ledger:party", kwargs={"slug": landscape.public.slug, "party_id": company.pk})
    client = client_for(landscape.partner)
    danish = main(client.get(url))
    assert contribution_row(client.get(url), "Tilskud til mælken")[4] == "16. september 2024 – 21. august 2026"
    assert "30. juni 2027" in danish.text

    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = client.get(url)
    assert contribution_row(english, "Tilskud til mælken")[4].startswith("Sept. 16, 2024 – Aug. 21, 2026")
    assert "June 30, 2027" in main(english).text


def test_without_any_kroner_the_balance_says_what_is_missing_instead_of_an_empty_chart(today, landscape):
    company = party(landscape.public, landscape.company)
    add_contribution(company, landscape.partner, kind="arbejdstimer", quantity=Decimal("12"), unit="timer")
    add_result(add_goal(company, landscape.partner), landscape.partner, estimated_value=None)
    response = client_for(None).get(reverse("ledger:balance", kwargs={"slug": landscape.public.slug}))
    content = main(response)
    assert not content.find_all("figure", cls="balance-chart")
    assert "Giver 0 kr." not in content.text
    assert "ingen part har bidrag eller resultater med en værdi i kroner" in content.find(id="chart-missing").text


def test_a_party_green_from_results_without_an_amount_does_not_read_as_getting_nothing(today, landscape):
    company = party(landscape.public, landscape.company)
    association = party(landscape.public, landscape.association)
    add_contribution(company, landscape.partner)  # something in kroner, so the chart is drawn
    goal = add_goal(association, landscape.coordinator)
    add_result(goal, landscape.coordinator, estimated_value=None)
    add_result(
        goal, landscape.coordinator, estimated_value=None, achieved_on=datetime.date(2026, 11, 1), meets_goal=True
    )
    add_result(add_goal(company, landscape.partner), landscape.partner, estimated_value=None, meets_goal=True)
    add_result(add_goal(company, landscape.partner, title="Mere mælk"), landscape.partner)
    response = client_for(None).get(reverse("ledger:balance", kwargs={"slug": landscape.public.slug}))
    figure = main(response).find("figure", cls="balance-chart")
    for layout in ("balance-chart__wide", "balance-chart__narrow"):
        drawn = drawn_rows(figure.find("svg", cls=layout))
        assert drawn["Landmændenes Forening"] == (["Giver 0 kr.", "Får 2 resultater uden beløb"], "Grøn")
        assert drawn["Mejeriet A/S"][0] == ["Giver 10.000 kr.", "Får 2.500 kr."]
        assert [t.text for t in figure.find("svg", cls=layout).find_all("text", cls="results-label")] == [
            "og 1 resultat uden beløb"
        ]
    assert gets_table(response)["Landmændenes Forening"][1:] == ["0 kr.og 2 resultater uden beløb", "● Grøn"]


def test_long_party_names_are_given_in_full_in_the_chart(today, landscape):
    long_name = "Foreningen for Frivillige Besøgsvenner i Lejre og Omegn"
    organisation = alliance_services.organisation_create(actor=None, name=long_name, kind="forening")
    alliance_services.party_add(
        alliance=landscape.public, organisation=organisation, role_description="Besøg", actor=landscape.coordinator
    )
    add_contribution(party(landscape.public, organisation), landscape.coordinator)
    response = client_for(landscape.coordinator).get(reverse("ledger:balance", kwargs={"slug": landscape.public.slug}))
    figure = main(response).find("figure", cls="balance-chart")
    for layout in ("balance-chart__wide", "balance-chart__narrow"):
        labels = [
            label
            for label in figure.find("svg", cls=layout).find_all("text", cls="party-label")
            if label.find("title").text == long_name
        ]
        lines = [tspan.text for tspan in labels[0].find_all("tspan")]
        assert len(lines) > 1 and " ".join(lines) == long_name, lines
        assert not any("…" in line for line in lines)
