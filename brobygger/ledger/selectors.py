"""Reads of the value ledger for pages, the API and the front page.

The status rule is progress.py's; this module fetches the facts it needs (the goals and
results the reader may read, rules.ReadScope) with a fixed number of queries, whatever the
number of parties and entries, and every page, card, attention item and the API get their
statuses through `_party_statuses` or the same facts. A page never reveals what it doesn't
show, and says when something is left out.

A party's totals: every contribution is in exactly one line (money, one line per kind of
hours, one per other unit), the kroner of the lines add up to what the party gives, and
payments for deliveries stand apart (given or received), outside the value totals.
"""

import datetime
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import (
    Count,
    DecimalField,
    Exists,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Sum,
)
from django.db.models.functions import Round
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from brobygger.alliances.models import (
    Alliance,
    MemberRole,
    Party,
    Phase,
    ValueAnswer,
    group_by_sector,
)
from brobygger.alliances.selectors import memberships_of
from brobygger.core import audit
from brobygger.core.registry import AttentionItem, PartyPageEntry

from .models import (
    AMOUNT_DIGITS,
    AMOUNT_PLACES,
    Contribution,
    HourKind,
    Result,
    Unit,
    ValueGoal,
)
from .progress import (
    GoalFacts,
    GoalProgress,
    ResultFacts,
    StateCounts,
    Status,
    goal_progress,
)
from .progress import (
    party_status as status_from_progress,
)
from .rules import (
    ReadScope,
    parties_read_q,
    read_scope,
    read_scope_everywhere,
    scope_of_memberships,
    visible_entries_q,
    visible_goals_q,
    visible_results_q,
)

# A party is asked for its own word at least this often (attention items remind it).
ANSWER_INTERVAL_DAYS = 92


# --- Facts for the rule ---------------------------------------------------------------------

def _amount_field() -> DecimalField:
    return DecimalField(max_digits=AMOUNT_DIGITS + 6, decimal_places=AMOUNT_PLACES)


_GOAL_VALUES = (
    "pk",
    "party_id",
    "alliance_id",
    "target_date",
    "target_value",
    "direction",
    "reading",
    "start_date",
    "created_at",
)


def _facts_of_goal_row(row: dict) -> GoalFacts:
    return GoalFacts(
        pk=row["pk"],
        party_id=row["party_id"],
        target_date=row["target_date"],
        target_value=row["target_value"],
        direction=row["direction"],
        reading=row["reading"],
        counts_from=row["start_date"] or timezone.localdate(row["created_at"]),
    )


def facts_of_goal(goal: ValueGoal) -> GoalFacts:
    return GoalFacts(
        pk=goal.pk,
        party_id=goal.party_id,
        target_date=goal.target_date,
        target_value=goal.target_value,
        direction=goal.direction,
        reading=goal.reading,
        counts_from=goal.counts_from,
    )


def facts_of_result(result: Result) -> ResultFacts:
    return ResultFacts(
        goal_id=result.goal_id,
        pk=result.pk,
        achieved_on=result.achieved_on,
        measured_value=result.measured_value,
        meets_goal=result.meets_goal,
    )


def _progress_by_goal(goals: QuerySet, *, scope: ReadScope, day: datetime.date):
    """{goal id: (GoalFacts, GoalProgress)} for the goals of the queryset: two queries."""
    facts = {row["pk"]: _facts_of_goal_row(row) for row in goals.values(*_GOAL_VALUES)}
    if not facts:
        return {}
    results: dict[int, list[ResultFacts]] = defaultdict(list)
    rows = Result.objects.filter(
        visible_results_q(scope), goal__in=goals.values("pk"), achieved_on__lte=day
    ).values_list("goal_id", "pk", "achieved_on", "measured_value", "meets_goal")
    for goal_id, pk, achieved_on, measured, meets in rows:
        results[goal_id].append(ResultFacts(goal_id, pk, achieved_on, measured, meets))
    return {pk: (goal, goal_progress(goal, results[pk], day=day)) for pk, goal in facts.items()}


@dataclass(frozen=True)
class PartyState:
    party_id: int
    alliance_id: int
    status: str
    goals: StateCounts
    # The latest day one of its goals was met (within the window or not), or None.
    last_met_on: datetime.date | None
    # The party's fields asked for by `_party_statuses(extra=...)`.
    extra: dict


