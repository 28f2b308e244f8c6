"""The rule that says how far a value goal has come and, from its goals, whether a party gets
value home. The one place it is written: the balance, the party's ledger, the alliance
cards, the front page's attention list and the API all call it (through selectors.py) with
the goals and results the reader may read. docs/value-balance.md explains it with examples.

A goal's state:
- nået: its numeric target is reached (the latest measured value, or the sum of the measured
  values since the goal counts from, compared in the goal's direction); without a numeric
  target, a result says "målet er nået";
- forsinket: not reached, and its date has passed (a goal due today is not late);
- undervejs: not reached, not late, and it has results;
- ikke forfalden: not reached, not late, no results yet.

A party's status:
- grøn: a goal was met within the last twelve months, dated by the latest result that shows
  it met (a level kept at the target is value still coming home);
- rød: no goals, or every goal is late;
- gul: otherwise (goals on the way or not due, or met more than twelve months ago).

Pure Python over plain facts, so it can be tested at every edge without a database, and the
selectors fetch the facts with a fixed number of queries.
"""

import datetime
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from django.utils.translation import gettext_lazy as _

from .models import GoalDirection, ProgressReading


class GoalState:
    MET = "naaet"
    ON_THE_WAY = "undervejs"
    NOT_DUE = "ikke_forfalden"
    OVERDUE = "forsinket"

    LABELS = {
        MET: _("Nået"),
        ON_THE_WAY: _("Undervejs"),
        NOT_DUE: _("Ikke forfalden"),
        OVERDUE: _("Forsinket"),
    }
    ORDER = (MET, ON_THE_WAY, NOT_DUE, OVERDUE)


class Status:
    GREEN = "green"
    YELLOW = "yellow"
    RED = "red"

    LABELS = {GREEN: _("Grøn"), YELLOW: _("Gul"), RED: _("Rød")}
    EXPLANATIONS = {
        GREEN: _("Har nået mindst ét værdimål inden for de seneste tolv måneder."),
        YELLOW: _(
            "Intet værdimål er nået inden for de seneste tolv måneder, men ikke alle mål er forsinkede."
        ),
        RED: _("Har ingen værdimål, eller alle partens værdimål er forsinkede."),
    }
    ORDER = (GREEN, YELLOW, RED)


