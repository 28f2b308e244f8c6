"""Read-only JSON over the alliance selectors; the full API (tokens, OpenAPI) comes later.
Visibility is decided by brobygger.alliances.rules, as on the pages."""

from django.http import Http404, HttpRequest, JsonResponse
from django.views.decorators.http import require_GET

from brobygger.alliances import selectors
from brobygger.alliances.access import alliance_for_user
from brobygger.alliances.models import Alliance, Party
from brobygger.ledger import selectors as ledger_selectors
from brobygger.ledger.rules import sees_private_entries


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


@require_GET
def value_balance(request: HttpRequest, slug: str) -> JsonResponse:
    """Each party's contributed kroner, goals, realised goals and status (grøn/gul/rød).
    Readers outside the alliance get figures from public entries only, as on the page."""
    try:
        alliance = alliance_for_user(request.user, slug)
    except Http404:
        return _not_found()
    balance = ledger_selectors.value_balance(
        alliance=alliance, includes_private=sees_private_entries(request.user, alliance)
    )
    return JsonResponse(
        {
            "alliance": alliance.slug,
            "date": balance.day.isoformat(),
            "includes_private_entries": balance.includes_private,
            "parties": [
                {
                    "party_id": row.party.pk,
                    "organisation": row.party.organisation.name,
                    "organisation_id": row.party.organisation_id,
                    "sector": row.sector,
                    "contributed_kroner": f"{row.contributed_kroner:.2f}",
                    "goals": row.goal_count,
                    "goals_realised": row.realised_goal_count,
                    "gained_kroner": f"{row.gained_kroner:.2f}",
                    "last_result_on": row.last_result_on.isoformat() if row.last_result_on else None,
                    "status": row.status,
                }
                for row in balance.parties
            ],
        },
        json_dumps_params={"ensure_ascii": False},
    )
