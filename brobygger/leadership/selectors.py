"""Reads for the role plan, self-assessments and teams: pages, the API, cards, attention
items and figures. Each read costs a fixed number of queries, whatever the number of
leaders, cells or members."""

from collections import defaultdict
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.auth import get_user_model
from django.db.models import OuterRef, Q, Subquery
from django.urls import reverse
from django.utils.text import get_text_list
from django.utils.translation import gettext as _

from brobygger.alliances.models import (
    AffiliationStatus,
    Alliance,
    MemberRole,
    Membership,
    PartyConsent,
    Phase,
    PhaseChange,
)
from brobygger.alliances.rules import members_only_alliance_ids
from brobygger.core.registry import AttentionItem

from . import instrument, plan
from .dimensions import CHALLENGES, DESCRIPTIONS, ROLES, Dimension, Role
from .models import (
    Assessment,
    DimensionScore,
    RoleAssignment,
    RolePlanCell,
    RolePlanSnapshot,
    Team,
    TeamKind,
    TeamMember,
    TeamMemberStatus,
)

# --- The role plan ------------------------------------------------------------------------------


@dataclass
class Leader:
    membership_id: int
    name: str
    organisation: str
    organisation_id: int | None


@dataclass
class PlanCell:
    phase: str
    role: str
    leaders: list[Leader]
    needed: bool
    reason: str
    # The reason is Brobygger's suggestion, not the alliance's own words.
    reason_is_suggestion: bool
    # The alliance has said itself whether the role is needed (instead of the suggestion).
    own_say: bool
    # Only the current and the next phase have gaps.
    gap: bool = False
    gap_note: str = ""

    @property
    def phase_label(self) -> str:
        return Phase(self.phase).label

    @property
    def role_label(self) -> str:
        return Role(self.role).label


@dataclass
class PlanRow:
    phase: str
    cells: list[PlanCell]
    is_current: bool = False
    is_next: bool = False

    @property
    def label(self) -> str:
        return Phase(self.phase).label


@dataclass
class RolePlan:
    alliance: Alliance
    current_phase: str
    next_phase: str | None
    rows: list[PlanRow]

    @property
    def gaps(self) -> list[PlanCell]:
        return [cell for row in self.rows for cell in row.cells if cell.gap]

    @property
    def current_gaps(self) -> list[PlanCell]:
        return [cell for cell in self.gaps if cell.phase == self.current_phase]

    @property
    def next_gaps(self) -> list[PlanCell]:
        return [cell for cell in self.gaps if cell.phase == self.next_phase]

    def cell(self, phase: str, role: str) -> PlanCell:
        row = next(row for row in self.rows if row.phase == phase)
        return next(cell for cell in row.cells if cell.role == role)


def _leader_from(membership: Membership) -> Leader:
    user = membership.user
    party = membership.party
    return Leader(
        membership_id=membership.pk,
        name=user.get_full_name() or user.get_username(),
        organisation=party.organisation.name if party else "",
        organisation_id=party.organisation_id if party else None,
    )


def _cell(
    *,
    phase: str,
    role: str,
    stored: RolePlanCell | None,
    leaders: list[Leader],
    lead_organisation_id: int,
    lead_organisation_name: str,
    focus: tuple,
) -> PlanCell:
    suggestion = plan.suggestion(phase, role)
    own_say = stored.needed if stored is not None else None
    own_reason = stored.reason if stored is not None else ""
    reason = own_reason or (str(suggestion.reason) if suggestion else "")
    organisation_ids = [leader.organisation_id for leader in leaders]
    cell = PlanCell(
        phase=phase,
        role=role,
        leaders=leaders,
        needed=plan.is_needed(phase, role, own_say),
        reason=reason,
        reason_is_suggestion=bool(reason) and not own_reason,
        own_say=own_say is not None,
    )
    if phase in focus:
        cell.gap = plan.is_gap(phase, role, own_say, organisation_ids, lead_organisation_id)
        if cell.gap and plan.lacks_lead_organisation(phase, role, organisation_ids, lead_organisation_id):
            cell.gap_note = _("Ingen af lederne kommer fra %(organisation)s, som skal bære arbejdet.") % {
                "organisation": lead_organisation_name
            }
    return cell


def _focus(phase: str) -> tuple:
    return tuple(p for p in (phase, plan.next_phase(phase)) if p)


