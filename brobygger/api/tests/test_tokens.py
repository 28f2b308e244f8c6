"""Personal API tokens: made and named on the account page, shown once, stored as a hash,
acting as their user and never more, read-only if asked, last use shown, revoked at once."""

import datetime

import pytest
import time_machine
from django.test import Client
from django.urls import reverse

from brobygger.api.models import ApiToken, hash_token
from brobygger.api.services import MAX_TOKENS_PER_USER, token_create
from brobygger.core.models import AuditAction, AuditRecord

LIST = "/api/v1/alliances/"


def text(response) -> str:
    return " ".join(response.content.decode().split())


def bearer(token: str) -> dict:
    return {"HTTP_AUTHORIZATION": f"Bearer {token}"}


def titles(response) -> set[str]:
    return {alliance["title"] for alliance in response.json()["results"]}


@pytest.mark.django_db
def test_a_token_made_on_the_account_page_is_shown_once_and_stored_as_a_hash(landscape, client):
    client.force_login(landscape.coordinator)
    response = client.post(reverse("api_tokens:list"), {"name": "Kommunens BI", "read_only": ""})
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store"
    token = ApiToken.objects.get(user=landscape.coordinator)
    clear = response.context["new_token"]
    assert clear.startswith("bbg_") and len(clear) > 40
    assert clear in response.content.decode()
    # Only the hash is kept: the token is in no column, and the next page does not show it.
    assert token.token_hash == hash_token(clear) and clear not in (token.token_hash, token.prefix)
    assert token.prefix == clear[:12]
    again = client.get(reverse("api_tokens:list"))
    assert clear not in again.content.decode()
    assert "Kommunens BI" in text(again)
    # One audit record that names it, and nothing of the token.
    entry = AuditRecord.objects.get(content_type__model="apitoken", object_id=token.pk)
    assert entry.action == AuditAction.CREATED and entry.object_label == "Kommunens BI"
    assert clear not in str(entry.changes) and token.token_hash not in str(entry.changes)


@pytest.mark.django_db
def test_a_token_needs_a_name_and_the_form_says_so(landscape, client):
    client.force_login(landscape.partner)
    response = client.post(reverse("api_tokens:list"), {"name": "  "})
    assert response.status_code == 400
    assert "Dette felt er påkrævet" in text(response) or "Giv nøglen et navn" in text(response)
    assert not ApiToken.objects.exists()


@pytest.mark.django_db
def test_a_user_has_at_most_twenty_tokens(landscape):
    for number in range(MAX_TOKENS_PER_USER):
        token_create(actor=landscape.partner, name=f"nøgle {number}", read_only=True)
    client = Client()
    client.force_login(landscape.partner)
    response = client.post(reverse("api_tokens:list"), {"name": "en for mange"})
    assert response.status_code == 400
    assert "Træk en nøgle, du ikke bruger, tilbage først" in text(response)
    assert ApiToken.objects.filter(user=landscape.partner).count() == MAX_TOKENS_PER_USER


@pytest.mark.django_db
def test_a_token_acts_as_its_user_and_never_more(landscape):
    _token, clear = token_create(actor=landscape.partner, name="BI", read_only=False)
    anonymous = titles(Client().get(LIST))
    as_token = titles(Client().get(LIST, **bearer(clear)))
    assert anonymous == {"Offentlig mælk"}
    # The partner is a member of all three; an outsider's token sees only the public one.
    assert as_token == {"Offentlig mælk", "Intern mælk", "Hemmelig mælk"}
    _token, outsider = token_create(actor=landscape.outsider, name="BI", read_only=False)
    assert titles(Client().get(LIST, **bearer(outsider))) == {"Offentlig mælk"}
    private = f"/api/v1/alliances/{landscape.private.slug}/"
    assert Client().get(private, **bearer(outsider)).status_code == 404
    assert Client().get(private, **bearer(clear)).status_code == 200


