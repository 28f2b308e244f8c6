"""The value ledger and the partnering agreement in a real browser: a partner representative
registers what their party gives and gets until its status turns green, forms answer
mistakes in Danish, a coordinator and a partner write and sign the agreement, axe-core
checks every new page, and the keyboard reaches what it should.

Every new page is saved in test-artifacts/screenshots/ as <name>-desktop.png (1280 px) and
<name>-phone.png (390 px, the width of a common phone)."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brobygger.agreements import services as agreement_services
from brobygger.agreements.models import PartVersion
from brobygger.ledger import services as ledger_services
from brobygger.ledger.models import Contribution, Result, ValueGoal

from .conftest import DESKTOP, SCREENSHOT_DIR, log_in
from .test_accessibility import Audit

pytestmark = pytest.mark.browser

PHONE_390 = {"width": 390, "height": 844}
COMPANY = "Mejeriet A/S"  # the partner representative's party in the landscape
ASSOCIATION = "Landmændenes Forening"  # the landscape's other parties get no value here
LEAD = "Lejre Kommune"  # the lead public organisation is a party too


# --- Helpers ---------------------------------------------------------------------------------


def shoot(page, name: str) -> None:
    """Full-page screenshots at desktop width and at 390 px; the page must not scroll
    sideways on the phone."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE_390)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}-phone.png", full_page=True)
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    page.set_viewport_size(viewport)
    assert widths[0] <= widths[1], f"{name} ({page.url}) scrolls sideways at 390 px: {widths}"


class LedgerAudit(Audit):
    """The shared axe audit, with this module's screenshots (phone at 390 px)."""

    def check(self, name: str, *, shoot_it: bool = True) -> None:
        if shoot_it:
            self.page.wait_for_load_state("load")
            shoot(self.page, name)
        super().check(name, shoot=False)


def iso(day: datetime.date) -> str:
    return day.isoformat()


def today() -> datetime.date:
    # The live server runs in this process, so "today" is the server's date too.
    return timezone.localdate()


def company_party(alliance):
    return alliance.parties.select_related("organisation").get(organisation__name=COMPANY)


def balance_url(alliance) -> str:
    return f"/alliancer/{alliance.slug}/vaerdi/"


def ledger_url(alliance, party) -> str:
    return f"/alliancer/{alliance.slug}/vaerdi/parter/{party.pk}/"


def agreement_url(alliance) -> str:
    return f"/alliancer/{alliance.slug}/aftale/"


def alliance_nav(page, alliance):
    return page.get_by_role("navigation", name=f"Sider om {alliance.title}")


def sr_named(visible: str, hidden: str):
    """A link's name made of visible text and screen-reader-only text after a colon
    (Chromium puts a space between the two)."""
    # Playwright's selector parser ends a regular expression at an unescaped "/".
    pattern = rf"^{re.escape(visible)}\s*:\s*{re.escape(hidden)}$".replace("/", r"\/")
    return re.compile(pattern)


BALANCE_TABLES = {
    # "Hvad parterne giver": money, hours, other contributions, what the party gives in all.
    "gives": "^Hver parts bidrag i penge, timer og andet",
    # "Hvad parterne får": goals by state, what the party got, its own answer, its status.
    "gets": "^Hver parts værdimål, det, den har fået",
}


def balance_row(page, name: str, table: str = "gets"):
    """One party's row, found by its row header, in the value balance's table of what the
    parties give or of what they get (with the status)."""
    found = page.get_by_role("table", name=re.compile(BALANCE_TABLES[table]))
    return found.get_by_role("row").filter(has=page.get_by_role("rowheader", name=name, exact=True))


def fill_contribution(page, *, amount: str, description="Kørselstilskud til mælken") -> None:
    page.get_by_label("Type bidrag").select_option(label="Penge")
    page.get_by_label("Beskrivelse").fill(description)
    page.get_by_label("Mængde").fill(amount)
    page.get_by_label("Enhed").select_option(label="kr.")
    page.get_by_label("Fra", exact=True).fill(iso(today() - datetime.timedelta(days=30)))


