"""The status rule (grøn/gul/rød) at its edges, as the selectors compute it for the pages,
the alliance cards and the front page.

- grøn: at least one goal has a result dated within the last twelve months; a result
  dated exactly twelve months before today counts;
- gul: the party has goals, but none realised in that window;
- rød: the party has no goals.
Only entries the reader may see count.
"""

import datetime

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import ValidationError

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import MemberRole, Phase
from brobygger.ledger import selectors, services
from brobygger.ledger.models import Result
from brobygger.ledger.rules import EVERYTHING, PUBLIC_ONLY, ReadScope, read_scope
from brobygger.ledger.selectors import Status, twelve_months_before
from conftest import make_user

from .helpers import FUTURE_RESULT, add_goal, add_result, ledger_records, party

GREEN, YELLOW, RED = Status.GREEN, Status.YELLOW, Status.RED


def members_of(alliance_ids=None) -> ReadScope:
    """A reader who reads the members' entries of these alliances (None: staff)."""
    return EVERYTHING if alliance_ids is None else ReadScope(members_of=frozenset(alliance_ids))


def statuses(alliance, *, scope=EVERYTHING, day=None) -> dict[str, str]:
    """Each party's status on the value balance, by organisation name."""
    balance = selectors.value_balance(alliance=alliance, scope=scope, day=day)
    return {row.party.organisation.name: row.status for row in balance.parties}


def at(day: datetime.date):
    return time_machine.travel(datetime.datetime.combine(day, datetime.time(12)), tick=False)


# --- The twelve-month window --------------------------------------------------------------


def test_result_exactly_twelve_months_old_is_green(today, landscape):
    """A result dated 23 November 2025 still counts on 23 November 2026."""
    company = party(landscape.public, landscape.company)
    add_result(
        add_goal(company, landscape.partner),
        landscape.partner,
        achieved_on=datetime.date(2025, 11, 23),
    )
    assert statuses(landscape.public)["Mejeriet A/S"] == GREEN
    assert selectors.party_status(party=company, scope=EVERYTHING).code == GREEN


def test_result_one_day_older_than_twelve_months_is_yellow(today, landscape):
    """A result dated 22 November 2025 is outside the window on 23 November 2026: the
    party has a goal, so it is yellow, and the balance still remembers the result."""
    company = party(landscape.public, landscape.company)
    add_result(
        add_goal(company, landscape.partner),
        landscape.partner,
        achieved_on=datetime.date(2025, 11, 22),
    )
    assert statuses(landscape.public)["Mejeriet A/S"] == YELLOW
    assert selectors.party_status(party=company, scope=EVERYTHING).code == YELLOW
    row = next(
        r
        for r in selectors.value_balance(
            alliance=landscape.public, scope=EVERYTHING
        ).parties
        if r.party == company
    )
    assert row.last_result_on == datetime.date(2025, 11, 22)
    assert (
        row
        in selectors.value_balance(
            alliance=landscape.public, scope=EVERYTHING
        ).without_value
    )


def test_the_window_moves_with_today(landscape):
    """The same result makes the party green up to twelve months after it, then yellow:
    the status is worked out on the day it is read."""
    with at(datetime.date(2026, 3, 10)):
        company = party(landscape.public, landscape.company)
        add_result(
            add_goal(company, landscape.partner),
            landscape.partner,
            achieved_on=datetime.date(2026, 3, 10),
        )
    with at(datetime.date(2027, 3, 10)):
        assert statuses(landscape.public)["Mejeriet A/S"] == GREEN
    with at(datetime.date(2027, 3, 11)):
        assert statuses(landscape.public)["Mejeriet A/S"] == YELLOW


def test_result_dated_today_is_green(today, landscape):
    company = party(landscape.public, landscape.company)
    add_result(add_goal(company, landscape.partner), landscape.partner, achieved_on=today)
    assert statuses(landscape.public)["Mejeriet A/S"] == GREEN


