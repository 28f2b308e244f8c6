"""Who may read and write the value ledger: the one place that decides, built on the
foundation's shared rules.

- Anyone who sees an alliance sees its value balance, but only members and staff see
  entries that are not marked public; everybody else sees the public ones.
- A party's own representatives (not observers) add and edit its entries; coordinators
  and staff edit on the party's behalf, and the audit says so.
"""

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brobygger.alliances.models import Alliance
from brobygger.alliances.rules import can_read_members_only, can_write_for_party
from brobygger.core.permissions import add_perm

# On an alliance: see entries that are not public, and the party's history.
add_perm("ledger.view_private_entries", can_read_members_only)
# On a party or an entry: add, edit and delete its contributions, goals and results.
add_perm(
    "ledger.change_party_entries",
    can_write_for_party,
    denied=_("Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens værdiregnskab."),
)


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