def _states_of(
    party_ids, progress_by_goal, *, day
) -> dict[int, tuple[str, StateCounts, datetime.date | None]]:
    by_party: dict[int, list[GoalProgress]] = defaultdict(list)
    for goal, progress in progress_by_goal.values():
        if goal.party_id is not None:
            by_party[goal.party_id].append(progress)
    states = {}
    for pk in party_ids:
        progresses = by_party.get(pk, [])
        met = [p.confirmed_on for p in progresses if p.confirmed_on is not None]
        states[pk] = (
            status_from_progress(progresses, day=day),
            StateCounts.of(progresses),
            max(met, default=None),
        )
    return states


def _party_statuses(
    party_filter: Q, *, scope: ReadScope, day: datetime.date, extra=()
) -> list[PartyState]:
    """The status of every party matching the filter that the reader reads: three queries.
    `extra` names more party fields to fetch (returned on `.extra`)."""
    parties = list(
        Party.objects.filter(party_filter, parties_read_q(scope)).values(
            "pk", "alliance_id", *extra
        )
    )
    if not parties:
        return []
    goals = ValueGoal.objects.filter(
        visible_goals_q(scope), party__in=Party.objects.filter(party_filter, parties_read_q(scope))
    )
    states = _states_of(
        [row["pk"] for row in parties], _progress_by_goal(goals, scope=scope, day=day), day=day
    )
    rows = []
    for row in parties:
        status, counts, last_met = states[row["pk"]]
        state = PartyState(row["pk"], row["alliance_id"], status, counts, last_met, extra=row)
        rows.append(state)
    return rows


@dataclass(frozen=True)
class PartyStatus:
    code: str

    @property
    def label(self) -> str:
        return Status.LABELS[self.code]

    @property
    def explanation(self) -> str:
        return Status.EXPLANATIONS[self.code]


def party_status(*, party: Party, scope: ReadScope, day=None) -> PartyStatus:
    """One party's status, by the same rule as the balance. Three queries."""
    day = day or timezone.localdate()
    rows = _party_statuses(Q(pk=party.pk), scope=scope, day=day)
    return PartyStatus(rows[0].status if rows else Status.RED)


# --- At a glance: many alliances ----------------------------------------------------------


@dataclass
class StatusCounts:
    green: int = 0
    yellow: int = 0
    red: int = 0

    @property
    def total(self) -> int:
        return self.green + self.yellow + self.red

    def add(self, status: str) -> None:
        if status == Status.GREEN:
            self.green += 1
        elif status == Status.YELLOW:
            self.yellow += 1
        else:
            self.red += 1

    @classmethod
    def of(cls, statuses) -> "StatusCounts":
        counts = cls()
        for status in statuses:
            counts.add(status)
        return counts


def status_counts(alliances, *, scope: ReadScope, day=None) -> dict[int, StatusCounts]:
    """How many parties of each alliance are green, yellow and red: three queries."""
    day = day or timezone.localdate()
    counts: dict[int, StatusCounts] = {alliance.pk: StatusCounts() for alliance in alliances}
    if not counts:
        return counts
    for row in _party_statuses(Q(alliance_id__in=counts.keys()), scope=scope, day=day):
        counts[row.alliance_id].add(row.status)
    return counts


# --- The value balance of one alliance ----------------------------------------------------


@dataclass
class GivenLine:
    """One line of what a party gives: money, one kind of hours, or one other unit."""

    kind: str  # "money", "hours" or "other"
    label: str
    count: int
    quantity: Decimal
    unit_label: str
    # Worth in kroner (None: not valued, e.g. hours of a kind without a rate).
    kroner: Decimal | None
    rate: Decimal | None = None
    # Entries of the line without a value in kroner (other units without an estimate).
    without_kroner: int = 0


def kroner_of(lines: list[GivenLine]) -> Decimal:
    """The kroner of the lines that have a value in kroner, added up."""
    return sum((line.kroner for line in lines if line.kroner is not None), Decimal("0"))


