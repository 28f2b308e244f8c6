"""A party's status (grøn/gul/rød) from the database, as the selectors compute it for the
value balance, the party's ledger, the alliance cards and the front page (progress.py is the
rule; test_progress.py tests it without a database; docs/value-balance.md explains it).

- grøn: at least one goal met within the last twelve months, dated by the result that met
  it (exactly twelve months ago counts);
- gul: no goal met within twelve months, and a goal on the way or not yet due (also: goals
  met only more than twelve months ago);
- rød: no goals, or every goal late.
Only entries the reader may read count; the alliance's shared goals count in no party's status.
"""

import datetime
from decimal import Decimal

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError
from django.urls import reverse

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import MemberRole, Phase
from brobygger.ledger import selectors, services
from brobygger.ledger.models import Result
from brobygger.ledger.progress import GoalState
from brobygger.ledger.rules import (
    EVERYTHING,
    PUBLIC_ONLY,
    ReadScope,
    read_scope,
    read_scope_everywhere,
)
from brobygger.ledger.selectors import Status
from conftest import make_user

from .helpers import FUTURE_RESULT, add_goal, add_result, ledger_records, party

GREEN, YELLOW, RED = Status.GREEN, Status.YELLOW, Status.RED
D = Decimal
date = datetime.date
COMPANY, ASSOCIATION, LEJRE = "Mejeriet A/S", "Landmændenes Forening", "Lejre Kommune"


def members_of(alliance_ids=None) -> ReadScope:
    """A reader who reads the members' entries of these alliances (None: staff)."""
    return EVERYTHING if alliance_ids is None else ReadScope(members_of=frozenset(alliance_ids))


def statuses(alliance, *, scope=EVERYTHING, day=None) -> dict[str, str]:
    """Each party's status on the value balance, by organisation name."""
    balance = selectors.value_balance(alliance=alliance, scope=scope, day=day)
    return {row.party.organisation.name: row.status for row in balance.parties}


def row_of(alliance, the_party, *, scope=EVERYTHING, day=None):
    balance = selectors.value_balance(alliance=alliance, scope=scope, day=day)
    return next(row for row in balance.parties if row.party == the_party)


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


def numeric_goal(the_party, user, target="75", **overrides):
    """A goal with a numeric target (the latest value, more is better, unless told)."""
    values = {"target_value": D(target), "target_unit": "%", "target": f"{target} %"}
    return add_goal(the_party, user, **{**values, **overrides})


def measured(goal, user, on: datetime.date, value, **overrides) -> Result:
    return add_result(goal, user, achieved_on=on, measured_value=D(value), **overrides)


def marked(goal, user, on: datetime.date, **overrides) -> Result:
    """A result that says a goal without a numeric target is met."""
    return add_result(goal, user, achieved_on=on, measured_value=None, meets_goal=True, **overrides)


# --- The twelve-month window, dated by the result that met the goal -------------------------


def test_goal_met_exactly_twelve_months_ago_is_green(today, landscape):
    """Met on 23 November 2025, read on 23 November 2026: still within the window."""
    company = party(landscape.public, landscape.company)
    measured(numeric_goal(company, landscape.partner), landscape.partner, date(2025, 11, 23), "80")
    assert statuses(landscape.public)[COMPANY] == GREEN
    assert selectors.party_status(party=company, scope=EVERYTHING).code == GREEN


def test_goal_met_one_day_more_than_twelve_months_ago_is_yellow(today, landscape):
    """Met on 22 November 2025: outside the window. The goal is still met (and counted so),
    the party is yellow, and the balance remembers when."""
    company = party(landscape.public, landscape.company)
    measured(numeric_goal(company, landscape.partner), landscape.partner, date(2025, 11, 22), "80")
    assert selectors.party_status(party=company, scope=EVERYTHING).code == YELLOW
    balance = selectors.value_balance(alliance=landscape.public, scope=EVERYTHING)
    row = next(r for r in balance.parties if r.party == company)
    assert row.status == YELLOW
    assert (row.goals.met, row.goals.total) == (1, 1)
    assert row.last_met_on == date(2025, 11, 22)
    assert row in balance.without_value


def test_the_window_moves_with_today(landscape):
    """The same result makes the party green up to twelve months after it, then yellow: the
    status is worked out on the day it is read."""
    with at(date(2026, 3, 10)):
        company = party(landscape.public, landscape.company)
        measured(numeric_goal(company, landscape.partner), landscape.partner, date(2026, 3, 10), "80")
    with at(date(2027, 3, 10)):
        assert statuses(landscape.public)[COMPANY] == GREEN
    with at(date(2027, 3, 11)):
        assert statuses(landscape.public)[COMPANY] == YELLOW


