"""The alliance's shared goals, its agreed hour rates, a party's own answer, and the new
fields of the entry forms, as people use them (who may do what is also in the permission
matrix: matrix.py)."""

import datetime
from decimal import Decimal

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from brobygger.alliances.models import ValueAnswer
from brobygger.alliances.services import value_answer_create
from brobygger.core.models import AuditAction, AuditRecord
from brobygger.ledger import services
from brobygger.ledger.models import Contribution, HourKind, Result, ValueGoal
from brobygger.ledger.tests.matrix import ANSWER_DENIED, SHARED_DENIED

from .helpers import (
    add_contribution,
    add_goal,
    add_result,
    client_for,
    ledger_rows,
    main,
    page,
    party,
)

SHARED_EXPLAINED = "Et fælles mål er noget, alliancen vil opnå sammen for borgerne"


def _shared_goal(landscape, **overrides) -> ValueGoal:
    values = {
        "title": "Færre ensomme ældre",
        "indicator": "Andel ældre, der føler sig ensomme",
        "target": "Under 10 %",
        "target_date": datetime.date(2027, 12, 31),
        "visibility": "offentlig",
    }
    values.update(overrides)
    return services.shared_goal_create(actor=landscape.coordinator, alliance=landscape.public, **values)


def _url(landscape, name: str, **kwargs) -> str:
    return reverse(f"ledger:{name}", kwargs={"slug": landscape.public.slug, **kwargs})


def _messages(response) -> list[str]:
    return [str(message) for message in get_messages(response.wsgi_request)]


def _radio_values(response, name: str) -> list[str]:
    return [element.attrs["value"] for element in page(response).find_all("input", type="radio", name=name)]


# --- Shared goals ------------------------------------------------------------------------------


def test_the_shared_goals_page_explains_them_and_shows_what_the_reader_may_read(today, landscape):
    _shared_goal(landscape, title="Færre ensomme ældre", target_value=Decimal("10"), target_unit="%", direction="mindre")
    _shared_goal(landscape, title="Flere frivillige besøgsvenner", visibility="medlemmer")
    path = _url(landscape, "shared_goals")

    anonymous = main(client_for(None).get(path))
    assert SHARED_EXPLAINED in anonymous.text
    assert "Færre ensomme ældre" in anonymous.text
    assert "Flere frivillige besøgsvenner" not in anonymous.text
    assert "Du ser kun de fælles mål, alliancen har gjort offentlige." in anonymous.text

    observer = main(client_for(landscape.observer).get(path))
    assert "Flere frivillige besøgsvenner" in observer.text
    assert "Nyt fælles mål" not in observer.text
    assert not observer.find_all("a", href=_url(landscape, "shared_goal_add"))

    coordinator = main(client_for(landscape.coordinator).get(path))
    assert coordinator.find("a", href=_url(landscape, "shared_goal_add")).text == "Nyt fælles mål"


def test_a_coordinator_sets_a_shared_goal_that_belongs_to_no_party(today, landscape):
    client = client_for(landscape.coordinator)
    path = _url(landscape, "shared_goal_add")
    form_page = client.get(path)
    assert "Alliancens fælles mål i Offentlig mælk." in main(form_page).text
    # Never confidential: only the two wider reading levels are offered.
    assert _radio_values(form_page, "visibility") == ["offentlig", "medlemmer"]

    response = client.post(
        path,
        {
            "title": "Færre ensomme ældre",
            "indicator": "Andel ældre, der føler sig ensomme",
            "target": "Under 10 %",
            "target_value": "10",
            "target_unit": "%",
            "direction": "mindre",
            "reading": "seneste",
            "start_date": "",
            "target_date": "2027-12-31",
            "visibility": "medlemmer",
        },
        follow=True,
    )

    assert response.redirect_chain == [(_url(landscape, "shared_goals"), 302)]
    goal = ValueGoal.objects.get(title="Færre ensomme ældre")
    assert (goal.party, goal.alliance, goal.target_value, goal.direction) == (
        None,
        landscape.public,
        Decimal("10.00"),
        "mindre",
    )
    assert "Det fælles mål er registreret." in page(response).text
    assert "Færre ensomme ældre" in main(response).text