@dataclass
class PartyBalance:
    party: Party
    status: str
    goals: StateCounts = field(default_factory=StateCounts)
    given: list[GivenLine] = field(default_factory=list)
    contribution_count: int = 0
    # Payments for deliveries, outside the value totals.
    paid_kroner: Decimal = Decimal("0")
    payments_made: int = 0
    received_kroner: Decimal = Decimal("0")
    payments_received: int = 0
    gained_kroner: Decimal = Decimal("0")
    # Results without an estimate in kroner: they count for the status but not in kroner.
    results_without_kroner: int = 0
    result_count: int = 0
    last_result_on: datetime.date | None = None
    last_met_on: datetime.date | None = None
    answer: "LatestAnswer | None" = None
    # What other capabilities add to the party's answer (registry.answer_details), set by the view.
    answer_details: list = field(default_factory=list)

    @property
    def status_label(self) -> str:
        return Status.LABELS[self.status]

    @property
    def status_explanation(self) -> str:
        return Status.EXPLANATIONS[self.status]

    @property
    def sector(self) -> str:
        return self.party.organisation.sector

    @property
    def contributed_kroner(self) -> Decimal:
        """What the party gives in kroner: the sum of its lines' kroner."""
        return kroner_of(self.given)

    @property
    def money(self) -> GivenLine | None:
        return next((line for line in self.given if line.kind == "money"), None)

    @property
    def hours(self) -> list[GivenLine]:
        return [line for line in self.given if line.kind == "hours"]

    @property
    def other(self) -> list[GivenLine]:
        return [line for line in self.given if line.kind == "other"]

    @property
    def hours_total(self) -> Decimal:
        return sum((line.quantity for line in self.hours), Decimal("0"))

    @property
    def hours_kroner(self) -> Decimal:
        return kroner_of(self.hours)

    @property
    def unvalued_hours(self) -> Decimal:
        return sum((line.quantity for line in self.hours if line.kroner is None), Decimal("0"))



@dataclass(frozen=True)
class LatestAnswer:
    answer: str
    comment: str
    answered_at: datetime.datetime

    @property
    def label(self) -> str:
        return ValueAnswer.Answer(self.answer).label


@dataclass
class ValueBalance:
    alliance: Alliance
    parties: list[PartyBalance]
    shared_goals: list[ValueGoal]
    day: datetime.date
    # The reader reads the members' entries (else: public ones only).
    includes_private: bool
    # Some entries the reader may not read exist, and the figures are without them.
    hides_entries: bool
    # The reader reads the parties' own answers.
    shows_answers: bool = False

    @property
    def by_sector(self) -> list[tuple[str, list[PartyBalance]]]:
        return group_by_sector(self.parties, lambda row: row.sector)

    @property
    def without_value(self) -> list[PartyBalance]:
        return [row for row in self.parties if row.status != Status.GREEN]

    @property
    def counts(self) -> StatusCounts:
        return StatusCounts.of(row.status for row in self.parties)

    @property
    def contributed_kroner(self) -> Decimal:
        return sum((row.contributed_kroner for row in self.parties), Decimal("0"))

    @property
    def gained_kroner(self) -> Decimal:
        return sum((row.gained_kroner for row in self.parties), Decimal("0"))

    @property
    def paid_kroner(self) -> Decimal:
        return sum((row.paid_kroner for row in self.parties), Decimal("0"))

    @property
    def received_kroner(self) -> Decimal:
        return sum((row.received_kroner for row in self.parties), Decimal("0"))

    @property
    def has_payments(self) -> bool:
        return any(row.payments_made or row.payments_received for row in self.parties)

    @property
    def hours_total(self) -> Decimal:
        return sum((row.hours_total for row in self.parties), Decimal("0"))

    @property
    def has_kroner(self) -> bool:
        """Whether any party gives or has got something with a value in kroner."""
        return self.chart_max > 0

    @property
    def chart_max(self) -> Decimal:
        return max(
            [row.contributed_kroner for row in self.parties]
            + [row.gained_kroner for row in self.parties]
            + [Decimal("0")]
        )

    @property
    def answers_no(self) -> list[PartyBalance]:
        return [
            row for row in self.parties if row.answer and row.answer.answer == ValueAnswer.Answer.NO
        ]


