"""Reads for decisions: the fair-process score, the involvement plan compared with what
happened, lists, the public page, card summaries and attention items. Query counts are
fixed: figures for a page of decisions come from three grouped queries, whatever its size.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.db.models import Avg, Count, Exists, Min, OuterRef, Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from brobygger.alliances.models import Alliance, MemberRole, Membership
from brobygger.alliances.rules import members_only_alliance_ids, verified_organisation_id
from brobygger.core import formatting
from brobygger.core.models import AuditRecord
from brobygger.core.registry import AttentionItem

from .models import (
    PLAN_PHASES,
    ChangeProcess,
    Decision,
    Expectation,
    Hearing,
    Invitation,
    InvolvementGroup,
    PlanCell,
    Response,
)
from .rules import ADD_PROCESS, MANAGE_DECISIONS
from .taxonomy import (
    AGREEING,
    DISAGREEING,
    HEARING_PARTICIPATION,
    PARTICIPATION_RANK,
    Participation,
    Status,
)

# An open hearing whose invited have mostly not answered is flagged this close to its deadline.
ENGAGEMENT_WARNING_DAYS = 7
# Under this share of the invited answering, engagement is weak.
WEAK_SHARE = 0.5


def _share(part: int, whole: int) -> float | None:
    return part / whole if whole else None


@dataclass
class FeltHeard:
    """"Følte du dig hørt?" for one group of respondents: the mean is shown only behind
    enough answers (`BROBYGGER_PRIVACY_THRESHOLD`)."""

    count: int = 0
    mean: float | None = None

    @property
    def shown(self) -> bool:
        return self.count >= settings.BROBYGGER_PRIVACY_THRESHOLD and self.mean is not None


@dataclass
class FairProcess:
    """The fair-process figures of one decision, each with what it counts."""

    status: str
    invited: int = 0
    invited_answered: int = 0
    public_responses: int = 0
    responses: int = 0
    answered: int = 0
    expectations: int = 0
    clear_expectations: int = 0
    days_to_decision: int | None = None
    days_to_first_action: int | None = None
    first_action_done: bool = False
    agreeing: FeltHeard = field(default_factory=FeltHeard)
    disagreeing: FeltHeard = field(default_factory=FeltHeard)
    weak: list[str] = field(default_factory=list)

    @property
    def engagement(self) -> float | None:
        """The share of the invited who answered."""
        return _share(self.invited_answered, self.invited)

    @property
    def explanation(self) -> float | None:
        """The share of responses the decider has answered."""
        return _share(self.answered, self.responses)

    @property
    def expectation_clarity(self) -> float | None:
        """The share of expectations with both an owner and a date."""
        return _share(self.clear_expectations, self.expectations)

    @property
    def is_weak(self) -> bool:
        return bool(self.weak)


def _days(start: datetime.datetime | datetime.date | None, end: datetime.datetime | datetime.date | None) -> int | None:
    if start is None or end is None:
        return None
    if isinstance(start, datetime.datetime):
        start = timezone.localtime(start).date()
    if isinstance(end, datetime.datetime):
        end = timezone.localtime(end).date()
    return (end - start).days


def fair_process_for(decisions: list[Decision], *, now: datetime.datetime | None = None) -> dict[int, FairProcess]:
    """{decision id: FairProcess} in three queries, whatever the number of decisions. The
    decisions' hearings should be fetched with them (select_related("hearing"))."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    ids = [decision.pk for decision in decisions]
    if not ids:
        return {}
    party_answered = Response.objects.filter(hearing=OuterRef("hearing"), party=OuterRef("party"))
    invitations = {
        row["hearing__decision_id"]: row
        for row in Invitation.objects.filter(hearing__decision_id__in=ids)
        .annotate(answered=Exists(party_answered) | Exists(Response.objects.filter(invitation=OuterRef("pk"))))
        .values("hearing__decision_id")
        .annotate(total=Count("pk"), done=Count("pk", filter=Q(answered=True)))
    }
    agreeing = Q(felt_heard__isnull=False, stance__in=AGREEING)
    disagreeing = Q(felt_heard__isnull=False, stance__in=DISAGREEING)
    responses = {
        row["hearing__decision_id"]: row
        for row in Response.objects.filter(hearing__decision_id__in=ids)
        .values("hearing__decision_id")
        .annotate(
            total=Count("pk"),
            answered=Count("pk", filter=Q(replied_at__isnull=False)),
            public=Count("pk", filter=Q(party__isnull=True, invitation__isnull=True)),
            agree_n=Count("pk", filter=agreeing),
            agree_mean=Avg("felt_heard", filter=agreeing),
            disagree_n=Count("pk", filter=disagreeing),
            disagree_mean=Avg("felt_heard", filter=disagreeing),
        )
    }
    expectations = {
        row["decision_id"]: row
        for row in Expectation.objects.filter(decision_id__in=ids)
        .values("decision_id")
        .annotate(
            total=Count("pk"),
            clear=Count("pk", filter=~Q(owner="") & Q(due_on__isnull=False)),
            first_done=Min("done_on"),
            first_due=Min("due_on"),
            overdue=Count("pk", filter=Q(due_on__lt=today, done_on__isnull=True)),
        )
    }
    scores = {}
    for decision in decisions:
        inv = invitations.get(decision.pk, {})
        res = responses.get(decision.pk, {})
        exp = expectations.get(decision.pk, {})
        score = FairProcess(
            status=decision.status,
            invited=inv.get("total", 0),
            invited_answered=inv.get("done", 0),
            public_responses=res.get("public", 0),
            responses=res.get("total", 0),
            answered=res.get("answered", 0),
            expectations=exp.get("total", 0),
            clear_expectations=exp.get("clear", 0),
            days_to_decision=_days(decision.created_at, decision.decided_at),
            agreeing=FeltHeard(res.get("agree_n", 0), res.get("agree_mean")),
            disagreeing=FeltHeard(res.get("disagree_n", 0), res.get("disagree_mean")),
        )
        if exp.get("first_done"):
            score.days_to_first_action, score.first_action_done = _days(decision.decided_at, exp["first_done"]), True
        elif exp.get("first_due"):
            score.days_to_first_action = _days(decision.decided_at, exp["first_due"])
        score.weak = _weak_points(decision, score, overdue=exp.get("overdue", 0), now=now)
        scores[decision.pk] = score
    return scores