def test_goal_without_results_is_yellow_and_party_without_goals_is_red(today, landscape):
    add_goal(party(landscape.public, landscape.company), landscape.partner)
    assert statuses(landscape.public) == {
        "Mejeriet A/S": YELLOW,
        "Landmændenes Forening": RED,
        "Lejre Kommune": RED,
    }


def test_one_realised_goal_is_enough_for_green(today, landscape):
    """Of two goals, one with a recent result is enough; the other may wait."""
    company = party(landscape.public, landscape.company)
    add_goal(company, landscape.partner, title="Et mål uden resultat")
    add_result(add_goal(company, landscape.partner, title="Et realiseret mål"), landscape.partner)
    assert statuses(landscape.public)["Mejeriet A/S"] == GREEN


def test_a_results_date_counts_not_when_it_was_registered(today, landscape):
    """A result registered today but dated thirteen months ago does not make the party green."""
    company = party(landscape.public, landscape.company)
    add_result(
        add_goal(company, landscape.partner),
        landscape.partner,
        achieved_on=datetime.date(2025, 10, 23),
    )
    assert statuses(landscape.public)["Mejeriet A/S"] == YELLOW


def test_a_future_dated_result_cannot_be_registered(today, landscape):
    """A result dated tomorrow is refused on the date field, nothing is written, and the
    party stays yellow: no one can be green ahead of time."""
    company = party(landscape.public, landscape.company)
    goal = add_goal(company, landscape.partner)
    changes = ledger_records().count()
    with pytest.raises(ValidationError) as caught:
        add_result(goal, landscape.partner, achieved_on=datetime.date(2026, 11, 24))
    assert FUTURE_RESULT in " ".join(caught.value.message_dict["achieved_on"])
    assert not Result.objects.exists()
    assert ledger_records().count() == changes
    assert statuses(landscape.public)["Mejeriet A/S"] == YELLOW


def test_a_result_cannot_be_moved_into_the_future_either(today, landscape):
    company = party(landscape.public, landscape.company)
    result = add_result(add_goal(company, landscape.partner), landscape.partner)
    with pytest.raises(ValidationError) as caught:
        services.result_update(
            result=result, actor=landscape.partner, achieved_on=datetime.date(2027, 1, 1)
        )
    assert "achieved_on" in caught.value.message_dict
    result.refresh_from_db()
    assert result.achieved_on == datetime.date(2026, 10, 1)


def test_today_is_the_danish_date(landscape):
    """At 00:30 in Copenhagen on 24 November (23:30 UTC on the 23rd) a result dated the 24th
    is not in the future, and the window starts on 24 November a year earlier."""
    late = datetime.datetime(2026, 11, 23, 23, 30, tzinfo=datetime.UTC)
    with time_machine.travel(late, tick=False):
        company = party(landscape.public, landscape.company)
        association = party(landscape.public, landscape.association)
        add_result(
            add_goal(company, landscape.partner),
            landscape.partner,
            achieved_on=datetime.date(2026, 11, 24),
        )
        add_result(
            add_goal(association, landscape.coordinator),
            landscape.coordinator,
            achieved_on=datetime.date(2025, 11, 23),
        )
        found = statuses(landscape.public)
    assert found["Mejeriet A/S"] == GREEN
    assert found["Landmændenes Forening"] == YELLOW


# --- 29 February --------------------------------------------------------------------------


@pytest.mark.parametrize(
    "day, expected",
    [
        (datetime.date(2028, 2, 29), datetime.date(2027, 2, 28)),
        (datetime.date(2028, 3, 1), datetime.date(2027, 3, 1)),
        (datetime.date(2027, 2, 28), datetime.date(2026, 2, 28)),
        (datetime.date(2026, 11, 23), datetime.date(2025, 11, 23)),
        (datetime.date(2029, 2, 28), datetime.date(2028, 2, 28)),
        (datetime.date(2000, 1, 1), datetime.date(1999, 1, 1)),
    ],
)
def test_twelve_months_before(day, expected):
    """The same date a year earlier; 29 February becomes 28 February."""
    assert twelve_months_before(day) == expected


