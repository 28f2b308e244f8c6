"""Every write to the value ledger, one function per change, each in a transaction.

Each write also records a LedgerChange (who, when, what changed, on whose behalf), so a
party's ledger has a full history even after an entry is deleted. The audit trail that
comes later hooks in here too.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brobygger.alliances.models import Party
from brobygger.alliances.rules import represents_party

from .models import (
    MAX_AMOUNT,
    ChangeAction,
    Contribution,
    EntryType,
    LedgerChange,
    Result,
    ValueGoal,
)

EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)

CONTRIBUTION_FIELDS = (
    "kind",
    "description",
    "quantity",
    "unit",
    "estimated_value",
    "period_start",
    "period_end",
    "is_public",
)
GOAL_FIELDS = ("title", "indicator", "target", "target_date", "is_public")
RESULT_FIELDS = (
    "achieved_on",
    "description",
    "measured_value",
    "estimated_value",
    "evidence_url",
    "evidence_note",
    "is_public",
)


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


def _check_date(errors: dict, field: str, value: datetime.date | None):
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        errors[field] = [_("Datoen skal ligge mellem år 2000 og år 2100.")]


def _raise(errors: dict) -> None:
    if errors:
        raise ValidationError(errors)


def _text(value) -> str | None:
    """How a field value is kept in the change log."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        # 10000 and 10000.00 are the same amount: compare them as the database keeps them.
        return f"{value.quantize(Decimal('0.01')):f}"
    return str(value)


def _snapshot(entry, fields) -> dict[str, str | None]:
    return {name: _text(getattr(entry, name)) for name in fields}


def _log(*, party: Party, entry, entry_type: str, action: str, before: dict, after: dict, user):
    if action == ChangeAction.CHANGED:
        changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
        if not changes:
            return
    elif action == ChangeAction.CREATED:
        changes = {name: [None, value] for name, value in after.items() if value is not None}
    else:
        changes = {name: [value, None] for name, value in before.items() if value is not None}
    LedgerChange.objects.create(
        party=party,
        entry_type=entry_type,
        entry_id=entry.pk,
        entry_label=str(entry)[:300],
        action=action,
        changes=changes,
        changed_by=user,
        on_behalf=not represents_party(user, party),
        changed_at=timezone.now(),
    )


def _assign(entry, fields, data: dict) -> None:
    for name in fields:
        if name in data:
            setattr(entry, name, data[name])


def _save(entry, fields, data, *, user):
    _assign(entry, fields, data)
    entry.updated_by = user
    entry.full_clean(exclude=["created_by", "updated_by"])
    entry.save()
    return entry


def _create(entry, *, party: Party, entry_type: str, fields, data: dict, user):
    _save(entry, fields, data, user=user)
    after = _snapshot(entry, fields)
    _log(party=party, entry=entry, entry_type=entry_type, action=ChangeAction.CREATED, before={}, after=after, user=user)
    return entry


def _update(entry, *, party: Party, entry_type: str, fields, data: dict, user):
    before = _snapshot(entry, fields)
    _save(entry, fields, data, user=user)
    after = _snapshot(entry, fields)
    _log(party=party, entry=entry, entry_type=entry_type, action=ChangeAction.CHANGED, before=before, after=after, user=user)
    return entry


def _delete(entry, *, party: Party, entry_type: str, fields, user) -> None:
    before = _snapshot(entry, fields)
    _log(party=party, entry=entry, entry_type=entry_type, action=ChangeAction.DELETED, before=before, after={}, user=user)
    entry.delete()


# --- Contributions -------------------------------------------------------------------------


def _check_contribution(data: dict) -> None:
    errors: dict[str, list[str]] = {}
    _check_amount(errors, "quantity", data.get("quantity"), allow_zero=False)
    _check_amount(errors, "estimated_value", data.get("estimated_value"))
    _check_date(errors, "period_start", data.get("period_start"))
    _check_date(errors, "period_end", data.get("period_end"))
    start, end = data.get("period_start"), data.get("period_end")
    if start and end and end < start and "period_end" not in errors:
        errors["period_end"] = [_("Perioden kan ikke slutte, før den begynder.")]
    _raise(errors)


