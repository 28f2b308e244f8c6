"""The value ledger's endpoints under /api/v1/."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from brobygger.alliances.access import alliance_for_user
from brobygger.api.responses import answer_404_as_json, json_response
from brobygger.core.registry import ApiRoute

from . import selectors
from .rules import read_scope


@require_safe
@answer_404_as_json
def value_balance(request: HttpRequest, slug: str) -> JsonResponse:
    """Each party's contributed kroner, goals, realised goals and status (grøn/gul/rød),
    from the entries the reader may read, as on the page: outsiders read public entries,
    members also the members' entries, and confidential entries count only for their party's
    representatives, the coordinators and staff. `entries_left_out` says when some exist that
    the figures are without."""
    alliance = alliance_for_user(request.user, slug)
    balance = selectors.value_balance(alliance=alliance, scope=read_scope(request.user, alliance))
    return json_response(
        {
            "alliance": alliance.slug,
            "date": balance.day.isoformat(),
            "includes_private_entries": balance.includes_private,
            "entries_left_out": balance.hides_entries,
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
        }
    )


ROUTES = [
    ApiRoute(
        key="value_balance", order=10, route="alliances/<slug:slug>/value-balance/", view=value_balance, name="value_balance"
    )
]