def test_on_29_february_a_result_from_28_february_last_year_counts(landscape):
    with at(datetime.date(2028, 2, 29)):
        company = party(landscape.public, landscape.company)
        association = party(landscape.public, landscape.association)
        add_result(
            add_goal(company, landscape.partner),
            landscape.partner,
            achieved_on=datetime.date(2027, 2, 28),
        )
        add_result(
            add_goal(association, landscape.coordinator),
            landscape.coordinator,
            achieved_on=datetime.date(2027, 2, 27),
        )
        found = statuses(landscape.public)
    assert found["Mejeriet A/S"] == GREEN
    assert found["Landmændenes Forening"] == YELLOW


def test_a_result_on_29_february_counts_for_twelve_months(landscape):
    """A result from 29 February 2028 counts until 28 February 2029 and not on 1 March."""
    with at(datetime.date(2028, 2, 29)):
        company = party(landscape.public, landscape.company)
        add_result(
            add_goal(company, landscape.partner),
            landscape.partner,
            achieved_on=datetime.date(2028, 2, 29),
        )
    with at(datetime.date(2029, 2, 28)):
        assert statuses(landscape.public)["Mejeriet A/S"] == GREEN
    with at(datetime.date(2029, 3, 1)):
        assert statuses(landscape.public)["Mejeriet A/S"] == YELLOW


# --- What the reader may see ------------------------------------------------------------


def test_private_entries_count_for_members_but_not_for_outsiders(today, landscape):
    """A private goal with a private result makes the party green for members and staff;
    readers outside the alliance do not see the goal, so for them the party is red."""
    company = party(landscape.public, landscape.company)
    add_result(
        add_goal(company, landscape.partner, visibility="medlemmer"), landscape.partner, visibility="medlemmer"
    )
    for user, expected in (
        (landscape.partner, GREEN),
        (landscape.observer, GREEN),
        (landscape.staff, GREEN),
        (landscape.outsider, RED),
        (landscape.public_employee, RED),
        (AnonymousUser(), RED),
    ):
        assert statuses(landscape.public, scope=read_scope(user, landscape.public))["Mejeriet A/S"] == expected, user
    assert selectors.party_status(party=company, scope=PUBLIC_ONLY).code == RED
    assert selectors.party_status(party=company, scope=EVERYTHING).code == GREEN


def test_a_private_result_on_a_public_goal_leaves_outsiders_with_yellow(today, landscape):
    company = party(landscape.public, landscape.company)
    add_result(add_goal(company, landscape.partner), landscape.partner, visibility="medlemmer")
    assert statuses(landscape.public, scope=members_of(set()))["Mejeriet A/S"] == YELLOW
    assert (
        statuses(landscape.public, scope=members_of({landscape.public.pk}))["Mejeriet A/S"]
        == GREEN
    )


def test_a_public_result_on_a_private_goal_does_not_count_for_outsiders(today, landscape):
    """The result is marked public, but its goal is not: outsiders see neither, so the
    party's public goal without results leaves it yellow, not green."""
    company = party(landscape.public, landscape.company)
    add_goal(company, landscape.partner, title="Et offentligt mål")
    add_result(
        add_goal(company, landscape.partner, title="Et privat mål", visibility="medlemmer"),
        landscape.partner,
        visibility="offentlig",
    )
    assert statuses(landscape.public, scope=members_of(set()))["Mejeriet A/S"] == YELLOW
    assert selectors.party_status(party=company, scope=PUBLIC_ONLY).code == YELLOW
    balance = selectors.value_balance(alliance=landscape.public, scope=PUBLIC_ONLY)
    row = next(r for r in balance.parties if r.party == company)
    assert (row.goal_count, row.realised_goal_count) == (1, 0)
    assert row.gained_kroner == 0
    assert statuses(landscape.public, scope=members_of(None))["Mejeriet A/S"] == GREEN


