from django.views.decorators.http import require_safe

from brobygger.alliances.access import alliance_for_user
from brobygger.api.responses import answer_404_as_json, json_response


@require_safe
@answer_404_as_json
def party_count(request, slug: str):
    alliance = alliance_for_user(request.user, slug)
    return json_response({"alliance": alliance.slug, "parties": alliance.parties.count()})
