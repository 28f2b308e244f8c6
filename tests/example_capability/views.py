from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_safe

from brobygger.alliances.access import alliance_for_user


@require_safe
def page(request: HttpRequest, slug: str) -> HttpResponse:
    alliance = alliance_for_user(request.user, slug)
    return render(request, "example/page.html", {"alliance": alliance, "party_count": alliance.parties.count()})
