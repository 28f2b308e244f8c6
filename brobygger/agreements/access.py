"""Fetching the agreement's objects for a request with the permission check built in:
404 for what the user may not see, 403 with a Danish explanation for what they may not do."""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from brobygger.alliances.access import alliance_for_user
from brobygger.alliances.models import Alliance, Party


def agreement_alliance_for_user(user, slug: str, *, change_terms: bool = False) -> Alliance:
    alliance = alliance_for_user(user, slug)
    if not user.has_perm("agreements.view_agreement", alliance):
        raise Http404(_("Siden findes ikke."))
    if change_terms and not user.has_perm("agreements.change_terms", alliance):
        raise PermissionDenied(_("Kun alliancens koordinatorer kan ændre de fælles vilkår."))
    return alliance


def agreement_party_for_user(user, alliance: Alliance, party_id: int, *, perm: str) -> Party:
    party = Party.objects.select_related("organisation").filter(alliance=alliance, pk=party_id).first()
    if party is None:
        raise Http404(_("Siden findes ikke."))
    party.alliance = alliance
    if not user.has_perm(perm, party):
        if perm == "agreements.sign_part":
            raise PermissionDenied(_("Kun partens egne repræsentanter kan underskrive partens del af aftalen."))
        raise PermissionDenied(
            _("Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens del af aftalen.")
        )
    return party
