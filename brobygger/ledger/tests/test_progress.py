"""progress.py, the rule, at every edge, without a database: a goal's state (nået, undervejs,
ikke forfalden, forsinket) from its target, direction and reading, and a party's status
(grøn, gul, rød) from its goals. docs/value-balance.md tells the same with examples.
"""

import datetime
import itertools
from decimal import Decimal

import pytest

from brobygger.ledger.models import GoalDirection, ProgressReading
from brobygger.ledger.progress import (
    GoalFacts,
    GoalProgress,
    GoalState,
    ResultFacts,
    StateCounts,
    Status,
    goal_progress,
    party_status,
    twelve_months_before,
)

D = Decimal
date = datetime.date
MET, ON_THE_WAY, NOT_DUE, OVERDUE = GoalState.MET, GoalState.ON_THE_WAY, GoalState.NOT_DUE, GoalState.OVERDUE
GREEN, YELLOW, RED = Status.GREEN, Status.YELLOW, Status.RED
MORE, LESS = GoalDirection.MORE, GoalDirection.LESS
LATEST, SUM = ProgressReading.LATEST, ProgressReading.SUM

DAY = date(2026, 11, 23)
DUE = date(2027, 6, 30)
_pks = itertools.count(1)


def goal(target=None, *, direction=MORE, reading=LATEST, due=DUE, counts_from=None) -> GoalFacts:
    return GoalFacts(
        pk=1,
        party_id=7,
        target_date=due,
        target_value=None if target is None else D(target),
        direction=direction,
        reading=reading,
        counts_from=counts_from,
    )


def result(on: datetime.date, value=None, *, meets=False, pk=None) -> ResultFacts:
    return ResultFacts(
        goal_id=1,
        pk=next(_pks) if pk is None else pk,
        achieved_on=on,
        measured_value=None if value is None else D(value),
        meets_goal=meets,
    )


def progress_of(the_goal: GoalFacts, *values, day=DAY) -> GoalProgress:
    """The goal's progress from results given as (date, value) pairs or ResultFacts."""
    results = [v if isinstance(v, ResultFacts) else result(*v) for v in values]
    return goal_progress(the_goal, results, day=day)


def made(state, met_on=None) -> GoalProgress:
    """A goal's progress as party_status reads it."""
    return GoalProgress(state=state, met_on=met_on, confirmed_on=met_on, value=None, percent=None, result_count=int(met_on is not None))


# --- The latest value, more is better --------------------------------------------------------


def test_the_issues_example_latest_68_of_75_is_on_the_way_at_91_percent():
    found = progress_of(goal("75"), (date(2026, 3, 1), "52"), (date(2026, 9, 1), "68"))
    assert (found.state, found.value, found.percent, found.met_on) == (ON_THE_WAY, D("68"), 91, None)
    assert found.bar_percent == 91
    assert found.result_count == 2


@pytest.mark.parametrize(
    "latest, state, percent",
    [
        ("75", MET, 100),  # exactly reached
        ("75.01", MET, 100),  # just over
        ("76", MET, 101),  # one over: the percentage passes 100
        ("74", ON_THE_WAY, 99),  # one under
        ("0", ON_THE_WAY, 0),
        ("-5", ON_THE_WAY, 0),  # a negative value is no way at all, not a negative one
    ],
)
def test_more_is_better_at_the_target(latest, state, percent):
    found = progress_of(goal("75"), (date(2026, 10, 1), latest))
    assert (found.state, found.percent) == (state, percent)
    assert found.met_on == (date(2026, 10, 1) if state == MET else None)


def test_the_latest_value_decides_not_the_best():
    """Reached in the spring, fallen back since: not met any more."""
    found = progress_of(goal("75"), (date(2026, 4, 1), "80"), (date(2026, 10, 1), "70"))
    assert (found.state, found.value, found.met_on) == (ON_THE_WAY, D("70"), None)


