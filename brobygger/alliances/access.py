"""Fetching objects for a request with the permission check built in, so every view and
the API answer alike: 404 for what the user may not see, 403 (with the permission's Danish
reason, see `core.permissions`) for what they see but may not change.

Capabilities fetch their alliance and party here too: `party_for_user` is the one helper
for "this party of this alliance, for this user, with this permission".
"""

from django.http import Http404
from django.utils.translation import gettext as _

from brobygger.core.permissions import require

from .models import Alliance, Organisation, Party
from .selectors import affiliation_request_for

VIEW = "alliances.view_alliance"


def not_found() -> Http404:
    return Http404(_("Siden findes ikke."))


def alliance_for_user(user, slug: str, *, perm: str | None = None, see: str = VIEW) -> Alliance:
    """The alliance, if the user sees it (and, with `see`, may read the capability's page
    about it: e.g. members only), else 404; then 403 unless the user has `perm` on it."""
    alliance = Alliance.objects.select_related("lead_organisation").filter(slug=slug).first()
    if alliance is None or not user.has_perm(VIEW, alliance):
        raise not_found()
    if see != VIEW and not user.has_perm(see, alliance):
        raise not_found()
    if perm is not None:
        require(user, perm, alliance)
    return alliance


def party_for_user(user, alliance: Alliance, party_id: int, *, perm: str | None = None) -> Party:
    """A party of an alliance the caller has already fetched for the user: 404 if it is not
    one of the alliance's parties or the user may not see it (an unconfirmed party outside
    the alliance), 403 unless the user has `perm` on it."""
    party = (
        Party.objects.select_related("organisation", "alliance__lead_organisation")
        .filter(alliance=alliance, pk=party_id)
        .first()
    )
    if party is None or not user.has_perm("alliances.view_party", party):
        raise not_found()
    if perm is not None:
        require(user, perm, party)
    return party


def organisation_for_user(user, pk: int, *, perm: str | None = None) -> Organisation:
    organisation = Organisation.objects.filter(pk=pk).first()
    if organisation is None:
        raise not_found()
    if perm is not None:
        require(user, perm, organisation)
    return organisation


def affiliation_request_for_user(user, pk: int):
    """An open request to join an organisation, for someone who may decide on it: a colleague
    verified for that organisation, or staff. Nobody else learns that it exists."""
    affiliation = affiliation_request_for(pk=pk)
    if affiliation is None or not user.has_perm("alliances.decide_affiliation", affiliation):
        raise not_found()
    return affiliation