def test_membership_of_another_alliance_does_not_reveal_private_entries(today, landscape):
    """The private entries an outsider of *this* alliance may see are those of the
    alliances they are a member of, not this one."""
    company = party(landscape.public, landscape.company)
    add_result(
        add_goal(company, landscape.partner, visibility="medlemmer"), landscape.partner, visibility="medlemmer"
    )
    ids = {landscape.internal.pk, landscape.private.pk}
    assert statuses(landscape.public, scope=members_of(ids))["Mejeriet A/S"] == RED


# --- Counts for many alliances ---------------------------------------------------------


def counts_of(result, alliance):
    counts = result[alliance.pk]
    return (counts.green, counts.yellow, counts.red)


def test_status_counts_across_alliances(today, landscape, django_assert_num_queries):
    """Each alliance gets its own green/yellow/red tally, in one query for them all; only
    the alliances whose private entries the reader sees count those."""
    public_company = party(landscape.public, landscape.company)
    add_result(add_goal(public_company, landscape.partner), landscape.partner)
    add_goal(party(landscape.public, landscape.association), landscape.coordinator)
    private_company = party(landscape.private, landscape.company)
    add_result(
        add_goal(private_company, landscape.partner, visibility="medlemmer"),
        landscape.partner,
        visibility="medlemmer",
    )
    add_goal(party(landscape.internal, landscape.lejre), landscape.coordinator, visibility="medlemmer")
    alliances = [landscape.public, landscape.internal, landscape.private]

    with django_assert_num_queries(1):
        member = selectors.status_counts(
            alliances, scope=members_of({a.pk for a in alliances})
        )
    assert counts_of(member, landscape.public) == (1, 1, 1)
    assert counts_of(member, landscape.internal) == (0, 1, 2)
    assert counts_of(member, landscape.private) == (1, 0, 2)
    assert member[landscape.public.pk].total == 3

    outsider = selectors.status_counts(alliances, scope=members_of(set()))
    assert counts_of(outsider, landscape.public) == (1, 1, 1)
    assert counts_of(outsider, landscape.internal) == (0, 0, 3)
    assert counts_of(outsider, landscape.private) == (0, 0, 3)

    only_private = selectors.status_counts(
        alliances, scope=members_of({landscape.private.pk})
    )
    assert counts_of(only_private, landscape.internal) == (0, 0, 3)
    assert counts_of(only_private, landscape.private) == (1, 0, 2)

    staff = selectors.status_counts(alliances, scope=members_of(None))
    assert counts_of(staff, landscape.internal) == (0, 1, 2)


def test_status_counts_of_no_alliances_asks_nothing(django_assert_num_queries, db):
    with django_assert_num_queries(0):
        assert selectors.status_counts([], scope=members_of(set())) == {}


def test_balance_glance_follows_the_reader(today, landscape):
    """The alliance card's tally counts private entries for members only."""
    company = party(landscape.public, landscape.company)
    add_result(
        add_goal(company, landscape.partner, visibility="medlemmer"), landscape.partner, visibility="medlemmer"
    )
    for user, green in (
        (landscape.partner, 1),
        (landscape.staff, 1),
        (landscape.outsider, 0),
        (AnonymousUser(), 0),
    ):
        glance = selectors.balance_glance([landscape.public], user)[landscape.public.pk]
        assert glance.alliance == landscape.public
        assert (glance.counts.green, glance.counts.red) == (green, 3 - green), user


# --- Attention for coordinators and top leaders ---------------------------------------------


def memberships(user):
    """The user as a new request sees them: a fresh object, with no memberships remembered."""
    return type(user).objects.get(pk=user.pk)


@pytest.fixture
def running(landscape):
    """The landscape's alliances past the idea phase, where value goals are expected."""
    for alliance in (landscape.public, landscape.internal, landscape.private):
        alliance_services.alliance_change_phase(
            alliance=alliance, to_phase=Phase.OPERATION, actor=landscape.coordinator
        )
    return landscape