def test_results_without_a_measured_value_count_as_results_but_not_as_values():
    found = progress_of(goal("75"), (date(2026, 4, 1), "80"), (date(2026, 10, 1), None))
    assert (found.state, found.value, found.met_on, found.result_count) == (MET, D("80"), date(2026, 4, 1), 2)
    only_words = progress_of(goal("75"), (date(2026, 10, 1), None))
    assert (only_words.state, only_words.value, only_words.percent) == (ON_THE_WAY, None, None)
    assert only_words.bar_percent == 0


def test_met_since_the_first_of_the_unbroken_run_that_reaches_the_target():
    found = progress_of(
        goal("75"),
        (date(2026, 1, 1), "80"),  # reached, then broken by February
        (date(2026, 2, 1), "60"),
        (date(2026, 3, 1), "76"),  # the run that still holds starts here
        (date(2026, 4, 1), None),  # words only: neither breaks nor starts the run
        (date(2026, 5, 1), "90"),
    )
    assert (found.state, found.met_on, found.value) == (MET, date(2026, 3, 1), D("90"))


def test_the_order_is_the_date_then_the_entry_whatever_order_they_come_in():
    """Two results on one day: the one entered later is the latest."""
    first, second = result(date(2026, 10, 1), "80", pk=1001), result(date(2026, 10, 1), "70", pk=1002)
    assert progress_of(goal("75"), second, first).state == ON_THE_WAY
    first, second = result(date(2026, 10, 1), "70", pk=1001), result(date(2026, 10, 1), "80", pk=1002)
    assert progress_of(goal("75"), second, first).state == MET
    older = result(date(2026, 9, 1), "80", pk=2000)
    assert progress_of(goal("75"), older, result(date(2026, 10, 1), "70", pk=1)).state == ON_THE_WAY


# --- The latest value, less is better --------------------------------------------------------


@pytest.mark.parametrize(
    "latest, state, percent",
    [
        ("10", MET, 100),  # exactly reached
        ("9", MET, 100),  # under the target: the whole way, not more
        ("0", MET, 100),
        ("11", ON_THE_WAY, 91),  # one over: 10/11
        ("20", ON_THE_WAY, 50),
    ],
)
def test_less_is_better_at_the_target(latest, state, percent):
    found = progress_of(goal("10", direction=LESS), (date(2026, 10, 1), latest))
    assert (found.state, found.percent) == (state, percent)


def test_less_is_better_readmissions_come_down():
    """Readmissions within 30 days, target at most 8 %: 12 %, then 9 %, then 8 %."""
    readmissions = goal("8", direction=LESS)
    steps = [(date(2026, 3, 1), "12"), (date(2026, 6, 1), "9"), (date(2026, 9, 1), "8")]
    assert progress_of(readmissions, *steps[:1]).percent == 67
    assert progress_of(readmissions, *steps[:2]).percent == 89
    found = progress_of(readmissions, *steps)
    assert (found.state, found.met_on, found.percent) == (MET, date(2026, 9, 1), 100)


def test_less_is_better_with_a_target_of_zero():
    zero = goal("0", direction=LESS)
    assert progress_of(zero, (date(2026, 10, 1), "0")).state == MET
    found = progress_of(zero, (date(2026, 10, 1), "3"))
    assert (found.state, found.percent) == (ON_THE_WAY, 0)


# --- The sum since the goal counts from ------------------------------------------------------


def test_sum_of_twelve_citizens_a_year():
    citizens = goal("12", reading=SUM, counts_from=date(2026, 1, 1))
    found = progress_of(citizens, (date(2026, 3, 1), "4"), (date(2026, 6, 1), "4"), (date(2026, 9, 1), "3"))
    assert (found.state, found.value, found.percent) == (ON_THE_WAY, D("11"), 92)
    found = progress_of(
        citizens, (date(2026, 3, 1), "4"), (date(2026, 6, 1), "4"), (date(2026, 9, 1), "4"), (date(2026, 10, 1), "2")
    )
    # Met by the result that brought the sum to 12, not the last one.
    assert (found.state, found.value, found.met_on, found.percent) == (MET, D("14"), date(2026, 9, 1), 117)
    assert found.bar_percent == 100