def _hides_entries(scope: ReadScope, *, alliance_id: int, party: Party | None = None) -> bool:
    """Whether the alliance (or one party of it) has entries the reader may not read. One
    query, none for a reader who reads everything there or only public entries (who is told
    so anyway)."""
    if scope.reads_all_of(alliance_id) or not scope.reads_members_entries_of(alliance_id):
        return False
    where = {"party": party} if party is not None else {"party__alliance_id": alliance_id}
    where_goals = {"party": party} if party is not None else {"alliance_id": alliance_id}
    where_results = (
        {"goal__party": party} if party is not None else {"goal__alliance_id": alliance_id}
    )
    return (
        Alliance.objects.filter(pk=alliance_id)
        .filter(
            Exists(Contribution.objects.filter(~visible_entries_q(scope), **where))
            | Exists(ValueGoal.objects.filter(~visible_goals_q(scope), **where_goals))
            | Exists(Result.objects.filter(~visible_results_q(scope), **where_results))
        )
        .exists()
    )


def given_lines(rows) -> dict[int, list[GivenLine]]:
    """{party id: its lines} from contribution rows grouped by party, unit and hour kind
    (payments excluded): every contribution in exactly one line."""
    unit_labels = dict(Unit.choices)
    lines: dict[int, list[GivenLine]] = defaultdict(list)
    for row in rows:
        unit = row["unit"]
        if unit == Unit.KRONER:
            line = GivenLine(
                "money",
                str(_("Penge")),
                row["count"],
                row["total_quantity"],
                unit_labels[unit],
                row["total_quantity"],
            )
        elif unit == Unit.HOURS:
            rate = row["hour_kind__rate"]
            name = row["hour_kind__name"] or str(_("Timer uden timetype"))
            kroner = None if rate is None else row["hours_kroner"]
            line = GivenLine(
                "hours", name, row["count"], row["total_quantity"], unit_labels[unit], kroner, rate=rate
            )
        else:
            valued = row["valued"]
            line = GivenLine(
                "other",
                unit_labels[unit],
                row["count"],
                row["total_quantity"],
                unit_labels[unit],
                row["estimates"] if valued else None,
                without_kroner=row["count"] - valued,
            )
        lines[row["party_id"]].append(line)
    order = {"money": 0, "hours": 1, "other": 2}
    for party_lines in lines.values():
        party_lines.sort(key=lambda line: (order[line.kind], line.label))
    return lines


def _contribution_rows(where: Q, scope: ReadScope):
    return (
        Contribution.objects.filter(visible_entries_q(scope), where, is_payment=False)
        .values("party_id", "unit", "hour_kind__name", "hour_kind__rate")
        .annotate(
            total_quantity=Sum("quantity"),
            # Hours valued entry by entry, rounded to the øre as each entry shows it.
            hours_kroner=Sum(Round(F("quantity") * F("hour_kind__rate"), 2, output_field=_amount_field())),
            estimates=Sum("estimated_value"),
            valued=Count("estimated_value"),
            count=Count("pk"),
        )
        .order_by("party_id", "unit", "hour_kind__name")
    )


def _latest_answer_annotations() -> dict:
    latest = ValueAnswer.objects.filter(party=OuterRef("pk")).order_by("-answered_at", "-pk")
    return {
        "latest_answer": Subquery(latest.values("answer")[:1]),
        "latest_comment": Subquery(latest.values("comment")[:1]),
        "latest_answered_at": Subquery(latest.values("answered_at")[:1]),
    }