def test_a_shared_goal_and_its_results_are_edited_from_the_shared_goals(today, landscape):
    """Editing a shared goal, adding, editing and deleting its results all lead back to the
    shared goals; the forms say it is the alliance's goal, not a party's."""
    goal = _shared_goal(landscape)
    client = client_for(landscape.coordinator)
    shared_page = _url(landscape, "shared_goals")

    edit_page = client.get(_url(landscape, "goal_edit", pk=goal.pk))
    assert "Alliancens fælles mål i Offentlig mælk." in main(edit_page).text
    assert "Part:" not in main(edit_page).text
    assert _radio_values(edit_page, "visibility") == ["offentlig", "medlemmer"]
    response = client.post(
        _url(landscape, "goal_edit", pk=goal.pk),
        {
            "title": "Færre ensomme ældre i kommunen",
            "indicator": goal.indicator,
            "target": goal.target,
            "target_value": "",
            "target_unit": "",
            "direction": "mere",
            "reading": "seneste",
            "start_date": "",
            "target_date": "2027-12-31",
            "visibility": "offentlig",
        },
    )
    assert response["Location"] == shared_page

    response = client.post(
        _url(landscape, "result_add", goal_id=goal.pk),
        {
            "achieved_on": "2026-11-01",
            "description": "Målingen viser 9 %.",
            "meets_goal": "on",
            "evidence_note": "Sundhedsprofilen 2026.",
            "visibility": "offentlig",
        },
    )
    assert response["Location"] == shared_page
    result = Result.objects.get(goal=goal)
    assert result.meets_goal

    assert client.get(_url(landscape, "result_edit", pk=result.pk)).status_code == 200
    blocked = client.get(_url(landscape, "goal_delete", pk=goal.pk))
    assert "Målet har et resultat og kan ikke slettes." in main(blocked).text
    assert main(blocked).find("a", cls="button", href=shared_page).text == "Tilbage til de fælles mål"

    response = client.post(_url(landscape, "result_delete", pk=result.pk))
    assert response["Location"] == shared_page
    response = client.post(_url(landscape, "goal_delete", pk=goal.pk))
    assert response["Location"] == shared_page
    assert not ValueGoal.objects.filter(pk=goal.pk).exists()


def test_a_partner_may_read_but_not_change_the_shared_goals(today, landscape):
    goal = _shared_goal(landscape)
    client = client_for(landscape.partner)
    assert client.get(_url(landscape, "shared_goals")).status_code == 200
    before = ledger_rows()
    for path in (_url(landscape, "goal_edit", pk=goal.pk), _url(landscape, "result_add", goal_id=goal.pk)):
        response = client.post(path, {"title": "Partnerens mål"})
        assert response.status_code == 403
        assert SHARED_DENIED in response.content.decode()
    assert ledger_rows() == before


def test_a_shared_goal_is_never_confidential(today, landscape):
    """Its edit form refuses the confidential level (the services do too: test_new_bad_input)."""
    goal = _shared_goal(landscape, visibility="medlemmer")
    client = client_for(landscape.coordinator)
    before = ledger_rows()
    response = client.post(
        _url(landscape, "goal_edit", pk=goal.pk),
        {
            "title": goal.title,
            "indicator": goal.indicator,
            "target": goal.target,
            "direction": "mere",
            "reading": "seneste",
            "target_date": "2027-12-31",
            "visibility": "fortrolig",
        },
    )
    assert response.status_code == 400
    assert ledger_rows() == before
    goal.refresh_from_db()
    assert goal.visibility == "medlemmer"


# --- Hour kinds and their agreed rates ----------------------------------------------------------