def register_value(alliance, party, user, *, public: bool, coordinator) -> None:
    """A contribution in kroner, one in hours (of a kind the coordinator gives a rate), a
    goal and a result dated today."""
    drivers = ledger_services.hour_kind_create(
        actor=coordinator, alliance=alliance, name="Chaufførtimer", rate=Decimal("400")
    )
    ledger_services.contribution_create(
        party=party,
        actor=user,
        kind="penge",
        description="Tilskud til kørsel",
        quantity=Decimal("25000"),
        unit="kr",
        estimated_value=None,
        period_start=today() - datetime.timedelta(days=60),
        period_end=None,
        visibility="offentlig" if public else "medlemmer",
    )
    ledger_services.contribution_create(
        party=party,
        actor=user,
        kind="arbejdstimer",
        description="En chauffør to timer om ugen",
        quantity=Decimal("96"),
        unit="timer",
        hour_kind=drivers,
        period_start=today() - datetime.timedelta(days=60),
        period_end=today() + datetime.timedelta(days=300),
        visibility="offentlig" if public else "medlemmer",
    )
    goal = ledger_services.goal_create(
        party=party,
        actor=user,
        title="Flere faste kunder blandt plejehjemmene",
        indicator="antal plejehjem, der køber mælken",
        target="6 plejehjem",
        target_date=today() + datetime.timedelta(days=200),
        visibility="offentlig" if public else "medlemmer",
    )
    ledger_services.goal_create(
        party=party,
        actor=user,
        title="Bedre omdømme lokalt",
        indicator="omtale i lokalavisen",
        target="2 artikler",
        target_date=today() + datetime.timedelta(days=300),
        visibility="offentlig" if public else "medlemmer",
    )
    ledger_services.result_create(
        goal=goal,
        actor=user,
        achieved_on=today(),
        description="Fire plejehjem har skrevet kontrakt.",
        measured_value=Decimal("4"),
        estimated_value=Decimal("120000"),
        evidence_url="https://example.dk/kontrakter",
        evidence_note="Kontrakterne ligger i kommunens ESDH.",
        visibility="offentlig" if public else "medlemmer",
    )


def write_agreement(alliance, coordinator, partner) -> None:
    """Shared terms by the coordinator and the company's part by its representative."""
    agreement_services.terms_update(
        alliance=alliance,
        actor=coordinator,
        shared_why="Mere lokal mælk på plejehjemmene.",
        governance="Styregruppen mødes hver tredje måned.",
        ending="En part kan træde ud med tre måneders varsel.",
        revisit_on=today() + datetime.timedelta(days=365),
        change_note="",
    )
    agreement_services.part_update(
        party=company_party(alliance),
        actor=partner,
        reason="Vi vil levere til flere i kommunen.",
        logic="Nye faste kunder og et bedre lokalt omdømme.",
        limits="Vi kører ikke gratis ud efter et år.",
        commitments="En chauffør to timer om ugen.",
    )


# --- 1. The journey from the issue -----------------------------------------------------------