def value_balance(
    *, alliance: Alliance, scope: ReadScope, day=None, with_answers: bool = False
) -> ValueBalance:
    """Per party: what it gives, what it wants, what it has got, its status and (for
    members) its own latest word; and the alliance's shared goals, from the entries the
    reader may read. 8 queries (7 for a reader who reads everything)."""
    day = day or timezone.localdate()
    parties_query = (
        Party.objects.filter(parties_read_q(scope), alliance=alliance)
        .select_related("organisation")
        .order_by("organisation__name", "pk")
    )
    if with_answers:
        parties_query = parties_query.annotate(**_latest_answer_annotations())
    parties = list(parties_query)
    rows = {party.pk: PartyBalance(party=party, status=Status.RED) for party in parties}
    for party in parties:
        if with_answers and party.latest_answer:
            rows[party.pk].answer = LatestAnswer(
                party.latest_answer, party.latest_comment, party.latest_answered_at
            )

    goals = list(
        ValueGoal.objects.filter(visible_goals_q(scope), alliance=alliance).filter(
            Q(party__isnull=True) | Q(party__in=[party.pk for party in parties])
        )
    )
    results = list(
        Result.objects.filter(
            visible_results_q(scope), goal__alliance=alliance, achieved_on__lte=day
        ).order_by("achieved_on", "pk")
    )
    results_by_goal: dict[int, list[Result]] = defaultdict(list)
    for result in results:
        results_by_goal[result.goal_id].append(result)
    facts = {goal.pk: facts_of_goal(goal) for goal in goals}
    progress = {
        goal.pk: (
            facts[goal.pk],
            goal_progress(
                facts[goal.pk], map(facts_of_result, results_by_goal[goal.pk]), day=day
            ),
        )
        for goal in goals
    }
    for pk, (status, counts, last_met) in _states_of(rows.keys(), progress, day=day).items():
        rows[pk].status, rows[pk].goals, rows[pk].last_met_on = status, counts, last_met
    shared = []
    for goal in goals:
        goal.progress = progress[goal.pk][1]
        if goal.party_id is None:
            goal.latest_results = list(reversed(results_by_goal[goal.pk]))[:1]
            shared.append(goal)
    shared.sort(key=lambda goal: (goal.target_date, goal.pk))

    for party_id, lines in given_lines(
        _contribution_rows(Q(party__alliance=alliance), scope)
    ).items():
        if party_id in rows:
            rows[party_id].given = lines
            rows[party_id].contribution_count = sum(line.count for line in lines)
    payments = (
        Contribution.objects.filter(
            visible_entries_q(scope), party__alliance=alliance, is_payment=True
        )
        .values("party_id")
        .annotate(total=Sum("quantity"), count=Count("pk"))
        .order_by("party_id")
    )
    for line in payments:
        if line["party_id"] in rows:
            rows[line["party_id"]].paid_kroner = line["total"]
            rows[line["party_id"]].payments_made = line["count"]

    for result in results:
        row = rows.get(progress[result.goal_id][0].party_id) if result.goal_id in progress else None
        if row is None:
            continue
        row.result_count += 1
        row.last_result_on = max(row.last_result_on or result.achieved_on, result.achieved_on)
        if result.is_payment:
            row.received_kroner += result.estimated_value or Decimal("0")
            row.payments_received += 1
        elif result.estimated_value is None:
            row.results_without_kroner += 1
        else:
            row.gained_kroner += result.estimated_value

    return ValueBalance(
        alliance=alliance,
        parties=list(rows.values()),
        shared_goals=shared,
        day=day,
        includes_private=scope.reads_members_entries_of(alliance.pk),
        hides_entries=_hides_entries(scope, alliance_id=alliance.pk),
        shows_answers=with_answers,
    )


# --- One party's ledger, the shared goals ----------------------------------------------------


@dataclass
class PartyLedger:
    party: Party
    contributions: list[Contribution]
    # Each with `.progress`, and its readable results prefetched.
    goals: list[ValueGoal]
    status: PartyStatus
    # The party's totals, every contribution in one line (payments apart).
    given: list[GivenLine]
    # The party's latest audit records, each with `.lines` for the reader.
    changes: list
    includes_private: bool
    hides_entries: bool

    @property
    def contributed_kroner(self) -> Decimal:
        return kroner_of(self.given)

    @property
    def payments(self) -> list[Contribution]:
        return [entry for entry in self.contributions if entry.is_payment]

    @property
    def paid_kroner(self) -> Decimal:
        return sum((entry.quantity for entry in self.payments), Decimal("0"))


def _goals_with_progress(goals_query, *, scope: ReadScope, day: datetime.date) -> list[ValueGoal]:
    """The goals, each with its readable results (newest first) and `.progress`. Two queries."""
    goals = list(
        goals_query.select_related("created_by", "updated_by").prefetch_related(
            Prefetch(
                "results",
                queryset=Result.objects.filter(
                    visible_results_q(scope), achieved_on__lte=day
                ).select_related("created_by", "updated_by"),
            )
        )
    )
    for goal in goals:
        goal.progress = goal_progress(
            facts_of_goal(goal), map(facts_of_result, goal.results.all()), day=day
        )
    return goals


