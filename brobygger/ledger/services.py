"""Every write to the value ledger, one `@service` per change, each in a transaction.

Each takes the acting user, checks that they may write (a party's entries: its own
representatives, coordinators and staff on its behalf; the alliance's shared goals and hour
rates: coordinators and staff; a party's answer: its own representatives only), and leaves
one audit record with the fields it changed, so the history is complete even after an entry
is deleted.
"""

import datetime
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brobygger.alliances.audit import record
from brobygger.alliances.models import Alliance, Party
from brobygger.core.audit import created, deleted, diff, service, snapshot
from brobygger.core.dates import check_date
from brobygger.core.models import AuditAction
from brobygger.core.permissions import require
from brobygger.core.services import KEEP

from .models import (
    CONTRIBUTION_FIELDS,
    GOAL_FIELDS,
    HOUR_KIND_FIELDS,
    MAX_AMOUNT,
    RESULT_FIELDS,
    Contribution,
    EntryVisibility,
    GoalDirection,
    HourKind,
    ProgressReading,
    Result,
    Unit,
    ValueGoal,
)

EDIT = "ledger.change_party_entries"
EDIT_SHARED = "ledger.change_shared_entries"


def perm_for(entry) -> str:
    """The permission that writes an entry: a shared goal and its results are the
    alliance's, the rest are a party's."""
    goal = entry.goal if isinstance(entry, Result) else entry
    if isinstance(goal, ValueGoal) and goal.party_id is None:
        return EDIT_SHARED
    return EDIT


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
    require(actor, perm_for(entry), entry)
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
    require(actor, perm_for(entry), entry)
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
    require(actor, perm_for(entry), entry)
    record(
        actor=actor,
        obj=entry,
        action=AuditAction.DELETED,
        changes=deleted(snapshot(entry, fields)),
        restricted=_confidential(entry),
    )
    entry.delete()


# --- Contributions -------------------------------------------------------------------------


def _check_contribution(values: dict, *, party: Party) -> None:
    errors: dict[str, list[str]] = {}
    _check_amount(errors, "quantity", values["quantity"], allow_zero=False)
    _check_amount(errors, "estimated_value", values["estimated_value"])
    check_date(errors, "period_start", values["period_start"])
    check_date(errors, "period_end", values["period_end"])
    start, end = values["period_start"], values["period_end"]
    if start and end and end < start and "period_end" not in errors:
        errors["period_end"] = [_("Perioden kan ikke slutte, før den begynder.")]
    unit, hour_kind = values["unit"], values["hour_kind"]
    if unit == Unit.HOURS:
        # Hours are worth what the alliance's agreed rate says, not what each entry says.
        if values["estimated_value"] is not None and "estimated_value" not in errors:
            errors["estimated_value"] = [
                _("Timer får deres værdi fra alliancens timesats. Vælg en timetype, og lad feltet stå tomt.")
            ]
        if hour_kind is not None and hour_kind.alliance_id != party.alliance_id:
            errors["hour_kind"] = [_("Vælg en af alliancens egne timetyper.")]
    elif hour_kind is not None:
        errors["hour_kind"] = [_("En timetype hører kun til bidrag i timer. Vælg enheden timer, eller fjern timetypen.")]
    if values["is_payment"] and unit != Unit.KRONER:
        errors["is_payment"] = [_("En betaling er et beløb i kroner. Vælg enheden kr., eller fjern markeringen.")]
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
    hour_kind: HourKind | None = None,
    is_payment: bool = False,
    visibility: str = EntryVisibility.MEMBERS,
) -> Contribution:
    values = _values(
        CONTRIBUTION_FIELDS,
        kind,
        description,
        quantity,
        unit,
        estimated_value,
        period_start,
        period_end,
        hour_kind,
        is_payment,
        visibility,
    )
    _check_contribution(values, party=party)
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
    hour_kind: HourKind | None = KEEP,
    is_payment: bool = KEEP,
    visibility: str = KEEP,
) -> Contribution:
    values = _values(
        CONTRIBUTION_FIELDS,
        kind,
        description,
        quantity,
        unit,
        estimated_value,
        period_start,
        period_end,
        hour_kind,
        is_payment,
        visibility,
    )
    _check_contribution(_current(contribution, values), party=contribution.party)
    return _update(contribution, fields=CONTRIBUTION_FIELDS, values=values, actor=actor)


@service
def contribution_delete(*, actor, contribution: Contribution) -> None:
    _delete(contribution, fields=CONTRIBUTION_FIELDS, actor=actor)


# --- Value goals -------------------------------------------------------------------------