def role_plans(alliances: list[Alliance]) -> dict[int, RolePlan]:
    """The whole plan of each alliance: every phase × role, with gaps in the current and next
    phase. Two queries (cells; leaders with their users and organisations), whatever the
    number of alliances and leaders. The alliances come with their lead organisation."""
    if not alliances:
        return {}
    pks = [alliance.pk for alliance in alliances]
    stored = {
        (cell.alliance_id, cell.phase, cell.role): cell for cell in RolePlanCell.objects.filter(alliance_id__in=pks)
    }
    leaders: dict[tuple, list[Leader]] = defaultdict(list)
    assignments = (
        RoleAssignment.objects.filter(cell__alliance_id__in=pks)
        .select_related("cell", "membership__user", "membership__party__organisation")
        .order_by("membership__user__first_name", "membership__user__last_name", "pk")
    )
    for assignment in assignments:
        cell = assignment.cell
        leaders[(cell.alliance_id, cell.phase, cell.role)].append(_leader_from(assignment.membership))
    plans = {}
    for alliance in alliances:
        focus = _focus(alliance.phase)
        following = plan.next_phase(alliance.phase)
        rows = [
            PlanRow(
                phase=phase,
                is_current=phase == alliance.phase,
                is_next=phase == following,
                cells=[
                    _cell(
                        phase=phase,
                        role=role,
                        stored=stored.get((alliance.pk, phase, role)),
                        leaders=leaders.get((alliance.pk, phase, role), []),
                        lead_organisation_id=alliance.lead_organisation_id,
                        lead_organisation_name=alliance.lead_organisation.name,
                        focus=focus,
                    )
                    for role in Role.values
                ],
            )
            for phase in plan.PHASE_ORDER
        ]
        plans[alliance.pk] = RolePlan(alliance=alliance, current_phase=alliance.phase, next_phase=following, rows=rows)
    return plans


def role_plan(*, alliance: Alliance) -> RolePlan:
    return role_plans([alliance])[alliance.pk]


def plan_leader_choices(*, alliance: Alliance):
    """The members who can take a role: anyone in the alliance, from any party."""
    return (
        Membership.objects.filter(alliance=alliance)
        .select_related("user", "party__organisation")
        .order_by("user__first_name", "user__last_name", "pk")
    )


def current_gaps(alliances: list[Alliance]) -> dict[int, list[str]]:
    """{alliance pk: the roles that are gaps in its current phase}, for many alliances in two
    queries (cards, attention items, figures)."""
    if not alliances:
        return {}
    by_pk = {alliance.pk: alliance for alliance in alliances}

    def current(alliance_id: int, phase: str) -> bool:
        return by_pk[alliance_id].phase == phase

    # Every cell and leader of these alliances (at most phases × roles each), kept if it is in
    # the alliance's current phase: one query each, however many alliances.
    own_say = {
        (alliance_id, role): needed
        for alliance_id, phase, role, needed in RolePlanCell.objects.filter(alliance_id__in=list(by_pk)).values_list(
            "alliance_id", "phase", "role", "needed"
        )
        if current(alliance_id, phase)
    }
    taken_by: dict[tuple, list[int | None]] = defaultdict(list)
    for alliance_id, phase, role, organisation_id in RoleAssignment.objects.filter(
        cell__alliance_id__in=list(by_pk)
    ).values_list("cell__alliance_id", "cell__phase", "cell__role", "membership__party__organisation_id"):
        if current(alliance_id, phase):
            taken_by[(alliance_id, role)].append(organisation_id)
    gaps = {
        alliance.pk: [
            role
            for role in Role.values
            if plan.is_gap(
                alliance.phase,
                role,
                own_say.get((alliance.pk, role)),
                taken_by.get((alliance.pk, role), []),
                alliance.lead_organisation_id,
            )
        ]
        for alliance in alliances
    }
    return gaps


def snapshot_cells(role_plan_: RolePlan) -> list[dict]:
    """The plan as data for a snapshot: names and organisations, not references."""
    return [
        {
            "phase": cell.phase,
            "role": cell.role,
            "needed": cell.needed,
            "reason": cell.reason if not cell.reason_is_suggestion else "",
            "leaders": [{"name": leader.name, "organisation": leader.organisation} for leader in cell.leaders],
        }
        for row in role_plan_.rows
        for cell in row.cells
        if cell.leaders or cell.own_say or cell.reason and not cell.reason_is_suggestion
    ]