def party_ledger(
    *, party: Party, reader, scope: ReadScope, with_changes: bool, change_limit: int = 50, day=None
) -> PartyLedger:
    """The party's entries (goals with their results and progress) the reader may read, its
    status by the balance's rule, its totals, and its latest changes. 5–7 queries."""
    day = day or timezone.localdate()
    contributions = list(
        Contribution.objects.filter(visible_entries_q(scope), party=party).select_related(
            "created_by", "updated_by", "hour_kind"
        )
    )
    goals = _goals_with_progress(
        ValueGoal.objects.filter(visible_goals_q(scope), party=party), scope=scope, day=day
    )
    changes = (
        audit.with_lines(audit.history(party_id=party.pk)[:change_limit], reader)
        if with_changes
        else []
    )
    lines = given_lines(_contribution_rows(Q(party=party), scope)).get(party.pk, [])
    return PartyLedger(
        party,
        contributions,
        goals,
        PartyStatus(status_from_progress([goal.progress for goal in goals], day=day)),
        lines,
        changes,
        includes_private=scope.reads_members_entries_of(party.alliance_id),
        hides_entries=_hides_entries(scope, alliance_id=party.alliance_id, party=party),
    )


def shared_goals(*, alliance: Alliance, scope: ReadScope, day=None) -> list[ValueGoal]:
    """The alliance's shared goals the reader may read, with results and progress. Two
    queries."""
    day = day or timezone.localdate()
    return _goals_with_progress(
        ValueGoal.objects.filter(visible_goals_q(scope), alliance=alliance, party__isnull=True),
        scope=scope,
        day=day,
    )


def hour_kinds(alliance: Alliance, *, scope: ReadScope) -> list[HourKind]:
    """The alliance's kinds of hours with their rates (the alliance's, whoever reads), and
    how many of the contributions the reader reads use each, and their hours. One query."""
    return list(hour_kinds_read(alliance, scope=scope))


def hour_kinds_read(alliance: Alliance, *, scope: ReadScope) -> QuerySet[HourKind]:
    """`hour_kinds` as a queryset (by name, then pk), for the API to page through."""
    read = Q(contributions__in=Contribution.objects.filter(visible_entries_q(scope), party__alliance=alliance))
    return (
        HourKind.objects.filter(alliance=alliance)
        .annotate(
            contribution_count=Count("contributions", filter=read),
            hours=Sum("contributions__quantity", filter=read),
        )
        .order_by("name", "pk")
    )


# --- The API's lists: the entries one reader reads ---------------------------------------------


def contributions_read(alliance: Alliance, *, scope: ReadScope) -> QuerySet[Contribution]:
    """The alliance's contributions the reader reads, newest period first, pk last (stable
    pages), with their party, organisation and hour kind: one query a page."""
    return (
        Contribution.objects.filter(visible_entries_q(scope), party__alliance=alliance)
        .select_related("party__organisation", "hour_kind")
        .order_by("-period_start", "-pk")
    )


def goals_read(alliance: Alliance, *, scope: ReadScope) -> QuerySet[ValueGoal]:
    """The alliance's value goals (the parties' and the shared ones) the reader reads, by
    target date, pk last. Their progress: `with_progress`."""
    return (
        ValueGoal.objects.filter(visible_goals_q(scope), alliance=alliance)
        .select_related("party__organisation")
        .order_by("target_date", "pk")
    )


def results_read(alliance: Alliance, *, scope: ReadScope) -> QuerySet[Result]:
    """The alliance's results the reader reads (the result and its goal both readable),
    newest first, pk last."""
    return (
        Result.objects.filter(visible_results_q(scope), goal__alliance=alliance)
        .select_related("goal__party__organisation")
        .order_by("-achieved_on", "-pk")
    )