_CONTRIBUTION = {"entry_type": EntryType.CONTRIBUTION, "fields": CONTRIBUTION_FIELDS}
_GOAL = {"entry_type": EntryType.GOAL, "fields": GOAL_FIELDS}
_RESULT = {"entry_type": EntryType.RESULT, "fields": RESULT_FIELDS}


@transaction.atomic
def contribution_create(*, party: Party, user, **data) -> Contribution:
    _check_contribution(data)
    entry = Contribution(party=party, created_by=user)
    return _create(entry, party=party, data=data, user=user, **_CONTRIBUTION)


@transaction.atomic
def contribution_update(*, contribution: Contribution, user, **data) -> Contribution:
    _check_contribution(data)
    return _update(contribution, party=contribution.party, data=data, user=user, **_CONTRIBUTION)


@transaction.atomic
def contribution_delete(*, contribution: Contribution, user) -> None:
    _delete(contribution, party=contribution.party, user=user, **_CONTRIBUTION)


# --- Value goals -------------------------------------------------------------------------


def _check_goal(data: dict) -> None:
    errors: dict[str, list[str]] = {}
    _check_date(errors, "target_date", data.get("target_date"))
    _raise(errors)


@transaction.atomic
def goal_create(*, party: Party, user, **data) -> ValueGoal:
    _check_goal(data)
    return _create(ValueGoal(party=party, created_by=user), party=party, data=data, user=user, **_GOAL)


@transaction.atomic
def goal_update(*, goal: ValueGoal, user, **data) -> ValueGoal:
    _check_goal(data)
    return _update(goal, party=goal.party, data=data, user=user, **_GOAL)


def goal_deletion_refusal(result_count: int) -> str:
    return ngettext(
        "Målet har et resultat og kan ikke slettes. Slet resultatet først, hvis det er registreret ved en fejl.",
        "Målet har %(count)s resultater og kan ikke slettes. Slet resultaterne først, hvis de er registreret ved en fejl.",
        result_count,
    ) % {"count": result_count}


@transaction.atomic
def goal_delete(*, goal: ValueGoal, user) -> None:
    """Delete a goal without results. A goal with results is the party's record of value
    it got home: it is refused here, so it never disappears as a side effect."""
    # Lock the goal so a result added at the same moment cannot slip past the check.
    ValueGoal.objects.select_for_update().filter(pk=goal.pk).first()
    count = Result.objects.filter(goal=goal).count()
    if count:
        raise ValidationError(goal_deletion_refusal(count), code="goal_has_results")
    _delete(goal, party=goal.party, user=user, **_GOAL)


# --- Results -----------------------------------------------------------------------------


def _check_result(data: dict, *, today: datetime.date) -> None:
    errors: dict[str, list[str]] = {}
    achieved_on = data.get("achieved_on")
    _check_date(errors, "achieved_on", achieved_on)
    if achieved_on and achieved_on > today and "achieved_on" not in errors:
        errors["achieved_on"] = [_("Et resultat kan ikke være opnået i fremtiden. Registrér det, når værdien er kommet.")]
    _check_amount(errors, "measured_value", data.get("measured_value"), allow_negative=True)
    _check_amount(errors, "estimated_value", data.get("estimated_value"))
    if not (data.get("evidence_url") or "").strip() and not (data.get("evidence_note") or "").strip():
        errors["evidence_note"] = [
            _("Dokumentér resultatet: indsæt et link, eller skriv en note om, hvor det kan ses.")
        ]
    _raise(errors)


@transaction.atomic
def result_create(*, goal: ValueGoal, user, **data) -> Result:
    _check_result(data, today=timezone.localdate())
    return _create(Result(goal=goal, created_by=user), party=goal.party, data=data, user=user, **_RESULT)


@transaction.atomic
def result_update(*, result: Result, user, **data) -> Result:
    _check_result(data, today=timezone.localdate())
    return _update(result, party=result.goal.party, data=data, user=user, **_RESULT)


@transaction.atomic
def result_delete(*, result: Result, user) -> None:
    _delete(result, party=result.goal.party, user=user, **_RESULT)