def _check_goal(values: dict, *, shared: bool) -> None:
    errors: dict[str, list[str]] = {}
    check_date(errors, "target_date", values["target_date"])
    check_date(errors, "start_date", values["start_date"])
    target_value = values["target_value"]
    less = values["direction"] == GoalDirection.LESS
    total = values["reading"] == ProgressReading.SUM
    _check_amount(errors, "target_value", target_value, allow_zero=less)
    if target_value is None and (values["target_unit"] or "").strip():
        errors["target_unit"] = [_("Skriv et måltal, eller lad enheden stå tom.")]
    if less and total:
        errors["reading"] = [
            _("En sum kan kun vokse, så »mindre er bedre« læses altid som den seneste målte værdi.")
        ]
    if values["start_date"] is not None and not total and "start_date" not in errors:
        errors["start_date"] = [_("En startdato bruges kun, når fremdriften læses som en sum. Lad feltet stå tomt.")]
    start, end = values["start_date"], values["target_date"]
    if start and end and start > end and not errors.get("start_date") and not errors.get("target_date"):
        errors["start_date"] = [_("Målet kan ikke begynde at tælle efter måldatoen.")]
    if shared and values["visibility"] == EntryVisibility.CONFIDENTIAL:
        errors["visibility"] = [_("Et fælles mål er for hele alliancen: vælg offentlig eller alliancens medlemmer.")]
    _raise(errors)


def _goal_values(*args) -> dict:
    return _values(GOAL_FIELDS, *args)


@service
def goal_create(
    *,
    actor,
    party: Party,
    title: str,
    indicator: str,
    target: str,
    target_date: datetime.date,
    target_value: Decimal | None = None,
    target_unit: str = "",
    direction: str = GoalDirection.MORE,
    reading: str = ProgressReading.LATEST,
    start_date: datetime.date | None = None,
    visibility: str = EntryVisibility.MEMBERS,
) -> ValueGoal:
    """A party's own value goal."""
    values = _goal_values(
        title, indicator, target, target_value, target_unit, direction, reading, start_date, target_date, visibility
    )
    _check_goal(values, shared=False)
    goal = ValueGoal(party=party, alliance_id=party.alliance_id, created_by=actor)
    return _create(goal, fields=GOAL_FIELDS, values=values, actor=actor)


@service
def shared_goal_create(
    *,
    actor,
    alliance: Alliance,
    title: str,
    indicator: str,
    target: str,
    target_date: datetime.date,
    target_value: Decimal | None = None,
    target_unit: str = "",
    direction: str = GoalDirection.MORE,
    reading: str = ProgressReading.LATEST,
    start_date: datetime.date | None = None,
    visibility: str = EntryVisibility.MEMBERS,
) -> ValueGoal:
    """A goal the alliance shares for the citizens or the welfare area: no party's own."""
    values = _goal_values(
        title, indicator, target, target_value, target_unit, direction, reading, start_date, target_date, visibility
    )
    _check_goal(values, shared=True)
    goal = ValueGoal(party=None, alliance=alliance, created_by=actor)
    return _create(goal, fields=GOAL_FIELDS, values=values, actor=actor)


@service
def goal_update(
    *,
    actor,
    goal: ValueGoal,
    title: str = KEEP,
    indicator: str = KEEP,
    target: str = KEEP,
    target_value: Decimal | None = KEEP,
    target_unit: str = KEEP,
    direction: str = KEEP,
    reading: str = KEEP,
    start_date: datetime.date | None = KEEP,
    target_date: datetime.date = KEEP,
    visibility: str = KEEP,
) -> ValueGoal:
    """A party's goal or a shared one."""
    values = _goal_values(
        title, indicator, target, target_value, target_unit, direction, reading, start_date, target_date, visibility
    )
    _check_goal(_current(goal, values), shared=goal.is_shared)
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
    require(actor, perm_for(goal), goal)
    # Lock the goal so a result added at the same moment cannot slip past the check.
    ValueGoal.objects.select_for_update().filter(pk=goal.pk).first()
    count = Result.objects.filter(goal=goal).count()
    if count:
        raise ValidationError(goal_deletion_refusal(count), code="goal_has_results")
    _delete(goal, fields=GOAL_FIELDS, actor=actor)


# --- Results -----------------------------------------------------------------------------


def _check_result(values: dict, *, goal: ValueGoal, today: datetime.date) -> None:
    errors: dict[str, list[str]] = {}
    if values["meets_goal"] and goal.target_value is not None:
        errors["meets_goal"] = [
            _("Målet har et måltal, så om det er nået, følger af de målte værdier. Fjern markeringen.")
        ]
    if values["is_payment"] and values["estimated_value"] is None:
        errors["estimated_value"] = [_("Skriv beløbet, parten fik betalt.")]
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
    meets_goal: bool = False,
    estimated_value: Decimal | None = None,
    is_payment: bool = False,
    evidence_url: str = "",
    evidence_note: str = "",
    visibility: str = EntryVisibility.MEMBERS,
) -> Result:
    values = _values(
        RESULT_FIELDS,
        achieved_on,
        description,
        measured_value,
        meets_goal,
        estimated_value,
        is_payment,
        evidence_url,
        evidence_note,
        visibility,
    )
    _check_result(values, goal=goal, today=timezone.localdate())
    return _create(Result(goal=goal, created_by=actor), fields=RESULT_FIELDS, values=values, actor=actor)


