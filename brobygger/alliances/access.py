"""Fetching objects for a request with the permission check built in, so every view and
the API answer alike: 404 for what the user may not see, 403 for what they may not change.
"""

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.translation import gettext as _

from .models import Alliance, Organisation, Party
from .selectors import affiliation_request_for


def alliance_for_user(user, slug: str, *, perm: str = "alliances.view_alliance") -> Alliance:
    alliance = Alliance.objects.select_related("lead_organisation").filter(slug=slug).first()
    if alliance is None or not user.has_perm("alliances.view_alliance", alliance):
        raise Http404(_("Siden findes ikke."))
    if perm != "alliances.view_alliance" and not user.has_perm(perm, alliance):
        raise PermissionDenied(
            _("Kun alliancens koordinatorer kan ændre den. Kontakt en koordinator, hvis noget skal rettes.")
        )
    return alliance


def party_for_user(user, alliance: Alliance, party_id: int, *, perm: str) -> Party:
    party = (
        Party.objects.select_related("organisation", "alliance")
        .filter(alliance=alliance, pk=party_id)
        .first()
    )
    if party is None:
        raise Http404(_("Siden findes ikke."))
    party.alliance = alliance  # reuse the permission cache already on the alliance
    if not user.has_perm(perm, party):
        raise PermissionDenied(
            _("Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens oplysninger.")
        )
    return party


def _organisation_denied(perm: str) -> str:
    if perm == "alliances.manage_organisation_domains":
        return _("Kun Brobyggers personale kan registrere og fjerne en organisations domæner.")
    return _("Kun organisationens egne, bekræftede medarbejdere kan ændre dens oplysninger.")


def organisation_for_user(user, pk: int, *, perm: str | None = None) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise Http404(_("Siden findes ikke."))
    if perm is not None and not user.has_perm(perm, organisation):
        raise PermissionDenied(_organisation_denied(perm))
    return organisation


def affiliation_request_for_user(user, pk: int):
    """An open request to join an organisation, for someone who may decide on it: a colleague
    verified for that organisation, or staff. Nobody else learns that it exists."""
    affiliation = affiliation_request_for(pk=pk)
    if affiliation is None or not user.has_perm("alliances.decide_affiliation", affiliation):
        raise Http404(_("Siden findes ikke."))
    return affiliation
