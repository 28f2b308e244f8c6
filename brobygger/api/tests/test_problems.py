"""Everything under /api/ answers errors alike: application/problem+json (RFC 9457) in the
language of Accept-Language, whatever language the interface's cookie has chosen; GET
endpoints answer HEAD; rate limits answer 429 with Retry-After."""

import json

import pytest
from django.core.cache import cache
from django.test import Client, override_settings

from brobygger.api.services import token_create

LIST = "/api/v1/alliances/"
PROBLEM = "application/problem+json"


def problem_of(response, status: int) -> dict:
    assert response.status_code == status, response.content
    assert response["Content-Type"] == PROBLEM
    body = response.json()
    assert body["type"] == "about:blank" and body["status"] == status and body["title"]
    return body


@pytest.mark.django_db
def test_an_unknown_address_under_the_api_is_a_problem_not_a_page(landscape):
    body = problem_of(Client().get("/api/v1/findes-ikke/"), 404)
    assert body["title"] == "Ikke fundet"
    # The site's own pages keep their HTML 404.
    page = Client().get("/findes-ikke/")
    assert page.status_code == 404 and page["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_a_404_never_says_whether_the_alliance_exists(landscape):
    hidden = problem_of(Client().get(f"/api/v1/alliances/{landscape.private.slug}/"), 404)
    missing = problem_of(Client().get("/api/v1/alliances/findes-slet-ikke/"), 404)
    assert hidden == missing
    assert landscape.private.title not in json.dumps(hidden, ensure_ascii=False)


@pytest.mark.django_db
def test_a_bad_filter_is_a_400_naming_the_field(landscape):
    body = problem_of(Client().get(LIST, {"phase": "ingen-fase"}), 400)
    assert [error["field"] for error in body["errors"]] == ["phase"]
    assert body["errors"][0]["pointer"] == "#/phase"


@pytest.mark.django_db
def test_a_method_the_endpoint_lacks_is_405_with_allow(landscape):
    body = problem_of(Client().delete(LIST), 405)
    assert "DELETE" in body["detail"]
    assert Client().delete(LIST)["Allow"] == "GET, HEAD, OPTIONS"


@pytest.mark.django_db
def test_a_write_without_login_is_401_asking_for_a_token(landscape):
    response = Client().post(f"/api/v1/alliances/{landscape.public.slug}/contributions/", "{}", content_type="application/json")
    problem_of(response, 401)
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.django_db
def test_a_session_write_needs_the_csrf_token(landscape):
    client = Client(enforce_csrf_checks=True)
    client.force_login(landscape.coordinator)
    response = client.post(f"/api/v1/alliances/{landscape.public.slug}/contributions/", "{}", content_type="application/json")
    assert "CSRF" in problem_of(response, 403)["detail"]


@pytest.mark.django_db
def test_broken_json_and_other_formats_are_refused_plainly(landscape):
    _token, clear = token_create(actor=landscape.coordinator, name="BI", read_only=False)
    url = f"/api/v1/alliances/{landscape.public.slug}/contributions/"
    broken = Client().post(url, "{ikke json", content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert problem_of(broken, 400)["detail"] == "Forespørgslens indhold er ikke gyldig JSON."
    form = Client().post(url, {"a": "b"}, HTTP_AUTHORIZATION=f"Bearer {clear}")
    assert problem_of(form, 415)["detail"] == "Send data som application/json."


@pytest.mark.django_db
def test_the_language_follows_accept_language_not_the_interface_cookie(landscape):
    client = Client()
    # The interface is set to English by its cookie; a program asks for Danish.
    client.cookies["django_language"] = "en"
    danish = problem_of(client.get("/api/v1/alliances/findes-ikke/", HTTP_ACCEPT_LANGUAGE="da"), 404)
    assert danish["title"] == "Ikke fundet"
    english = problem_of(Client().get("/api/v1/alliances/findes-ikke/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.8"), 404)
    assert english["title"] == "Not found"
    assert english["detail"] == "It does not exist, or you do not have access to it."
    # Without a header the API speaks Danish, the solution's language.
    assert problem_of(Client().get("/api/v1/alliances/findes-ikke/"), 404)["title"] == "Ikke fundet"
    # The answer says it depends on the header, so caches keep one per language.
    assert "Accept-Language" in Client().get(LIST)["Vary"]


@pytest.mark.django_db
def test_get_endpoints_answer_head_without_a_body(landscape):
    for path in (LIST, f"/api/v1/alliances/{landscape.public.slug}/", "/api/v1/openapi.json", "/api/v1/docs"):
        response = Client().head(path)
        assert response.status_code == 200, path
        assert response.content == b"", path


@pytest.mark.django_db
@override_settings(BROBYGGER_API_RATES={"user": "3/minute", "anonymous": "2/minute"})
def test_rate_limits_per_address_and_per_token_answer_429_with_retry_after(landscape):
    address = {"REMOTE_ADDR": "203.0.113.91"}
    token, clear = token_create(actor=landscape.partner, name="BI", read_only=True)
    other, other_clear = token_create(actor=landscape.partner, name="Sagssystem", read_only=True)
    cache.delete_many(
        ["throttle_anonymous_203.0.113.91", f"throttle_user_token-{token.pk}", f"throttle_user_token-{other.pk}"]
    )
    assert [Client().get(LIST, **address).status_code for _ in range(3)] == [200, 200, 429]
    limited = Client().get(LIST, **address)
    body = problem_of(limited, 429)
    assert 1 <= int(limited["Retry-After"]) <= 60
    assert limited["Retry-After"] in body["detail"]
    # Another address is not held back by the first.
    assert Client().get(LIST, REMOTE_ADDR="203.0.113.92").status_code == 200
    # A token has its own count, whatever address it calls from; each token its own.
    bearer = {"HTTP_AUTHORIZATION": f"Bearer {clear}", **address}
    assert [Client().get(LIST, **bearer).status_code for _ in range(4)] == [200, 200, 200, 429]
    assert Client().get(LIST, HTTP_AUTHORIZATION=f"Bearer {other_clear}").status_code == 200


@pytest.mark.django_db
def test_a_server_error_under_the_api_is_a_problem_too(landscape, settings):
    from django.test import RequestFactory

    from brobygger.api.views import server_error

    response = server_error(RequestFactory().get("/api/v1/alliances/"))
    assert response.status_code == 500 and response["Content-Type"] == PROBLEM
    page = server_error(RequestFactory().get("/alliancer/"))
    assert page["Content-Type"].startswith("text/html")
