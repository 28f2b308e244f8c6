"""Fetching ledger entries for a request with the permission check built in: 404 for what
the user may not read (a members' entry for an outsider, a confidential one for anyone but
its party's representatives, the coordinators and staff), 403 (with the permission's reason)
for what they may read but not change. Parties come from the foundation's `party_for_user`."""

from brobygger.alliances.access import not_found
from brobygger.alliances.models import Alliance
from brobygger.core.permissions import require

from . import selectors
from .rules import read_scope, reads_entry
from .services import EDIT


def _entry(user, alliance: Alliance, entry, *, readable):
    if entry is None or not readable(read_scope(user, alliance)):
        raise not_found()
    require(user, EDIT, entry)
    return entry


def contribution_for_user(user, alliance: Alliance, pk: int):
    entry = selectors.contribution_in(alliance, pk)
    return _entry(user, alliance, entry, readable=lambda scope: reads_entry(scope, entry, alliance.pk, entry.party_id))


def goal_for_user(user, alliance: Alliance, pk: int):
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
