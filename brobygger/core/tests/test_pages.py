"""The pages that belong to the solution as a whole: health, the legal pages, the footer
every Danish public solution carries, the front page, errors and the language switch."""

import re

import pytest
from django.conf import settings
from django.test import Client, override_settings
from django.urls import reverse


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def html_lang(response) -> str:
    match = re.search(r'<html lang="([^"]+)"', response.content.decode())
    assert match, "the page has no <html lang>"
    return match.group(1)


def footer(response) -> str:
    body = response.content.decode()
    assert "<footer" in body, "the page has no footer"
    return body[body.index("<footer") : body.index("</footer>")]


# --- Health -------------------------------------------------------------------------------


@pytest.mark.django_db
def test_health_answers_ok_json():
    """/sundhed/ answers 200 JSON {"status": "ok", ...} naming the database it reached,
    and is never cached (a load balancer must see the current state)."""
    response = Client().get("/sundhed/")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert data["status"] == "ok"
    assert data["database"] in {"sqlite", "postgresql"}
    assert "no-store" in response["Cache-Control"]


@pytest.mark.django_db
def test_health_is_read_only():
    """The health check answers only GET (and HEAD)."""
    assert Client().post("/sundhed/").status_code == 405


# --- The accessibility statement -----------------------------------------------------------


@pytest.mark.django_db
def test_was_redirects_to_the_accessibility_statement():
    """/was sends the visitor (302) to the accessibility statement named in the settings."""
    response = Client().get("/was")
    assert response.status_code == 302
    assert response["Location"] == settings.BROBYGGER_ACCESSIBILITY_STATEMENT_URL


@pytest.mark.django_db
@override_settings(
    BROBYGGER_ACCESSIBILITY_STATEMENT_URL="https://www.was.digst.dk/app/da/web/brobygger-test"
)
def test_was_follows_the_setting():
    """Changing BROBYGGER_ACCESSIBILITY_STATEMENT_URL changes where /was goes, so each
    authority running the solution points to its own statement."""
    response = Client().get("/was")
    assert response.status_code == 302
    assert response["Location"] == "https://www.was.digst.dk/app/da/web/brobygger-test"


# --- Privacy and cookies -------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("path", "heading", "danish"),
    [
        ("/privatliv/", "Privatlivspolitik", "er dataansvarlig for de personoplysninger"),
        ("/cookies/", "Cookies", "bruger kun de cookies, løsningen ikke kan fungere uden"),
    ],
)
def test_legal_pages_are_there_in_danish(path, heading, danish):
    """The privacy and cookie pages answer 200, in Danish, for anonymous visitors."""
    response = Client().get(path)
    assert response.status_code == 200
    assert html_lang(response) == "da"
    body = response.content.decode()
    assert f"<h1>{heading}</h1>" in body
    assert danish in body


@pytest.mark.django_db
@override_settings(BROBYGGER_AUTHORITY_NAME="Lejre Kommunes Velfærdssekretariat")
def test_privacy_page_names_the_data_controller():
    """The privacy page names the responsible authority as data controller."""
    body = Client().get("/privatliv/").content.decode()
    assert "Lejre Kommunes Velfærdssekretariat er dataansvarlig" in body


def test_cookie_page_names_every_cookie_the_solution_sets(landscape):
    """Every cookie a visitor can get — logging in, submitting a form that shows a
    confirmation, switching language — is named on the cookie page, which says no other
    cookies are used."""
    client = client_for(landscape.coordinator)
    client.get(reverse("alliances:create"))  # a form: the CSRF cookie
    client.post(
        reverse("alliances:change_phase", kwargs={"slug": landscape.public.slug}),
        {"to_phase": "afklaring", "note": ""},
    )  # a confirmation message
    client.post(reverse("set_language"), {"language": "da", "next": "/"})
    set_cookies = {name for name, morsel in client.cookies.items() if morsel.value}
    assert settings.SESSION_COOKIE_NAME in set_cookies
    page = Client().get("/cookies/").content.decode()
    named = set(re.findall(r"<code>([^<]+)</code>", page))
    assert set_cookies <= named, f"cookies set but not on the cookie page: {set_cookies - named}"


# --- The footer ---------------------------------------------------------------------------


def pages(landscape) -> list[tuple[object, str, int]]:
    """A page of every sort, with who asks and the status it answers."""
    alliance = landscape.public.slug
    company = landscape.company.pk
    return [
        (None, "/", 200),
        (None, "/privatliv/", 200),
        (None, "/cookies/", 200),
        (None, "/alliancer/", 200),
        (None, f"/alliancer/{alliance}/", 200),
        (None, "/organisationer/", 200),
        (None, f"/organisationer/{company}/", 200),
        (None, "/konto/login/", 200),
        (None, "/konto/nulstil/", 200),
        (None, "/findes-ikke/", 404),
        (landscape.coordinator, "/", 200),
        (landscape.coordinator, "/konto/", 200),
        (landscape.coordinator, "/alliancer/ny/", 200),
        (landscape.coordinator, f"/alliancer/{alliance}/rediger/", 200),
        (landscape.coordinator, f"/alliancer/{alliance}/parter/ny/", 200),
        (landscape.partner, f"/organisationer/{company}/rediger/", 200),
        (landscape.outsider, f"/alliancer/{alliance}/rediger/", 403),
    ]