def with_progress(goals, *, scope: ReadScope, day=None) -> list[ValueGoal]:
    """The goals, each with `.progress` by the rule (progress.py) from the results the reader
    reads, as the pages compute it: one query whatever the number of goals (none for none)."""
    goals = list(goals)
    if not goals:
        return goals
    day = day or timezone.localdate()
    results: dict[int, list[ResultFacts]] = defaultdict(list)
    rows = Result.objects.filter(
        visible_results_q(scope), goal__in=[goal.pk for goal in goals], achieved_on__lte=day
    ).values_list("goal_id", "pk", "achieved_on", "measured_value", "meets_goal")
    for goal_id, pk, achieved_on, measured, meets in rows:
        results[goal_id].append(ResultFacts(goal_id, pk, achieved_on, measured, meets))
    for goal in goals:
        goal.progress = goal_progress(facts_of_goal(goal), results[goal.pk], day=day)
    return goals


def hour_kind_in(alliance: Alliance, pk: int) -> HourKind | None:
    return (
        HourKind.objects.select_related("alliance")
        .annotate(contribution_count=Count("contributions"))
        .filter(alliance=alliance, pk=pk)
        .first()
    )


def value_answers(party: Party, *, limit: int = 20) -> list[ValueAnswer]:
    """The party's own answers, newest first. One query."""
    return list(ValueAnswer.objects.filter(party=party).select_related("answered_by")[:limit])


def contribution_in(alliance: Alliance, pk: int) -> Contribution | None:
    return (
        Contribution.objects.select_related("party__organisation", "hour_kind")
        .filter(party__alliance=alliance, pk=pk)
        .first()
    )


def goal_in(alliance: Alliance, pk: int) -> ValueGoal | None:
    return (
        ValueGoal.objects.select_related("party__organisation")
        .annotate(result_count=Count("results"))
        .filter(alliance=alliance, pk=pk)
        .first()
    )


def result_in(alliance: Alliance, pk: int) -> Result | None:
    return (
        Result.objects.select_related("goal__party__organisation")
        .filter(goal__alliance=alliance, pk=pk)
        .first()
    )


# --- The registry's hooks: alliance cards and the front page --------------------------------


@dataclass
class BalanceGlance:
    alliance: Alliance
    counts: StatusCounts


def balance_glance(alliances: list[Alliance], user) -> dict[int, BalanceGlance]:
    """Each alliance's green/yellow/red tally for its card. Four queries."""
    counts = status_counts(alliances, scope=read_scope_everywhere(user))
    return {alliance.pk: BalanceGlance(alliance, counts[alliance.pk]) for alliance in alliances}


def _latest_answers(party_ids) -> dict[int, tuple[str, datetime.datetime]]:
    """{party id: (latest answer, when)} for the parties: one query."""
    rows = (
        Party.objects.filter(pk__in=party_ids)
        .annotate(**_latest_answer_annotations())
        .values_list("pk", "latest_answer", "latest_answered_at")
    )
    return {pk: (answer, at) for pk, answer, at in rows if answer}