def test_partner_registers_value_until_the_party_is_green(page, people):
    alliance = people.public
    party = company_party(alliance)
    log_in(page, people.partner)

    # From the alliance's page to its value balance, through the alliance's navigation.
    page.goto(alliance.get_absolute_url())
    alliance_nav(page, alliance).get_by_role("link", name="Værdibalance").click()
    expect(page).to_have_url(re.compile(rf"{balance_url(alliance)}$"))
    expect(page.get_by_role("heading", level=2, name="Værdibalance")).to_be_visible()

    # The party has no goals: red, and the warning names it.
    expect(balance_row(page, COMPANY)).to_contain_text("Rød")
    warning = page.locator("#value-warning")
    expect(warning).to_contain_text(
        "3 parter har ikke nået et værdimål inden for de seneste tolv måneder"
    )
    expect(warning.get_by_role("link", name=COMPANY, exact=True)).to_be_visible()
    expect(warning.get_by_role("listitem").filter(has_text=COMPANY)).to_contain_text(
        "har ingen værdimål"
    )
    # Nothing has a value in kroner yet: the page says so instead of drawing empty bars.
    expect(page.locator("#chart-missing")).to_contain_text("ingen part har bidrag eller resultater")
    expect(page.get_by_role("img", name=re.compile("^Hvad hver part giver og får"))).to_have_count(0)

    # To the party's own ledger.
    balance_row(page, COMPANY).get_by_role("link", name=COMPANY, exact=True).click()
    expect(page).to_have_url(re.compile(rf"{ledger_url(alliance, party)}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Værdiregnskab for {COMPANY}")
    expect(page.locator("main")).to_contain_text(
        "Har ingen værdimål, eller alle partens værdimål er forsinkede."
    )
    expect(page.locator("main")).to_contain_text("Parten har ingen værdimål endnu.")

    # A contribution, the amount typed the Danish way.
    page.get_by_role("link", name="Registrér bidrag").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Registrér bidrag fra {COMPANY}")
    fill_contribution(page, amount="1.250,50")
    page.get_by_role("button", name="Registrér bidrag").click()
    expect(page).to_have_url(re.compile(rf"{ledger_url(alliance, party)}$"))
    expect(page.get_by_role("status")).to_contain_text("Bidraget er registreret.")
    contributions = page.get_by_role("table", name=f"Det, {COMPANY} lægger i alliancen")
    expect(contributions).to_contain_text("Kørselstilskud til mælken")
    expect(contributions).to_contain_text("1.250,5")
    contribution = Contribution.objects.get(party=party)
    assert contribution.quantity == Decimal("1250.50")
    assert contribution.unit == "kr"
    assert contribution.period_start == today() - datetime.timedelta(days=30)
    assert contribution.created_by == people.partner

    # A value goal with a numeric target: the party now has a goal but no result, so it is
    # yellow.
    page.get_by_role("link", name="Nyt værdimål").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Nyt værdimål for {COMPANY}")
    page.get_by_label("Hvad vil parten have med hjem?").fill("Flere faste kunder")
    page.get_by_label("Indikator").fill("antal plejehjem, der køber mælken")
    page.get_by_label("Mål", exact=True).fill("6 plejehjem")
    page.get_by_label("Måltal").fill("6")
    page.get_by_label("Måldato").fill(iso(today() + datetime.timedelta(days=180)))
    page.get_by_role("button", name="Registrér værdimål").click()
    expect(page.get_by_role("status")).to_contain_text("Værdimålet er registreret.")
    expect(page.get_by_role("heading", level=3, name="Flere faste kunder")).to_be_visible()
    expect(page.locator("main .value-status").first).to_contain_text("Gul")
    goal = ValueGoal.objects.get(party=party)
    assert goal.target_value == Decimal("6")

    # A result dated today, documented with a note: two of six is on the way, not value
    # home yet, so the party stays yellow.
    page.get_by_role("link", name=sr_named("Registrér resultat", "Flere faste kunder")).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Registrér resultat")
    expect(page.locator("main")).to_contain_text("Værdimål: Flere faste kunder")
    page.get_by_label("Dato", exact=True).fill(iso(today()))
    page.get_by_label("Hvad har parten fået?").fill("To plejehjem er blevet faste kunder.")
    page.get_by_label("Målt værdi").fill("2")
    page.get_by_label("Anslået værdi i kroner").fill("40.000")
    page.get_by_label("Note om dokumentation").fill("Kontrakterne ligger hos mejeriets salgschef.")
    page.get_by_role("button", name="Registrér resultat").click()
    expect(page.get_by_role("status")).to_contain_text("Resultatet er registreret.")
    goal_entry = page.get_by_role("article", name="Flere faste kunder")
    expect(goal_entry).to_contain_text("1 resultat")
    expect(goal_entry).to_contain_text("Kontrakterne ligger hos mejeriets salgschef.")
    expect(goal_entry).to_contain_text("Undervejs")
    expect(goal_entry).to_contain_text("33 % af vejen til målet på 6")
    expect(page.locator("main .value-status").first).to_contain_text("Gul")
    result = Result.objects.get(goal=goal)
    assert result.achieved_on == today()
    assert (result.measured_value, result.estimated_value) == (Decimal("2"), Decimal("40000"))

    # The result that reaches the target meets the goal: now the party is green.
    page.get_by_role("link", name=sr_named("Registrér resultat", "Flere faste kunder")).click()
    page.get_by_label("Dato", exact=True).fill(iso(today()))
    page.get_by_label("Hvad har parten fået?").fill("Seks plejehjem køber nu mælken.")
    page.get_by_label("Målt værdi").fill("6")
    page.get_by_label("Note om dokumentation").fill("Kontrakterne ligger hos mejeriets salgschef.")
    page.get_by_role("button", name="Registrér resultat").click()
    expect(page.get_by_role("status")).to_contain_text("Resultatet er registreret.")
    expect(goal_entry).to_contain_text("2 resultater")
    expect(goal_entry).to_contain_text("Nået")
    expect(page.locator("main .value-status").first).to_contain_text("Grøn")

    # Back on the value balance, the party is green and no longer in the warning.
    page.get_by_role("link", name="Tilbage til værdibalancen").click()
    expect(page).to_have_url(re.compile(rf"{balance_url(alliance)}$"))
    row = balance_row(page, COMPANY)
    expect(row).to_contain_text("Grøn")
    expect(row).to_contain_text("1 nået")
    # The balance may round to whole kroner; the ledger above showed the exact amount.
    expect(balance_row(page, COMPANY, "gives")).to_contain_text(re.compile(r"1\.25[01](,50?)? kr\."))
    expect(warning).to_contain_text(
        "2 parter har ikke nået et værdimål inden for de seneste tolv måneder"
    )
    expect(warning.get_by_role("link", name=COMPANY, exact=True)).to_have_count(0)
    expect(warning.get_by_role("link", name=ASSOCIATION, exact=True)).to_be_visible()
    expect(warning.get_by_role("link", name=LEAD, exact=True)).to_be_visible()
    expect(page.get_by_role("list", name="Parternes status")).to_contain_text("Grøn 1 part")


# --- 2. Mistakes in a form --------------------------------------------------------------------


def field_error(page, field):
    """The error message tied to a field by aria-describedby."""
    described_by = field.get_attribute("aria-describedby").split()
    error_id = next(id_ for id_ in described_by if id_.endswith("-error"))
    return page.locator(f"#{error_id}")


def test_a_negative_amount_is_answered_in_danish(page, people):
    alliance = people.public
    party = company_party(alliance)
    log_in(page, people.partner)
    page.goto(ledger_url(alliance, party))
    page.get_by_role("link", name="Registrér bidrag").click()
    fill_contribution(page, amount="-1.250,50")
    page.get_by_role("button", name="Registrér bidrag").click()

    summary = page.locator('[data-module="error-summary"]')
    expect(summary).to_be_visible()
    expect(summary).to_be_focused()
    expect(summary).to_contain_text("Der er fejl i formularen")
    expect(
        summary.get_by_role("link", name="Mængde: Tallet kan ikke være negativt.")
    ).to_be_visible()
    amount = page.get_by_label("Mængde")
    expect(amount).to_have_attribute("aria-invalid", "true")
    expect(field_error(page, amount)).to_have_text("Fejl: Tallet kan ikke være negativt.")
    # What was typed stays in the form, and the summary's link leads to the field.
    expect(amount).to_have_value("-1.250,50")
    expect(page.get_by_label("Beskrivelse")).to_have_value("Kørselstilskud til mælken")
    summary.get_by_role("link", name=re.compile("^Mængde")).click()
    expect(amount).to_be_focused()
    assert not Contribution.objects.exists()

    # Text that is not a number is answered the same way, with an example.
    amount.fill("mange penge")
    page.get_by_role("button", name="Registrér bidrag").click()
    expect(summary.get_by_role("link", name="Mængde: Skriv et tal, fx 1.250,50.")).to_be_visible()
    expect(field_error(page, page.get_by_label("Mængde"))).to_have_text(
        "Fejl: Skriv et tal, fx 1.250,50."
    )

    # Corrected, it is saved.
    page.get_by_label("Mængde").fill("1.250,50")
    page.get_by_role("button", name="Registrér bidrag").click()
    expect(page.get_by_role("status")).to_contain_text("Bidraget er registreret.")
    assert Contribution.objects.get(party=party).quantity == Decimal("1250.50")


def test_a_result_needs_evidence_and_a_date_not_in_the_future(page, people):
    alliance = people.public
    party = company_party(alliance)
    goal = ledger_services.goal_create(
        party=party,
        actor=people.partner,
        title="Flere faste kunder",
        indicator="antal plejehjem",
        target="6",
        target_date=today() + datetime.timedelta(days=100),
        visibility="medlemmer",
    )
    log_in(page, people.partner)
    page.goto(ledger_url(alliance, party))
    page.get_by_role("link", name=sr_named("Registrér resultat", "Flere faste kunder")).click()
    page.get_by_label("Dato", exact=True).fill(iso(today() + datetime.timedelta(days=1)))
    page.get_by_label("Hvad har parten fået?").fill("To nye kunder.")
    page.get_by_role("button", name="Registrér resultat").click()

    summary = page.locator('[data-module="error-summary"]')
    expect(summary).to_be_focused()
    expect(field_error(page, page.get_by_label("Dato", exact=True))).to_have_text(
        "Fejl: Et resultat kan ikke være opnået i fremtiden. Registrér det, når værdien er kommet."
    )
    expect(field_error(page, page.get_by_label("Note om dokumentation"))).to_contain_text(
        "Dokumentér resultatet"
    )
    expect(
        summary.get_by_role("link", name=re.compile("^Dato: Et resultat kan ikke"))
    ).to_be_visible()
    assert not Result.objects.filter(goal=goal).exists()


# --- 3. The partnering agreement ---------------------------------------------------------------


def test_coordinator_writes_terms_and_partner_signs_its_part(page, people):
    alliance = people.public
    party = company_party(alliance)

    # The coordinator writes the shared terms.
    log_in(page, people.coordinator)
    page.goto(alliance.get_absolute_url())
    alliance_nav(page, alliance).get_by_role("link", name="Samarbejdsaftale").click()
    expect(page).to_have_url(re.compile(rf"{agreement_url(alliance)}$"))
    expect(page.get_by_role("heading", level=2, name="Samarbejdsaftale")).to_be_visible()
    expect(page.locator("main")).to_contain_text("De fælles vilkår er ikke skrevet endnu.")
    page.get_by_role("link", name="Skriv de fælles vilkår").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Fælles vilkår")
    page.get_by_label("Det fælles hvorfor").fill("Mere lokal mælk på plejehjemmene.")
    page.get_by_label("Sådan styres alliancen").fill("Styregruppen mødes hver tredje måned.")
    page.get_by_label("Sådan kan alliancen ophøre").fill(
        "En part kan træde ud med tre måneders varsel."
    )
    page.get_by_label("Gennemgås igen senest").fill(iso(today() + datetime.timedelta(days=365)))
    page.get_by_role("button", name="Gem").click()
    expect(page).to_have_url(re.compile(rf"{agreement_url(alliance)}$"))
    expect(page.get_by_role("status")).to_contain_text(
        "De fælles vilkår er gemt. Parterne kan nu underskrive."
    )
    terms = page.get_by_role("region", name="Fælles vilkår")
    expect(terms).to_contain_text("Styregruppen mødes hver tredje måned.")

    # The partner representative writes the party's part.
    page.context.clear_cookies()
    log_in(page, people.partner)
    page.goto(agreement_url(alliance))
    expect(page.get_by_role("link", name=re.compile("fælles vilkår$"))).to_have_count(0)
    part = page.get_by_role("article", name=COMPANY)
    expect(part).to_contain_text("Ikke skrevet")
    part.get_by_role("link", name=sr_named("Skriv partens del", COMPANY)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Partens del af aftalen: {COMPANY}")
    page.get_by_label("Hvorfor deltager vi?").fill("Vi vil levere til flere i kommunen.")
    # A company's part asks about its business incentive and the limits of its effort.
    page.get_by_label("Forretningsmæssigt incitament").fill("Nye faste kunder.")
    page.get_by_label("Grænser for virksomhedens indsats").fill(
        "Vi kører ikke gratis ud efter et år."
    )
    page.get_by_label("Det forpligter vi os til").fill("En chauffør to timer om ugen.")
    page.get_by_role("button", name="Gem").click()
    expect(page.get_by_role("status")).to_contain_text("Partens del er gemt.")
    expect(part).to_contain_text("Ikke underskrevet")
    expect(part).to_contain_text("Nye faste kunder.")

    # Signing without ticking the box is refused; ticking it signs.
    part.get_by_role("link", name=sr_named("Underskriv", COMPANY)).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Underskriv for {COMPANY}")
    expect(page.locator("main")).to_contain_text(
        "Du underskriver version 1 af partens del sammen med version 1 af de fælles vilkår."
    )
    page.get_by_role("button", name="Underskriv").click()
    confirm = page.get_by_label("Jeg har læst partens del og de fælles vilkår")
    expect(field_error(page, confirm)).to_have_text(
        "Fejl: Sæt flueben for at bekræfte, før du underskriver."
    )
    expect(page.locator('[data-module="error-summary"]')).to_be_focused()
    confirm.check()
    page.get_by_role("button", name="Underskriv").click()
    expect(page).to_have_url(re.compile(rf"{agreement_url(alliance)}$"))
    expect(page.get_by_role("status")).to_contain_text(
        f"{COMPANY} har underskrevet sin del af aftalen."
    )
    part = page.get_by_role("article", name=COMPANY)
    expect(part.locator(".badge")).to_have_text("Underskrevet")
    expect(part).to_contain_text("underskrevet af Partner Testesen")
    expect(part.get_by_role("link", name=re.compile("^Underskriv"))).to_have_count(0)
    expect(page.locator("main dl").first).to_contain_text("1 af 3 parter")
    version = PartVersion.objects.get(party=party)
    assert version.signed_at is not None


# --- 4. Accessibility --------------------------------------------------------------------------


def test_value_ledger_pages_pass_axe(page, people):
    alliance = people.public
    party = company_party(alliance)
    register_value(alliance, party, people.partner, public=True, coordinator=people.coordinator)
    ledger_services.contribution_create(
        party=party,
        actor=people.partner,
        kind="lokaler",
        description="Mødelokale til styregruppen",
        quantity=Decimal("12"),
        unit="dage",
        estimated_value=None,
        period_start=today() - datetime.timedelta(days=10),
        period_end=None,
        visibility="medlemmer",
    )
    audit = LedgerAudit(page)

    # Anonymous on a public alliance: only the public entries, with a note saying so.
    page.goto(balance_url(alliance))
    expect(page.locator("main")).to_contain_text(
        "Du ser kun de poster, parterne har gjort offentlige."
    )
    audit.check("value-balance-anonymous")
    page.goto(ledger_url(alliance, party))
    expect(page.locator("main")).not_to_contain_text("Mødelokale til styregruppen")
    audit.check("party-ledger-anonymous")

    log_in(page, people.partner)
    page.goto(balance_url(alliance))
    expect(page.locator("#value-warning")).to_be_visible()
    audit.check("value-balance-member")
    page.goto(ledger_url(alliance, party))
    expect(page.get_by_role("heading", name="Historik")).to_be_visible()
    audit.check("party-ledger-member")

    page.get_by_role("link", name="Registrér bidrag").click()
    audit.check("contribution-form")
    fill_contribution(page, amount="-5")
    page.get_by_role("button", name="Registrér bidrag").click()
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("contribution-form-errors")

    page.goto(ledger_url(alliance, party))
    page.get_by_role("link", name="Nyt værdimål").click()
    audit.check("goal-form")
    page.get_by_role("button", name="Registrér værdimål").click()
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("goal-form-errors")

    page.goto(ledger_url(alliance, party))
    page.get_by_role("link", name=sr_named("Registrér resultat", "Bedre omdømme lokalt")).click()
    audit.check("result-form")
    page.get_by_role("button", name="Registrér resultat").click()
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("result-form-errors")

    page.goto(ledger_url(alliance, party))
    page.get_by_role(
        "link", name=sr_named("Slet mål", "Flere faste kunder blandt plejehjemmene")
    ).click()
    audit.check("goal-delete-refused")
    audit.assert_clean()


def test_agreement_pages_pass_axe(page, people):
    alliance = people.public
    party = company_party(alliance)
    audit = LedgerAudit(page)

    log_in(page, people.coordinator)
    page.goto(agreement_url(alliance))
    audit.check("agreement-empty")
    page.get_by_role("link", name="Skriv de fælles vilkår").click()
    audit.check("agreement-terms-form")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("agreement-terms-form-errors")

    write_agreement(alliance, people.coordinator, people.partner)
    page.context.clear_cookies()
    log_in(page, people.partner)
    page.goto(agreement_url(alliance))
    audit.check("agreement-partner")
    page.get_by_role("link", name=sr_named("Redigér partens del", COMPANY)).click()
    audit.check("agreement-part-form")
    page.get_by_label("Hvorfor deltager vi?").fill("")
    page.get_by_role("button", name="Gem").click()
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("agreement-part-form-errors")

    page.goto(f"{agreement_url(alliance)}parter/{party.pk}/underskriv/")
    audit.check("agreement-sign")
    page.get_by_role("button", name="Underskriv").click()
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("agreement-sign-errors")
    page.get_by_label("Jeg har læst partens del og de fælles vilkår").check()
    page.get_by_role("button", name="Underskriv").click()
    expect(page.get_by_role("status")).to_be_visible()
    audit.check("agreement-signed")
    page.goto(f"{agreement_url(alliance)}historik/")
    audit.check("agreement-history")
    audit.assert_clean()


# --- 5. The keyboard and the alliance's navigation -----------------------------------------------


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            const style = getComputedStyle(el);
            return {
                text: (el.textContent || '').trim(),
                href: el.getAttribute('href'),
                table: el.closest('table.balance-table')?.id || null,
                inNav: !!el.closest('nav.alliance-nav'),
                outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0,
                boxShadow: style.boxShadow !== 'none',
            };
        }"""
    )


def test_tab_reaches_the_party_links_on_the_value_balance(page, people):
    alliance = people.public
    log_in(page, people.partner)
    page.goto(balance_url(alliance))
    page.locator("body").focus()

    # Tab through the page until focus has been in the second balance table (what the
    # parties get) and left it again.
    stops = []
    for _ in range(150):
        page.keyboard.press("Tab")
        stop = focused(page)
        stops.append(stop)
        if stop["table"] != "gets-table" and any(earlier["table"] == "gets-table" for earlier in stops):
            break
    order = ", ".join(stop["text"][:40] for stop in stops)
    nav_stops = [stop["text"] for stop in stops if stop["inNav"]]
    assert nav_stops == ["Overblik", "Værdibalance", "Samarbejdsaftale", "Roller", "Sundhed", "Beslutninger"], order
    # One stop per party in each table, in the tables' order: public, private, civil society.
    for table in ("gives-table", "gets-table"):
        table_stops = [stop for stop in stops if stop["table"] == table]
        assert [stop["text"] for stop in table_stops] == [LEAD, COMPANY, ASSOCIATION], order
        # Focus shows on the links (WCAG 2.4.7).
        for stop in table_stops:
            assert stop["outline"] or stop["boxShadow"], f"no visible focus on {stop}"

    # Back to the company's link with Shift+Tab, and Enter follows it.
    page.keyboard.press("Shift+Tab")  # the last party link
    page.keyboard.press("Shift+Tab")
    expect(balance_row(page, COMPANY).get_by_role("link", name=COMPANY, exact=True)).to_be_focused()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(rf"{ledger_url(alliance, company_party(alliance))}$"))


def test_alliance_navigation_marks_the_current_page(page, people):
    alliance = people.public
    log_in(page, people.partner)
    expected = {
        alliance.get_absolute_url(): "Overblik",
        balance_url(alliance): "Værdibalance",
        agreement_url(alliance): "Samarbejdsaftale",
    }
    for url, current in expected.items():
        page.goto(url)
        nav = alliance_nav(page, alliance)
        links = nav.get_by_role("link")
        expect(links).to_have_text(["Overblik", "Værdibalance", "Samarbejdsaftale", "Roller", "Sundhed", "Beslutninger"])
        for label in expected.values():
            link = nav.get_by_role("link", name=label, exact=True)
            if label == current:
                expect(link).to_have_attribute("aria-current", "page")
            else:
                expect(link).not_to_have_attribute("aria-current", re.compile(".*"))
        assert nav.locator('[aria-current="page"]').count() == 1, url

    # Anonymous visitors see the public pages only: the agreement is for members.
    page.context.clear_cookies()
    page.goto(balance_url(alliance))
    nav = alliance_nav(page, alliance)
    expect(nav.get_by_role("link")).to_have_text(["Overblik", "Værdibalance"])
    expect(nav.get_by_role("link", name="Værdibalance")).to_have_attribute("aria-current", "page")


def test_new_pages_fit_a_phone(page, people):
    """The balance table and chart and the ledger's tables stay inside a 390 px screen."""
    alliance = people.public
    party = company_party(alliance)
    register_value(alliance, party, people.partner, public=False, coordinator=people.coordinator)
    write_agreement(alliance, people.coordinator, people.partner)
    log_in(page, people.partner)
    page.set_viewport_size(PHONE_390)
    for path in [
        balance_url(alliance),
        ledger_url(alliance, party),
        f"{ledger_url(alliance, party)}bidrag/ny/",
        agreement_url(alliance),
    ]:
        page.goto(path)
        widths = page.evaluate(
            "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
        )
        assert widths[0] <= widths[1], f"{path} scrolls sideways at 390 px: {widths}"
    # On a phone the chart is drawn in its narrow layout, inside the screen: nothing to scroll.
    page.goto(balance_url(alliance))
    expect(page.locator("svg.balance-chart__wide")).to_be_hidden()
    chart = page.locator("svg.balance-chart__narrow")
    expect(chart).to_be_visible()
    expect(chart).to_have_accessible_name(re.compile("^Hvad hver part giver og får"))
    box = chart.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= 390, box