def test_sum_exactly_reached_and_one_under():
    assert progress_of(goal("12", reading=SUM), (date(2026, 3, 1), "12")).state == MET
    assert progress_of(goal("12", reading=SUM), (date(2026, 3, 1), "11")).state == ON_THE_WAY
    assert progress_of(goal("12", reading=SUM), (date(2026, 3, 1), "11.99")).state == ON_THE_WAY


@pytest.mark.parametrize(
    "counts_from, total",
    [
        (date(2026, 3, 1), D("7")),  # from the start date: the day itself counts
        (date(2026, 3, 2), D("4")),  # one day later: the first result is left out
        (date(2026, 2, 28), D("7")),
        (None, D("7")),  # no day to count from: every result
    ],
)
def test_sum_counts_from_its_first_day(counts_from, total):
    found = progress_of(
        goal("12", reading=SUM, counts_from=counts_from), (date(2026, 3, 1), "3"), (date(2026, 5, 1), "4")
    )
    assert found.value == total
    # Every result is a result, counted in the sum or not.
    assert (found.state, found.result_count) == (ON_THE_WAY, 2)


def test_sum_from_the_creation_day_leaves_out_what_came_before():
    """A goal set on 1 June without a start date counts from 1 June: the 10 citizens of
    May do not make it met."""
    set_in_june = goal("12", reading=SUM, counts_from=date(2026, 6, 1))
    found = progress_of(set_in_june, (date(2026, 5, 31), "10"), (date(2026, 6, 1), "5"))
    assert (found.state, found.value) == (ON_THE_WAY, D("5"))


def test_sum_without_results_is_zero_and_not_due():
    found = progress_of(goal("12", reading=SUM))
    assert (found.state, found.value, found.percent, found.result_count) == (NOT_DUE, D("0"), 0, 0)


def test_sum_brought_back_under_the_target_is_not_met():
    """A correction (a negative value) that takes the sum under the target again."""
    found = progress_of(goal("12", reading=SUM), (date(2026, 3, 1), "12"), (date(2026, 4, 1), "-2"))
    assert (found.state, found.value, found.met_on) == (ON_THE_WAY, D("10"), None)


def test_sum_brought_back_under_and_reached_again_is_met_by_the_result_that_reached_it_again():
    found = progress_of(
        goal("12", reading=SUM),
        (date(2025, 3, 1), "12"),
        (date(2025, 4, 1), "-2"),
        (date(2026, 10, 1), "2"),
    )
    assert (found.state, found.value) == (MET, D("12"))
    assert found.met_on == date(2026, 10, 1)


# --- Without a numeric target: the party's own mark ------------------------------------------


def test_without_a_target_a_marked_result_meets_the_goal():
    found = progress_of(
        goal(),
        result(date(2026, 2, 1)),
        result(date(2026, 5, 1), meets=True),
        result(date(2026, 8, 1), meets=True),
        result(date(2026, 9, 1)),  # a later unmarked result does not undo it
    )
    assert (found.state, found.met_on, found.value, found.percent) == (MET, date(2026, 5, 1), None, None)
    assert found.bar_percent == 0


def test_without_a_target_results_unmarked_are_on_the_way_whatever_they_measure():
    found = progress_of(goal(), result(date(2026, 5, 1), "1000"))
    assert (found.state, found.value, found.percent) == (ON_THE_WAY, None, None)


def test_with_a_target_the_mark_is_not_read():
    """The services refuse the mark on a goal with a numeric target; the rule ignores it too."""
    found = progress_of(goal("75"), result(date(2026, 5, 1), "50", meets=True))
    assert (found.state, found.met_on) == (ON_THE_WAY, None)
    found = progress_of(goal("12", reading=SUM), result(date(2026, 5, 1), None, meets=True))
    assert found.state == ON_THE_WAY


# --- Dates: due today, late, results after the day ------------------------------------------


@pytest.mark.parametrize("the_goal", [goal(), goal("75"), goal("12", reading=SUM)])
def test_due_today_is_not_late_due_yesterday_is(the_goal):
    today = goal_progress(GoalFacts(**{**the_goal.__dict__, "target_date": DAY}), [], day=DAY)
    yesterday = goal_progress(GoalFacts(**{**the_goal.__dict__, "target_date": DAY - datetime.timedelta(1)}), [], day=DAY)
    assert (today.state, yesterday.state) == (NOT_DUE, OVERDUE)