def plan_history(*, alliance: Alliance) -> list[PhaseChange]:
    """The alliance's phase changes, newest first, each with the plan saved then (or None for
    a change from before the role plan existed)."""
    return list(
        PhaseChange.objects.filter(alliance=alliance)
        .select_related("role_plan_snapshot")
        .order_by("-changed_at", "-pk")
    )


def snapshot_for(*, alliance: Alliance, pk: int) -> RolePlanSnapshot | None:
    return (
        RolePlanSnapshot.objects.filter(alliance=alliance, pk=pk).select_related("phase_change").first()
    )


@dataclass
class SnapshotCell:
    role_label: str
    leaders: list[dict]
    needed: bool
    reason: str


def snapshot_rows(snapshot: RolePlanSnapshot) -> list[tuple[str, list[SnapshotCell]]]:
    """The saved plan as rows of phases × roles, for the page."""
    saved = {(cell["phase"], cell["role"]): cell for cell in snapshot.cells}
    rows = []
    for phase in plan.PHASE_ORDER:
        cells = []
        for role in Role.values:
            cell = saved.get((phase, role))
            cells.append(
                SnapshotCell(
                    role_label=str(Role(role).label),
                    leaders=cell["leaders"] if cell else [],
                    needed=cell["needed"] if cell else plan.suggestion(phase, role) is not None,
                    reason=cell["reason"] if cell else "",
                )
            )
        rows.append((Phase(phase).label, cells))
    return rows


# --- Cards, attention, "Din part" ---------------------------------------------------------------


def card_summaries(alliances: list, user) -> dict:
    """The role plan's line on alliance cards: the roles missing in the current phase, for
    members and staff only (the plan is theirs). Three queries for a page of alliances."""
    readable = members_only_alliance_ids(user)
    mine = [a for a in alliances if readable is None or a.pk in readable]
    if not mine:
        return {}
    gaps = current_gaps(mine)
    return {
        alliance.pk: {
            "alliance": alliance,
            "phase": Phase(alliance.phase).label,
            "roles": [Role(role).label for role in gaps[alliance.pk]],
        }
        for alliance in mine
    }


def attention_items(user, *, day):
    """For the coordinators and top leaders who keep a plan: the roles missing in the
    alliance's current phase; for everyone: the team invitations they have not answered."""
    if not user.is_authenticated:
        return []
    invitations = [
        AttentionItem(
            subject=place.team,
            message=_("%(name)s har inviteret dig til holdet. Svar på siden Hold.")
            % {"name": place.invited_by.get_full_name() if place.invited_by else _("En leder")},
            url=reverse("leadership:teams"),
        )
        for place in TeamMember.objects.filter(user=user, status=TeamMemberStatus.INVITED).select_related(
            "team", "invited_by"
        )
    ]
    alliances = [
        membership.alliance
        for membership in Membership.objects.filter(
            user=user, role__in=[MemberRole.COORDINATOR, MemberRole.TOP_LEADER]
        ).select_related("alliance")
    ]
    gaps = current_gaps(alliances)
    items = []
    for alliance in alliances:
        roles = gaps.get(alliance.pk)
        if roles:
            items.append(
                AttentionItem(
                    subject=alliance,
                    message=_("Rolleplanen mangler %(roles)s i fasen %(phase)s.")
                    % {
                        "roles": get_text_list([str(Role(role).label) for role in roles], _("og")),
                        "phase": Phase(alliance.phase).label,
                    },
                    url=reverse("leadership:plan", kwargs={"slug": alliance.slug}),
                )
            )
    return [*items, *invitations]


# --- Self-assessments -----------------------------------------------------------------------------


def draft_of(user) -> Assessment | None:
    return Assessment.objects.filter(user=user, completed_at__isnull=True).first()


def answers_of(assessment: Assessment | None) -> dict[str, int]:
    if assessment is None:
        return {}
    return dict(assessment.answers.values_list("statement", "value"))


def completed_assessments(user) -> list[Assessment]:
    """The user's completed assessments, newest first, each with `score_by_dimension`."""
    assessments = list(
        Assessment.objects.filter(user=user, completed_at__isnull=False)
        .prefetch_related("scores")
        .order_by("-completed_at", "-pk")
    )
    for assessment in assessments:
        assessment.score_by_dimension = {score.dimension: score.score for score in assessment.scores.all()}
    return assessments