@pytest.mark.django_db
def test_an_unknown_or_malformed_token_is_refused_with_401(landscape):
    for header in ("Bearer bbg_findes-ikke", "Bearer", "Bearer to dele"):
        response = Client().get(LIST, HTTP_AUTHORIZATION=header)
        assert response.status_code == 401, header
        assert response["Content-Type"] == "application/problem+json"
        assert response["WWW-Authenticate"] == 'Bearer realm="api"'


@pytest.mark.django_db
def test_a_deactivated_users_token_stops_working(landscape):
    _token, clear = token_create(actor=landscape.partner, name="BI", read_only=True)
    landscape.partner.is_active = False
    landscape.partner.save(update_fields=["is_active"])
    assert Client().get(LIST, **bearer(clear)).status_code == 401


@pytest.mark.django_db
def test_a_read_only_token_reads_but_may_not_write(landscape):
    _token, clear = token_create(actor=landscape.coordinator, name="Læser", read_only=True)
    assert Client().get(LIST, **bearer(clear)).status_code == 200
    response = Client().post(LIST, "{}", content_type="application/json", **bearer(clear))
    # The alliance list takes no POST at all: 405 comes before the token's scope.
    assert response.status_code == 405
    write = f"/api/v1/alliances/{landscape.public.slug}/contributions/"
    refused = Client().post(write, "{}", content_type="application/json", **bearer(clear))
    assert refused.status_code == 403
    assert refused.json()["detail"].startswith("Nøglen må kun læse")


@pytest.mark.django_db
def test_last_use_is_shown_and_kept_to_the_minute(landscape, client):
    token, clear = token_create(actor=landscape.partner, name="BI", read_only=True)
    client.force_login(landscape.partner)
    never = '<td data-title="Sidst brugt">aldrig</td>'
    assert never in client.get(reverse("api_tokens:list")).content.decode()
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC), tick=False):
        Client().get(LIST, **bearer(clear))
    token.refresh_from_db()
    assert token.last_used_at == datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
    # Within the minute, no new write; after it, the new time.
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 0, 30, tzinfo=datetime.UTC), tick=False):
        Client().get(LIST, **bearer(clear))
    token.refresh_from_db()
    assert token.last_used_at == datetime.datetime(2026, 11, 23, 12, 0, tzinfo=datetime.UTC)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, 5, tzinfo=datetime.UTC), tick=False):
        Client().get(LIST, **bearer(clear))
    token.refresh_from_db()
    assert token.last_used_at == datetime.datetime(2026, 11, 23, 12, 5, tzinfo=datetime.UTC)
    assert never not in client.get(reverse("api_tokens:list")).content.decode()


@pytest.mark.django_db
def test_a_revoked_token_stops_at_once_and_only_its_owner_revokes_it(landscape, client):
    token, clear = token_create(actor=landscape.partner, name="BI", read_only=True)
    revoke = reverse("api_tokens:revoke", kwargs={"pk": token.pk})
    client.force_login(landscape.coordinator)
    assert client.post(revoke).status_code == 404
    assert Client().get(LIST, **bearer(clear)).status_code == 200
    client.force_login(landscape.partner)
    asked = client.get(revoke)
    assert "Træk nøglen „BI“ tilbage" in text(asked)
    assert "Nøglen blev sidst brugt" in text(asked)
    assert Client().get(LIST, **bearer(clear)).status_code == 200
    response = client.post(revoke, follow=True)
    assert "er trukket tilbage og virker ikke længere" in text(response)
    assert not ApiToken.objects.filter(pk=token.pk).exists()
    assert Client().get(LIST, **bearer(clear)).status_code == 401
    assert AuditRecord.objects.filter(content_type__model="apitoken", object_id=token.pk, action=AuditAction.DELETED).count() == 1


@pytest.mark.django_db
def test_the_account_page_links_to_the_tokens(landscape, client):
    token_create(actor=landscape.partner, name="BI", read_only=True)
    client.force_login(landscape.partner)
    page = text(client.get(reverse("accounts:profile")))
    assert "Du har 1 nøgle til programmer" in page
    assert "Se og lav API-nøgler" in page