def test_a_result_alone_is_not_enough_the_goal_must_be_met(today, landscape):
    """A result that does not reach the target (or, without a target, is not marked) leaves
    the party yellow; the one that reaches it makes it green."""
    company = party(landscape.public, landscape.company)
    association = party(landscape.public, landscape.association)
    numbered = numeric_goal(company, landscape.partner)
    measured(numbered, landscape.partner, today, "68")
    in_words = add_goal(association, landscape.coordinator)
    add_result(in_words, landscape.coordinator, achieved_on=today, measured_value=None)
    assert statuses(landscape.public) == {COMPANY: YELLOW, ASSOCIATION: YELLOW, LEJRE: RED}
    row = row_of(landscape.public, company)
    assert (row.goals.on_the_way, row.goals.met, row.last_met_on) == (1, 0, None)

    measured(numbered, landscape.partner, today, "75")
    marked(in_words, landscape.coordinator, today)
    assert statuses(landscape.public) == {COMPANY: GREEN, ASSOCIATION: GREEN, LEJRE: RED}


def test_the_result_that_met_it_dates_it_not_when_it_was_registered(today, landscape):
    """Registered today, dated thirteen months ago: met long ago, so yellow."""
    company = party(landscape.public, landscape.company)
    marked(add_goal(company, landscape.partner), landscape.partner, date(2025, 10, 23))
    assert statuses(landscape.public)[COMPANY] == YELLOW


def test_a_goal_kept_at_its_target_is_green_while_measurements_confirm_it(today, landscape):
    """Reached in September 2025 and measured at the target since: a level kept is value
    still coming home, so the latest measurement at the target dates it (the goal says it
    was met since the first)."""
    company = party(landscape.public, landscape.company)
    goal = numeric_goal(company, landscape.partner)
    measured(goal, landscape.partner, date(2025, 9, 1), "76")
    assert statuses(landscape.public)[COMPANY] == YELLOW
    for on, value in ((date(2026, 3, 1), "80"), (date(2026, 9, 1), "81")):
        measured(goal, landscape.partner, on, value)
    assert statuses(landscape.public)[COMPANY] == GREEN
    assert row_of(landscape.public, company).last_met_on == date(2026, 9, 1)
    ledger = selectors.party_ledger(party=company, reader=None, scope=EVERYTHING, with_changes=False)
    assert ledger.goals[0].progress.met_on == date(2025, 9, 1)
    # Fallen under the target: not met any more, whatever came before.
    measured(goal, landscape.partner, date(2026, 10, 1), "70")
    assert statuses(landscape.public)[COMPANY] == YELLOW
    measured(goal, landscape.partner, date(2026, 11, 1), "77")
    assert statuses(landscape.public)[COMPANY] == GREEN


def test_one_met_goal_is_enough_for_green_whatever_the_others(today, landscape):
    company = party(landscape.public, landscape.company)
    add_goal(company, landscape.partner, title="Et mål uden resultat")
    add_goal(company, landscape.partner, title="Et forsinket mål", target_date=date(2026, 6, 30))
    marked(add_goal(company, landscape.partner, title="Et nået mål"), landscape.partner, today)
    assert statuses(landscape.public)[COMPANY] == GREEN
    counts = row_of(landscape.public, company).goals
    assert (counts.met, counts.on_the_way, counts.not_due, counts.overdue) == (1, 0, 1, 1)


# --- Late goals: rød, gul and the gap the issue leaves ------------------------------------


def test_every_goal_late_is_red_and_one_not_late_is_yellow(today, landscape):
    company = party(landscape.public, landscape.company)
    association = party(landscape.public, landscape.association)
    late = numeric_goal(company, landscape.partner, target_date=date(2026, 6, 30))
    measured(late, landscape.partner, date(2026, 6, 1), "50")
    add_goal(company, landscape.partner, title="Også forsinket", target_date=date(2026, 11, 22))
    add_goal(association, landscape.coordinator, title="Forsinket", target_date=date(2026, 1, 31))
    add_goal(association, landscape.coordinator, title="Forfalder i dag", target_date=today)
    assert statuses(landscape.public) == {COMPANY: RED, ASSOCIATION: YELLOW, LEJRE: RED}
    counts = row_of(landscape.public, company).goals
    assert (counts.overdue, counts.total) == (2, 2)


