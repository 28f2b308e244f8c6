"""The ledger's services: every write leaves an audit record (who, what, on whose behalf);
bad figures are refused with a Danish message on the field and nothing is written."""

import datetime
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db.models import ProtectedError
from django.utils import timezone

from brobygger.core.models import AuditAction
from brobygger.ledger import services
from brobygger.ledger.models import (
    Contribution,
    Result,
    ValueGoal,
)

from .helpers import (
    DATE_RANGE,
    FUTURE_RESULT,
    MISSING_EVIDENCE,
    NEGATIVE,
    NOT_ZERO,
    PERIOD_ORDER,
    TOO_LARGE,
    add_contribution,
    add_goal,
    add_result,
    ledger_records,
    ledger_rows,
    party,
)


def messages_for(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


def only_change():
    changes = list(ledger_records())
    assert len(changes) == 1, changes
    return changes[0]


@pytest.fixture
def company(today, landscape):
    return party(landscape.public, landscape.company)


# --- Contributions -------------------------------------------------------------------------


def test_contribution_create_records_who_and_what(company, landscape):
    nurses = services.hour_kind_create(
        actor=landscape.coordinator, alliance=landscape.public, name="Sygeplejersketimer", rate=Decimal("400")
    )
    contribution = add_contribution(
        company,
        landscape.partner,
        kind="arbejdstimer",
        description="To sygeplejersker fire timer om ugen",
        quantity=Decimal("1250.50"),
        unit="timer",
        hour_kind=nurses,
        period_end=None,
        visibility="medlemmer",
    )
    stored = Contribution.objects.get()
    assert stored.pk == contribution.pk
    assert stored.quantity == Decimal("1250.50")
    assert (stored.hour_kind, stored.estimated_value, stored.is_payment) == (nurses, None, False)
    # The hours are worth what the alliance's rate for their kind says: 1.250,5 × 400 kr.
    assert stored.kroner == Decimal("500200.00")
    assert (stored.created_by, stored.updated_by) == (landscape.partner, landscape.partner)
    change = only_change()
    assert change.party_id == company.pk
    assert (change.content_type.model_class(), change.object_id, change.action) == (
        Contribution,
        contribution.pk,
        AuditAction.CREATED,
    )
    assert change.object_label == "To sygeplejersker fire timer om ugen"
    assert change.actor == landscape.partner
    assert change.on_behalf is False
    assert change.at == timezone.now()
    # What was set, as text (the hour kind by its name); the empty end date and estimate are
    # left out, and "not a payment" is recorded as such.
    assert change.changes == {
        "kind": [None, "arbejdstimer"],
        "description": [None, "To sygeplejersker fire timer om ugen"],
        "quantity": [None, "1250.50"],
        "unit": [None, "timer"],
        "period_start": [None, "2026-01-01"],
        "hour_kind": [None, "Sygeplejersketimer"],
        "is_payment": [None, "0"],
        "visibility": [None, "medlemmer"],
    }


def test_contribution_update_logs_only_what_changed(company, landscape):
    contribution = add_contribution(company, landscape.partner, quantity=Decimal("10000.00"))
    ledger_records().delete()
    contribution = Contribution.objects.get(pk=contribution.pk)
    services.contribution_update(
        contribution=contribution,
        actor=landscape.partner,
        kind="penge",
        description="Tilskud til mælken",
        quantity=Decimal("12500.00"),
        unit="kr",
        estimated_value=None,
        period_start=datetime.date(2026, 1, 1),
        period_end=datetime.date(2027, 6, 30),
        visibility="medlemmer",
    )
    stored = Contribution.objects.get(pk=contribution.pk)
    assert (stored.quantity, stored.period_end, stored.is_public) == (
        Decimal("12500.00"),
        datetime.date(2027, 6, 30),
        False,
    )
    change = only_change()
    assert change.action == AuditAction.CHANGED
    assert change.on_behalf is False
    assert change.changes == {
        "quantity": ["10000.00", "12500.00"],
        "period_end": ["2026-12-31", "2027-06-30"],
        "visibility": ["offentlig", "medlemmer"],
    }


def test_an_update_that_changes_nothing_logs_nothing(company, landscape):
    contribution = add_contribution(company, landscape.partner, quantity=Decimal("10000.00"))
    contribution = Contribution.objects.get(pk=contribution.pk)
    services.contribution_update(
        contribution=contribution, actor=landscape.coordinator, description="Tilskud til mælken"
    )
    assert ledger_records().filter(action=AuditAction.CHANGED).count() == 0


def test_contribution_delete_keeps_the_history(company, landscape):
    contribution = add_contribution(company, landscape.partner)
    pk = contribution.pk
    services.contribution_delete(contribution=contribution, actor=landscape.coordinator)
    assert not Contribution.objects.exists()
    deleted = ledger_records().get(action=AuditAction.DELETED)
    assert (deleted.content_type.model_class(), deleted.object_id, deleted.party_id) == (
        Contribution,
        pk,
        company.pk,
    )
    assert deleted.object_label == "Tilskud til mælken"
    assert deleted.actor == landscape.coordinator
    assert deleted.on_behalf is True
    assert deleted.changes["description"] == ["Tilskud til mælken", None]
    assert deleted.changes["quantity"] == ["10000.00", None]
    assert ledger_records().filter(object_id=pk, action=AuditAction.CREATED).exists()


@pytest.mark.parametrize(
    "kind, organisation, on_behalf",
    [
        ("partner", "company", False),  # the party's own representative
        ("coordinator", "company", True),  # a coordinator for another party
        ("staff", "company", True),
        ("coordinator", "lejre", False),  # the coordinator represents Lejre Kommune
    ],
)
def test_on_behalf_says_whether_the_party_itself_wrote(
    today, landscape, kind, organisation, on_behalf
):
    """A change by the party's own representative is its own; a coordinator's or staff
    member's change for another party is made on its behalf, and the log says so."""
    user = getattr(landscape, kind)
    target = party(landscape.public, getattr(landscape, organisation))
    contribution = add_contribution(target, user)
    goal = add_goal(target, user)
    result = add_result(goal, user)
    services.goal_update(goal=goal, actor=user, title="Et nyt mål")
    services.result_delete(result=result, actor=user)
    services.contribution_delete(contribution=contribution, actor=user)
    changes = ledger_records()
    assert changes.count() == 6
    assert {c.on_behalf for c in changes} == {on_behalf}
    assert {c.actor for c in changes} == {user}
    assert {c.party_id for c in changes} == {target.pk}


# --- Goals ---------------------------------------------------------------------------------


def test_goal_create_update_and_delete_are_logged(company, landscape):
    goal = add_goal(company, landscape.partner)
    created = only_change()
    assert (created.content_type.model_class(), created.object_id, created.action) == (
        ValueGoal,
        goal.pk,
        AuditAction.CREATED,
    )
    assert created.object_label == "Flere borgere i praktik hos os"
    assert created.changes["target_date"] == [None, "2027-06-30"]

    services.goal_update(goal=goal, actor=landscape.coordinator, target="15 borgere om året")
    changed = ledger_records().get(action=AuditAction.CHANGED)
    assert changed.changes == {"target": ["12 borgere om året", "15 borgere om året"]}
    assert changed.on_behalf is True
    assert ValueGoal.objects.get().target == "15 borgere om året"

    pk = goal.pk
    services.goal_delete(goal=goal, actor=landscape.partner)
    assert not ValueGoal.objects.exists()
    deleted = ledger_records().get(action=AuditAction.DELETED)
    assert (deleted.content_type.model_class(), deleted.object_id, deleted.on_behalf) == (
        ValueGoal,
        pk,
        False,
    )
    assert deleted.changes["target"] == ["15 borgere om året", None]


@pytest.mark.parametrize(
    "results, message",
    [
        (1, "Målet har et resultat og kan ikke slettes."),
        (2, "Målet har 2 resultater og kan ikke slettes."),
    ],
)
def test_a_goal_with_results_cannot_be_deleted(company, landscape, results, message):
    """The goal is the party's record of value it got home: deleting it is refused with a
    Danish explanation, and the goal, its results and the log stay as they were."""
    goal = add_goal(company, landscape.partner)
    for number in range(results):
        add_result(goal, landscape.partner, description=f"Resultat {number}")
    before = ledger_rows()
    with pytest.raises(ValidationError) as caught:
        services.goal_delete(goal=goal, actor=landscape.coordinator)
    assert caught.value.code == "goal_has_results"
    assert message in " ".join(caught.value.messages)
    assert ledger_rows() == before


def test_the_database_also_protects_a_goal_with_results(company, landscape):
    goal = add_goal(company, landscape.partner)
    add_result(goal, landscape.partner)
    with pytest.raises(ProtectedError):
        ValueGoal.objects.filter(pk=goal.pk).delete()


def test_a_goal_can_be_deleted_once_its_results_are(company, landscape):
    goal = add_goal(company, landscape.partner)
    services.result_delete(result=add_result(goal, landscape.partner), actor=landscape.partner)
    services.goal_delete(goal=goal, actor=landscape.partner)
    assert not ValueGoal.objects.exists()
    assert list(ledger_records().order_by("pk").values_list("content_type__model", "action")) == [
        ("valuegoal", AuditAction.CREATED),
        ("result", AuditAction.CREATED),
        ("result", AuditAction.DELETED),
        ("valuegoal", AuditAction.DELETED),
    ]


# --- Results -------------------------------------------------------------------------------


def test_result_create_update_and_delete_are_logged_on_the_goals_party(company, landscape):
    goal = add_goal(company, landscape.partner)
    ledger_records().delete()
    result = add_result(
        goal,
        landscape.partner,
        measured_value=Decimal("-3.5"),
        evidence_url="",
        evidence_note="Se referatet fra mødet.",
    )
    created = only_change()
    assert (created.party_id, created.content_type.model_class(), created.object_id) == (
        company.pk,
        Result,
        result.pk,
    )
    assert created.object_label == "Fire borgere kom i praktik."
    assert created.changes["measured_value"] == [None, "-3.50"]
    assert "evidence_url" not in created.changes

    result = Result.objects.get(pk=result.pk)
    services.result_update(
        result=result,
        actor=landscape.staff,
        achieved_on=datetime.date(2026, 11, 1),
        description="Fire borgere kom i praktik.",
        evidence_note="Se referatet fra mødet.",
        estimated_value=Decimal("3000.00"),
    )
    changed = ledger_records().get(action=AuditAction.CHANGED)
    assert changed.changes == {
        "achieved_on": ["2026-10-01", "2026-11-01"],
        "estimated_value": ["2500.00", "3000.00"],
    }
    assert (changed.actor, changed.on_behalf) == (landscape.staff, True)

    pk = result.pk
    services.result_delete(result=result, actor=landscape.partner)
    assert not Result.objects.exists()
    assert ValueGoal.objects.filter(pk=goal.pk).exists()
    deleted = ledger_records().get(action=AuditAction.DELETED)
    assert (deleted.content_type.model_class(), deleted.object_id, deleted.on_behalf) == (
        Result,
        pk,
        False,
    )


def test_a_measured_value_may_be_negative_but_an_estimate_may_not(company, landscape):
    goal = add_goal(company, landscape.partner)
    result = add_result(
        goal, landscape.partner, measured_value=Decimal("-12"), estimated_value=Decimal("0")
    )
    assert Result.objects.get(pk=result.pk).measured_value == Decimal("-12")
    with pytest.raises(ValidationError) as caught:
        add_result(goal, landscape.partner, estimated_value=Decimal("-1"))
    assert NEGATIVE in messages_for(caught.value, "estimated_value")


# --- Bad figures are refused and nothing is written -----------------------------------------


CONTRIBUTION_ERRORS = [
    ({"quantity": Decimal("-5")}, "quantity", NEGATIVE),
    ({"quantity": Decimal("0")}, "quantity", NOT_ZERO),
    ({"quantity": Decimal("1000000000.01")}, "quantity", TOO_LARGE),
    ({"quantity": Decimal("99999999999999")}, "quantity", TOO_LARGE),
    ({"estimated_value": Decimal("-0.01")}, "estimated_value", NEGATIVE),
    ({"estimated_value": Decimal("5000000000")}, "estimated_value", TOO_LARGE),
    (
        {"period_start": datetime.date(2026, 6, 1), "period_end": datetime.date(2026, 5, 31)},
        "period_end",
        PERIOD_ORDER,
    ),
    ({"period_start": datetime.date(1999, 12, 31)}, "period_start", DATE_RANGE),
    ({"period_end": datetime.date(2101, 1, 1)}, "period_end", DATE_RANGE),
    ({"kind": "rumfart"}, "kind", "er ikke et gyldigt valg"),
    ({"unit": "lysår"}, "unit", "er ikke et gyldigt valg"),
    ({"description": ""}, "description", "Dette felt kan ikke være tomt."),
    ({"description": "x" * 501}, "description", "højst have 500 tegn"),
]


@pytest.mark.parametrize(
    "changes, field, message",
    CONTRIBUTION_ERRORS,
    ids=[f"{field}-{number}" for number, (_c, field, _m) in enumerate(CONTRIBUTION_ERRORS)],
)
def test_contribution_create_refuses_bad_values(company, landscape, changes, field, message):
    before = ledger_rows()
    with pytest.raises(ValidationError) as caught:
        add_contribution(company, landscape.partner, **changes)
    assert message in messages_for(caught.value, field)
    assert ledger_rows() == before


@pytest.mark.parametrize(
    "changes, field, message",
    CONTRIBUTION_ERRORS,
    ids=[f"{field}-{number}" for number, (_c, field, _m) in enumerate(CONTRIBUTION_ERRORS)],
)
def test_contribution_update_refuses_bad_values(company, landscape, changes, field, message):
    contribution = add_contribution(company, landscape.partner)
    before = ledger_rows()
    values = {
        "kind": "penge",
        "description": "Tilskud til mælken",
        "quantity": Decimal("10000"),
        "unit": "kr",
        "estimated_value": None,
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 12, 31),
        "visibility": "offentlig",
        **changes,
    }
    with pytest.raises(ValidationError) as caught:
        services.contribution_update(
            contribution=Contribution.objects.get(pk=contribution.pk),
            actor=landscape.partner,
            **values,
        )
    assert message in messages_for(caught.value, field)
    assert ledger_rows() == before