def twelve_months_before(day: datetime.date) -> datetime.date:
    """The same date a year earlier (29 February becomes 28 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


@dataclass(frozen=True)
class GoalFacts:
    pk: int
    party_id: int | None
    target_date: datetime.date
    target_value: Decimal | None = None
    direction: str = GoalDirection.MORE
    reading: str = ProgressReading.LATEST
    # The first day whose results a sum counts: the start date, or the day the goal was set.
    counts_from: datetime.date | None = None


@dataclass(frozen=True)
class ResultFacts:
    goal_id: int
    pk: int
    achieved_on: datetime.date
    measured_value: Decimal | None = None
    meets_goal: bool = False


@dataclass(frozen=True)
class GoalProgress:
    state: str
    # The day the result that met the goal was achieved; None when not met.
    met_on: datetime.date | None
    # The latest result that shows the goal met: for a level (the latest reading) the newest
    # measurement at or past the target, for a goal marked met the newest marked result, for
    # a sum the day it reached the target. The twelve-month window counts from it.
    confirmed_on: datetime.date | None
    # What is compared with the target: the latest value or the sum (None: nothing measured).
    value: Decimal | None
    # How far towards the target, in whole per cent (may pass 100); None without a target.
    percent: int | None
    result_count: int

    @property
    def label(self) -> str:
        return GoalState.LABELS[self.state]

    @property
    def bar_percent(self) -> int:
        return min(self.percent or 0, 100)


def _reaches(value: Decimal, goal: GoalFacts) -> bool:
    if goal.direction == GoalDirection.LESS:
        return value <= goal.target_value
    return value >= goal.target_value


def _percent(value: Decimal | None, goal: GoalFacts) -> int | None:
    if value is None or goal.target_value is None:
        return None
    target = goal.target_value
    if goal.direction == GoalDirection.LESS:
        # Less is better: at or under the target is the whole way; above it, how close.
        if value <= target:
            return 100
        ratio = target / value if value > 0 else Decimal(0)
    else:
        if target <= 0:
            return 100 if value >= target else 0
        ratio = max(value, Decimal(0)) / target
    percent = int((ratio * 100).quantize(Decimal(1), rounding=ROUND_HALF_UP))
    # Rounding never says 100 % of a target that is not reached.
    return percent if _reaches(value, goal) else min(percent, 99)


def _met(goal: GoalFacts, results: list[ResultFacts]) -> tuple[datetime.date | None, datetime.date | None, Decimal | None]:
    """(the day the goal was met, the latest day a result confirmed it is still met, the
    value compared with the target); the days are None when it is not met."""
    if goal.target_value is None:
        marked = [result.achieved_on for result in results if result.meets_goal]
        return (min(marked), max(marked), None) if marked else (None, None, None)
    measured = [result for result in results if result.measured_value is not None]
    if goal.reading == ProgressReading.SUM:
        total = Decimal(0)
        met_on = None
        for result in measured:
            if goal.counts_from is not None and result.achieved_on < goal.counts_from:
                continue
            total += result.measured_value
            # Met since the result that took the sum to the target (a negative value can
            # take it back under, and a later one reach it again).
            met_on = (met_on or result.achieved_on) if _reaches(total, goal) else None
        return met_on, met_on, total
    if not measured:
        return None, None, None
    latest = measured[-1].measured_value
    if not _reaches(latest, goal):
        return None, None, latest
    # Met since the first of the unbroken run of results that reach the target, and
    # confirmed by the latest of them: a level kept is value still coming home.
    met_on = measured[-1].achieved_on
    for result in reversed(measured):
        if not _reaches(result.measured_value, goal):
            break
        met_on = result.achieved_on
    return met_on, measured[-1].achieved_on, latest


def goal_progress(goal: GoalFacts, results: Iterable[ResultFacts], *, day: datetime.date) -> GoalProgress:
    """The goal's state on `day` from the results the reader may read (later ones are left
    out)."""
    ordered = sorted((r for r in results if r.achieved_on <= day), key=lambda r: (r.achieved_on, r.pk))
    met_on, confirmed_on, value = _met(goal, ordered)
    if met_on is not None:
        state = GoalState.MET
    elif goal.target_date < day:
        state = GoalState.OVERDUE
    elif ordered:
        state = GoalState.ON_THE_WAY
    else:
        state = GoalState.NOT_DUE
    return GoalProgress(
        state=state,
        met_on=met_on,
        confirmed_on=confirmed_on,
        value=value,
        percent=_percent(value, goal),
        result_count=len(ordered),
    )


def party_status(progresses: Iterable[GoalProgress], *, day: datetime.date) -> str:
    """A party's status from its goals' progress (only the goals the reader may read)."""
    progresses = list(progresses)
    cutoff = twelve_months_before(day)
    if any(p.state == GoalState.MET and cutoff <= p.confirmed_on <= day for p in progresses):
        return Status.GREEN
    if not progresses or all(p.state == GoalState.OVERDUE for p in progresses):
        return Status.RED
    return Status.YELLOW


@dataclass(frozen=True)
class StateCounts:
    """How many of a party's goals are in each state."""

    met: int = 0
    on_the_way: int = 0
    not_due: int = 0
    overdue: int = 0

    @classmethod
    def of(cls, progresses: Iterable[GoalProgress]) -> "StateCounts":
        states = [p.state for p in progresses]
        return cls(
            met=states.count(GoalState.MET),
            on_the_way=states.count(GoalState.ON_THE_WAY),
            not_due=states.count(GoalState.NOT_DUE),
            overdue=states.count(GoalState.OVERDUE),
        )

    @property
    def total(self) -> int:
        return self.met + self.on_the_way + self.not_due + self.overdue
