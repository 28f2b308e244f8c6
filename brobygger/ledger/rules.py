"""Who may read and write the value ledger: the one place that decides, built on the
foundation's shared rules.

- An entry is read by everyone who sees the alliance (offentlig), by the alliance's members
  (medlemmer), or only by the party's own representatives, the alliance's coordinators and
  staff (fortrolig): those who may write for the party read its confidential entries.
- Everything computed from entries (statuses, totals, the chart, the API) is computed over
  what the reader may read: `ReadScope` says what that is, as one query filter.
- A party's own representatives (not observers) add and edit its entries; coordinators
  and staff edit on the party's behalf, and the audit says so.
- The alliance's shared goals, its hour rates: coordinators and staff.
- A party's own word on whether it gets enough out of the alliance is the foundation's
  (`alliances.give_value_answer`, `alliances.view_value_answers`): the health check asks it too.
"""

from dataclasses import dataclass

from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from brobygger.alliances.models import MemberRole, Membership
from brobygger.alliances.rules import (
    alliance_id_of,
    can_manage_alliance,
    can_write_for_party,
    is_active_staff,
    membership_in,
    parties_seen_q,
)
from brobygger.core.permissions import add_perm

from .models import EntryVisibility

# On a party or an entry: add, edit and delete its contributions, goals and results; and read
# its confidential entries.
add_perm(
    "ledger.change_party_entries",
    can_write_for_party,
    denied=_("Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens værdiregnskab."),
)

# On an alliance: its shared goals (and their results) and its hour kinds and rates.
add_perm(
    "ledger.change_shared_entries",
    can_manage_alliance,
    denied=_("Kun alliancens koordinatorer kan ændre alliancens fælles mål og timesatser."),
)


@dataclass(frozen=True)
class ReadScope:
    """What one reader reads of the ledger, across any number of alliances.

    everything: staff. members_of: alliances whose members' entries the reader reads.
    all_of: alliances whose every entry the reader reads (coordinators). own_parties: parties
    whose confidential entries the reader reads (their representatives)."""

    everything: bool = False
    members_of: frozenset[int] = frozenset()
    all_of: frozenset[int] = frozenset()
    own_parties: frozenset[int] = frozenset()

    def reads_members_entries_of(self, alliance_id: int) -> bool:
        return self.everything or alliance_id in self.members_of

    def reads_all_of(self, alliance_id: int) -> bool:
        """Nothing in the alliance is hidden from the reader."""
        return self.everything or alliance_id in self.all_of


EVERYTHING = ReadScope(everything=True)
PUBLIC_ONLY = ReadScope()


def scope_of_memberships(memberships) -> ReadScope:
    """memberships: (alliance id, role, party id) of one user."""
    members_of, all_of, own_parties = set(), set(), set()
    for alliance_id, role, party_id in memberships:
        members_of.add(alliance_id)
        if role == MemberRole.COORDINATOR:
            all_of.add(alliance_id)
        elif party_id is not None and role != MemberRole.OBSERVER:
            own_parties.add(party_id)
    return ReadScope(
        members_of=frozenset(members_of), all_of=frozenset(all_of), own_parties=frozenset(own_parties)
    )


def read_scope(user, obj) -> ReadScope:
    """What the user reads of one alliance's ledger; `obj` is the alliance or anything of it
    (its membership comes from the rules' per-request cache)."""
    if is_active_staff(user):
        return EVERYTHING
    membership = membership_in(user, obj)
    if membership is None:
        return PUBLIC_ONLY
    return scope_of_memberships([(alliance_id_of(obj), membership.role, membership.party_id)])


def read_scope_everywhere(user) -> ReadScope:
    """What the user reads of every alliance's ledger: one query (none for staff and
    anonymous visitors)."""
    if is_active_staff(user):
        return EVERYTHING
    if not user.is_authenticated:
        return PUBLIC_ONLY
    return scope_of_memberships(Membership.objects.filter(user_id=user.pk).values_list("alliance_id", "role", "party_id"))


def parties_read_q(scope: ReadScope, *, prefix: str = "") -> Q:
    """The parties whose ledgers the scope reads at all: every party of the reader's own
    alliances, confirmed parties elsewhere (the foundation's `can_view_party`)."""
    return parties_seen_q(member_of=None if scope.everything else scope.members_of, prefix=prefix)


def _level_q(scope: ReadScope, *, prefix: str, alliance: str, party: str) -> Q:
    """Entries (reached by `prefix`) that the scope reads; `alliance` and `party` are the
    paths to the entry's alliance and party. An entry without a party (an alliance's shared
    goal) is read at its level by the alliance's members, or by everyone when public."""
    if scope.everything:
        return Q()
    visibility = f"{prefix}visibility"
    party_seen = Q(**{f"{party}__isnull": True}) | parties_read_q(scope, prefix=f"{party}__")
    return (
        Q(**{visibility: EntryVisibility.PUBLIC})
        | Q(**{visibility: EntryVisibility.MEMBERS, f"{alliance}_id__in": scope.members_of})
        | Q(**{f"{alliance}_id__in": scope.all_of})
        | Q(**{f"{party}_id__in": scope.own_parties})
    ) & party_seen


def visible_entries_q(scope: ReadScope) -> Q:
    """Contributions the scope reads."""
    return _level_q(scope, prefix="", alliance="party__alliance", party="party")


def visible_goals_q(scope: ReadScope) -> Q:
    """Value goals (the parties' and the alliance's shared ones) the scope reads."""
    return _level_q(scope, prefix="", alliance="alliance", party="party")


def visible_results_q(scope: ReadScope) -> Q:
    """Results the scope reads: the result and its goal must both be readable."""
    return _level_q(scope, prefix="", alliance="goal__alliance", party="goal__party") & _level_q(
        scope, prefix="goal__", alliance="goal__alliance", party="goal__party"
    )


def reads_entry(scope: ReadScope, entry, alliance_id: int, party_id: int | None) -> bool:
    """The predicate form of `visible_entries_q` for one entry already fetched (party_id is
    None for a shared goal)."""
    if scope.everything or alliance_id in scope.all_of or party_id in scope.own_parties:
        return True
    if entry.visibility == EntryVisibility.PUBLIC:
        return True
    return entry.visibility == EntryVisibility.MEMBERS and alliance_id in scope.members_of


def may_read_restricted_record(user, record) -> bool:
    """The audit's question for a record of a confidential entry: may this reader see what
    it names? The same readers as the entry's: those who may write for its party."""
    if is_active_staff(user):
        return True
    membership = membership_in(user, record)
    if membership is None:
        return False
    if membership.role == MemberRole.COORDINATOR:
        return True
    return membership.party_id == record.party_id and membership.role != MemberRole.OBSERVER