def own_assessment(user, pk: int, *, drafts: bool = False) -> Assessment | None:
    """A completed assessment of the user's own (with `drafts`, their draft too); None (a 404)
    for anyone else's."""
    assessments = Assessment.objects.filter(pk=pk, user=user)
    if not drafts:
        assessments = assessments.filter(completed_at__isnull=False)
    return assessments.first()


def has_completed_assessment(user) -> bool:
    return Assessment.objects.filter(user=user, completed_at__isnull=False).exists()


@dataclass
class ProfileLine:
    dimension: str
    score: int
    previous: int | None = None

    @property
    def label(self) -> str:
        return Dimension(self.dimension).label

    @property
    def description(self) -> str:
        return DESCRIPTIONS[self.dimension]

    @property
    def change(self) -> int | None:
        return None if self.previous is None else self.score - self.previous


@dataclass
class Reflection:
    dimension: str
    strongest: bool
    phases: list[str]
    # The user's alliances that are now in one of those phases.
    alliances: list[Alliance]

    @property
    def label(self) -> str:
        return Dimension(self.dimension).label

    @property
    def phase_labels(self) -> list[str]:
        return [Phase(phase).label for phase in self.phases]


@dataclass
class Profile:
    assessment: Assessment
    roles: list[ProfileLine]
    challenges: list[ProfileLine]
    # Earlier completed assessments of the same version, oldest first (the trend).
    trend: list[Assessment]
    # Earlier assessments of another version: listed, never compared.
    other_versions: list[Assessment]
    reflections: list[Reflection] = field(default_factory=list)

    @property
    def previous(self) -> Assessment | None:
        earlier = [a for a in self.trend if a.pk != self.assessment.pk]
        return earlier[-1] if earlier else None


def strongest_and_weakest(scores: dict[str, int]) -> tuple[str, str] | None:
    """The roles with the highest and the lowest score (ties: the first in the roles' order),
    or None when every role scores the same."""
    ranked = [(scores.get(role, 0), index, role) for index, role in enumerate(ROLES)]
    if len({score for score, _index, _role in ranked}) == 1:
        return None
    strongest = max(ranked, key=lambda item: (item[0], -item[1]))[2]
    weakest = min(ranked, key=lambda item: (item[0], item[1]))[2]
    return strongest, weakest


def profile(*, assessment: Assessment, user) -> Profile:
    """The profile of one completed assessment: scores per role and challenge, the change
    since the previous assessment of the same version, and a reflection on the strongest and
    weakest roles with the phases (and the user's alliances in them) where they matter."""
    everything = completed_assessments(user)
    current = next(a for a in everything if a.pk == assessment.pk)
    earlier = [a for a in everything if a.completed_at <= current.completed_at and a.pk != current.pk]
    same = sorted([a for a in earlier if a.version == current.version], key=lambda a: (a.completed_at, a.pk))
    other = [a for a in earlier if a.version != current.version]
    previous = same[-1] if same else None

    def line(dimension) -> ProfileLine:
        return ProfileLine(
            dimension=dimension,
            score=current.score_by_dimension.get(dimension, 0),
            previous=previous.score_by_dimension.get(dimension) if previous else None,
        )

    for assessment_ in [*same, current]:
        assessment_.trend_values = [assessment_.score_by_dimension.get(d, "–") for d in (*ROLES, *CHALLENGES)]
    result = Profile(
        assessment=current,
        roles=[line(role) for role in ROLES],
        challenges=[line(challenge) for challenge in CHALLENGES],
        trend=[*same, current],
        other_versions=other,
    )
    extremes = strongest_and_weakest(current.score_by_dimension)
    if extremes is not None:
        memberships = list(Membership.objects.filter(user=user).select_related("alliance"))
        for dimension, is_strongest in zip(extremes, (True, False), strict=True):
            phases = plan.phases_where_suggested(dimension)
            result.reflections.append(
                Reflection(
                    dimension=dimension,
                    strongest=is_strongest,
                    phases=phases,
                    alliances=[m.alliance for m in memberships if m.alliance.phase in phases],
                )
            )
    return result


# --- Teams ----------------------------------------------------------------------------------------

