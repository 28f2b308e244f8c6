"""Fetching ledger entries for a request with the permission check built in: 404 for what
the user may not read (a members' entry for an outsider, a confidential one for anyone but
its party's representatives, the coordinators and staff), 403 (with the permission's reason)
for what they may read but not change. Parties come from the foundation's `party_for_user`.

A party's entries are written with EDIT; the alliance's shared goals (and their results)
and its hour kinds with EDIT_SHARED; a party's own answer with ANSWER."""

from brobygger.alliances.access import alliance_for_user, not_found, party_for_user
from brobygger.alliances.models import Alliance, Party
from brobygger.core.permissions import require

from . import selectors
from .rules import read_scope, reads_entry
from .services import EDIT_SHARED, perm_for

ANSWER = "alliances.give_value_answer"

VIEW_ANSWERS = "alliances.view_value_answers"


def _entry(user, alliance: Alliance, entry, *, readable):
    if entry is None or not readable(read_scope(user, alliance)):
        raise not_found()
    require(user, perm_for(entry), entry)
    return entry


def contribution_for_user(user, alliance: Alliance, pk: int):
    entry = selectors.contribution_in(alliance, pk)
    return _entry(user, alliance, entry, readable=lambda scope: reads_entry(scope, entry, alliance.pk, entry.party_id))


def goal_for_user(user, alliance: Alliance, pk: int):
    """A party's goal or one of the alliance's shared goals (party None)."""
    entry = selectors.goal_in(alliance, pk)
    return _entry(user, alliance, entry, readable=lambda scope: reads_entry(scope, entry, alliance.pk, entry.party_id))


def result_for_user(user, alliance: Alliance, pk: int):
    entry = selectors.result_in(alliance, pk)
    return _entry(
        user,
        alliance,
        entry,
        readable=lambda scope: reads_entry(scope, entry, alliance.pk, entry.goal.party_id)
        and reads_entry(scope, entry.goal, alliance.pk, entry.goal.party_id),
    )


def hour_kind_for_user(user, alliance: Alliance, pk: int):
    """One of the alliance's hour kinds, to change: everyone who sees the alliance reads the
    rates, so a kind of another alliance (or none) is 404 and the rest 403 but for those
    with EDIT_SHARED."""
    kind = selectors.hour_kind_in(alliance, pk)
    if kind is None:
        raise not_found()
    require(user, EDIT_SHARED, alliance)
    return kind


def party_to_answer_for(user, slug: str, party_id: int) -> tuple[Alliance, Party]:
    """The alliance and the party whose answer the user gives. The answers are the members'
    business: 404 for everyone but members and staff; 403 for those who do not speak for the
    party (observers, coordinators, other parties' people, staff)."""
    alliance = alliance_for_user(user, slug, see=VIEW_ANSWERS)
    return alliance, party_for_user(user, alliance, party_id, perm=ANSWER)


# --- Reading one entry (the API's detail endpoints) ------------------------------------------


def _readable(queryset, pk: int):
    entry = queryset.filter(pk=pk).first()
    if entry is None:
        raise not_found()
    return entry


def contribution_to_read(user, alliance: Alliance, pk: int):
    """One of the alliance's contributions, if the user reads it (else 404): the same entries
    as the lists."""
    return _readable(selectors.contributions_read(alliance, scope=read_scope(user, alliance)), pk)


def goal_to_read(user, alliance: Alliance, pk: int):
    """One of the alliance's value goals (a party's or a shared one) with `.progress`, if
    the user reads it (else 404)."""
    scope = read_scope(user, alliance)
    goal = _readable(selectors.goals_read(alliance, scope=scope), pk)
    return selectors.with_progress([goal], scope=scope)[0]


def result_to_read(user, alliance: Alliance, pk: int):
    """One of the alliance's results, if the user reads both it and its goal (else 404)."""
    return _readable(selectors.results_read(alliance, scope=read_scope(user, alliance)), pk)