@pytest.fixture
def rates(today, landscape):
    coordinator = landscape.coordinator
    paid = services.hour_kind_create(
        actor=coordinator,
        alliance=landscape.public,
        name="Medarbejdertimer",
        rate=Decimal("450"),
        description="Løn med pension, uden husleje",
    )
    free = services.hour_kind_create(actor=coordinator, alliance=landscape.public, name="Frivillige timer")
    foreign = services.hour_kind_create(actor=coordinator, alliance=landscape.private, name="Hemmelige timer", rate=Decimal("1"))
    company = party(landscape.public, landscape.company)
    add_contribution(
        company, landscape.partner, kind="arbejdstimer", unit="timer", quantity=Decimal("40"), hour_kind=paid
    )
    return paid, free, foreign


def test_the_rates_page_counts_only_the_hours_the_reader_reads(rates, landscape):
    """A confidential contribution's hours are not given away in the kind's totals."""
    paid, _free, _foreign = rates
    company = party(landscape.public, landscape.company)
    add_contribution(
        company,
        landscape.partner,
        kind="arbejdstimer",
        unit="timer",
        quantity=Decimal("7"),
        hour_kind=paid,
        visibility="fortrolig",
    )

    def medarbejdertimer(user):
        table = main(client_for(user).get(_url(landscape, "hour_kinds"))).find("table")
        return next(row for row in table.rows() if row[0] == "Medarbejdertimer")[3:5]

    assert medarbejdertimer(None) == ["1", "40"]
    assert medarbejdertimer(landscape.partner) == ["2", "47"]
    assert medarbejdertimer(landscape.coordinator) == ["2", "47"]


def test_everyone_who_sees_the_alliance_reads_its_rates(rates, landscape):
    paid, free, _foreign = rates
    response = client_for(None).get(_url(landscape, "hour_kinds"))
    assert response.status_code == 200
    table = main(response).find("table")
    assert table.rows()[1:] == [
        ["Frivillige timer", "ingen sats: tælles kun som timer", "–", "0", "0"],
        ["Medarbejdertimer", "450,00 kr. i timen", "Løn med pension, uden husleje", "1", "40"],
    ]
    assert "Ny timetype" not in main(response).text
    assert not main(response).find_all("a", href=_url(landscape, "hour_kind_edit", pk=paid.pk))

    coordinator = main(client_for(landscape.coordinator).get(_url(landscape, "hour_kinds")))
    assert coordinator.find("a", href=_url(landscape, "hour_kind_add")).text == "Ny timetype"
    assert coordinator.find_all("a", href=_url(landscape, "hour_kind_edit", pk=free.pk))
    assert coordinator.find_all("a", href=_url(landscape, "hour_kind_delete", pk=paid.pk))


def test_a_coordinator_agrees_a_rate_and_changes_it(rates, landscape):
    client = client_for(landscape.coordinator)
    response = client.post(
        _url(landscape, "hour_kind_add"), {"name": "Konsulenttimer", "rate": "1.100,50", "description": ""}
    )
    assert response["Location"] == _url(landscape, "hour_kinds")
    kind = HourKind.objects.get(alliance=landscape.public, name="Konsulenttimer")
    assert kind.rate == Decimal("1100.50")

    paid = rates[0]
    edit_page = client.get(_url(landscape, "hour_kind_edit", pk=paid.pk))
    assert page(edit_page).find("input", name="rate").attrs["value"] == "450"
    response = client.post(
        _url(landscape, "hour_kind_edit", pk=paid.pk), {"name": "Medarbejdertimer", "rate": "500", "description": ""}
    )
    assert response["Location"] == _url(landscape, "hour_kinds")
    # The new rate values the hours given before too.
    assert Contribution.objects.get(hour_kind=paid).kroner == Decimal("20000.00")