def test_a_goal_due_today_is_not_late_tomorrow_it_is(today, landscape):
    company = party(landscape.public, landscape.company)
    measured(numeric_goal(company, landscape.partner, target_date=today), landscape.partner, today, "50")
    assert statuses(landscape.public)[COMPANY] == YELLOW
    assert statuses(landscape.public, day=date(2026, 11, 24))[COMPANY] == RED
    with at(date(2026, 11, 24)):
        assert statuses(landscape.public)[COMPANY] == RED


def test_met_late_is_met(today, landscape):
    """A goal due in June and reached in October is met, not late."""
    company = party(landscape.public, landscape.company)
    goal = numeric_goal(company, landscape.partner, target_date=date(2026, 6, 30))
    measured(goal, landscape.partner, date(2026, 10, 1), "80")
    assert statuses(landscape.public)[COMPANY] == GREEN
    assert row_of(landscape.public, company).goals.met == 1


@pytest.mark.parametrize("with_late_goal", [False, True])
def test_goals_met_long_ago_are_yellow_alone_or_with_late_ones(today, landscape, with_late_goal):
    """Where the issue is silent: met more than twelve months ago is not late, so the party
    is yellow, not red, also when its other goals are late."""
    company = party(landscape.public, landscape.company)
    marked(add_goal(company, landscape.partner, target_date=date(2025, 6, 30)), landscape.partner, date(2025, 5, 1))
    if with_late_goal:
        add_goal(company, landscape.partner, title="Forsinket", target_date=date(2026, 6, 30))
    assert statuses(landscape.public)[COMPANY] == YELLOW


def test_no_goals_is_red(today, landscape):
    assert statuses(landscape.public) == {COMPANY: RED, ASSOCIATION: RED, LEJRE: RED}
    assert selectors.party_status(party=party(landscape.public, landscape.company), scope=EVERYTHING).code == RED


# --- Directions and readings through the database -----------------------------------------


def test_less_is_better_readmissions(today, landscape):
    lejre = party(landscape.public, landscape.lejre)
    goal = numeric_goal(lejre, landscape.coordinator, target="8", direction="mindre", title="Færre genindlæggelser")
    measured(goal, landscape.coordinator, date(2026, 3, 1), "12")
    assert statuses(landscape.public)[LEJRE] == YELLOW
    measured(goal, landscape.coordinator, date(2026, 9, 1), "8")
    assert statuses(landscape.public)[LEJRE] == GREEN
    measured(goal, landscape.coordinator, date(2026, 10, 1), "9")
    assert statuses(landscape.public)[LEJRE] == YELLOW


def test_a_sum_counts_from_its_start_date(today, landscape):
    company = party(landscape.public, landscape.company)
    goal = numeric_goal(
        company, landscape.partner, target="12", reading="sum", start_date=date(2026, 3, 1), title="12 i praktik"
    )
    measured(goal, landscape.partner, date(2026, 2, 28), "6")  # before the start: left out
    measured(goal, landscape.partner, date(2026, 3, 1), "6")  # the start date counts
    assert statuses(landscape.public)[COMPANY] == YELLOW
    measured(goal, landscape.partner, date(2026, 8, 1), "6")
    assert statuses(landscape.public)[COMPANY] == GREEN
    [with_progress] = selectors.party_ledger(party=company, reader=None, scope=EVERYTHING, with_changes=False).goals
    assert (with_progress.progress.value, with_progress.progress.met_on) == (D("12"), date(2026, 8, 1))


def test_a_sum_without_a_start_date_counts_from_the_day_the_goal_was_set(landscape):
    with at(date(2026, 6, 1)):
        company = party(landscape.public, landscape.company)
        goal = numeric_goal(company, landscape.partner, target="12", reading="sum")
        measured(goal, landscape.partner, date(2026, 5, 31), "12")  # the day before: left out
    with at(date(2026, 11, 23)):
        assert statuses(landscape.public)[COMPANY] == YELLOW
        measured(goal, landscape.partner, date(2026, 6, 1), "12")  # the day itself counts
        assert statuses(landscape.public)[COMPANY] == GREEN