def fair_process(decision: Decision) -> FairProcess:
    return fair_process_for([decision])[decision.pk]


def _weak_points(decision: Decision, score: FairProcess, *, overdue: int, now: datetime.datetime) -> list[str]:
    """What is weak in the process while it can still be mended, in plain words."""
    weak: list[str] = []
    if decision.status == Status.HEARING:
        hearing = getattr(decision, "hearing", None)
        if hearing is not None and hearing.is_open(now):
            # Whole days left before the last day (0: today is the last day).
            days_left = (hearing.last_day - timezone.localdate(now)).days
            if score.invited and (score.engagement or 0) < WEAK_SHARE and days_left <= ENGAGEMENT_WARNING_DAYS:
                weak.append(
                    _("%(answered)s af %(invited)s inviterede har svaret, og sidste svardag er %(day)s.")
                    % {
                        "answered": score.invited_answered,
                        "invited": score.invited,
                        "day": formatting.day(hearing.last_day),
                    }
                )
        elif hearing is not None:
            weak.append(_("Høringen er lukket, men beslutningen er ikke truffet."))
    if decision.status == Status.DECIDED:
        missing = score.responses - score.answered
        if missing:
            weak.append(
                ngettext(
                    "%(count)s høringssvar mangler et svar.", "%(count)s høringssvar mangler et svar.", missing
                )
                % {"count": missing}
            )
        if not score.clear_expectations:
            weak.append(_("Ingen forventning har både en ansvarlig og en dato."))
    if decision.status == Status.COMMUNICATED and overdue:
        weak.append(
            ngettext(
                "%(count)s forventning er ikke indfriet til tiden.", "%(count)s forventninger er ikke indfriet til tiden.", overdue
            )
            % {"count": overdue}
        )
    return weak


