"""Every write to the value ledger, one `@service` per change, each in a transaction.

Each takes the acting user, checks that they may write the party's ledger (its own
representatives; coordinators and staff on its behalf), and leaves one audit record with
the fields it changed, so a party's history is complete even after an entry is deleted.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brobygger.alliances.audit import record
from brobygger.alliances.models import Party
from brobygger.core.audit import created, deleted, diff, service, snapshot
from brobygger.core.dates import check_date
from brobygger.core.models import AuditAction
from brobygger.core.permissions import require
from brobygger.core.services import KEEP

from .models import (
    CONTRIBUTION_FIELDS,
    GOAL_FIELDS,
    MAX_AMOUNT,
    RESULT_FIELDS,
    Contribution,
    EntryVisibility,
    Result,
    ValueGoal,
)

EDIT = "ledger.change_party_entries"



# --- Checks shared by the entries ----------------------------------------------------------


def _check_amount(errors: dict, field: str, value: Decimal | None, *, allow_zero=True, allow_negative=False):
    if value is None:
        return
    if value < 0 and not allow_negative:
        errors[field] = [_("Tallet kan ikke være negativt.")]
    elif value == 0 and not allow_zero:
        errors[field] = [_("Tallet skal være større end 0.")]
    elif abs(value) > MAX_AMOUNT:
        errors[field] = [
            _("Tallet er urealistisk stort. Det højeste, en enkelt post kan have, er 1.000.000.000. Del posten op, hvis den er større.")
        ]


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _values(fields, *values) -> dict:
    """{field: value} in the order of `fields` (the services name every field one by one)."""
    return dict(zip(fields, values, strict=True))


def _assign(entry, fields, values: dict, *, actor) -> None:
    """Set the values (KEEP leaves a field as it is) and validate, without saving."""
    for name in fields:
        if values[name] is not KEEP:
            setattr(entry, name, values[name])
    entry.updated_by = actor
    entry.full_clean(exclude=["created_by", "updated_by"])


def _confidential(entry) -> bool:
    """A result under a confidential goal is as confidential as the goal."""
    return entry.is_confidential or (isinstance(entry, Result) and entry.goal.is_confidential)


def _create(entry, *, fields, values: dict, actor):
    require(actor, EDIT, entry)
    _assign(entry, fields, values, actor=actor)
    entry.save()
    record(
        actor=actor,
        obj=entry,
        action=AuditAction.CREATED,
        changes=created(snapshot(entry, fields)),
        restricted=_confidential(entry),
    )
    return entry


def _update(entry, *, fields, values: dict, actor):
    """Save only what changed; an edit that changes nothing writes nothing."""
    require(actor, EDIT, entry)
    before = snapshot(entry, fields)
    # A change to or from confidential keeps the confidential side's values restricted.
    was_confidential = _confidential(entry)
    _assign(entry, fields, values, actor=actor)
    changes = diff(before, snapshot(entry, fields))
    if changes:
        entry.save()
        record(
            actor=actor,
            obj=entry,
            action=AuditAction.CHANGED,
            changes=changes,
            restricted=was_confidential or _confidential(entry),
        )
    return entry


def _current(entry, values: dict) -> dict:
    """The values an update is checked with: KEEP stands for the entry's own value."""
    return {name: getattr(entry, name) if value is KEEP else value for name, value in values.items()}


def _delete(entry, *, fields, actor) -> None:
    require(actor, EDIT, entry)
    record(
        actor=actor,
        obj=entry,
        action=AuditAction.DELETED,
        changes=deleted(snapshot(entry, fields)),
        restricted=_confidential(entry),
    )
    entry.delete()


# --- Contributions -------------------------------------------------------------------------


def _check_contribution(values: dict) -> None:
    errors: dict[str, list[str]] = {}
    _check_amount(errors, "quantity", values["quantity"], allow_zero=False)
    _check_amount(errors, "estimated_value", values["estimated_value"])
    check_date(errors, "period_start", values["period_start"])
    check_date(errors, "period_end", values["period_end"])
    start, end = values["period_start"], values["period_end"]
    if start and end and end < start and "period_end" not in errors:
        errors["period_end"] = [_("Perioden kan ikke slutte, før den begynder.")]
    _raise(errors)


@service
def contribution_create(
    *,
    actor,
    party: Party,
    kind: str,
    description: str,
    quantity: Decimal,
    unit: str,
    period_start: datetime.date,
    estimated_value: Decimal | None = None,
    period_end: datetime.date | None = None,
    visibility: str = EntryVisibility.MEMBERS,
) -> Contribution:
    values = _values(
        CONTRIBUTION_FIELDS, kind, description, quantity, unit, estimated_value, period_start, period_end, visibility
    )
    _check_contribution(values)
    entry = Contribution(party=party, created_by=actor)
    return _create(entry, fields=CONTRIBUTION_FIELDS, values=values, actor=actor)


