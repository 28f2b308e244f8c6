"""The foundation's endpoints under /api/v1/: alliances as the pages show them. Visibility is
decided by rules.py, as on the pages."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from brobygger.api.responses import answer_404_as_json, json_response
from brobygger.core.registry import ApiRoute

from . import selectors
from .access import alliance_for_user
from .models import Alliance, Party


def _party_json(party: Party) -> dict:
    organisation = party.organisation
    return {
        "organisation": organisation.name,
        "organisation_id": organisation.pk,
        "kind": organisation.kind,
        "sector": organisation.sector,
        "role": party.role_text,
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


@require_safe
def alliance_list(request: HttpRequest) -> JsonResponse:
    alliances = selectors.alliance_list(user=request.user).order_by("title", "pk")
    results = [_alliance_json(alliance, request) for alliance in alliances]
    return json_response({"count": len(results), "results": results})


@require_safe
@answer_404_as_json
def alliance_detail(request: HttpRequest, slug: str) -> JsonResponse:
    alliance = alliance_for_user(request.user, slug)
    alliance = selectors.alliance_list(user=request.user).get(pk=alliance.pk)
    return json_response(_alliance_json(alliance, request))


ROUTES = [
    ApiRoute(key="alliance_list", order=0, route="alliances/", view=alliance_list, name="alliance_list"),
    ApiRoute(
        key="alliance_detail", order=1, route="alliances/<slug:slug>/", view=alliance_detail, name="alliance_detail"
    ),
]
