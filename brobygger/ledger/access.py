"""Fetching ledger objects for a request with the permission check built in: 404 for what
the user may not see, 403 (with a Danish explanation) for what they may not change."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from brobygger.alliances.models import Alliance, Party

from . import selectors
from .rules import sees_private_entries

EDIT = "ledger.change_party_entries"


def _deny() -> PermissionDenied:
    return PermissionDenied(
        _("Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens værdiregnskab.")
    )


def party_for_user(user, alliance: Alliance, party_id: int, *, edit: bool = False) -> Party:
    party = Party.objects.select_related("organisation").filter(alliance=alliance, pk=party_id).first()
    if party is None:
        raise Http404(_("Siden findes ikke."))
    party.alliance = alliance  # reuse the membership cache already on the alliance
    if edit and not user.has_perm(EDIT, party):
        raise _deny()
    return party


def _entry(user, alliance: Alliance, entry, party: Party | None, *, public: bool):
    if entry is None or (not public and not sees_private_entries(user, alliance)):
        raise Http404(_("Siden findes ikke."))
    party.alliance = alliance
    if not user.has_perm(EDIT, party):
        raise _deny()
    return entry


def contribution_for_user(user, alliance: Alliance, pk: int):
    entry = selectors.contribution_in(alliance, pk)
    return _entry(user, alliance, entry, entry and entry.party, public=bool(entry and entry.is_public))


def goal_for_user(user, alliance: Alliance, pk: int):
    entry = selectors.goal_in(alliance, pk)
    return _entry(user, alliance, entry, entry and entry.party, public=bool(entry and entry.is_public))


def result_for_user(user, alliance: Alliance, pk: int):
    entry = selectors.result_in(alliance, pk)
    public = bool(entry and entry.is_public and entry.goal.is_public)
    return _entry(user, alliance, entry, entry and entry.goal.party, public=public)