def test_due_today_with_results_not_reached_is_on_the_way_yesterday_late():
    values = [(date(2026, 10, 1), "50")]
    assert progress_of(goal("75", due=DAY), *values).state == ON_THE_WAY
    assert progress_of(goal("75", due=date(2026, 11, 22)), *values).state == OVERDUE


def test_reached_late_is_still_met():
    found = progress_of(goal("75", due=date(2026, 6, 30)), (date(2026, 9, 1), "80"))
    assert (found.state, found.met_on) == (MET, date(2026, 9, 1))


def test_met_then_fallen_back_after_the_date_is_late():
    found = progress_of(goal("75", due=date(2026, 6, 30)), (date(2026, 5, 1), "80"), (date(2026, 9, 1), "60"))
    assert found.state == OVERDUE


def test_results_after_the_day_are_left_out():
    later = (date(2026, 11, 24), "80")
    found = progress_of(goal("75"), later)
    assert (found.state, found.value, found.result_count) == (NOT_DUE, None, 0)
    found = progress_of(goal("75"), (date(2026, 10, 1), "50"), later)
    assert (found.state, found.value, found.result_count) == (ON_THE_WAY, D("50"), 1)
    # Read on the day of the later result, it counts.
    assert progress_of(goal("75"), later, day=date(2026, 11, 24)).state == MET
    marked = progress_of(goal(), result(date(2026, 11, 24), meets=True))
    assert marked.state == NOT_DUE


# --- percent and bar_percent -----------------------------------------------------------------


@pytest.mark.parametrize(
    "the_goal, value, percent, bar",
    [
        (goal("75"), "150", 200, 100),
        (goal("75"), "37.5", 50, 50),
        (goal("3"), "1", 33, 33),  # 33.33 rounds down
        (goal("3"), "2", 67, 67),  # 66.67 rounds up
        (goal("8"), "1", 13, 13),  # 12.5 rounds half up
        (goal("4", direction=LESS), "5", 80, 80),
    ],
)
def test_percent_is_whole_and_the_bar_stops_at_100(the_goal, value, percent, bar):
    found = progress_of(the_goal, (date(2026, 10, 1), value))
    assert (found.percent, found.bar_percent) == (percent, bar)


@pytest.mark.parametrize(
    "the_goal, value",
    [(goal("200"), "199"), (goal("75"), "74.99"), (goal("10", direction=LESS), "10.05")],
)
def test_a_goal_not_reached_never_shows_100_percent(the_goal, value):
    found = progress_of(the_goal, (date(2026, 10, 1), value))
    assert found.state == ON_THE_WAY
    assert found.percent < 100


def test_the_label_names_the_state():
    for state in GoalState.ORDER:
        assert made(state).label == GoalState.LABELS[state]
    assert set(GoalState.LABELS) == set(GoalState.ORDER)
    assert set(Status.LABELS) == set(Status.EXPLANATIONS) == set(Status.ORDER)


# --- The twelve-month window -----------------------------------------------------------------


@pytest.mark.parametrize(
    "day, expected",
    [
        (date(2028, 2, 29), date(2027, 2, 28)),
        (date(2028, 3, 1), date(2027, 3, 1)),
        (date(2027, 2, 28), date(2026, 2, 28)),
        (date(2026, 11, 23), date(2025, 11, 23)),
        (date(2029, 2, 28), date(2028, 2, 28)),
        (date(2000, 1, 1), date(1999, 1, 1)),
    ],
)
def test_twelve_months_before(day, expected):
    """The same date a year earlier; 29 February becomes 28 February."""
    assert twelve_months_before(day) == expected