def test_attention_names_parties_without_value_for_coordinators(today, running):
    """The coordinator is told, per alliance, which parties have not got value home (yellow
    and red, private entries included), with a link to the value balance; green parties are
    not named."""
    company = party(running.public, running.company)
    add_result(
        add_goal(company, running.partner, visibility="medlemmer"), running.partner, visibility="medlemmer"
    )
    add_goal(party(running.public, running.association), running.coordinator)
    items = selectors.attention_items(memberships(running.coordinator), day=today)
    by_alliance = {item.subject.pk: item for item in items}
    assert set(by_alliance) == {running.public.pk, running.internal.pk, running.private.pk}
    public = by_alliance[running.public.pk]
    assert public.message == (
        "2 parter har endnu ikke fået værdi med hjem fra alliancen: Landmændenes Forening, Lejre Kommune."
    )
    assert "Mejeriet" not in public.message
    assert public.url == f"/alliancer/{running.public.slug}/vaerdi/"
    assert "3 parter" in by_alliance[running.private.pk].message


def test_attention_with_one_party_left_names_it(today, running):
    for organisation in (running.company, running.association):
        add_result(
            add_goal(party(running.public, organisation), running.coordinator), running.coordinator
        )
    items = selectors.attention_items(memberships(running.coordinator), day=today)
    public = next(item for item in items if item.subject.pk == running.public.pk)
    assert public.message == "Lejre Kommune har endnu ikke fået værdi med hjem fra alliancen."


def test_no_attention_when_every_party_has_value(today, running):
    for organisation in (running.company, running.association, running.lejre):
        add_result(
            add_goal(party(running.public, organisation), running.coordinator), running.coordinator
        )
    items = selectors.attention_items(memberships(running.coordinator), day=today)
    assert running.public.pk not in {item.subject.pk for item in items}


def test_attention_is_for_coordinators_and_top_leaders_only(today, running):
    """Partners and observers are not told about other parties (a partner only that their own
    party has no value goal); a top leader is."""
    own = selectors.attention_items(memberships(running.partner), day=today)
    assert {item.message for item in own} == {
        "Din part, Mejeriet A/S, har endnu intet værdimål. Skriv, hvad I vil have med hjem fra alliancen."
    }
    assert selectors.attention_items(memberships(running.observer), day=today) == []
    leader = make_user("topleder", running.lejre)
    alliance_services.membership_add(
        actor=running.coordinator,
        alliance=running.internal, user=leader, role=MemberRole.TOP_LEADER
    )
    items = selectors.attention_items(memberships(leader), day=today)
    assert [item.subject.pk for item in items] == [running.internal.pk]
    assert "3 parter" in items[0].message


def test_attention_uses_the_day_it_is_given(today, running):
    """A result from last November keeps the party off the list until it is a year old."""
    for organisation in (running.company, running.association, running.lejre):
        add_result(
            add_goal(party(running.public, organisation), running.coordinator),
            running.coordinator,
            achieved_on=datetime.date(2025, 11, 23),
        )
    coordinator = memberships(running.coordinator)
    assert running.public.pk not in {
        i.subject.pk for i in selectors.attention_items(coordinator, day=today)
    }
    later = selectors.attention_items(coordinator, day=datetime.date(2026, 11, 24))
    assert running.public.pk in {i.subject.pk for i in later}


@pytest.mark.parametrize("phase", [Phase.IDEA, Phase.CLOSED])
def test_no_attention_for_an_idea_or_a_closed_alliance(today, running, phase):
    """An idea has no value goals yet and a closed alliance is history: neither is flagged,
    though their parties have no value."""
    alliance_services.alliance_change_phase(
        alliance=running.public, to_phase=phase, actor=running.coordinator
    )
    items = selectors.attention_items(memberships(running.coordinator), day=today)
    assert {item.subject.pk for item in items} == {running.internal.pk, running.private.pk}
