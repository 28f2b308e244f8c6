"""The value ledger's endpoints under /api/v1/."""

from django.http import HttpRequest, JsonResponse
from django.views.decorators.http import require_safe

from brobygger.alliances.access import alliance_for_user
from brobygger.api.responses import answer_404_as_json, json_response
from brobygger.core.registry import ApiRoute

from . import selectors
from .rules import read_scope


def _money(value) -> str | None:
    return None if value is None else f"{value:.2f}"


def _progress(goal) -> dict:
    progress = goal.progress
    return {
        "state": progress.state,
        "met_on": progress.met_on.isoformat() if progress.met_on else None,
        "value": _money(progress.value),
        "percent": progress.percent,
    }


@require_safe
@answer_404_as_json
def value_balance(request: HttpRequest, slug: str) -> JsonResponse:
    """Each party's status (grøn/gul/rød) by the rule in docs/value-balance.md, its goals by
    state, what it gives line by line (money, hours per kind at the alliance's rate, other
    units), payments apart, what it has got, and for members its latest own answer; and the
    alliance's shared goals with their progress. From the entries the reader may read, as on
    the page: outsiders read public entries, members also the members' entries, and
    confidential entries count only for their party's representatives, the coordinators and
    staff. `entries_left_out` says when some exist that the figures are without."""
    alliance = alliance_for_user(request.user, slug)
    balance = selectors.value_balance(
        alliance=alliance,
        scope=read_scope(request.user, alliance),
        with_answers=request.user.has_perm("ledger.view_value_answers", alliance),
    )
    return json_response(
        {
            "alliance": alliance.slug,
            "date": balance.day.isoformat(),
            "includes_private_entries": balance.includes_private,
            "entries_left_out": balance.hides_entries,
            "shared_goals": [
                {
                    "goal_id": goal.pk,
                    "title": goal.title,
                    "target_value": _money(goal.target_value),
                    "target_unit": goal.target_unit,
                    "target_date": goal.target_date.isoformat(),
                    **_progress(goal),
                }
                for goal in balance.shared_goals
            ],
            "parties": [
                {
                    "party_id": row.party.pk,
                    "organisation": row.party.organisation.name,
                    "organisation_id": row.party.organisation_id,
                    "sector": row.sector,
                    "status": row.status,
                    "goals": row.goals.total,
                    "goals_by_state": {
                        "naaet": row.goals.met,
                        "undervejs": row.goals.on_the_way,
                        "ikke_forfalden": row.goals.not_due,
                        "forsinket": row.goals.overdue,
                    },
                    "last_met_on": row.last_met_on.isoformat() if row.last_met_on else None,
                    "contributed_kroner": _money(row.contributed_kroner),
                    "given": [
                        {
                            "kind": line.kind,
                            "label": line.label,
                            "contributions": line.count,
                            "quantity": _money(line.quantity),
                            "unit": line.unit_label,
                            "rate": _money(line.rate),
                            "kroner": _money(line.kroner),
                        }
                        for line in row.given
                    ],
                    "paid_for_deliveries_kroner": _money(row.paid_kroner),
                    "gained_kroner": _money(row.gained_kroner),
                    "results_without_kroner": row.results_without_kroner,
                    "received_as_payment_kroner": _money(row.received_kroner),
                    "last_result_on": row.last_result_on.isoformat() if row.last_result_on else None,
                    **(
                        {
                            "own_answer": {
                                "answer": row.answer.answer,
                                "comment": row.answer.comment,
                                "answered_at": row.answer.answered_at.isoformat(),
                            }
                            if row.answer
                            else None
                        }
                        if balance.shows_answers
                        else {}
                    ),
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