# --- Reading decisions ----------------------------------------------------------------------


def decisions_of(owner, user, *, status: str = "") -> "list[Decision]":
    """An alliance's or a change process's decisions the user may see, newest first (drafts
    only for those who run them)."""
    decisions = Decision.objects.filter(**({"alliance": owner} if isinstance(owner, Alliance) else {"change_process": owner}))
    if not user.has_perm(MANAGE_DECISIONS, owner):
        decisions = decisions.exclude(status=Status.DRAFT)
    if status:
        decisions = decisions.filter(status=status)
    return decisions.select_related("hearing").order_by("-created_at", "-pk")


def decision_for_page(pk: int) -> Decision | None:
    return (
        Decision.objects.select_related("alliance", "change_process__organisation", "hearing", "decided_by")
        .filter(pk=pk)
        .first()
    )


def responses_of(decision: Decision) -> list[Response]:
    return list(
        Response.objects.filter(hearing__decision=decision)
        .select_related("party__organisation", "invitation", "author", "replied_by")
        .order_by("number")
    )


def invitations_of(decision: Decision) -> list[Invitation]:
    return list(Invitation.objects.filter(hearing__decision=decision).select_related("party__organisation").order_by("pk"))


def party_is_invited(hearing, party_id: int) -> bool:
    return Invitation.objects.filter(hearing=hearing, party_id=party_id).exists()


def response_of_party(hearing, party_id: int) -> Response | None:
    return Response.objects.filter(hearing=hearing, party_id=party_id).first()


# The fields a decision's audit records name besides its own (the hearing's, when it opened).
_OTHER_CHANGE_LABELS = {
    "affected": _("berørte"),
    "closes_at": _("sidste svardag"),
    "level": _("deltagelsesniveau"),
    "is_public": _("offentlig høring"),
    "invited": _("inviterede"),
    "version": _("version"),
    "reminded_at": _("påmindelse sendt"),
}


def _readable_value(name: str, value: str) -> str:
    """A recorded value as a reader says it: a status by its label, yes or no, a date by the
    day (the audit keeps them as text)."""
    if not value:
        return value
    if name == "status" and value in Status.values:
        return str(Status(value).label)
    if name in ("affects_public", "is_public"):
        return _("Ja") if value == "1" else _("Nej")
    if name in ("closes_at", "review_on"):
        try:
            return formatting.day(datetime.datetime.fromisoformat(value) if "T" in value else datetime.date.fromisoformat(value))
        except ValueError:
            return value
    return value


def changes_since(decision: Decision, revision: int) -> list[tuple[str, str, str, datetime.datetime]]:
    """What was saved after `revision`, field by field: (what the field is called, its latest
    value as a reader says it, who saved it, when). Read from the decision's audit records,
    which carry the revision each save made."""
    records = AuditRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(Decision), object_id=decision.pk
    ).order_by("at", "pk")
    latest: dict[str, tuple[str, str, datetime.datetime]] = {}
    for rec in records:
        made = (rec.changes or {}).get("revision")
        if not made or int(made[1] or 0) <= revision:
            continue
        for name, values in rec.changes.items():
            if name != "revision":
                latest[name] = (values[1] or "", rec.actor_name, rec.at)
    labels = {f.name: str(f.verbose_name) for f in Decision._meta.fields} | _OTHER_CHANGE_LABELS
    return [
        (str(labels.get(name, name)), _readable_value(name, value), who, at) for name, (value, who, at) in latest.items()
    ]


def hearing_by_token(token: str) -> tuple[Hearing | None, Invitation | None]:
    """The hearing a link opens: a public hearing's own address, or one invited person's.
    A hearing that is not public has no public address."""
    if not token or len(token) > 64:
        return None, None
    invitation = (
        Invitation.objects.filter(token=token, party__isnull=True)
        .select_related("hearing__decision__alliance", "hearing__decision__change_process__organisation")
        .first()
    )
    if invitation is not None:
        return invitation.hearing, invitation
    hearing = (
        Hearing.objects.filter(token=token, is_public=True)
        .select_related("decision__alliance", "decision__change_process__organisation")
        .first()
    )
    return hearing, None