def test_footer_on_every_page(landscape):
    """The footer of every page — ordinary pages, forms and the error pages — links the
    accessibility statement ("Tilgængelighedserklæring"), the privacy page and the cookie
    page, and names the responsible authority."""
    for user, path, status in pages(landscape):
        response = client_for(user).get(path)
        assert response.status_code == status, path
        foot = footer(response)
        assert '<a href="/was">Tilgængelighedserklæring</a>' in foot, path
        assert '<a href="/privatliv/">' in foot, path
        assert '<a href="/cookies/">' in foot, path
        assert settings.BROBYGGER_AUTHORITY_NAME in foot, path


@override_settings(BROBYGGER_AUTHORITY_NAME="Region Testland, Center for Samarbejde")
def test_footer_names_the_authority_from_the_setting(landscape):
    """The authority in the header and footer is the one configured, on every page."""
    for user, path, status in pages(landscape):
        response = client_for(user).get(path)
        assert response.status_code == status, path
        assert "Region Testland, Center for Samarbejde" in footer(response), path
        assert "Brobygger-sekretariatet" not in response.content.decode(), path


# --- The front page -----------------------------------------------------------------------


@pytest.mark.django_db
def test_unknown_url_gives_the_danish_404_page():
    """An address that does not exist answers 404 with the solution's own Danish page,
    with the header, footer and a way back to the front page."""
    response = Client().get("/denne-side-findes-ikke/")
    assert response.status_code == 404
    assert html_lang(response) == "da"
    body = response.content.decode()
    assert "<h1>Siden findes ikke</h1>" in body
    assert 'href="/"' in body
    footer(response)


def test_403_page_is_danish_and_explains(landscape):
    """A user who sees an alliance but may not change it gets the Danish 403 page with the
    reason."""
    response = client_for(landscape.observer).get(
        reverse("alliances:edit", kwargs={"slug": landscape.public.slug})
    )
    assert response.status_code == 403
    assert html_lang(response) == "da"
    body = response.content.decode()
    assert "Du har ikke adgang" in body
    assert "Kun alliancens koordinatorer kan ændre den." in body


# --- Language -----------------------------------------------------------------------------


@pytest.mark.django_db
def test_danish_is_the_default():
    """Without a choice, pages are Danish, even for a browser that prefers English."""
    response = Client().get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")
    assert html_lang(response) == "da"


@pytest.mark.django_db
def test_switching_to_english_and_back():
    """POST /i18n/setlang/ with language=en sends the visitor back to where they were and
    renders the following pages in English (html lang="en"); switching back gives Danish."""
    client = Client()
    response = client.post("/i18n/setlang/", {"language": "en", "next": "/privatliv/"})
    assert response.status_code == 302
    assert response["Location"] == "/privatliv/"
    english = client.get("/privatliv/")
    assert english.status_code == 200
    assert html_lang(english) == "en"
    assert english["Content-Language"] == "en"
    client.post("/i18n/setlang/", {"language": "da", "next": "/"})
    assert html_lang(client.get("/privatliv/")) == "da"


@pytest.mark.django_db
def test_switching_to_an_unknown_language_keeps_danish():
    """An unsupported language code changes nothing: the page stays Danish."""
    client = Client()
    client.post("/i18n/setlang/", {"language": "xx", "next": "/"})
    assert html_lang(client.get("/")) == "da"


@pytest.mark.django_db
def test_language_switch_refuses_foreign_redirects():
    """The language switch never sends the visitor to another site."""
    response = Client().post("/i18n/setlang/", {"language": "en", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == "/"


@pytest.mark.django_db
@override_settings(BROBYGGER_DPO_EMAIL="dpo@lejre.example", BROBYGGER_INVITATION_DAYS=10)
def test_privacy_page_says_what_a_public_authority_must():
    """The legal basis, how long each kind of data is kept (the periods the settings enforce),
    the data protection officer, the person's rights and how to use them, with working links;
    passwords are described as salted hashes, not as encrypted."""
    body = Client().get("/privatliv/").content.decode()
    assert "artikel 6, stk. 1, litra e" in body
    assert 'href="mailto:dpo@lejre.example"' in body
    assert 'href="mailto:kontakt@brobygger.dk"' in body
    assert 'href="https://www.datatilsynet.dk/"' in body
    assert "Linket virker i 10 dage." in body
    assert "(15 minutter)" in body and "højst 14 dage" in body
    for right in ("indsigt", "rettet", "slettet", "begrænset", "indsigelse"):
        assert right in body, right
    assert "saltet hash" in body
    assert "krypteret" not in body


@pytest.mark.django_db
def test_the_knowledge_centre_for_visitors_comes_from_the_shared_cache(client, landscape, django_assert_max_num_queries):
    """Every visitor without an account sees the same tables, so after the first they are read
    from the shared cache in one query, in the visitor's language."""
    first = client.get(reverse("core:knowledge"))
    assert first.status_code == 200
    with django_assert_max_num_queries(1):
        again = client.get(reverse("core:knowledge"))
    assert _main(again) == _main(first)
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    english = client.get(reverse("core:knowledge"))
    assert html_lang(english) == "en"
    assert _main(english) != _main(first)


def _main(response) -> str:
    body = response.content.decode()
    return body[body.index("<main") : body.index("</main>")]