def test_the_limits_themselves_are_allowed(company, landscape):
    """One milliard, a value of 0, a one-day period and the first and last allowed dates pass."""
    add_contribution(
        company,
        landscape.partner,
        quantity=Decimal("1000000000"),
        estimated_value=Decimal("0"),
        period_start=datetime.date(2000, 1, 1),
        period_end=datetime.date(2000, 1, 1),
    )
    add_contribution(
        company,
        landscape.partner,
        quantity=Decimal("0.01"),
        period_start=datetime.date(2100, 12, 31),
        period_end=None,
    )
    add_goal(company, landscape.partner, target_date=datetime.date(2100, 12, 31))
    assert Contribution.objects.count() == 2


def test_every_error_is_reported_at_once(company, landscape):
    with pytest.raises(ValidationError) as caught:
        add_contribution(
            company,
            landscape.partner,
            quantity=Decimal("0"),
            estimated_value=Decimal("-1"),
            period_start=datetime.date(2026, 6, 1),
            period_end=datetime.date(2026, 5, 1),
        )
    assert set(caught.value.message_dict) == {"quantity", "estimated_value", "period_end"}
    assert not Contribution.objects.exists()


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"target_date": datetime.date(1999, 12, 31)}, "target_date", DATE_RANGE),
        ({"target_date": datetime.date(2101, 1, 1)}, "target_date", DATE_RANGE),
        ({"title": ""}, "title", "Dette felt kan ikke være tomt."),
        ({"indicator": "x" * 301}, "indicator", "højst have 300 tegn"),
    ],
)
def test_goal_refuses_bad_values(company, landscape, changes, field, message):
    before = ledger_rows()
    with pytest.raises(ValidationError) as caught:
        add_goal(company, landscape.partner, **changes)
    assert message in messages_for(caught.value, field)
    assert ledger_rows() == before
    goal = add_goal(company, landscape.partner)
    before = ledger_rows()
    with pytest.raises(ValidationError):
        services.goal_update(
            goal=ValueGoal.objects.get(pk=goal.pk), actor=landscape.partner, **changes
        )
    assert ledger_rows() == before