def response_by_token(token: str) -> Response | None:
    if not token or len(token) > 64:
        return None
    return (
        Response.objects.filter(manage_token=token)
        .select_related("hearing__decision__alliance", "hearing__decision__change_process", "invitation")
        .first()
    )


def process_for_page(pk: int) -> ChangeProcess | None:
    return ChangeProcess.objects.select_related("organisation").filter(pk=pk).first()


def processes_of(organisation) -> list[ChangeProcess]:
    return list(
        ChangeProcess.objects.filter(organisation=organisation)
        .annotate(
            decision_count=Count("decisions", distinct=True),
            open_count=Count("decisions", filter=Q(decisions__status=Status.HEARING), distinct=True),
        )
        .order_by("-created_at", "-pk")
    )


# --- The involvement plan compared with what happened ----------------------------------------


@dataclass
class PlanSlot:
    phase: str
    phase_label: str
    cell: PlanCell | None
    hearings: list[Hearing]

    @property
    def is_gap(self) -> bool:
        return self.cell is not None and self.cell.is_gap

    @property
    def actual_level(self) -> str:
        """The most influence any hearing placed here offered (a participation level)."""
        levels = [HEARING_PARTICIPATION[hearing.level] for hearing in self.hearings]
        return max(levels, key=PARTICIPATION_RANK.get) if levels else ""

    @property
    def actual_label(self) -> str:
        return Participation(self.actual_level).label if self.actual_level else ""

    @property
    def below_plan(self) -> bool:
        """Hearings took place here, but offered less than the plan promised."""
        planned = self.cell.level if self.cell else ""
        return bool(planned and self.actual_level) and PARTICIPATION_RANK[self.actual_level] < PARTICIPATION_RANK[planned]

    @property
    def unplanned(self) -> bool:
        return bool(self.hearings) and not (self.cell and self.cell.level)


@dataclass
class PlanRow:
    group: InvolvementGroup
    slots: list[PlanSlot]


def plan_of(owner) -> list[PlanRow]:
    """The plan's rows (groups) × phases, each slot with its cell and the hearings placed
    there. Three queries."""
    groups = list(
        InvolvementGroup.objects.filter(**({"alliance": owner} if isinstance(owner, Alliance) else {"change_process": owner}))
    )
    cells = {(cell.group_id, cell.phase): cell for cell in PlanCell.objects.filter(group__in=groups)}
    placed: dict[tuple[int, str], list[Hearing]] = {}
    through = Hearing.groups.through.objects.filter(involvementgroup__in=groups).select_related("hearing__decision")
    for link in through:
        placed.setdefault((link.involvementgroup_id, link.hearing.decision.phase), []).append(link.hearing)
    return [
        PlanRow(
            group=group,
            slots=[
                PlanSlot(phase=phase, phase_label=label, cell=cells.get((group.pk, phase)), hearings=placed.get((group.pk, phase), []))
                for phase, label in PLAN_PHASES
            ],
        )
        for group in groups
    ]


def plan_gaps(rows: list[PlanRow]) -> list[PlanSlot]:
    return [slot for row in rows for slot in row.slots if slot.is_gap]


# --- Cards, the front page ------------------------------------------------------------------


def _may_be_weak(day: datetime.date) -> Q:
    """The decisions `_weak_points` can flag: in hearing or decided, or with an expectation
    past its date and not done. The expectations are asked with EXISTS rather than a join, so
    the query needs no DISTINCT over every column."""
    overdue = Expectation.objects.filter(decision=OuterRef("pk"), due_on__lt=day, done_on__isnull=True)
    return Q(status__in=[Status.HEARING, Status.DECIDED]) | Q(Exists(overdue))


