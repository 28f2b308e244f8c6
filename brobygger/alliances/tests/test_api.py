"""The read-only JSON API at /api/v1/alliances/: it lists and shows exactly what the
requester may see, by the same rule as the pages, and never names what it may not."""

import json

import pytest
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from brobygger.alliances.models import Alliance, Phase
from brobygger.alliances.rules import visible_alliances_q

SEES = {
    "anonymous": {"public"},
    "outsider": {"public"},
    "company_outsider": {"public"},
    "public_employee": {"public", "internal"},
    "observer": {"public", "internal", "private"},
    "partner": {"public", "internal", "private"},
    "coordinator": {"public", "internal", "private"},
    "staff": {"public", "internal", "private"},
}
VISIBILITIES = ("public", "internal", "private")
LIST_URL = "/api/v1/alliances/"


def client_for(landscape, kind: str) -> Client:
    client = Client()
    if kind != "anonymous":
        client.force_login(getattr(landscape, kind))
    return client


def detail_url(alliance: Alliance) -> str:
    return f"/api/v1/alliances/{alliance.slug}/"


def names(alliance: Alliance) -> list[str]:
    """The title as it may appear in a body: as written and as JSON escapes it."""
    return [alliance.title, json.dumps(alliance.title)[1:-1]]


def test_urls_are_where_clients_expect_them():
    """The API lives at the documented, versioned addresses."""
    assert reverse("api:alliance_list") == LIST_URL
    assert reverse("api:alliance_detail", kwargs={"slug": "x"}) == "/api/v1/alliances/x/"


@pytest.mark.parametrize("kind", sorted(SEES))
def test_list_holds_exactly_what_the_requester_sees(landscape, kind):
    """The list answers 200 JSON with exactly the alliances this kind of user sees: public
    for everybody, internal also for Lejre's employees, private only for members and
    staff; the unseen ones are not named anywhere in the body."""
    response = client_for(landscape, kind).get(LIST_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    expected = {getattr(landscape, visibility).slug for visibility in SEES[kind]}
    assert {item["slug"] for item in data["results"]} == expected
    assert data["count"] == len(expected)
    body = response.content.decode()
    for visibility in set(VISIBILITIES) - SEES[kind]:
        alliance = getattr(landscape, visibility)
        assert not any(name in body for name in names(alliance)), visibility
        assert alliance.slug not in body


@pytest.mark.parametrize("kind", sorted(SEES))
def test_list_agrees_with_the_rule(landscape, kind):
    """The list holds the same alliances as `visible_alliances_q` for that user, in title
    order, so the API cannot drift from the pages."""
    user = AnonymousUser() if kind == "anonymous" else getattr(landscape, kind)
    expected = list(
        Alliance.objects.filter(visible_alliances_q(user))
        .order_by("title", "pk")
        .values_list("slug", flat=True)
    )
    results = client_for(landscape, kind).get(LIST_URL).json()["results"]
    assert [item["slug"] for item in results] == expected


def test_list_item_fields(landscape):
    """Each alliance carries slug, title, phase, welfare area, visibility and its parties,
    each party with organisation, kind and sector (machine values, not display labels)."""
    results = client_for(landscape, "coordinator").get(LIST_URL).json()["results"]
    item = next(result for result in results if result["slug"] == landscape.internal.slug)
    assert item["title"] == "Intern mælk"
    assert item["phase"] == Phase.IDEA == "ide"
    assert item["welfare_area"] == "aeldre"
    assert item["visibility"] == "intern"
    parties = {party["organisation"]: (party["kind"], party["sector"]) for party in item["parties"]}
    assert parties == {
        "Lejre Kommune": ("kommune", "offentlig"),
        "Mejeriet A/S": ("virksomhed", "privat"),
        "Landmændenes Forening": ("forening", "civilsamfund"),
    }


def test_list_follows_phase_changes(landscape):
    """The phase in the API is the alliance's current phase."""
    Alliance.objects.filter(pk=landscape.public.pk).update(phase=Phase.OPERATION)
    results = client_for(landscape, "anonymous").get(LIST_URL).json()["results"]
    assert [item["phase"] for item in results] == ["drift"]


@pytest.mark.parametrize("kind", sorted(SEES))
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_detail(landscape, kind, visibility):
    """One alliance answers 200 JSON to a user who sees it, and JSON 404 {"detail": ...} to
    one who does not — without its title or any of its content."""
    alliance = getattr(landscape, visibility)
    response = client_for(landscape, kind).get(detail_url(alliance))
    assert response["Content-Type"] == "application/json"
    data = response.json()
    if visibility in SEES[kind]:
        assert response.status_code == 200
        assert data["slug"] == alliance.slug
        assert data["title"] == alliance.title
        assert data["visibility"] == alliance.visibility
        assert {party["organisation"] for party in data["parties"]} == {
            "Lejre Kommune",
            "Mejeriet A/S",
            "Landmændenes Forening",
        }
    else:
        assert response.status_code == 404
        assert set(data) == {"detail"}
        body = response.content.decode()
        assert not any(name in body for name in names(alliance))
        assert "Mejeriet" not in body


def test_unseen_answers_like_unknown(landscape):
    """An alliance the requester may not see answers exactly like one that does not
    exist, so the API does not even reveal that it exists."""
    client = client_for(landscape, "outsider")
    unseen = client.get(detail_url(landscape.private))
    unknown = client.get("/api/v1/alliances/findes-slet-ikke/")
    assert unseen.status_code == unknown.status_code == 404
    assert unseen.content == unknown.content


def test_json_404_for_unknown_api_alliance_is_not_html(landscape):
    """The API's 404 is JSON, not the Danish HTML error page."""
    response = client_for(landscape, "anonymous").get("/api/v1/alliances/findes-slet-ikke/")
    assert response.status_code == 404
    assert response["Content-Type"] == "application/json"
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_is_read_only(landscape, method):
    """The API accepts only reading: writing methods answer 405 and change nothing, even
    for the coordinator."""
    client = client_for(landscape, "coordinator")
    for url in (LIST_URL, detail_url(landscape.public)):
        response = getattr(client, method)(url)
        assert response.status_code == 405, (method, url)
    assert Alliance.objects.count() == 3


def test_inactive_staff_sees_only_public_in_the_api(landscape):
    """A staff account deactivated while logged in is treated as anonymous by the API."""
    client = client_for(landscape, "staff")
    landscape.staff.is_active = False
    landscape.staff.save()
    results = client.get(LIST_URL).json()["results"]
    assert [item["slug"] for item in results] == [landscape.public.slug]
    assert client.get(detail_url(landscape.private)).status_code == 404