def test_the_day_a_goal_was_set_is_the_danish_date(landscape):
    """Set at 00:30 in Copenhagen on 24 November (23:30 UTC on the 23rd): a sum counts from
    the 24th, on every page alike."""
    late = datetime.datetime(2026, 11, 23, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(late, tick=False):
        company = party(landscape.public, landscape.company)
        goal = numeric_goal(company, landscape.partner, target="12", reading="sum")
        measured(goal, landscape.partner, date(2026, 11, 23), "12")
        assert statuses(landscape.public)[COMPANY] == YELLOW
        assert selectors.party_status(party=company, scope=EVERYTHING).code == YELLOW
        assert_selectors_agree(landscape.public, EVERYTHING)
        measured(goal, landscape.partner, date(2026, 11, 24), "12")
        assert statuses(landscape.public)[COMPANY] == GREEN
        assert_selectors_agree(landscape.public, EVERYTHING)


def test_results_after_the_day_read_are_left_out(today, landscape):
    """Read as of yesterday, today's result does not count: on every selector alike."""
    company = party(landscape.public, landscape.company)
    measured(numeric_goal(company, landscape.partner), landscape.partner, today, "80")
    yesterday = date(2026, 11, 22)
    assert statuses(landscape.public, day=yesterday)[COMPANY] == YELLOW
    assert selectors.party_status(party=company, scope=EVERYTHING, day=yesterday).code == YELLOW
    assert_selectors_agree(landscape.public, EVERYTHING, day=yesterday)
    ledger = selectors.party_ledger(party=company, reader=None, scope=EVERYTHING, with_changes=False, day=yesterday)
    assert ledger.goals[0].progress.state == GoalState.NOT_DUE
    assert statuses(landscape.public)[COMPANY] == GREEN


def test_a_future_dated_result_cannot_be_registered(today, landscape):
    """A result dated tomorrow is refused on the date field and nothing is written: no one is
    green ahead of time."""
    company = party(landscape.public, landscape.company)
    goal = numeric_goal(company, landscape.partner)
    changes = ledger_records().count()
    with pytest.raises(ValidationError) as caught:
        measured(goal, landscape.partner, date(2026, 11, 24), "80")
    assert FUTURE_RESULT in " ".join(caught.value.message_dict["achieved_on"])
    assert not Result.objects.exists()
    assert ledger_records().count() == changes
    assert statuses(landscape.public)[COMPANY] == YELLOW


def test_today_is_the_danish_date(landscape):
    """At 00:30 in Copenhagen on 24 November (23:30 UTC on the 23rd) a result dated the 24th
    is not in the future, and the window starts on 24 November a year earlier."""
    late = datetime.datetime(2026, 11, 23, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(late, tick=False):
        company = party(landscape.public, landscape.company)
        association = party(landscape.public, landscape.association)
        marked(add_goal(company, landscape.partner), landscape.partner, date(2026, 11, 24))
        marked(add_goal(association, landscape.coordinator), landscape.coordinator, date(2025, 11, 23))
        found = statuses(landscape.public)
    assert (found[COMPANY], found[ASSOCIATION]) == (GREEN, YELLOW)


# --- 29 February --------------------------------------------------------------------------


def test_on_29_february_a_goal_met_on_28_february_last_year_counts(landscape):
    with at(date(2028, 2, 29)):
        company = party(landscape.public, landscape.company)
        association = party(landscape.public, landscape.association)
        marked(add_goal(company, landscape.partner), landscape.partner, date(2027, 2, 28))
        marked(add_goal(association, landscape.coordinator), landscape.coordinator, date(2027, 2, 27))
        found = statuses(landscape.public)
    assert (found[COMPANY], found[ASSOCIATION]) == (GREEN, YELLOW)


def test_a_goal_met_on_29_february_counts_for_twelve_months(landscape):
    """Met on 29 February 2028: green until 28 February 2029, yellow on 1 March."""
    with at(date(2028, 2, 29)):
        company = party(landscape.public, landscape.company)
        measured(numeric_goal(company, landscape.partner), landscape.partner, date(2028, 2, 29), "75")
    with at(date(2029, 2, 28)):
        assert statuses(landscape.public)[COMPANY] == GREEN
    with at(date(2029, 3, 1)):
        assert statuses(landscape.public)[COMPANY] == YELLOW


# --- What the reader may read -------------------------------------------------------------


def readers(landscape):
    return (
        ("partner", landscape.partner),  # the company's own representative
        ("coordinator", landscape.coordinator),
        ("staff", landscape.staff),
        ("observer", landscape.observer),  # a member, not of the company
        ("outsider", landscape.outsider),
        ("colleague", landscape.public_employee),
        ("anonymous", AnonymousUser()),
    )


def test_a_confidential_result_that_meets_a_goal_counts_only_for_those_who_read_it(today, landscape):
    """The company's public goal is met by a confidential result: green for its own people,
    the coordinator and staff; for everyone else the goal has no result and is not due."""
    company = party(landscape.public, landscape.company)
    measured(numeric_goal(company, landscape.partner), landscape.partner, today, "80", visibility="fortrolig")
    expected = {"partner": GREEN, "coordinator": GREEN, "staff": GREEN}
    for name, user in readers(landscape):
        scope = read_scope(user, landscape.public)
        assert statuses(landscape.public, scope=scope)[COMPANY] == expected.get(name, YELLOW), name
        assert selectors.party_status(party=company, scope=scope).code == expected.get(name, YELLOW), name
        assert_selectors_agree(landscape.public, scope, reader=user)


def test_a_confidential_result_of_another_party_does_not_count_for_a_partner(today, landscape):
    association = party(landscape.public, landscape.association)
    marked(add_goal(association, landscape.coordinator), landscape.coordinator, today, visibility="fortrolig")
    assert statuses(landscape.public, scope=read_scope(landscape.partner, landscape.public))[ASSOCIATION] == YELLOW
    assert statuses(landscape.public, scope=read_scope(landscape.coordinator, landscape.public))[ASSOCIATION] == GREEN


def test_a_confidential_result_that_breaks_the_run_counts_only_for_those_who_read_it(today, landscape):
    """A public 80 met the goal; a confidential 60 since says it no longer is. Each reader's
    status follows what they read."""
    company = party(landscape.public, landscape.company)
    goal = numeric_goal(company, landscape.partner)
    measured(goal, landscape.partner, date(2026, 9, 1), "80")
    measured(goal, landscape.partner, date(2026, 10, 1), "60", visibility="fortrolig")
    assert statuses(landscape.public, scope=read_scope(landscape.partner, landscape.public))[COMPANY] == YELLOW
    assert statuses(landscape.public, scope=read_scope(landscape.observer, landscape.public))[COMPANY] == GREEN
    assert statuses(landscape.public, scope=PUBLIC_ONLY)[COMPANY] == GREEN


def test_members_entries_count_for_members_but_not_for_outsiders(today, landscape):
    """A members-only goal met by a members-only result: green for members and staff; those
    outside do not read the goal, so for them the party has no goals and is red."""
    company = party(landscape.public, landscape.company)
    marked(add_goal(company, landscape.partner, visibility="medlemmer"), landscape.partner, today, visibility="medlemmer")
    outside = {"outsider", "colleague", "anonymous"}
    for name, user in readers(landscape):
        scope = read_scope(user, landscape.public)
        assert statuses(landscape.public, scope=scope)[COMPANY] == (RED if name in outside else GREEN), name
    assert selectors.party_status(party=company, scope=PUBLIC_ONLY).code == RED


def test_a_public_result_on_a_members_goal_does_not_count_for_outsiders(today, landscape):
    """The result is public, its goal is not: outsiders read neither, so the party's public
    goal without results leaves it yellow."""
    company = party(landscape.public, landscape.company)
    add_goal(company, landscape.partner, title="Et offentligt mål")
    marked(add_goal(company, landscape.partner, title="Et internt mål", visibility="medlemmer"), landscape.partner, today)
    assert statuses(landscape.public, scope=PUBLIC_ONLY)[COMPANY] == YELLOW
    row = row_of(landscape.public, company, scope=PUBLIC_ONLY)
    assert (row.goals.total, row.goals.met, row.result_count, row.gained_kroner) == (1, 0, 0, 0)
    assert statuses(landscape.public, scope=members_of({landscape.public.pk}))[COMPANY] == GREEN


def test_membership_of_another_alliance_does_not_reveal_members_entries(today, landscape):
    company = party(landscape.public, landscape.company)
    marked(add_goal(company, landscape.partner, visibility="medlemmer"), landscape.partner, today, visibility="medlemmer")
    assert statuses(landscape.public, scope=members_of({landscape.internal.pk, landscape.private.pk}))[COMPANY] == RED


# --- Shared goals count in no party's status ----------------------------------------------


def shared_goal(alliance, user, **overrides):
    values = {
        "title": "Færre ensomme ældre",
        "indicator": "andel ældre, der føler sig ensomme",
        "target": "under 10 %",
        "target_date": date(2027, 6, 30),
        "visibility": "offentlig",
    }
    return services.shared_goal_create(alliance=alliance, actor=user, **{**values, **overrides})


def test_a_met_shared_goal_makes_no_party_green(today, landscape):
    goal = shared_goal(landscape.public, landscape.coordinator)
    marked(goal, landscape.coordinator, today)
    add_goal(party(landscape.public, landscape.company), landscape.partner)
    assert statuses(landscape.public) == {COMPANY: YELLOW, ASSOCIATION: RED, LEJRE: RED}
    balance = selectors.value_balance(alliance=landscape.public, scope=EVERYTHING)
    assert [(g.pk, g.progress.state) for g in balance.shared_goals] == [(goal.pk, GoalState.MET)]
    assert sum(row.goals.total for row in balance.parties) == 1
    assert counts_of(selectors.status_counts([landscape.public], scope=EVERYTHING), landscape.public) == (0, 1, 2)
    for _name, user in readers(landscape):
        assert_selectors_agree(landscape.public, read_scope(user, landscape.public), reader=user)


def test_a_late_shared_goal_makes_no_party_red_and_does_not_rescue_one(today, landscape):
    shared_goal(landscape.public, landscape.coordinator, target_date=date(2026, 1, 31))
    shared_goal(landscape.public, landscape.coordinator, title="Ikke forfalden", target_date=date(2027, 1, 31))
    marked(add_goal(party(landscape.public, landscape.company), landscape.partner), landscape.partner, today)
    add_goal(party(landscape.public, landscape.association), landscape.coordinator, target_date=date(2026, 1, 31))
    assert statuses(landscape.public) == {COMPANY: GREEN, ASSOCIATION: RED, LEJRE: RED}
    ledger = selectors.party_ledger(
        party=party(landscape.public, landscape.lejre), reader=None, scope=EVERYTHING, with_changes=False
    )
    assert (ledger.goals, ledger.status.code) == ([], RED)
    assert_selectors_agree(landscape.public, EVERYTHING)


# --- Every selector says the same for the same reader -------------------------------------


def counts_of(result, alliance):
    counts = result[alliance.pk]
    return (counts.green, counts.yellow, counts.red)


def assert_selectors_agree(alliance, scope, *, reader=None, day=None):
    """The value balance, each party's ledger, party_status and status_counts give each
    party the same status, and the balance's goal counts match the ledger's goals."""
    balance = selectors.value_balance(alliance=alliance, scope=scope, day=day)
    for row in balance.parties:
        ledger = selectors.party_ledger(party=row.party, reader=reader, scope=scope, with_changes=False, day=day)
        single = selectors.party_status(party=row.party, scope=scope, day=day)
        assert ledger.status.code == single.code == row.status, row.party
        states = [goal.progress.state for goal in ledger.goals]
        assert (row.goals.met, row.goals.on_the_way, row.goals.not_due, row.goals.overdue) == tuple(
            states.count(state) for state in GoalState.ORDER
        ), row.party
    counts = selectors.status_counts([alliance], scope=scope, day=day)[alliance.pk]
    assert (counts.green, counts.yellow, counts.red) == (balance.counts.green, balance.counts.yellow, balance.counts.red)
    assert counts.total == len(balance.parties)


@pytest.fixture
def mixed(today, landscape):
    """Each party in a different state, by entries of every visibility."""
    company = party(landscape.public, landscape.company)
    association = party(landscape.public, landscape.association)
    lejre = party(landscape.public, landscape.lejre)
    # The company: met by a confidential result today; a members-only goal late.
    measured(numeric_goal(company, landscape.partner), landscape.partner, today, "80", visibility="fortrolig")
    add_goal(company, landscape.partner, title="Forsinket", target_date=date(2026, 6, 30), visibility="medlemmer")
    # The association: met by a members-only result within the window; a public goal late.
    marked(
        add_goal(association, landscape.coordinator, visibility="medlemmer"),
        landscape.coordinator,
        date(2026, 2, 1),
        visibility="medlemmer",
    )
    add_goal(association, landscape.coordinator, title="Forsinket", target_date=date(2026, 6, 30))
    # Lejre: a confidential sum on the way, a public goal met long ago.
    total = numeric_goal(lejre, landscape.coordinator, target="12", reading="sum", start_date=date(2026, 1, 1))
    measured(total, landscape.coordinator, date(2026, 5, 1), "5", visibility="fortrolig")
    marked(add_goal(lejre, landscape.coordinator, title="Længe siden"), landscape.coordinator, date(2024, 5, 1))
    # A shared goal met.
    marked(shared_goal(landscape.public, landscape.coordinator), landscape.coordinator, today)
    return landscape


def test_every_selector_agrees_for_every_reader(mixed):
    expected = {
        "coordinator": {COMPANY: GREEN, ASSOCIATION: GREEN, LEJRE: YELLOW},
        "staff": {COMPANY: GREEN, ASSOCIATION: GREEN, LEJRE: YELLOW},
        # The company's own representative reads its confidential result, not Lejre's.
        "partner": {COMPANY: GREEN, ASSOCIATION: GREEN, LEJRE: YELLOW},
        "observer": {COMPANY: YELLOW, ASSOCIATION: GREEN, LEJRE: YELLOW},
        "outsider": {COMPANY: YELLOW, ASSOCIATION: RED, LEJRE: YELLOW},
        "colleague": {COMPANY: YELLOW, ASSOCIATION: RED, LEJRE: YELLOW},
        "anonymous": {COMPANY: YELLOW, ASSOCIATION: RED, LEJRE: YELLOW},
    }
    for name, user in readers(mixed):
        scope = read_scope(user, mixed.public)
        assert statuses(mixed.public, scope=scope) == expected[name], name
        assert_selectors_agree(mixed.public, scope, reader=user)
        # The alliance cards read with the user's scope across alliances: the same tally.
        everywhere = selectors.status_counts([mixed.public], scope=read_scope_everywhere(user))
        assert counts_of(everywhere, mixed.public) == counts_of(
            selectors.status_counts([mixed.public], scope=scope), mixed.public
        ), name
        glance = selectors.balance_glance([mixed.public], user)[mixed.public.pk]
        assert (glance.counts.green, glance.counts.yellow, glance.counts.red) == counts_of(everywhere, mixed.public)


def test_every_selector_agrees_on_another_day(mixed):
    """A year on, every goal was met too long ago or is late: met long ago with late goals
    is yellow."""
    later = date(2027, 11, 24)
    assert statuses(mixed.public, day=later) == {COMPANY: YELLOW, ASSOCIATION: YELLOW, LEJRE: YELLOW}
    for _name, user in readers(mixed):
        assert_selectors_agree(mixed.public, read_scope(user, mixed.public), reader=user, day=later)
    earlier = date(2026, 4, 1)
    assert statuses(mixed.public, day=earlier) == {COMPANY: YELLOW, ASSOCIATION: GREEN, LEJRE: YELLOW}
    assert_selectors_agree(mixed.public, EVERYTHING, day=earlier)


# --- Counts for many alliances ---------------------------------------------------------


def test_status_counts_across_alliances(today, landscape):
    """Each alliance gets its own tally; only the alliances whose members' entries the reader
    reads count those."""
    marked(add_goal(party(landscape.public, landscape.company), landscape.partner), landscape.partner, today)
    add_goal(party(landscape.public, landscape.association), landscape.coordinator)
    private_company = party(landscape.private, landscape.company)
    marked(
        add_goal(private_company, landscape.partner, visibility="medlemmer"),
        landscape.partner,
        today,
        visibility="medlemmer",
    )
    add_goal(party(landscape.internal, landscape.lejre), landscape.coordinator, visibility="medlemmer")
    alliances = [landscape.public, landscape.internal, landscape.private]

    member = selectors.status_counts(alliances, scope=members_of({a.pk for a in alliances}))
    assert counts_of(member, landscape.public) == (1, 1, 1)
    assert counts_of(member, landscape.internal) == (0, 1, 2)
    assert counts_of(member, landscape.private) == (1, 0, 2)
    assert member[landscape.public.pk].total == 3

    outsider = selectors.status_counts(alliances, scope=members_of(set()))
    assert counts_of(outsider, landscape.public) == (1, 1, 1)
    assert counts_of(outsider, landscape.internal) == (0, 0, 3)
    assert counts_of(outsider, landscape.private) == (0, 0, 3)

    only_private = selectors.status_counts(alliances, scope=members_of({landscape.private.pk}))
    assert counts_of(only_private, landscape.internal) == (0, 0, 3)
    assert counts_of(only_private, landscape.private) == (1, 0, 2)

    staff = selectors.status_counts(alliances, scope=members_of(None))
    assert counts_of(staff, landscape.internal) == (0, 1, 2)


def test_status_counts_of_no_alliances_asks_nothing(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert selectors.status_counts([], scope=members_of(set())) == {}


def test_balance_glance_follows_the_reader(today, landscape):
    """The alliance card's tally counts members' entries for members only."""
    company = party(landscape.public, landscape.company)
    marked(add_goal(company, landscape.partner, visibility="medlemmer"), landscape.partner, today, visibility="medlemmer")
    for user, green in ((landscape.partner, 1), (landscape.staff, 1), (landscape.outsider, 0), (AnonymousUser(), 0)):
        glance = selectors.balance_glance([landscape.public], user)[landscape.public.pk]
        assert glance.alliance == landscape.public
        assert (glance.counts.green, glance.counts.red) == (green, 3 - green), user


# --- Attention for coordinators and top leaders ---------------------------------------------


def memberships(user):
    """The user as a new request sees them: a fresh object, with no memberships remembered."""
    return type(user).objects.get(pk=user.pk)


def not_green_items(user, *, day):
    """{alliance id: message} of the items that name an alliance's parties that are not
    green: those that link to the value balance itself (other items link to a part of it or
    to a party's own pages)."""
    items = selectors.attention_items(memberships(user), day=day)
    return {
        item.subject.pk: str(item.message)
        for item in items
        if item.url == reverse("ledger:balance", kwargs={"slug": item.subject.slug})
    }


@pytest.fixture
def running(landscape):
    """The landscape's alliances past the idea phase, where value goals are expected."""
    for alliance in (landscape.public, landscape.internal, landscape.private):
        alliance_services.alliance_change_phase(alliance=alliance, to_phase=Phase.OPERATION, actor=landscape.coordinator)
    return landscape


def test_attention_names_the_parties_that_are_not_green(today, running):
    """Yellow and red parties are named (by the coordinator's reading: confidential entries
    included), with a link to the value balance; green ones are not."""
    company = party(running.public, running.company)
    measured(numeric_goal(company, running.partner), running.partner, today, "80", visibility="fortrolig")
    association = party(running.public, running.association)
    measured(numeric_goal(association, running.coordinator), running.coordinator, today, "60")
    items = not_green_items(running.coordinator, day=today)
    assert set(items) == {running.public.pk, running.internal.pk, running.private.pk}
    public = items[running.public.pk]
    assert "2 parter" in public
    assert public.endswith(f"{ASSOCIATION}, {LEJRE}.")
    assert COMPANY not in public
    assert "3 parter" in items[running.private.pk]


def test_attention_with_one_party_left_names_it_and_none_when_all_are_green(today, running):
    for organisation in (running.company, running.association):
        marked(add_goal(party(running.public, organisation), running.coordinator), running.coordinator, today)
    public = not_green_items(running.coordinator, day=today)[running.public.pk]
    assert public.startswith(f"{LEJRE} ")
    assert COMPANY not in public and ASSOCIATION not in public
    marked(add_goal(party(running.public, running.lejre), running.coordinator), running.coordinator, today)
    assert running.public.pk not in not_green_items(running.coordinator, day=today)


def test_attention_uses_the_day_it_is_given(today, running):
    """Goals met last November keep the parties off the list until they are a year old."""
    for organisation in (running.company, running.association, running.lejre):
        marked(
            add_goal(party(running.public, organisation), running.coordinator),
            running.coordinator,
            date(2025, 11, 23),
        )
    assert running.public.pk not in not_green_items(running.coordinator, day=today)
    assert running.public.pk in not_green_items(running.coordinator, day=date(2026, 11, 24))


def test_attention_for_a_top_leader_counts_only_what_they_read(today, running):
    """A top leader is told about the parties by the entries they read: a confidential result
    that makes the company green for the coordinator leaves it named for the top leader."""
    leader = make_user("topleder", running.lejre)
    alliance_services.membership_add(
        actor=running.coordinator, alliance=running.internal, user=leader, role=MemberRole.TOP_LEADER
    )
    company = party(running.internal, running.company)
    measured(numeric_goal(company, running.partner), running.partner, today, "80", visibility="fortrolig")
    items = not_green_items(leader, day=today)
    assert list(items) == [running.internal.pk]
    assert "3 parter" in items[running.internal.pk]
    assert COMPANY not in not_green_items(running.coordinator, day=today)[running.internal.pk]


def test_attention_about_other_parties_is_not_for_partners_or_observers(today, running):
    assert not_green_items(running.partner, day=today) == {}
    assert not_green_items(running.observer, day=today) == {}


@pytest.mark.parametrize("phase", [Phase.IDEA, Phase.CLOSED])
def test_no_attention_for_an_idea_or_a_closed_alliance(today, running, phase):
    alliance_services.alliance_change_phase(alliance=running.public, to_phase=phase, actor=running.coordinator)
    assert set(not_green_items(running.coordinator, day=today)) == {running.internal.pk, running.private.pk}