def card_summaries(alliances: list, user) -> dict:
    """For members and staff: how many decisions are in hearing, and how many have a weak
    process. Four queries for a page of alliances."""
    readable = members_only_alliance_ids(user)
    mine = [alliance.pk for alliance in alliances if readable is None or alliance.pk in readable]
    if not mine:
        return {}
    decisions = list(
        Decision.objects.filter(alliance_id__in=mine)
        .exclude(status__in=[Status.DRAFT])
        .filter(_may_be_weak(timezone.localdate()))
        .select_related("hearing")
    )
    scores = fair_process_for(decisions)
    slugs = {alliance.pk: alliance.slug for alliance in alliances}
    summaries: dict[int, dict] = {}
    for decision in decisions:
        entry = summaries.setdefault(decision.alliance_id, {"in_hearing": 0, "weak": 0, "slug": slugs[decision.alliance_id]})
        if decision.status == Status.HEARING and decision.hearing.is_open():
            entry["in_hearing"] += 1
        if scores[decision.pk].is_weak:
            entry["weak"] += 1
    return {key: value for key, value in summaries.items() if value["in_hearing"] or value["weak"]}


def attention_items(user, *, day):
    """For those who run decisions: decisions whose process is weak while it can be mended.
    For a party's representatives: open hearings their party has not answered, and
    communicated decisions that ask whether they felt heard. Five queries."""
    if not user.is_authenticated:
        return []
    memberships = list(Membership.objects.filter(user=user).exclude(role=MemberRole.OBSERVER).select_related("alliance"))
    organisation_id = verified_organisation_id(user)
    items: list[AttentionItem] = []
    coordinated = [m.alliance_id for m in memberships if m.role == MemberRole.COORDINATOR]
    # The organisation's processes are read first: asked inside the decisions' query (as a
    # join or a subquery), the database reads every decision to find the few in them.
    processes = (
        list(ChangeProcess.objects.filter(organisation_id=organisation_id).values_list("pk", flat=True))
        if organisation_id
        else []
    )
    running = Q(alliance_id__in=coordinated) | Q(change_process_id__in=processes)
    if coordinated or processes:
        decisions = list(
            Decision.objects.filter(running)
            .filter(_may_be_weak(day))
            .select_related("hearing", "alliance", "change_process")
        )
        scores = fair_process_for(decisions)
        for decision in decisions:
            for weak in scores[decision.pk].weak:
                items.append(
                    AttentionItem(
                        subject=decision.owner,
                        message=_("Beslutningen »%(question)s«: %(weak)s") % {"question": decision.question, "weak": weak},
                        url=decision.get_absolute_url(),
                    )
                )
    speaks_for = {m.party_id: m.alliance for m in memberships if m.party_id}
    if speaks_for:
        now = timezone.now()
        answered = Response.objects.filter(hearing=OuterRef("hearing"), party=OuterRef("party"))
        waiting = (
            Invitation.objects.filter(party_id__in=speaks_for, hearing__closes_at__gt=now, hearing__decision__status=Status.HEARING)
            .annotate(done=Exists(answered))
            .filter(done=False)
            .select_related("hearing__decision")
        )
        for invitation in waiting:
            decision = invitation.hearing.decision
            items.append(
                AttentionItem(
                    subject=speaks_for[invitation.party_id],
                    message=_("Høringen om »%(question)s« venter på jeres svar til og med %(day)s.")
                    % {"question": decision.question, "day": invitation.hearing.last_day.strftime("%d.%m.%Y")},
                    url=reverse("decisions:respond", kwargs={"pk": decision.pk}),
                )
            )
        for response in Response.objects.filter(
            party_id__in=speaks_for, felt_heard__isnull=True, hearing__decision__status=Status.COMMUNICATED,
            hearing__decision__communicated_at__gte=now - datetime.timedelta(days=60),
        ).select_related("hearing__decision"):
            decision = response.hearing.decision
            items.append(
                AttentionItem(
                    subject=speaks_for[response.party_id],
                    message=_("Beslutningen »%(question)s« er meddelt. Følte I jer hørt?") % {"question": decision.question},
                    url=decision.get_absolute_url() + "#hoert",
                )
            )
    return items


def organisation_section(user, organisation) -> dict | None:
    """The organisation page's list of its change processes: for its verified employees and
    staff, who may start one. One query."""
    if not user.is_authenticated or not user.has_perm(ADD_PROCESS, organisation):
        return None
    return {"organisation": organisation, "processes": processes_of(organisation)}