@pytest.mark.parametrize(
    "met_on, day, status",
    [
        (date(2026, 11, 23), date(2026, 11, 23), GREEN),  # met today
        (date(2025, 11, 23), date(2026, 11, 23), GREEN),  # exactly twelve months ago counts
        (date(2025, 11, 22), date(2026, 11, 23), YELLOW),  # one day older
        (date(2027, 2, 28), date(2028, 2, 29), GREEN),  # on 29 February: back to 28 February
        (date(2027, 2, 27), date(2028, 2, 29), YELLOW),
        (date(2028, 2, 29), date(2029, 2, 28), GREEN),  # met on 29 February: counts to 28 February
        (date(2028, 2, 29), date(2029, 3, 1), YELLOW),
        (date(2027, 3, 1), date(2028, 3, 1), GREEN),
        (date(2027, 2, 28), date(2028, 3, 1), YELLOW),
    ],
)
def test_met_within_twelve_months_is_green(met_on, day, status):
    assert party_status([made(MET, met_on)], day=day) == status


def test_the_window_from_the_results_date_through_the_rule():
    """Met by a result exactly twelve months old: green; by one a day older: yellow."""
    for on, status in ((date(2025, 11, 23), GREEN), (date(2025, 11, 22), YELLOW)):
        found = progress_of(goal("75"), (on, "80"))
        assert party_status([found], day=DAY) == status


def test_a_goal_kept_at_its_target_is_confirmed_by_its_latest_measurement():
    """Reached 14 months ago and measured at the target every quarter since: met since the
    first, confirmed by the latest, so the party is green (docs/value-balance.md)."""
    found = progress_of(
        goal("75"),
        (date(2025, 9, 1), "76"),
        (date(2025, 12, 1), "78"),
        (date(2026, 3, 1), "80"),
        (date(2026, 6, 1), "79"),
        (date(2026, 9, 1), "81"),
    )
    assert (found.state, found.met_on, found.confirmed_on) == (MET, date(2025, 9, 1), date(2026, 9, 1))
    assert party_status([found], day=DAY) == GREEN
    # The same level, last measured 14 months ago: met, but nothing confirms it this year.
    old = progress_of(goal("75"), (date(2025, 9, 1), "76"))
    assert (old.state, party_status([old], day=DAY)) == (MET, YELLOW)


# --- A party's status: every row of the table ------------------------------------------------

RECENT = date(2026, 5, 1)
LONG_AGO = date(2024, 5, 1)


@pytest.mark.parametrize(
    "goals, status",
    [
        # grøn: a goal met within twelve months, whatever the others are
        ([made(MET, RECENT)], GREEN),
        ([made(MET, RECENT), made(OVERDUE)], GREEN),
        ([made(MET, RECENT), made(OVERDUE), made(OVERDUE)], GREEN),
        ([made(MET, RECENT), made(ON_THE_WAY), made(NOT_DUE)], GREEN),
        ([made(MET, LONG_AGO), made(MET, RECENT)], GREEN),
        # gul: none met within twelve months, one on the way or not due
        ([made(ON_THE_WAY)], YELLOW),
        ([made(NOT_DUE)], YELLOW),
        ([made(ON_THE_WAY), made(OVERDUE)], YELLOW),
        ([made(NOT_DUE), made(OVERDUE), made(OVERDUE)], YELLOW),
        # rød: no goals, or every goal late
        ([], RED),
        ([made(OVERDUE)], RED),
        ([made(OVERDUE), made(OVERDUE)], RED),
        # The issue is silent here; chosen: met long ago is gul, alone or with late goals.
        ([made(MET, LONG_AGO)], YELLOW),
        ([made(MET, LONG_AGO), made(MET, LONG_AGO)], YELLOW),
        ([made(MET, LONG_AGO), made(OVERDUE)], YELLOW),
        ([made(MET, LONG_AGO), made(OVERDUE), made(OVERDUE)], YELLOW),
    ],
)
def test_party_status(goals, status):
    assert party_status(goals, day=DAY) == status
    assert party_status(iter(goals), day=DAY) == status  # any iterable, read once


def test_state_counts():
    counts = StateCounts.of(
        [made(MET, RECENT), made(MET, LONG_AGO), made(ON_THE_WAY), made(OVERDUE), made(OVERDUE), made(OVERDUE)]
    )
    assert (counts.met, counts.on_the_way, counts.not_due, counts.overdue, counts.total) == (2, 1, 0, 3, 6)
    assert StateCounts.of([]).total == 0