@service
def result_update(
    *,
    actor,
    result: Result,
    achieved_on: datetime.date = KEEP,
    description: str = KEEP,
    measured_value: Decimal | None = KEEP,
    meets_goal: bool = KEEP,
    estimated_value: Decimal | None = KEEP,
    is_payment: bool = KEEP,
    evidence_url: str = KEEP,
    evidence_note: str = KEEP,
    visibility: str = KEEP,
) -> Result:
    values = _values(
        RESULT_FIELDS,
        achieved_on,
        description,
        measured_value,
        meets_goal,
        estimated_value,
        is_payment,
        evidence_url,
        evidence_note,
        visibility,
    )
    _check_result(_current(result, values), goal=result.goal, today=timezone.localdate())
    return _update(result, fields=RESULT_FIELDS, values=values, actor=actor)


@service
def result_delete(*, actor, result: Result) -> None:
    _delete(result, fields=RESULT_FIELDS, actor=actor)


# --- Hour kinds and their agreed rates -------------------------------------------------------


def _check_hour_kind(values: dict, *, alliance: Alliance, exclude_pk=None) -> None:
    errors: dict[str, list[str]] = {}
    _check_amount(errors, "rate", values["rate"])
    name = (values["name"] or "").strip()
    taken = HourKind.objects.filter(alliance=alliance, name__iexact=name).exclude(pk=exclude_pk).exists()
    if name and taken:
        errors["name"] = [_("Alliancen har allerede en timetype med det navn.")]
    _raise(errors)


@service
def hour_kind_create(
    *, actor, alliance: Alliance, name: str, rate: Decimal | None = None, description: str = ""
) -> HourKind:
    """A kind of hours with the rate the alliance agrees for it (none: counted as hours only)."""
    require(actor, EDIT_SHARED, alliance)
    values = _values(HOUR_KIND_FIELDS, name.strip(), rate, description)
    _check_hour_kind(values, alliance=alliance)
    kind = HourKind(alliance=alliance, **values)
    kind.full_clean(exclude=["alliance"], validate_constraints=False)
    kind.save()
    record(actor=actor, obj=kind, action=AuditAction.CREATED, changes=created(snapshot(kind, HOUR_KIND_FIELDS)))
    return kind


@service
def hour_kind_update(
    *, actor, hour_kind: HourKind, name: str = KEEP, rate: Decimal | None = KEEP, description: str = KEEP
) -> HourKind:
    """A new rate values every contribution of the kind anew, back in time too: the rate is
    the alliance's convention, not a price on the day."""
    require(actor, EDIT_SHARED, hour_kind.alliance)
    values = _values(HOUR_KIND_FIELDS, name.strip() if isinstance(name, str) else name, rate, description)
    _check_hour_kind(_current(hour_kind, values), alliance=hour_kind.alliance, exclude_pk=hour_kind.pk)
    before = snapshot(hour_kind, HOUR_KIND_FIELDS)
    for field, value in values.items():
        if value is not KEEP:
            setattr(hour_kind, field, value)
    hour_kind.full_clean(exclude=["alliance"], validate_constraints=False)
    changes = diff(before, snapshot(hour_kind, HOUR_KIND_FIELDS))
    if changes:
        hour_kind.save()
        record(actor=actor, obj=hour_kind, action=AuditAction.CHANGED, changes=changes)
    return hour_kind


def hour_kind_deletion_refusal(count: int) -> str:
    return ngettext(
        "Timetypen bruges af et bidrag og kan ikke slettes. Giv bidraget en anden timetype først.",
        "Timetypen bruges af %(count)s bidrag og kan ikke slettes. Giv bidragene en anden timetype først.",
        count,
    ) % {"count": count}


@service
def hour_kind_delete(*, actor, hour_kind: HourKind) -> None:
    """Delete a kind no contribution uses; one in use is refused, so no hours lose their value."""
    require(actor, EDIT_SHARED, hour_kind.alliance)
    HourKind.objects.select_for_update().filter(pk=hour_kind.pk).first()
    count = Contribution.objects.filter(hour_kind=hour_kind).count()
    if count:
        raise ValidationError(hour_kind_deletion_refusal(count), code="hour_kind_in_use")
    record(
        actor=actor, obj=hour_kind, action=AuditAction.DELETED, changes=deleted(snapshot(hour_kind, HOUR_KIND_FIELDS))
    )
    hour_kind.delete()