# The member roles that take part in an alliance's work (everyone but observers): who may be
# on an alliance's team (rules.takes_part_as_leader says the same for one alliance).
LEADING_ROLES = [role for role in MemberRole.values if role != MemberRole.OBSERVER]


def alliances_led_by(user):
    """The alliances the user takes part in (not only observes): those they may make a team for."""
    return Alliance.objects.filter(memberships__user=user, memberships__role__in=LEADING_ROLES).order_by("title")


def teams_of(user) -> list[TeamMember]:
    """The user's places in teams (members and invitations), with the team's frame."""
    return list(
        TeamMember.objects.filter(user=user)
        .select_related("team__organisation", "team__alliance", "invited_by")
        .order_by("team__name", "team__pk")
    )


def team_for(user, pk: int) -> Team | None:
    """A team the user is a member of (None: a 404 for everyone else)."""
    return (
        Team.objects.filter(pk=pk, members__user=user, members__status=TeamMemberStatus.MEMBER)
        .select_related("organisation", "alliance__lead_organisation", "profile_shown")
        .first()
    )


def invitation_for(user, pk: int) -> TeamMember | None:
    return (
        TeamMember.objects.filter(team_id=pk, user=user, status=TeamMemberStatus.INVITED)
        .select_related("team__organisation", "team__alliance", "invited_by")
        .first()
    )


def team_members(team: Team) -> list[TeamMember]:
    return list(team.members.select_related("user").order_by("status", "user__first_name", "user__last_name", "pk"))


def eligible_user_ids_q(team: Team) -> Q:
    """Who the team may take, as a filter on users."""
    if team.kind == TeamKind.ORGANISATION:
        return Q(
            affiliation__organisation_id=team.organisation_id,
            affiliation__status=AffiliationStatus.VERIFIED,
        )
    return Q(
        memberships__alliance_id=team.alliance_id,
        memberships__role__in=LEADING_ROLES,
    )


def invitable_users(team: Team):
    """People the team may take who are not in it yet, by name."""
    return (
        get_user_model()
        .objects.filter(eligible_user_ids_q(team), is_active=True)
        .exclude(leader_teams__team=team)
        .order_by("first_name", "last_name", "pk")
        .distinct()
    )


def latest_completed(user_ref) -> Subquery:
    """The pk of the latest completed assessment of the user `user_ref` names (an OuterRef)."""
    return Subquery(
        Assessment.objects.filter(user=user_ref, completed_at__isnull=False)
        .order_by("-completed_at", "-pk")
        .values("pk")[:1]
    )


def counted_assessments(team: Team) -> dict[int, int]:
    """{user pk: their latest completed assessment's pk} for the members who count now: they
    joined, let their assessment count, may still belong to the team, and have one. One query."""
    rows = (
        get_user_model()
        .objects.filter(
            eligible_user_ids_q(team),
            is_active=True,
            leader_teams__team=team,
            leader_teams__status=TeamMemberStatus.MEMBER,
            leader_teams__shares_assessment=True,
        )
        .annotate(latest_assessment=latest_completed(OuterRef("pk")))
        .filter(latest_assessment__isnull=False)
        .values_list("pk", "latest_assessment")
        .distinct()
    )
    return dict(rows)


class Band:
    COVERED = "covered"
    THIN = "thin"
    MISSING = "missing"


BAND_LABELS = {
    Band.COVERED: _("Dækket"),
    Band.THIN: _("Tyndt"),
    Band.MISSING: _("Mangler"),
}


def bands_for(assessment_ids) -> dict[str, str]:
    """{dimension: band}: how many of these assessments score strong on it, in bands (two or
    more: covered; one: thin; none: missing). Never an average. One query."""
    strong: dict[str, int] = defaultdict(int)
    for dimension in DimensionScore.objects.filter(
        assessment_id__in=list(assessment_ids), score__gte=instrument.STRONG_SCORE
    ).values_list("dimension", flat=True):
        strong[dimension] += 1
    return {
        dimension: Band.COVERED if strong[dimension] >= 2 else Band.THIN if strong[dimension] == 1 else Band.MISSING
        for dimension in Dimension.values
    }


def privacy_threshold() -> int:
    return settings.BROBYGGER_PRIVACY_THRESHOLD


