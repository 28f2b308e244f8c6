"""Every write of the leadership capability: the role plan, self-assessments and teams.

Each `@service` takes the acting user, checks the rule and leaves one audit record. A
self-assessment's records are restricted and hold no answers: others see at most that the
person changed something of their own, never what.
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.alliances.audit import record
from brobygger.alliances.models import Alliance, Membership, Organisation, Phase, PhaseChange
from brobygger.core import audit as core_audit
from brobygger.core.audit import as_text, service
from brobygger.core.models import AuditAction
from brobygger.core.permissions import require

from . import instrument, selectors
from .dimensions import Role
from .models import (
    Answer,
    Assessment,
    DimensionScore,
    RoleAssignment,
    RolePlanCell,
    RolePlanSnapshot,
    Team,
    TeamKind,
    TeamMember,
    TeamMemberStatus,
    TeamProfileShown,
    TeamProfileSource,
)
from .rules import may_belong_to_team

REASON_MAX = 300
TEAM_NAME_MAX = 120

# --- The role plan --------------------------------------------------------------------------


def _names(memberships) -> str:
    return ", ".join(sorted(m.user.get_full_name() or m.user.get_username() for m in memberships))


def _locked_cell(alliance: Alliance, phase: str, role: str) -> RolePlanCell | None:
    return RolePlanCell.objects.select_for_update().filter(alliance=alliance, phase=phase, role=role).first()


@service
def role_plan_cell_update(
    *,
    actor,
    alliance: Alliance,
    phase: str,
    role: str,
    leaders: list[Membership],
    needed: bool | None,
    reason: str = "",
) -> RolePlanCell | None:
    """Set who takes a role in a phase, and whether the alliance itself says the role is needed
    then and why (None and an empty reason: Brobygger's suggestion stands).

    Returns the cell, or None when nothing changed."""
    require(actor, "leadership.change_role_plan", alliance)
    errors: dict[str, list[str]] = {}
    if phase not in Phase.values:
        errors["phase"] = [_("Vælg en af alliancens faser.")]
    if role not in Role.values:
        errors["role"] = [_("Vælg en af de seks roller.")]
    reason = (reason or "").strip()
    if len(reason) > REASON_MAX:
        errors["reason"] = [_("Skriv højst %(max)s tegn.") % {"max": REASON_MAX}]
    strangers = [m for m in leaders if m.alliance_id != alliance.pk]
    if strangers:
        errors["leaders"] = [_("Vælg kun ledere, der er medlemmer af alliancen.")]
    if errors:
        raise ValidationError(errors)
    wanted = {m.pk: m for m in leaders}
    cell = _locked_cell(alliance, phase, role)
    current = (
        {a.membership_id: a for a in cell.assignments.select_related("membership__user")} if cell else {}
    )
    before = {
        "leaders": as_text(_names(a.membership for a in current.values())),
        "needed": as_text(cell.needed if cell else None),
        "reason": as_text(cell.reason if cell else ""),
    }
    after = {
        "leaders": as_text(_names(wanted.values())),
        "needed": as_text(needed),
        "reason": as_text(reason),
    }
    changes = {name: [before[name], after[name]] for name in after if before[name] != after[name]}
    if not changes and set(current) == set(wanted):
        return None
    created = cell is None
    if created:
        try:
            with transaction.atomic():
                cell = RolePlanCell.objects.create(alliance=alliance, phase=phase, role=role)
        except IntegrityError:
            # Someone saved the same cell at the same moment: theirs is kept, then ours.
            cell = _locked_cell(alliance, phase, role)
            created = False
    RoleAssignment.objects.filter(cell=cell).exclude(membership_id__in=list(wanted)).delete()
    present = set(cell.assignments.values_list("membership_id", flat=True))
    RoleAssignment.objects.bulk_create([RoleAssignment(cell=cell, membership=m) for pk, m in wanted.items() if pk not in present])
    cell.needed = needed
    cell.reason = reason
    cell.save(update_fields=["needed", "reason", "updated_at"])
    record(
        actor=actor,
        obj=cell,
        action=AuditAction.CREATED if created else AuditAction.CHANGED,
        changes=changes,
        label=_("Rolleplan: %(role)s i fasen %(phase)s") % {"role": Role(role).label, "phase": Phase(phase).label},
    )
    return cell


@service
def role_plan_snapshot_take(*, actor, alliance: Alliance, change: PhaseChange) -> RolePlanSnapshot:
    """Keep the plan as it stands when the alliance changes phase (the foundation's
    `phase_changed` signal): the plan is part of the alliance's history."""
    snapshot = RolePlanSnapshot.objects.create(
        phase_change=change,
        alliance=alliance,
        taken_at=change.changed_at,
        cells=selectors.snapshot_cells(selectors.role_plan(alliance=alliance)),
    )
    record(
        actor=actor,
        obj=snapshot,
        action=AuditAction.CREATED,
        label=_("Rolleplanen ved skiftet til fasen %(phase)s") % {"phase": Phase(change.to_phase).label},
    )
    return snapshot


@service
def role_plan_member_leaving(*, actor, membership: Membership) -> int:
    """A member who leaves the alliance leaves its plan (the foundation's `member_removing`
    signal): one record per role they had. Returns how many."""
    assignments = list(
        RoleAssignment.objects.filter(membership=membership).select_related("cell", "membership__user")
    )
    for assignment in assignments:
        cell = assignment.cell
        others = RoleAssignment.objects.filter(cell=cell).exclude(pk=assignment.pk).select_related("membership__user")
        record(
            actor=actor,
            obj=cell,
            action=AuditAction.CHANGED,
            changes={
                "leaders": [
                    as_text(_names([assignment.membership, *(a.membership for a in others)])),
                    as_text(_names(a.membership for a in others)),
                ]
            },
            label=_("Rolleplan: %(role)s i fasen %(phase)s")
            % {"role": Role(cell.role).label, "phase": Phase(cell.phase).label},
        )
        assignment.delete()
    return len(assignments)


# --- Self-assessments -----------------------------------------------------------------------


def _record_own(actor, obj, action: str, changes: dict | None = None) -> None:
    """A record about something that is the person's alone: restricted, so only they read
    what it is about (leadership's AuditPolicy)."""
    core_audit.record(actor=actor, obj=obj, action=action, changes=changes or {}, restricted=True)


def _checked_answers(version: int, answers: dict) -> dict[str, int]:
    known = {statement.key for statement in instrument.statements(version)}
    errors: dict[str, list[str]] = {}
    checked: dict[str, int] = {}
    for key, value in answers.items():
        if key not in known:
            errors[key] = [_("Dette udsagn findes ikke i spørgeskemaet.")]
            continue
        # A whole number only: 2.5 or True is not an answer on the scale.
        if isinstance(value, bool) or not (
            isinstance(value, int) or (isinstance(value, str) and value.strip().isdigit())
        ):
            number = 0
        else:
            number = int(value)
        if not instrument.LOWEST <= number <= instrument.HIGHEST:
            errors[key] = [_("Vælg et svar fra 1 til 5.")]
            continue
        checked[key] = number
    if errors:
        raise ValidationError(errors)
    return checked


@service
def assessment_save(*, actor, answers: dict, complete: bool = False) -> Assessment:
    """Save the person's answers to their draft (started if there is none). With `complete`,
    every statement must be answered: the assessment is then scored and closed; otherwise it
    stays a draft that can be finished later. A refused completion saves nothing."""
    if not getattr(actor, "is_authenticated", False):
        raise ValidationError(_("Log ind for at besvare selvevalueringen."))
    now = timezone.now()
    draft = Assessment.objects.select_for_update().filter(user=actor, completed_at__isnull=True).first()
    version = draft.version if draft else instrument.current_version()
    checked = _checked_answers(version, answers)
    if complete:
        given = {**selectors.answers_of(draft), **checked}
        missing = instrument.missing(version, given)
        if missing:
            raise ValidationError(
                {statement.key: [_("Besvar dette udsagn, før du afslutter.")] for statement in missing}
            )
    created = draft is None
    if created:
        try:
            with transaction.atomic():
                draft = Assessment.objects.create(user=actor, version=version, started_at=now, updated_at=now)
        except IntegrityError:
            # A second tab started one at the same moment: use that.
            draft = Assessment.objects.select_for_update().get(user=actor, completed_at__isnull=True)
    existing = dict(draft.answers.values_list("statement", "pk"))
    Answer.objects.bulk_create(
        [Answer(assessment=draft, statement=key, value=value) for key, value in checked.items() if key not in existing]
    )
    for key, value in checked.items():
        if key in existing:
            Answer.objects.filter(pk=existing[key]).update(value=value)
    draft.updated_at = now
    changes = {}
    if complete:
        scores = instrument.scores(version, selectors.answers_of(draft))
        DimensionScore.objects.bulk_create(
            [DimensionScore(assessment=draft, dimension=dimension, score=score) for dimension, score in scores.items()]
        )
        draft.completed_at = now
        changes = {"completed_at": [None, as_text(now)]}
    draft.save(update_fields=["updated_at", "completed_at"])
    _record_own(actor, draft, AuditAction.CREATED if created else AuditAction.CHANGED, changes)
    if complete:
        _refresh_profiles_of(actor)
    return draft


@service
def assessment_delete(*, actor, assessment: Assessment) -> None:
    """A person deletes one of their own assessments (a draft, or a completed one with its
    answers and scores). It then counts nowhere."""
    require(actor, "leadership.view_assessment", assessment)
    was_completed = assessment.is_completed
    _record_own(actor, assessment, AuditAction.DELETED)
    assessment.delete()
    if was_completed:
        _refresh_profiles_of(actor)


# --- Teams ----------------------------------------------------------------------------------


def _team_record(actor, obj, action: str, changes: dict | None = None, label: str = "") -> None:
    alliance_id = obj.team.alliance_id if isinstance(obj, TeamMember) else getattr(obj, "alliance_id", None)
    core_audit.record(
        actor=actor, obj=obj, action=action, changes=changes or {}, alliance_id=alliance_id, label=label
    )


@service
def team_create(
    *, actor, name: str, kind: str, organisation: Organisation | None = None, alliance: Alliance | None = None
) -> Team:
    """A leader names a team; they are its first member."""
    name = (name or "").strip()
    errors: dict[str, list[str]] = {}
    if not name:
        errors["name"] = [_("Giv holdet et navn.")]
    elif len(name) > TEAM_NAME_MAX:
        errors["name"] = [_("Skriv højst %(max)s tegn.") % {"max": TEAM_NAME_MAX}]
    if kind == TeamKind.ORGANISATION:
        alliance = None
        if organisation is None:
            errors["organisation"] = [_("Du skal være bekræftet medarbejder i en organisation for at oprette et hold for den.")]
    elif kind == TeamKind.ALLIANCE:
        organisation = None
        if alliance is None:
            errors["alliance"] = [_("Vælg den alliance, holdet leder.")]
    else:
        errors["kind"] = [_("Vælg, om holdet er en topledelse eller lederne i en alliance.")]
    if errors:
        raise ValidationError(errors)
    if kind == TeamKind.ORGANISATION:
        require(actor, "leadership.start_organisation_team", organisation)
    else:
        require(actor, "leadership.start_alliance_team", alliance)
    now = timezone.now()
    team = Team.objects.create(
        name=name, kind=kind, organisation=organisation, alliance=alliance, created_by=actor, created_at=now
    )
    TeamMember.objects.create(
        team=team, user=actor, status=TeamMemberStatus.MEMBER, invited_by=actor, invited_at=now, joined_at=now
    )
    _team_record(
        actor,
        team,
        AuditAction.CREATED,
        {"name": [None, name], "kind": [None, kind], "organisation": [None, as_text(organisation)], "alliance": [None, as_text(alliance)]},
    )
    return team


@service
def team_invite(*, actor, team: Team, user) -> TeamMember:
    require(actor, "leadership.invite_to_team", team)
    if not may_belong_to_team(user, team):
        raise ValidationError(
            {"user": [_("Holdet kan kun tage ledere fra dets organisation eller alliance.")]}
        )
    if TeamMember.objects.filter(team=team, user=user).exists():
        raise ValidationError({"user": [_("%(name)s er allerede med på holdet eller inviteret.") % {"name": user.get_full_name() or user.get_username()}]})
    try:
        with transaction.atomic():
            member = TeamMember.objects.create(
                team=team, user=user, status=TeamMemberStatus.INVITED, invited_by=actor, invited_at=timezone.now()
            )
    except IntegrityError:
        raise ValidationError({"user": [_("%(name)s er allerede med på holdet eller inviteret.") % {"name": user.get_full_name() or user.get_username()}]}) from None
    _team_record(actor, member, AuditAction.CREATED, {"status": [None, member.status]}, label=_("%(user)s inviteret til %(team)s") % {"user": user.get_full_name() or user.get_username(), "team": team.name})
    return member


def _own_place(actor, team: Team, status: str) -> TeamMember | None:
    return TeamMember.objects.select_for_update().filter(team=team, user=actor, status=status).first()


@service
def team_answer(*, actor, team: Team, accept: bool) -> TeamMember | None:
    """Accept or decline an invitation. Returns the membership, or None after a decline."""
    place = _own_place(actor, team, TeamMemberStatus.INVITED)
    if place is None:
        raise ValidationError(_("Invitationen er ikke længere åben."))
    label = _("%(user)s på %(team)s") % {"user": actor.get_full_name() or actor.get_username(), "team": team.name}
    if not accept:
        _team_record(actor, place, AuditAction.DELETED, {"status": [place.status, None]}, label=label)
        place.delete()
        return None
    require(actor, "leadership.join_team", team)
    place.status = TeamMemberStatus.MEMBER
    place.joined_at = timezone.now()
    place.save(update_fields=["status", "joined_at"])
    _team_record(actor, place, AuditAction.CHANGED, {"status": [TeamMemberStatus.INVITED, TeamMemberStatus.MEMBER]}, label=label)
    return place


@service
def team_set_sharing(*, actor, team: Team, shares: bool) -> TeamMember:
    """A member lets their latest completed self-assessment count in the team, or stops it."""
    place = _own_place(actor, team, TeamMemberStatus.MEMBER)
    if place is None:
        raise ValidationError(_("Du er ikke medlem af holdet."))
    if place.shares_assessment != shares:
        _team_record(
            actor,
            place,
            AuditAction.CHANGED,
            {"shares_assessment": [as_text(place.shares_assessment), as_text(shares)]},
            label=_("%(user)s på %(team)s") % {"user": actor.get_full_name() or actor.get_username(), "team": team.name},
        )
        place.shares_assessment = shares
        place.save(update_fields=["shares_assessment"])
        team_profile_refresh(actor=actor, team=team)
    return place


@service
def team_leave(*, actor, team: Team) -> bool:
    """A member leaves. The last member to leave closes the team (its invitations go with it).
    Returns whether the team still exists."""
    place = _own_place(actor, team, TeamMemberStatus.MEMBER)
    if place is None:
        raise ValidationError(_("Du er ikke medlem af holdet."))
    label = _("%(user)s på %(team)s") % {"user": actor.get_full_name() or actor.get_username(), "team": team.name}
    _team_record(actor, place, AuditAction.DELETED, {"status": [place.status, None]}, label=label)
    place.delete()
    if not TeamMember.objects.filter(team=team, status=TeamMemberStatus.MEMBER).exists():
        _team_record(actor, team, AuditAction.DELETED, {"name": [team.name, None]})
        team.delete()
        return False
    team_profile_refresh(actor=actor, team=team)
    return True


# --- Keeping a team's profile -------------------------------------------------------------------
#
# Called by the services above whenever what a team counts may have changed. A profile is
# shown first once at least `threshold` members count; after that it is recomputed only when
# at least two assessments have come in that it was not computed from, so a change never
# shows one known person's answers. If someone it was computed from stops counting (leaves,
# stops sharing, deletes the assessment), it is withdrawn until two new assessments have come in.


def _show(shown: TeamProfileShown, counted: dict[int, int], now) -> None:
    shown.computed_at = now
    shown.bands = selectors.bands_for(counted.values())
    shown.save()
    shown.sources.all().delete()
    TeamProfileSource.objects.bulk_create(
        [TeamProfileSource(shown=shown, user_ref=user, assessment_ref=assessment) for user, assessment in counted.items()]
    )


@service
def team_profile_refresh(*, actor, team: Team, leaving_user_id: int | None = None) -> None:
    """Run by the services that change what a team counts (and when a member leaves the
    team's alliance: `leaving_user_id` no longer counts). A change to what the team is shown
    leaves a record without values."""
    counted = selectors.counted_assessments(team)
    counted.pop(leaving_user_id, None)
    threshold = selectors.privacy_threshold()
    shown = TeamProfileShown.objects.select_for_update().filter(team=team).first()
    now = timezone.now()
    sources = list(shown.sources.all()) if shown else []
    if not sources:
        # Never shown: shown the first time the threshold is reached.
        if len(counted) >= threshold:
            if shown is None:
                shown = TeamProfileShown(team=team)
            _show(shown, counted, now)
            _team_record(actor, team, AuditAction.CHANGED, {"profile": [None, as_text(len(counted))]})
        return
    baseline = {source.assessment_ref for source in sources}
    new = set(counted.values()) - baseline
    if len(new) >= 2 and len(counted) >= threshold:
        _show(shown, counted, now)
        _team_record(actor, team, AuditAction.CHANGED, {"profile": [as_text(len(sources)), as_text(len(counted))]})
        return
    still_there = set(Assessment.objects.filter(pk__in=[ref for ref in baseline if ref]).values_list("pk", flat=True))
    gone = any(
        source.user_ref not in counted or source.assessment_ref not in still_there for source in sources
    )
    if gone and shown.bands:
        # Withdrawn: nothing shown until two new assessments; the baseline stays what was
        # shown last, so the next showing differs from it by at least two people.
        shown.bands = {}
        shown.save(update_fields=["bands"])
        _team_record(actor, team, AuditAction.CHANGED, {"profile": [as_text(len(sources)), None]})


def _refresh_profiles_of(user) -> None:
    for team in Team.objects.filter(
        members__user=user, members__status=TeamMemberStatus.MEMBER, members__shares_assessment=True
    ):
        team_profile_refresh(actor=user, team=team)


@service
def member_leaving(*, actor, membership: Membership) -> None:
    """A member leaves an alliance (the foundation's `member_removing` signal): they leave its
    role plan, and no longer count in the teams of the alliance."""
    role_plan_member_leaving(actor=actor, membership=membership)
    for team in Team.objects.filter(alliance_id=membership.alliance_id, members__user_id=membership.user_id):
        # The foundation removes the membership after this: count without them already.
        team_profile_refresh(actor=actor, team=team, leaving_user_id=membership.user_id)