@service
def contribution_update(
    *,
    actor,
    contribution: Contribution,
    kind: str = KEEP,
    description: str = KEEP,
    quantity: Decimal = KEEP,
    unit: str = KEEP,
    period_start: datetime.date = KEEP,
    estimated_value: Decimal | None = KEEP,
    period_end: datetime.date | None = KEEP,
    visibility: str = KEEP,
) -> Contribution:
    values = _values(
        CONTRIBUTION_FIELDS, kind, description, quantity, unit, estimated_value, period_start, period_end, visibility
    )
    _check_contribution(_current(contribution, values))
    return _update(contribution, fields=CONTRIBUTION_FIELDS, values=values, actor=actor)


@service
def contribution_delete(*, actor, contribution: Contribution) -> None:
    _delete(contribution, fields=CONTRIBUTION_FIELDS, actor=actor)


# --- Value goals -------------------------------------------------------------------------


def _check_goal(values: dict) -> None:
    errors: dict[str, list[str]] = {}
    check_date(errors, "target_date", values["target_date"])
    _raise(errors)


@service
def goal_create(
    *,
    actor,
    party: Party,
    title: str,
    indicator: str,
    target: str,
    target_date: datetime.date,
    visibility: str = EntryVisibility.MEMBERS,
) -> ValueGoal:
    values = _values(GOAL_FIELDS, title, indicator, target, target_date, visibility)
    _check_goal(values)
    return _create(ValueGoal(party=party, created_by=actor), fields=GOAL_FIELDS, values=values, actor=actor)


@service
def goal_update(
    *,
    actor,
    goal: ValueGoal,
    title: str = KEEP,
    indicator: str = KEEP,
    target: str = KEEP,
    target_date: datetime.date = KEEP,
    visibility: str = KEEP,
) -> ValueGoal:
    values = _values(GOAL_FIELDS, title, indicator, target, target_date, visibility)
    _check_goal(_current(goal, values))
    return _update(goal, fields=GOAL_FIELDS, values=values, actor=actor)


def goal_deletion_refusal(result_count: int) -> str:
    return ngettext(
        "Målet har et resultat og kan ikke slettes. Slet resultatet først, hvis det er registreret ved en fejl.",
        "Målet har %(count)s resultater og kan ikke slettes. Slet resultaterne først, hvis de er registreret ved en fejl.",
        result_count,
    ) % {"count": result_count}


@service
def goal_delete(*, actor, goal: ValueGoal) -> None:
    """Delete a goal without results. A goal with results is the party's record of value
    it got home: it is refused here, so it never disappears as a side effect."""
    require(actor, EDIT, goal)
    # Lock the goal so a result added at the same moment cannot slip past the check.
    ValueGoal.objects.select_for_update().filter(pk=goal.pk).first()
    count = Result.objects.filter(goal=goal).count()
    if count:
        raise ValidationError(goal_deletion_refusal(count), code="goal_has_results")
    _delete(goal, fields=GOAL_FIELDS, actor=actor)


# --- Results -----------------------------------------------------------------------------


def _check_result(values: dict, *, today: datetime.date) -> None:
    errors: dict[str, list[str]] = {}
    achieved_on = values["achieved_on"]
    check_date(errors, "achieved_on", achieved_on)
    if achieved_on and achieved_on > today and "achieved_on" not in errors:
        errors["achieved_on"] = [_("Et resultat kan ikke være opnået i fremtiden. Registrér det, når værdien er kommet.")]
    _check_amount(errors, "measured_value", values["measured_value"], allow_negative=True)
    _check_amount(errors, "estimated_value", values["estimated_value"])
    if not (values["evidence_url"] or "").strip() and not (values["evidence_note"] or "").strip():
        errors["evidence_note"] = [
            _("Dokumentér resultatet: indsæt et link, eller skriv en note om, hvor det kan ses.")
        ]
    _raise(errors)


@service
def result_create(
    *,
    actor,
    goal: ValueGoal,
    achieved_on: datetime.date,
    description: str,
    measured_value: Decimal | None = None,
    estimated_value: Decimal | None = None,
    evidence_url: str = "",
    evidence_note: str = "",
    visibility: str = EntryVisibility.MEMBERS,
) -> Result:
    values = _values(
        RESULT_FIELDS, achieved_on, description, measured_value, estimated_value, evidence_url, evidence_note, visibility
    )
    _check_result(values, today=timezone.localdate())
    return _create(Result(goal=goal, created_by=actor), fields=RESULT_FIELDS, values=values, actor=actor)


@service
def result_update(
    *,
    actor,
    result: Result,
    achieved_on: datetime.date = KEEP,
    description: str = KEEP,
    measured_value: Decimal | None = KEEP,
    estimated_value: Decimal | None = KEEP,
    evidence_url: str = KEEP,
    evidence_note: str = KEEP,
    visibility: str = KEEP,
) -> Result:
    values = _values(
        RESULT_FIELDS, achieved_on, description, measured_value, estimated_value, evidence_url, evidence_note, visibility
    )
    _check_result(_current(result, values), today=timezone.localdate())
    return _update(result, fields=RESULT_FIELDS, values=values, actor=actor)


@service
def result_delete(*, actor, result: Result) -> None:
    _delete(result, fields=RESULT_FIELDS, actor=actor)