@dataclass
class TeamProfile:
    team: Team
    # How many members let their assessment count now.
    counting: int
    threshold: int
    # {dimension: band} when the profile may be shown; None when it may not.
    bands: dict | None
    computed_at: object = None
    # Why nothing is shown: "below_threshold" or "withdrawn" (someone it was computed from no
    # longer counts; it is shown again once two new assessments have come in).
    withheld: str = ""
    # The role plan's gaps set beside the team's bands: [(alliance, PlanCell, band)].
    plan_gaps: list = field(default_factory=list)

    def lines(self, dimensions) -> list[tuple[str, str, str]]:
        return [
            (Dimension(d).label, self.bands[d], BAND_LABELS[self.bands[d]]) for d in dimensions
        ] if self.bands else []

    @property
    def role_lines(self):
        return self.lines(ROLES)

    @property
    def challenge_lines(self):
        return self.lines(CHALLENGES)


def team_profile(*, team: Team, user) -> TeamProfile:
    """What the team sees: the bands last computed (TeamProfileShown), provided everyone they
    were computed from still counts and they are over the threshold; and beside them the gaps
    of the role plans the reader may read. A fixed number of queries whatever the team's size."""
    counted = counted_assessments(team)
    threshold = privacy_threshold()
    shown = getattr(team, "profile_shown", None) if _has_shown(team) else None
    sources = list(shown.sources.all()) if shown is not None else []
    result = TeamProfile(team=team, counting=len(counted), threshold=threshold, bands=None)
    if not shown or not shown.bands:
        result.withheld = "withdrawn" if sources and len(counted) >= threshold else "below_threshold"
        return result
    if len(sources) < threshold:
        result.withheld = "below_threshold"
        return result
    if any(source.user_ref not in counted for source in sources):
        # Someone it was computed from has left, stopped sharing or no longer belongs.
        result.withheld = "withdrawn"
        return result
    result.bands = shown.bands
    result.computed_at = shown.computed_at
    result.plan_gaps = _gaps_beside(team, user, shown.bands)
    return result


def _has_shown(team: Team) -> bool:
    # A missing reverse one-to-one raises an AttributeError subclass.
    return hasattr(team, "profile_shown")


def _gaps_beside(team: Team, user, bands: dict) -> list:
    """The gaps (current and next phase) of the role plans the reader reads that concern the
    team: its alliance, or the alliances its organisation is a party of."""
    if team.kind == TeamKind.ALLIANCE:
        alliances = [team.alliance]
    else:
        alliances = list(
            Alliance.objects.filter(parties__organisation_id=team.organisation_id, parties__consent=PartyConsent.CONFIRMED)
            .select_related("lead_organisation")
            .distinct()
        )
    readable = members_only_alliance_ids(user)
    alliances = [alliance for alliance in alliances if readable is None or alliance.pk in readable]
    plans = role_plans(alliances)
    gaps = []
    for alliance in alliances:
        for cell in plans[alliance.pk].gaps:
            gaps.append((alliance, cell, bands.get(cell.role), BAND_LABELS[bands.get(cell.role, Band.MISSING)]))
    return gaps


# --- The account page ----------------------------------------------------------------------------


def account_section(user) -> dict:
    """"Min konto": where the person's self-assessment stands and their team invitations."""
    latest = (
        Assessment.objects.filter(user=user, completed_at__isnull=False).order_by("-completed_at", "-pk").first()
    )
    return {
        "latest_assessment": latest,
        "has_draft": Assessment.objects.filter(user=user, completed_at__isnull=True).exists(),
        "team_invitations": TeamMember.objects.filter(user=user, status=TeamMemberStatus.INVITED).count(),
    }


def front_section(request) -> dict | None:
    """"Din lederprofil" on the front page: the person's strongest and weakest role in their
    latest profile, or an invitation to take the self-assessment. Two queries."""
    user = request.user
    latest = (
        Assessment.objects.filter(user=user, completed_at__isnull=False)
        .prefetch_related("scores")
        .order_by("-completed_at", "-pk")
        .first()
    )
    if latest is None:
        return {"latest": None}
    extremes = strongest_and_weakest({score.dimension: score.score for score in latest.scores.all()})
    return {
        "latest": latest,
        "strongest": Dimension(extremes[0]).label if extremes else None,
        "weakest": Dimension(extremes[1]).label if extremes else None,
    }