@pytest.mark.parametrize(
    "changes, field, message",
    [
        ({"achieved_on": datetime.date(2026, 11, 24)}, "achieved_on", FUTURE_RESULT),
        ({"achieved_on": datetime.date(2200, 1, 1)}, "achieved_on", DATE_RANGE),
        ({"achieved_on": datetime.date(1999, 12, 31)}, "achieved_on", DATE_RANGE),
        ({"evidence_url": "", "evidence_note": ""}, "evidence_note", MISSING_EVIDENCE),
        ({"evidence_url": "  ", "evidence_note": " \n "}, "evidence_note", MISSING_EVIDENCE),
        ({"measured_value": Decimal("-1000000001")}, "measured_value", TOO_LARGE),
        ({"measured_value": Decimal("2000000000")}, "measured_value", TOO_LARGE),
        ({"estimated_value": Decimal("-5")}, "estimated_value", NEGATIVE),
        ({"estimated_value": Decimal("1000000000.01")}, "estimated_value", TOO_LARGE),
        ({"evidence_url": "ikke et link"}, "evidence_url", "Indtast en gyldig URL."),
        ({"description": "x" * 2001}, "description", "højst have 2000 tegn"),
    ],
)
def test_result_refuses_bad_values(company, landscape, changes, field, message):
    goal = add_goal(company, landscape.partner)
    before = ledger_rows()
    with pytest.raises(ValidationError) as caught:
        add_result(goal, landscape.partner, **changes)
    assert message in messages_for(caught.value, field)
    assert ledger_rows() == before
    result = add_result(goal, landscape.partner)
    before = ledger_rows()
    values = {
        "achieved_on": datetime.date(2026, 10, 1),
        "description": "Fire borgere kom i praktik.",
        "evidence_url": "https://mejeriet.example/praktik",
        **changes,
    }
    with pytest.raises(ValidationError) as caught:
        services.result_update(
            result=Result.objects.get(pk=result.pk), actor=landscape.partner, **values
        )
    assert message in messages_for(caught.value, field)
    assert ledger_rows() == before


def test_a_result_needs_only_one_kind_of_evidence(company, landscape):
    goal = add_goal(company, landscape.partner)
    add_result(goal, landscape.partner, evidence_url="https://mejeriet.example/", evidence_note="")
    add_result(goal, landscape.partner, evidence_url="", evidence_note="Referat fra styregruppen.")
    assert Result.objects.count() == 2


def test_the_same_amount_written_differently_is_not_a_change(landscape):
    """10000 and 10000.00 are one amount: saving it again logs no change."""
    party = landscape.public.parties.get(organisation=landscape.company)
    contribution = services.contribution_create(
        party=party,
        actor=landscape.partner,
        kind="penge",
        description="Tilskud",
        quantity=Decimal("10000.00"),
        unit="kr",
        estimated_value=None,
        period_start=datetime.date(2026, 1, 1),
        period_end=None,
        visibility="medlemmer",
    )
    before = ledger_records().count()
    services.contribution_update(
        contribution=contribution,
        actor=landscape.partner,
        kind="penge",
        description="Tilskud",
        quantity=Decimal("10000"),
        unit="kr",
        estimated_value=None,
        period_start=datetime.date(2026, 1, 1),
        period_end=None,
        visibility="medlemmer",
    )
    assert ledger_records().count() == before