def attention_items(user, *, day: datetime.date) -> list[AttentionItem]:
    """Tell coordinators and top leaders which parties have not got value home and which
    say they don't get enough out of the alliance; tell a party's own representatives when
    their party has no value goal yet, or hasn't said in a quarter whether it gets enough.
    Four queries."""
    memberships = memberships_of(user)
    # An idea has no value goals yet, and a closed alliance is history: neither is flagged.
    running = [m for m in memberships if m.alliance.phase not in (Phase.IDEA, Phase.CLOSED)]
    watched = {
        m.alliance_id: m.alliance
        for m in running
        if m.role in (MemberRole.COORDINATOR, MemberRole.TOP_LEADER)
    }
    # The party's own people are asked for their party's goal and answer.
    speaks_for = {
        m.party_id: m.alliance for m in running if m.party_id and m.role != MemberRole.OBSERVER
    }
    # Those who watch the alliance's parties are told about their own party with the others.
    own = {pk: alliance for pk, alliance in speaks_for.items() if alliance.pk not in watched}
    if not watched and not speaks_for:
        return []
    names: dict[int, list[str]] = defaultdict(list)
    without_goal: list[tuple[int, str]] = []
    # What the user reads: a top leader is not told about entries they may not read.
    scope = scope_of_memberships((m.alliance_id, m.role, m.party_id) for m in memberships)
    states = _party_statuses(
        Q(alliance_id__in=watched.keys()) | Q(pk__in=speaks_for.keys()),
        scope=scope,
        day=day,
        extra=("organisation__name",),
    )
    states.sort(key=lambda state: state.extra["organisation__name"])
    answers = _latest_answers([state.party_id for state in states])
    said_no: dict[int, list[str]] = defaultdict(list)
    not_answered: list[tuple[int, str]] = []
    stale_before = day - datetime.timedelta(days=ANSWER_INTERVAL_DAYS)
    for state in states:
        name = state.extra["organisation__name"]
        answer = answers.get(state.party_id)
        if state.alliance_id in watched:
            if state.status != Status.GREEN:
                names[state.alliance_id].append(name)
            if answer and answer[0] == ValueAnswer.Answer.NO:
                said_no[state.alliance_id].append(name)
        if state.party_id in own and not state.goals.total:
            without_goal.append((state.party_id, name))
        if state.party_id in speaks_for and (answer is None or timezone.localdate(answer[1]) < stale_before):
            not_answered.append((state.party_id, name))
    own_items = [
        AttentionItem(
            own[party_id],
            _(
                "Din part, %(name)s, har endnu intet værdimål. Skriv, hvad I vil have med hjem fra alliancen."
            )
            % {"name": name},
            reverse("ledger:goal_add", kwargs={"slug": own[party_id].slug, "party_id": party_id}),
        )
        for party_id, name in without_goal
    ]
    answer_items = [
        AttentionItem(
            speaks_for[party_id],
            _(
                "Får %(name)s nok ud af alliancen? Svar, så koordinatorerne og de andre parter ved, hvor I står."
            )
            % {"name": name},
            reverse(
                "ledger:value_answer",
                kwargs={"slug": speaks_for[party_id].slug, "party_id": party_id},
            ),
        )
        for party_id, name in not_answered
    ]
    no_items = [
        AttentionItem(
            alliance,
            ngettext(
                "%(names)s svarer, at parten ikke får nok ud af alliancen.",
                "%(count)s parter svarer, at de ikke får nok ud af alliancen: %(names)s.",
                len(said_no[pk]),
            )
            % {"count": len(said_no[pk]), "names": ", ".join(said_no[pk])},
            reverse("ledger:balance", kwargs={"slug": alliance.slug}) + "#gets-heading",
        )
        for pk, alliance in watched.items()
        if said_no[pk]
    ]
    return (
        own_items
        + answer_items
        + no_items
        + [
            AttentionItem(
                alliance,
                ngettext(
                    "%(names)s har ikke nået et værdimål inden for de seneste tolv måneder.",
                    "%(count)s parter har ikke nået et værdimål inden for de seneste tolv måneder: %(names)s.",
                    len(names[pk]),
                )
                % {"count": len(names[pk]), "names": ", ".join(names[pk])},
                reverse("ledger:balance", kwargs={"slug": alliance.slug}),
            )
            for pk, alliance in watched.items()
            if names[pk]
        ]
    )


# --- "Din part" on the alliance page --------------------------------------------------------


def own_party_entry(party: Party, user) -> PartyPageEntry:
    """The party's ledger, and what it lacks as the member reads it. One query."""
    scope = read_scope(user, party)
    has_goal, has_contribution, answered_at = (
        Party.objects.filter(pk=party.pk)
        .annotate(
            has_goal=Exists(ValueGoal.objects.filter(visible_goals_q(scope), party=OuterRef("pk"))),
            has_contribution=Exists(
                Contribution.objects.filter(visible_entries_q(scope), party=OuterRef("pk"))
            ),
            answered_at=_latest_answer_annotations()["latest_answered_at"],
        )
        .values_list("has_goal", "has_contribution", "answered_at")
        .get()
    )
    if not has_goal:
        missing = _("Ingen værdimål endnu: skriv, hvad parten vil have med hjem.")
    elif not has_contribution:
        missing = _("Ingen bidrag registreret endnu.")
    elif answered_at is None or answered_at < timezone.now() - datetime.timedelta(
        days=ANSWER_INTERVAL_DAYS
    ):
        missing = _(
            "Parten har ikke svaret på, om den får nok ud af alliancen, det seneste kvartal."
        )
    else:
        missing = ""
    return PartyPageEntry(
        label=str(_("Partens værdiregnskab")),
        url=reverse("ledger:party", kwargs={"slug": party.alliance.slug, "party_id": party.pk}),
        missing=str(missing),
    )