def test_an_hour_kind_in_use_cannot_be_deleted(rates, landscape):
    paid, free, _foreign = rates
    client = client_for(landscape.coordinator)
    path = _url(landscape, "hour_kind_delete", pk=paid.pk)

    refusal = main(client.get(path))
    assert "Timetypen bruges af et bidrag og kan ikke slettes." in refusal.text
    assert not refusal.find_all("form")
    assert refusal.find("a", cls="button", href=_url(landscape, "hour_kinds")).text == "Tilbage til timesatserne"

    before = ledger_rows()
    response = client.post(path)
    assert response.status_code == 400
    assert "Timetypen bruges af et bidrag og kan ikke slettes." in main(response).text
    assert ledger_rows() == before

    response = client.post(_url(landscape, "hour_kind_delete", pk=free.pk))
    assert response["Location"] == _url(landscape, "hour_kinds")
    assert not HourKind.objects.filter(pk=free.pk).exists()
    assert AuditRecord.objects.filter(object_id=free.pk, action=AuditAction.DELETED).exists()


def test_another_alliances_hour_kind_is_not_found(rates, landscape):
    foreign = rates[2]
    client = client_for(landscape.coordinator)
    for name in ("hour_kind_edit", "hour_kind_delete"):
        assert client.get(_url(landscape, name, pk=foreign.pk)).status_code == 404
        assert client.post(_url(landscape, name, pk=foreign.pk)).status_code == 404
    assert HourKind.objects.filter(pk=foreign.pk).exists()


# --- The new fields of the entry forms -----------------------------------------------------------


def test_hours_are_given_a_kind_of_the_alliance_and_valued_at_its_rate(rates, landscape):
    paid, free, foreign = rates
    company = party(landscape.public, landscape.company)
    client = client_for(landscape.partner)
    path = _url(landscape, "contribution_add", party_id=company.pk)
    options = page(client.get(path)).find("select", name="hour_kind").find_all("option")
    assert [option.text for option in options] == [
        "Ingen timetype",
        "Frivillige timer (ingen timesats)",
        "Medarbejdertimer (450,00 kr. i timen)",
    ]
    assert str(foreign.pk) not in [option.attrs["value"] for option in options]

    response = client.post(
        path,
        {
            "kind": "arbejdstimer",
            "description": "Sygeplejersker på plejecentret",
            "quantity": "10",
            "unit": "timer",
            "estimated_value": "",
            "period_start": "2026-01-01",
            "hour_kind": str(paid.pk),
            "visibility": "medlemmer",
        },
    )
    assert response.status_code == 302
    entry = Contribution.objects.get(description="Sygeplejersker på plejecentret")
    assert (entry.hour_kind, entry.estimated_value, entry.kroner) == (paid, None, Decimal("4500.00"))


def test_a_payment_for_a_delivery_is_marked_as_such(rates, landscape):
    company = party(landscape.public, landscape.company)
    client = client_for(landscape.partner)
    response = client.post(
        _url(landscape, "contribution_add", party_id=company.pk),
        {
            "kind": "penge",
            "description": "Kommunen køber mælk",
            "quantity": "25.000",
            "unit": "kr",
            "period_start": "2026-01-01",
            "is_payment": "on",
            "visibility": "medlemmer",
        },
    )
    assert response.status_code == 302
    assert Contribution.objects.get(description="Kommunen køber mælk").is_payment


def test_the_goal_is_met_is_asked_only_of_a_goal_without_a_number(today, landscape):
    company = party(landscape.public, landscape.company)
    client = client_for(landscape.partner)
    in_words = add_goal(company, landscape.partner, title="Et godt samarbejde")
    measured = add_goal(company, landscape.partner, title="12 borgere i praktik", target_value=Decimal("12"))
    result = {
        "achieved_on": "2026-11-01",
        "description": "Et godt møde.",
        "estimated_value": "",
        "evidence_note": "Referat.",
        "meets_goal": "on",
        "visibility": "medlemmer",
    }

    words_form = page(client.get(_url(landscape, "result_add", goal_id=in_words.pk)))
    assert words_form.find("input", name="meets_goal").attrs["type"] == "checkbox"
    assert "Målet er nået" in words_form.find("label", **{"for": "id_meets_goal"}).text
    assert client.post(_url(landscape, "result_add", goal_id=in_words.pk), result).status_code == 302
    assert Result.objects.get(goal=in_words).meets_goal

    measured_form = page(client.get(_url(landscape, "result_add", goal_id=measured.pk)))
    assert not measured_form.find_all("input", name="meets_goal")
    # A mark posted anyway does not make the goal met: its measured values do.
    assert client.post(_url(landscape, "result_add", goal_id=measured.pk), result).status_code == 302
    assert not Result.objects.get(goal=measured).meets_goal


