"""Read-only JSON over the alliance selectors; the full API (tokens, OpenAPI) comes later.
Visibility is decided by brobygger.alliances.rules, as on the pages."""

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from brobygger.alliances import selectors
from brobygger.alliances.access import alliance_for_user
from brobygger.alliances.models import Alliance, Party


def _party_json(party: Party) -> dict:
    organisation = party.organisation
    return {
        "organisation": organisation.name,
        "organisation_id": organisation.pk,
        "kind": organisation.kind,
        "sector": organisation.sector,
        "role": party.role_description,
    }


def _alliance_json(alliance: Alliance, request: HttpRequest) -> dict:
    return {
        "slug": alliance.slug,
        "title": alliance.title,
        "url": request.build_absolute_uri(alliance.get_absolute_url()),
        "phase": alliance.phase,
        "welfare_area": alliance.welfare_area,
        "visibility": alliance.visibility,
        "lead_organisation": alliance.lead_organisation.name,
        "parties": [_party_json(party) for party in alliance.parties.all()],
    }


def _not_found() -> JsonResponse:
    return JsonResponse({"detail": "Not found."}, status=404)


@require_GET
def alliance_list(request: HttpRequest) -> JsonResponse:
    alliances = selectors.alliance_list(user=request.user).order_by("title", "pk")
    results = [_alliance_json(alliance, request) for alliance in alliances]
    return JsonResponse({"count": len(results), "results": results})


@require_GET
def alliance_detail(request: HttpRequest, slug: str) -> JsonResponse:
    try:
        alliance = alliance_for_user(request.user, slug)
    except Http404:
        return _not_found()
    alliance = selectors.alliance_list(user=request.user).get(pk=alliance.pk)
    return JsonResponse(_alliance_json(alliance, request))
