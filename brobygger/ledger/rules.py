"""Who may read and write the value ledger: the one place that decides.

- Anyone who sees an alliance sees its value balance, but only members and staff see
  entries that are not marked public; everybody else sees the public ones.
- A party's own representatives (not observers) add and edit its entries; coordinators
  and staff edit on the party's behalf, and the change log says so.
"""

import rules
from django.db.models import Q

from brobygger.alliances.models import Alliance, Membership
from brobygger.alliances.rules import (
    coordinates_party_alliance,
    is_active_staff,
    is_member,
    represents_party,
)

can_see_private_entries = is_active_staff | is_member
can_edit_party_entries = is_active_staff | coordinates_party_alliance | represents_party

# On an alliance: see entries that are not public, and the change log.
rules.add_perm("ledger.view_private_entries", can_see_private_entries)
# On a party: add, edit and delete its contributions, goals and results.
rules.add_perm("ledger.change_party_entries", can_edit_party_entries)


def private_entries_alliance_ids(user) -> set[int] | None:
    """The alliances whose non-public entries the user may read; None means all (staff)."""
    if is_active_staff(user):
        return None
    if not user.is_authenticated:
        return set()
    return set(Membership.objects.filter(user=user).values_list("alliance_id", flat=True))


def visible_entries_q(alliance_ids: set[int] | None, *, alliance_path: str) -> Q:
    """Entries a reader may see: public ones, and all in `alliance_ids` (None: all).

    `alliance_path` is the lookup from the entry to its alliance id, e.g. "party__alliance_id".
    """
    if alliance_ids is None:
        return Q()
    return Q(is_public=True) | Q(**{f"{alliance_path}__in": alliance_ids})


def visible_results_q(alliance_ids: set[int] | None) -> Q:
    """Results a reader may see: a public result of a public goal, and all in `alliance_ids`."""
    if alliance_ids is None:
        return Q()
    return Q(is_public=True, goal__is_public=True) | Q(goal__party__alliance_id__in=alliance_ids)


def sees_private_entries(user, alliance: Alliance) -> bool:
    return user.has_perm("ledger.view_private_entries", alliance)