def test_a_result_that_is_a_payment_is_kept_apart(today, landscape):
    company = party(landscape.public, landscape.company)
    goal = add_goal(company, landscape.partner)
    existing = add_result(goal, landscape.partner, is_payment=True, estimated_value=Decimal("8000"))
    client = client_for(landscape.partner)
    edit_form = page(client.get(_url(landscape, "result_edit", pk=existing.pk)))
    assert "checked" in edit_form.find("input", name="is_payment").attrs
    assert "Resultatet er en betaling for en leverance" in edit_form.find("label", **{"for": "id_is_payment"}).text


# --- The party's own answer -------------------------------------------------------------------


def test_a_representative_answers_for_their_party(today, landscape):
    company = party(landscape.public, landscape.company)
    value_answer_create(
        actor=landscape.partner, party=company, answer="nej", comment="Vi har ikke fået noget endnu."
    )
    client = client_for(landscape.partner)
    path = _url(landscape, "value_answer", party_id=company.pk)

    form_page = client.get(path)
    assert form_page.status_code == 200
    assert main(form_page).find("h1").text == "Får I nok ud af alliancen?"
    assert _radio_values(form_page, "answer") == ["ja", "delvist", "nej"]
    assert "»Vi har ikke fået noget endnu.«" in main(form_page).text

    response = client.post(path, {"answer": "delvist", "comment": "  To praktikanter, men ingen data endnu. "})
    assert response["Location"] == _url(landscape, "party", party_id=company.pk)
    assert "Tak. Partens svar er gemt og står nu ved partens tal." in _messages(response)
    latest = ValueAnswer.objects.filter(party=company).first()
    assert (latest.answer, latest.comment, latest.answered_by) == (
        "delvist",
        "To praktikanter, men ingen data endnu.",
        landscape.partner,
    )
    earlier = main(client.get(path)).text
    assert earlier.index("To praktikanter") < earlier.index("Vi har ikke fået noget endnu.")


@pytest.mark.parametrize("kind", ["observer", "coordinator", "staff"])
def test_nobody_answers_on_a_partys_behalf(today, landscape, kind):
    """Observers read, coordinators and staff may edit the party's ledger, but only its own
    representatives give its word: 403 with the reason, and nothing is saved."""
    company = party(landscape.public, landscape.company)
    client = client_for(getattr(landscape, kind))
    path = _url(landscape, "value_answer", party_id=company.pk)
    before = ledger_rows()
    for response in (client.get(path), client.post(path, {"answer": "ja", "comment": "Det går fint."})):
        assert response.status_code == 403
        assert ANSWER_DENIED in response.content.decode()
    assert ledger_rows() == before


def test_a_coordinator_answers_for_their_own_organisations_party(today, landscape):
    lejre = party(landscape.public, landscape.lejre)
    client = client_for(landscape.coordinator)
    response = client.post(
        _url(landscape, "value_answer", party_id=lejre.pk), {"answer": "ja", "comment": "Det går fint."}
    )
    assert response.status_code == 302
    assert ValueAnswer.objects.get(party=lejre).answered_by == landscape.coordinator


@pytest.mark.parametrize("kind", ["outsider", "public_employee"])
def test_the_answers_do_not_exist_outside_the_alliance(today, landscape, kind):
    company = party(landscape.public, landscape.company)
    value_answer_create(actor=landscape.partner, party=company, answer="nej", comment="Intet endnu.")
    response = client_for(getattr(landscape, kind)).get(_url(landscape, "value_answer", party_id=company.pk))
    assert response.status_code == 404
    assert "Intet endnu." not in response.content.decode()
