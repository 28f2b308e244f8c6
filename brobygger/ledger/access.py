"""Fetching ledger entries for a request with the permission check built in: 404 for what
the user may not see, 403 (with the permission's reason) for what they may not change.
Parties come from the foundation's `party_for_user`."""

from brobygger.alliances.access import not_found
from brobygger.alliances.models import Alliance
from brobygger.core.permissions import require

from . import selectors
from .rules import sees_private_entries
from .services import EDIT


def _entry(user, alliance: Alliance, entry, *, public: bool):
    if entry is None or (not public and not sees_private_entries(user, alliance)):
        raise not_found()
    require(user, EDIT, entry)
    return entry


def contribution_for_user(user, alliance: Alliance, pk: int):
    entry = selectors.contribution_in(alliance, pk)
    return _entry(user, alliance, entry, public=bool(entry and entry.is_public))


def goal_for_user(user, alliance: Alliance, pk: int):
    entry = selectors.goal_in(alliance, pk)
    return _entry(user, alliance, entry, public=bool(entry and entry.is_public))


def result_for_user(user, alliance: Alliance, pk: int):
    entry = selectors.result_in(alliance, pk)
    return _entry(user, alliance, entry, public=bool(entry and entry.is_public and entry.goal.is_public))
