"""The foundation's read-only JSON API under /api/v1/: alliances, their parties, members
and history, and organisations. Each endpoint lists and shows exactly what the requester
may see, by the same rules as the pages, and never names what it may not: what a user may
not see answers 404 as an application/problem+json document, like something that does not
exist. Lists are paginated (count/next/previous/results) in a stable order."""

import datetime
import json

import pytest
import time_machine
from django.contrib.auth.models import AnonymousUser
from django.test import Client
from django.urls import reverse

from brobygger.alliances import services
from brobygger.alliances.models import (
    Alliance,
    MemberRole,
    Membership,
    MunicipalityRegion,
    Organisation,
    Party,
    PartyConsent,
    Phase,
)
from brobygger.alliances.rules import visible_alliances_q
from brobygger.core import audit, registry, versions
from brobygger.core.models import AuditAction
from brobygger.testing import budgets
from conftest import make_user

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
KINDS = sorted(SEES)
MEMBERS = {"observer", "partner", "coordinator"}
VISIBILITIES = ("public", "internal", "private")
LIST_URL = "/api/v1/alliances/"
ORGANISATIONS_URL = "/api/v1/organisations/"
PROBLEM = "application/problem+json"
LANDSCAPE_PARTIES = {"Lejre Kommune", "Mejeriet A/S", "Landmændenes Forening"}


def client_for(landscape, kind: str) -> Client:
    client = Client()
    if kind != "anonymous":
        client.force_login(getattr(landscape, kind))
    return client


def user_of(landscape, kind: str):
    return AnonymousUser() if kind == "anonymous" else getattr(landscape, kind)


def detail_url(alliance: Alliance) -> str:
    return f"/api/v1/alliances/{alliance.slug}/"


def parties_url(alliance: Alliance) -> str:
    return f"/api/v1/alliances/{alliance.slug}/parties/"


def party_url(alliance: Alliance, party: Party) -> str:
    return f"/api/v1/alliances/{alliance.slug}/parties/{party.pk}/"


def members_url(alliance: Alliance) -> str:
    return f"/api/v1/alliances/{alliance.slug}/members/"


def history_url(alliance: Alliance) -> str:
    return f"/api/v1/alliances/{alliance.slug}/history/"


def names(alliance: Alliance) -> list[str]:
    """The title as it may appear in a body: as written and as JSON escapes it."""
    return [alliance.title, json.dumps(alliance.title)[1:-1]]


def assert_not_found(response) -> None:
    """The API's 404: a problem document that says nothing about the thing asked for."""
    assert response.status_code == 404
    assert response["Content-Type"] == PROBLEM
    data = response.json()
    assert set(data) == {"type", "title", "status", "detail"}
    assert data["status"] == 404
    assert data["type"] == "about:blank"
    assert data["title"] and data["detail"]


def assert_bad_filter(response, field: str) -> None:
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM
    data = response.json()
    assert data["status"] == 400
    assert [error["field"] for error in data["errors"]] == [field]
    assert all(error["detail"] for error in data["errors"])


def all_results(client: Client, url: str) -> list[dict]:
    """Every page of a list, following the next links."""
    results = []
    while url:
        data = client.get(url).json()
        results += data["results"]
        url = data["next"]
    return results


@pytest.fixture
def pending(landscape) -> Party:
    """The public alliance names Andet Firma ApS, which has not answered."""
    return services.party_add(
        actor=landscape.coordinator,
        alliance=landscape.public,
        organisation=Organisation.objects.get(name="Andet Firma ApS"),
        role_description="Leverer emballage.",
    )


def test_urls_are_where_clients_expect_them():
    """The API lives at the documented, versioned addresses."""
    assert reverse("api:alliance_list") == LIST_URL
    assert reverse("api:alliance_detail", kwargs={"slug": "x"}) == "/api/v1/alliances/x/"
    assert reverse("api:alliance_parties", kwargs={"slug": "x"}) == "/api/v1/alliances/x/parties/"
    assert reverse("api:alliance_party", kwargs={"slug": "x", "party_id": 7}) == "/api/v1/alliances/x/parties/7/"
    assert reverse("api:alliance_members", kwargs={"slug": "x"}) == "/api/v1/alliances/x/members/"
    assert reverse("api:alliance_history", kwargs={"slug": "x"}) == "/api/v1/alliances/x/history/"
    assert reverse("api:organisation_list") == ORGANISATIONS_URL
    assert reverse("api:organisation_detail", kwargs={"pk": 7}) == "/api/v1/organisations/7/"


# --- Alliances ------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
def test_list_holds_exactly_what_the_requester_sees(landscape, kind):
    """The list answers 200 JSON with exactly the alliances this kind of user sees: public
    for everybody, internal also for Lejre's employees, private only for members and
    staff; the unseen ones are not named anywhere in the body."""
    response = client_for(landscape, kind).get(LIST_URL)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    data = response.json()
    assert set(data) == {"count", "next", "previous", "results"}
    expected = {getattr(landscape, visibility).slug for visibility in SEES[kind]}
    assert {item["slug"] for item in data["results"]} == expected
    assert data["count"] == len(expected)
    body = response.content.decode()
    for visibility in set(VISIBILITIES) - SEES[kind]:
        alliance = getattr(landscape, visibility)
        assert not any(name in body for name in names(alliance)), visibility
        assert alliance.slug not in body


@pytest.mark.parametrize("kind", KINDS)
def test_list_agrees_with_the_rule(landscape, kind):
    """The list holds the same alliances as `visible_alliances_q` for that user, in title
    order, so the API cannot drift from the pages."""
    expected = list(
        Alliance.objects.filter(visible_alliances_q(user_of(landscape, kind)))
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


def test_alliance_cards_leave_out_unconfirmed_parties(landscape, pending):
    """An alliance's parties in the list and the detail are the confirmed ones, even for
    its members (the cards are read outside the alliance too)."""
    for kind in ("coordinator", "anonymous"):
        data = client_for(landscape, kind).get(detail_url(landscape.public)).json()
        assert {party["organisation"] for party in data["parties"]} == LANDSCAPE_PARTIES


def test_list_follows_phase_changes(landscape):
    """The phase in the API is the alliance's current phase."""
    Alliance.objects.filter(pk=landscape.public.pk).update(phase=Phase.OPERATION)
    results = client_for(landscape, "anonymous").get(LIST_URL).json()["results"]
    assert [item["phase"] for item in results] == ["drift"]


def _slugs(client: Client, query: str) -> set[str]:
    response = client.get(LIST_URL + query)
    assert response.status_code == 200, response.content
    return {item["slug"] for item in response.json()["results"]}


def test_list_filters(landscape, today):
    """Phase, welfare area, visibility and search narrow the list; each filter only ever
    narrows what the caller sees."""
    Alliance.objects.filter(pk=landscape.public.pk).update(phase=Phase.OPERATION)
    Alliance.objects.filter(pk=landscape.internal.pk).update(welfare_area="sundhed")
    coordinator, anonymous = client_for(landscape, "coordinator"), client_for(landscape, "anonymous")
    public, internal, private = landscape.public.slug, landscape.internal.slug, landscape.private.slug
    assert _slugs(coordinator, "?phase=drift") == {public}
    assert _slugs(coordinator, "?phase=ide") == {internal, private}
    assert _slugs(coordinator, "?welfare_area=sundhed") == {internal}
    assert _slugs(coordinator, "?welfare_area=aeldre") == {public, private}
    assert _slugs(coordinator, "?visibility=privat") == {private}
    assert _slugs(anonymous, "?visibility=privat") == set()
    assert _slugs(coordinator, "?q=hemmelig") == {private}
    assert _slugs(coordinator, "?q=Formålet med Intern") == {internal}
    # A party's name finds the alliances it is a confirmed party of.
    assert _slugs(coordinator, "?q=Mejeriet") == {public, internal, private}
    assert _slugs(anonymous, "?q=Mejeriet") == {public}
    assert _slugs(anonymous, "?q=hemmelig") == set()
    assert _slugs(coordinator, "?phase=ide&welfare_area=aeldre") == {private}


def test_list_filters_by_municipality_and_region(landscape, today):
    """A municipality code gives the alliances the municipality is a confirmed party of; a
    region code those of the region and of the municipalities in it on the day asked."""
    roskilde_party = services.party_add(
        actor=landscape.coordinator,
        alliance=landscape.private,
        organisation=landscape.roskilde,
        role_description="Låner lokaler ud.",
    )
    coordinator = client_for(landscape, "coordinator")
    everything = {landscape.public.slug, landscape.internal.slug, landscape.private.slug}
    assert _slugs(coordinator, "?municipality=0350") == everything  # Lejre
    # Roskilde has not confirmed: it counts for nothing outside the alliance yet.
    assert _slugs(coordinator, "?municipality=0265") == set()
    services.party_answer(actor=landscape.staff, party=roskilde_party, confirm=True)
    assert _slugs(coordinator, "?municipality=0265") == {landscape.private.slug}
    assert _slugs(client_for(landscape, "anonymous"), "?municipality=0265") == set()
    # Lejre and Roskilde belong to Region Sjælland until the end of 2026.
    assert _slugs(coordinator, "?region=1085") == everything
    assert _slugs(coordinator, "?region=1084") == set()
    assert _slugs(coordinator, "?region=1085&municipality=0265") == {landscape.private.slug}
    with time_machine.travel(datetime.datetime(2027, 1, 2, 12, tzinfo=datetime.UTC), tick=False):
        assert _slugs(coordinator, "?region=1085") == set()


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ("?phase=ukendt", "phase"),
        ("?welfare_area=rumfart", "welfare_area"),
        ("?visibility=hemmelig", "visibility"),
        ("?municipality=abc", "municipality"),
        ("?municipality=9999", "municipality"),
        ("?region=0350", "region"),
        ("?q=" + "x" * 201, "q"),
    ],
)
def test_list_refuses_an_invalid_filter(landscape, query, field):
    """An invalid filter value answers 400 with a problem document naming the field."""
    assert_bad_filter(client_for(landscape, "coordinator").get(LIST_URL + query), field)


def test_list_pages(landscape):
    """page_size gives pages with the total and links; walking the next links gives every
    alliance once, in title order."""
    client = client_for(landscape, "coordinator")
    first = client.get(LIST_URL + "?page_size=1").json()
    assert first["count"] == 3
    assert len(first["results"]) == 1
    assert first["previous"] is None
    assert "page=2" in first["next"] and "page_size=1" in first["next"]
    slugs = [item["slug"] for item in all_results(client, LIST_URL + "?page_size=1")]
    assert slugs == list(Alliance.objects.order_by("title", "pk").values_list("slug", flat=True))
    last = client.get(LIST_URL + "?page_size=1&page=3").json()
    assert last["next"] is None and "page=2" in last["previous"]
    assert_not_found(client.get(LIST_URL + "?page=9"))


def test_list_order_is_stable_for_equal_titles(landscape):
    """Alliances with the same title come in primary-key order, so pages never overlap."""
    Alliance.objects.update(title="Samme titel")
    client = client_for(landscape, "staff")
    slugs = [item["slug"] for item in all_results(client, LIST_URL + "?page_size=1")]
    assert slugs == list(Alliance.objects.order_by("pk").values_list("slug", flat=True))


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_detail(landscape, kind, visibility):
    """One alliance answers 200 JSON to a user who sees it, and a 404 problem document to
    one who does not — without its title or any of its content."""
    alliance = getattr(landscape, visibility)
    response = client_for(landscape, kind).get(detail_url(alliance))
    if visibility in SEES[kind]:
        assert response.status_code == 200
        assert response["Content-Type"] == "application/json"
        data = response.json()
        assert data["slug"] == alliance.slug
        assert data["title"] == alliance.title
        assert data["visibility"] == alliance.visibility
        assert {party["organisation"] for party in data["parties"]} == LANDSCAPE_PARTIES
    else:
        assert_not_found(response)
        body = response.content.decode()
        assert not any(name in body for name in names(alliance))
        assert "Mejeriet" not in body


def test_unseen_answers_like_unknown(landscape):
    """An alliance the requester may not see answers exactly like one that does not
    exist, so the API does not even reveal that it exists; so do its sub-resources."""
    client = client_for(landscape, "outsider")
    for suffix in ("", "parties/", "members/", "history/"):
        unseen = client.get(detail_url(landscape.private) + suffix)
        unknown = client.get("/api/v1/alliances/findes-slet-ikke/" + suffix)
        assert unseen.status_code == unknown.status_code == 404
        assert unseen.content == unknown.content


def test_404_for_unknown_api_alliance_is_a_problem_not_html(landscape):
    """The API's 404 is a problem document, not the Danish HTML error page."""
    response = client_for(landscape, "anonymous").get("/api/v1/alliances/findes-slet-ikke/")
    assert_not_found(response)
    assert "<html" not in response.content.decode()


@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_api_is_read_only(landscape, method):
    """The foundation's endpoints only read: writing methods answer 405 and change
    nothing, even for the coordinator."""
    client = client_for(landscape, "coordinator")
    party = Party.objects.get(alliance=landscape.public, organisation=landscape.company)
    urls = (
        LIST_URL,
        detail_url(landscape.public),
        parties_url(landscape.public),
        party_url(landscape.public, party),
        members_url(landscape.public),
        history_url(landscape.public),
        ORGANISATIONS_URL,
        f"{ORGANISATIONS_URL}{landscape.company.pk}/",
    )
    for url in urls:
        response = getattr(client, method)(url, data="{}", content_type="application/json")
        assert response.status_code == 405, (method, url)
        assert response["Content-Type"] == PROBLEM
    assert Alliance.objects.count() == 3
    assert Party.objects.filter(alliance=landscape.public).count() == 3


def test_inactive_staff_sees_only_public_in_the_api(landscape):
    """A staff account deactivated while logged in is treated as anonymous by the API."""
    client = client_for(landscape, "staff")
    landscape.staff.is_active = False
    landscape.staff.save()
    results = client.get(LIST_URL).json()["results"]
    assert [item["slug"] for item in results] == [landscape.public.slug]
    assert_not_found(client.get(detail_url(landscape.private)))
    assert_not_found(client.get(history_url(landscape.public)))


# --- Parties --------------------------------------------------------------------------------


def _party_names(response) -> set[str]:
    return {party["organisation"]["name"] for party in response.json()["results"]}


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_parties(landscape, pending, kind, visibility):
    """The parties of an alliance the caller sees; an unconfirmed party only for its
    members and staff. An alliance the caller does not see: 404."""
    alliance = getattr(landscape, visibility)
    response = client_for(landscape, kind).get(parties_url(alliance))
    if visibility not in SEES[kind]:
        assert_not_found(response)
        return
    assert response.status_code == 200
    expected = set(LANDSCAPE_PARTIES)
    if visibility == "public" and kind in MEMBERS | {"staff"}:
        expected.add("Andet Firma ApS")
    assert _party_names(response) == expected
    if "Andet Firma ApS" not in expected:
        assert "Andet Firma" not in response.content.decode()


@pytest.mark.parametrize("kind", KINDS)
def test_parties_agree_with_the_rule(landscape, pending, kind):
    """The list holds exactly the parties `alliances.view_party` lets the user see, by
    organisation name; each of them answers on its own, the others 404."""
    user = user_of(landscape, kind)
    client = client_for(landscape, kind)
    parties = Party.objects.filter(alliance=landscape.public).order_by("organisation__name", "pk")
    expected = [party.pk for party in parties if user.has_perm("alliances.view_party", party)]
    results = client.get(parties_url(landscape.public)).json()["results"]
    assert [party["id"] for party in results] == expected
    for party in parties:
        response = client.get(party_url(landscape.public, party))
        if party.pk in expected:
            assert response.status_code == 200
            assert response.json() == next(item for item in results if item["id"] == party.pk)
        else:
            assert_not_found(response)


def test_party_fields(landscape, pending):
    """A party: its organisation in short, its role, the organisation's answer and when it
    was named."""
    client = client_for(landscape, "coordinator")
    company = Party.objects.get(alliance=landscape.public, organisation=landscape.company)
    data = client.get(party_url(landscape.public, company)).json()
    assert set(data) == {
        "id", "organisation", "role", "consent", "created_at", "contact_name", "contact_email", "contact_phone"
    }
    assert data["id"] == company.pk
    assert data["organisation"] == {
        "id": landscape.company.pk,
        "name": "Mejeriet A/S",
        "kind": "virksomhed",
        "sector": "privat",
        "official_code": "",
        "cvr": "47165067",
    }
    assert data["role"] == "Leverer mælken."
    assert data["consent"] == PartyConsent.CONFIRMED == "bekraeftet"
    assert data["created_at"].startswith(str(company.created_at.year))
    lead = Party.objects.get(alliance=landscape.public, organisation=landscape.lejre)
    lead_data = client.get(party_url(landscape.public, lead)).json()
    assert lead_data["organisation"]["official_code"] == "0350"
    assert lead_data["role"] == "Ledende offentlig organisation."
    assert client.get(party_url(landscape.public, pending)).json()["consent"] == "afventer"


@pytest.mark.parametrize("kind", KINDS)
def test_party_contacts_only_for_members_and_staff(landscape, kind):
    """The contact person is personal data: as on the alliance's page, only members and
    staff get it; for everyone else the fields are left out."""
    company = Party.objects.get(alliance=landscape.public, organisation=landscape.company)
    Party.objects.filter(pk=company.pk).update(
        contact_name="Mette Mejerist", contact_email="mette@mejeriet.dk", contact_phone="12345678"
    )
    client = client_for(landscape, kind)
    for url in (parties_url(landscape.public), party_url(landscape.public, company)):
        response = client.get(url)
        body = response.content.decode()
        data = response.json()
        item = next(party for party in data["results"] if party["id"] == company.pk) if "results" in data else data
        if kind in MEMBERS | {"staff"}:
            assert (item["contact_name"], item["contact_email"], item["contact_phone"]) == (
                "Mette Mejerist",
                "mette@mejeriet.dk",
                "12345678",
            )
        else:
            assert not {"contact_name", "contact_email", "contact_phone"} & set(item)
            for secret in ("Mette", "mette@mejeriet.dk", "12345678"):
                assert secret not in body


def test_party_of_another_alliance_is_not_found(landscape):
    """A party answers only under its own alliance; an unknown id is 404 too."""
    client = client_for(landscape, "staff")
    private_party = Party.objects.get(alliance=landscape.private, organisation=landscape.company)
    assert_not_found(client.get(party_url(landscape.public, private_party)))
    assert_not_found(client.get(f"{parties_url(landscape.public)}999999/"))


def test_parties_page_in_a_stable_order(landscape):
    """Parties with the same organisation name come in primary-key order over the pages."""
    organisations = Organisation.objects.bulk_create(
        [Organisation(name="Samme Navn", kind="forening") for _ in range(4)]
    )
    Party.objects.bulk_create(
        [Party(alliance=landscape.public, organisation=organisation, role_description="Hjælper.") for organisation in organisations]
    )
    client = client_for(landscape, "coordinator")
    results = all_results(client, parties_url(landscape.public) + "?page_size=2")
    ids = [party["id"] for party in results]
    assert ids == list(
        Party.objects.filter(alliance=landscape.public).order_by("organisation__name", "pk").values_list("pk", flat=True)
    )


# --- Members --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_members(landscape, kind, visibility):
    """The members list is for the alliance's members and staff; for everyone else (also
    Lejre's employees, who see the internal alliance) it does not exist."""
    alliance = getattr(landscape, visibility)
    response = client_for(landscape, kind).get(members_url(alliance))
    if kind not in MEMBERS | {"staff"}:
        assert_not_found(response)
        assert "Testesen" not in response.content.decode()
        return
    assert response.status_code == 200
    results = response.json()["results"]
    assert {member["name"] for member in results} == {
        "Koordinator Testesen",
        "Partner Testesen",
        "Observator Testesen",
    }


def test_member_fields(landscape):
    """Each member: id, name, role and the party they are there for, as the members table
    shows them, by role and name; nothing the table does not show (no e-mail, no username)."""
    response = client_for(landscape, "observer").get(members_url(landscape.internal))
    results = response.json()["results"]
    company = Party.objects.get(alliance=landscape.internal, organisation=landscape.company)
    lejre = Party.objects.get(alliance=landscape.internal, organisation=landscape.lejre)
    memberships = {m.user_id: m for m in Membership.objects.filter(alliance=landscape.internal)}
    assert results == [
        {
            "id": memberships[landscape.coordinator.pk].pk,
            "name": "Koordinator Testesen",
            "role": MemberRole.COORDINATOR,
            "party_id": lejre.pk,
        },
        {
            "id": memberships[landscape.observer.pk].pk,
            "name": "Observator Testesen",
            "role": MemberRole.OBSERVER,
            "party_id": None,
        },
        {
            "id": memberships[landscape.partner.pk].pk,
            "name": "Partner Testesen",
            "role": MemberRole.PARTNER,
            "party_id": company.pk,
        },
    ]
    assert "@example.dk" not in response.content.decode()


# --- History --------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_history(landscape, kind, visibility):
    """An alliance's history is for its coordinators and staff; for everyone else (members
    too) it does not exist."""
    alliance = getattr(landscape, visibility)
    response = client_for(landscape, kind).get(history_url(alliance))
    if kind in {"coordinator", "staff"}:
        assert response.status_code == 200
        assert response.json()["count"] == audit.history(alliance_id=alliance.pk).count() > 0
    else:
        assert_not_found(response)


def test_history_records_as_the_page_shows_them(landscape):
    """Newest first; each record with who, when, what and (for a change) its lines as the
    page shows them. A creation comes without lines, as on the page."""
    company = Party.objects.get(alliance=landscape.public, organisation=landscape.company)
    services.party_update(
        actor=landscape.coordinator,
        party=company,
        role_description="Leverer økologisk mælk.",
        contact_name="Mette Mejerist",
    )
    response = client_for(landscape, "coordinator").get(history_url(landscape.public))
    results = response.json()["results"]
    expected = list(audit.history(alliance_id=landscape.public.pk))
    assert [record["id"] for record in results] == [record.pk for record in expected]
    newest = results[0]
    assert set(newest) == {
        "id", "at", "actor_name", "on_behalf", "action", "object_type", "object_id", "object_label", "hidden", "lines"
    }
    assert newest["action"] == AuditAction.CHANGED == "aendret"
    assert newest["actor_name"] == "Koordinator Testesen"
    assert newest["on_behalf"] is True  # the coordinator does not represent the company
    assert newest["object_type"] == "alliances.party"
    assert newest["object_id"] == company.pk
    assert newest["object_label"] == expected[0].object_label
    assert newest["hidden"] is False
    lines = {line["label"]: line for line in newest["lines"]}
    assert lines["Rolle i alliancen"] == {
        "label": "Rolle i alliancen",
        "before": "Leverer mælken.",
        "after": "Leverer økologisk mælk.",
        "values_shown": True,
    }
    assert lines["Kontaktperson"]["before"] == "–"
    assert lines["Kontaktperson"]["after"] == "Mette Mejerist"
    created = [record for record in results if record["action"] == AuditAction.CREATED]
    assert created and all(record["lines"] == [] for record in created)


def test_history_hides_a_confidential_record(landscape):
    """A restricted record the reader may not read says only that something confidential
    changed, when and by whom: no label, no id, no lines, nowhere in the body."""
    company = Party.objects.get(alliance=landscape.public, organisation=landscape.company)
    audit.record(
        actor=landscape.coordinator,
        obj=company,
        action=AuditAction.CHANGED,
        changes={"contact_name": ["Hemmelige Hansen", "Skjulte Svendsen"]},
        alliance_id=landscape.public.pk,
        party_id=company.pk,
        label="Fortroligt navn",
        restricted=True,
    )
    # No audit policy lets anyone read a restricted party record: staff neither.
    for kind in ("coordinator", "staff"):
        response = client_for(landscape, kind).get(history_url(landscape.public))
        newest = response.json()["results"][0]
        assert newest["hidden"] is True
        assert newest["object_type"] == "alliances.party"
        assert newest["object_id"] is None and newest["object_label"] is None
        assert newest["lines"] == []
        assert newest["actor_name"] == "Koordinator Testesen"
        body = response.content.decode()
        for secret in ("Fortroligt navn", "Hemmelige", "Skjulte"):
            assert secret not in body


def test_history_hides_sensitive_values(landscape):
    """A field an audit policy marks sensitive: a reader it does not allow sees that the
    field changed, not its values; one it allows sees them."""
    company = Party.objects.get(alliance=landscape.public, organisation=landscape.company)
    services.party_update(
        actor=landscape.coordinator, party=company, role_description="Leverer mælken.", contact_phone="12345678"
    )
    policy = registry.AuditPolicy(
        key="alliances.party",
        sensitive_fields=frozenset({"contact_phone"}),
        may_read_values=lambda user, record: user.is_staff,
    )
    with registry.audit_policies.temporarily(policy):
        hidden = client_for(landscape, "coordinator").get(history_url(landscape.public))
        shown = client_for(landscape, "staff").get(history_url(landscape.public))
    line = hidden.json()["results"][0]["lines"][0]
    assert line == {"label": "Kontaktpersonens telefon", "before": None, "after": None, "values_shown": False}
    assert "12345678" not in hidden.content.decode()
    assert shown.json()["results"][0]["lines"][0]["after"] == "12345678"


@pytest.mark.parametrize("kind", KINDS)
def test_a_partys_history_is_for_members_and_staff(landscape, kind):
    """As on the party's ledger page: the alliance's members and staff read every change to
    the party, newest first; for everyone else it does not exist."""
    company = Party.objects.get(alliance=landscape.internal, organisation=landscape.company)
    services.party_update(actor=landscape.coordinator, party=company, role_description="Leverer økologisk mælk.")
    url = f"/api/v1/alliances/{landscape.internal.slug}/parties/{company.pk}/history/"
    response = client_for(landscape, kind).get(url)
    if kind in {"observer", "partner", "coordinator", "staff"}:
        assert response.status_code == 200
        results = response.json()["results"]
        assert [record["id"] for record in results] == list(
            audit.history(party_id=company.pk).values_list("pk", flat=True)
        )
        assert results[0]["lines"][0]["after"] == "Leverer økologisk mælk."
    else:
        assert_not_found(response)


def test_the_phase_history_names_authors_and_reasons_only_to_members(landscape):
    services.alliance_change_phase(
        actor=landscape.coordinator, alliance=landscape.public, to_phase="afklaring", note="Parterne er enige."
    )
    url = f"/api/v1/alliances/{landscape.public.slug}/phases/"
    outsider = client_for(landscape, "outsider").get(url).json()["results"]
    observer = client_for(landscape, "observer").get(url).json()["results"]
    assert [(change["from_phase"], change["to_phase"]) for change in observer] == [("ide", "afklaring"), ("", "ide")]
    assert [(change["from_phase"], change["to_phase"]) for change in outsider] == [("ide", "afklaring"), ("", "ide")]
    assert observer[0]["note"] == "Parterne er enige." and observer[0]["changed_by"] == "Koordinator Testesen"
    assert outsider[0]["note"] is None and outsider[0]["changed_by"] is None
    assert client_for(landscape, "outsider").get(f"/api/v1/alliances/{landscape.private.slug}/phases/").status_code == 404


@pytest.mark.parametrize("kind", KINDS)
def test_every_change_in_the_installation_is_for_staff(landscape, kind):
    response = client_for(landscape, kind).get("/api/v1/history/")
    if kind == "staff":
        assert response.json()["count"] == audit.history().count() > 0
        assert [record["id"] for record in response.json()["results"]] == list(
            audit.history().values_list("pk", flat=True)[:50]
        )
    else:
        assert_not_found(response)


def test_history_pages(landscape):
    """The history pages newest first, with links; the pages together are the history."""
    client = client_for(landscape, "staff")
    first = client.get(history_url(landscape.public) + "?page_size=2").json()
    assert len(first["results"]) == 2 and first["next"] and first["previous"] is None
    ids = [record["id"] for record in all_results(client, history_url(landscape.public) + "?page_size=2")]
    assert ids == [record.pk for record in audit.history(alliance_id=landscape.public.pk)]


# --- Organisations --------------------------------------------------------------------------


ORGANISATION_FIELDS = {
    "id",
    "name",
    "kind",
    "sector",
    "cvr",
    "ean",
    "official_code",
    "valid_from",
    "valid_to",
    "website",
    "description",
    "region_periods",
}


@pytest.mark.parametrize("kind", KINDS)
def test_organisations_are_public(landscape, kind):
    """Every organisation, for everyone, by name (as the organisation pages)."""
    client = client_for(landscape, kind)
    results = all_results(client, ORGANISATIONS_URL + "?page_size=500")
    assert [item["id"] for item in results] == list(
        Organisation.objects.order_by("name", "pk").values_list("pk", flat=True)
    )
    response = client.get(f"{ORGANISATIONS_URL}{landscape.company.pk}/")
    assert response.status_code == 200
    assert response.json()["name"] == "Mejeriet A/S"


def test_organisation_fields(landscape, today):
    """An organisation as its page shows it; a municipality with its region periods (the
    2027 merger moves Lejre from Region Sjælland to Region Østdanmark)."""
    client = client_for(landscape, "anonymous")
    data = client.get(f"{ORGANISATIONS_URL}{landscape.lejre.pk}/").json()
    assert set(data) == ORGANISATION_FIELDS
    assert (data["name"], data["kind"], data["sector"], data["official_code"]) == (
        "Lejre Kommune",
        "kommune",
        "offentlig",
        "0350",
    )
    sjaelland = Organisation.objects.get(name="Region Sjælland")
    oestdanmark = Organisation.objects.get(name="Region Østdanmark")
    assert data["region_periods"] == [
        {
            "region_id": sjaelland.pk,
            "region": "Region Sjælland",
            "region_code": "1085",
            "valid_from": None,
            "valid_to": "2026-12-31",
        },
        {
            "region_id": oestdanmark.pk,
            "region": "Region Østdanmark",
            "region_code": "",
            "valid_from": "2027-01-01",
            "valid_to": None,
        },
    ]
    region = client.get(f"{ORGANISATIONS_URL}{sjaelland.pk}/").json()
    assert (region["valid_from"], region["valid_to"], region["region_periods"]) == ("2007-01-01", "2026-12-31", [])
    company = client.get(f"{ORGANISATIONS_URL}{landscape.company.pk}/").json()
    assert company == {
        "id": landscape.company.pk,
        "name": "Mejeriet A/S",
        "kind": "virksomhed",
        "sector": "privat",
        "cvr": "47165067",
        "ean": "",
        "official_code": "",
        "valid_from": None,
        "valid_to": None,
        "website": "",
        "description": "",
        "region_periods": [],
    }
    assert_not_found(client.get(f"{ORGANISATIONS_URL}999999/"))


def _organisation_names(client: Client, query: str) -> set[str]:
    response = client.get(ORGANISATIONS_URL + query)
    assert response.status_code == 200, response.content
    return {item["name"] for item in all_results(client, ORGANISATIONS_URL + query)}


def test_organisation_filters(landscape):
    """Search in names (or a whole CVR number or official code), by kind, by official code."""
    client = client_for(landscape, "anonymous")
    assert _organisation_names(client, "?q=lejre") == {"Lejre Kommune"}
    assert _organisation_names(client, "?q=47165067") == {"Mejeriet A/S"}
    assert _organisation_names(client, "?q=0350") == {"Lejre Kommune"}
    assert _organisation_names(client, "?q=4716") == set()  # a CVR number only whole
    assert _organisation_names(client, "?kind=virksomhed") == {"Mejeriet A/S", "Andet Firma ApS"}
    assert _organisation_names(client, "?official_code=1085") == {"Region Sjælland"}
    assert _organisation_names(client, "?official_code=0350&kind=region") == set()
    regions = _organisation_names(client, "?kind=region")
    assert "Region Østdanmark" in regions and len(regions) == 6
    assert len(_organisation_names(client, "?kind=kommune")) == 98


@pytest.mark.parametrize(
    ("query", "field"),
    [("?kind=firma", "kind"), ("?official_code=abc", "official_code"), ("?q=" + "x" * 201, "q")],
)
def test_organisation_list_refuses_an_invalid_filter(landscape, query, field):
    assert_bad_filter(client_for(landscape, "anonymous").get(ORGANISATIONS_URL + query), field)


def test_organisations_page_in_a_stable_order(landscape):
    Organisation.objects.bulk_create([Organisation(name="Samme Navn", kind="forening") for _ in range(5)])
    client = client_for(landscape, "anonymous")
    ids = [item["id"] for item in all_results(client, ORGANISATIONS_URL + "?q=Samme Navn&page_size=2")]
    assert ids == list(Organisation.objects.filter(name="Samme Navn").order_by("pk").values_list("pk", flat=True))


# --- Queries: as many for a large alliance as for a small one ---------------------------------

# Per request, whatever the amount of data: the session, the user, the rate limit, the
# rules' lookups, the count, the page and its prefetches.
QUERY_BUDGET = 12
# The alliance list keeps each alliance's JSON in the shared cache: read cold, it also reads
# the versions and the cache, and writes what it rendered.
KEPT = budgets.kept_markup()


def _grow_parties(alliance: Alliance, count: int) -> None:
    organisations = Organisation.objects.bulk_create(
        [Organisation(name=f"Forening {number:02}", kind="forening") for number in range(count)]
    )
    Party.objects.bulk_create(
        [
            Party(alliance=alliance, organisation=organisation, role_description="Hjælper.", consent=consent)
            for organisation, consent in zip(
                organisations, [PartyConsent.CONFIRMED, PartyConsent.PENDING] * count, strict=False
            )
        ]
    )
    # Written past the services (which would each leave an audit record), so said here: what
    # the shared cache keeps about the alliance is old.
    versions.changed(alliance.pk)


def _grow_members(landscape, alliance: Alliance, count: int) -> None:
    for number in range(count):
        user = make_user(f"medlem{number:02}", None)
        services.membership_add(actor=landscape.coordinator, alliance=alliance, user=user, role=MemberRole.OBSERVER)


def _grow_history(landscape, alliance: Alliance, count: int) -> None:
    company = Party.objects.get(alliance=alliance, organisation=landscape.company)
    for number in range(count):
        services.party_update(
            actor=landscape.coordinator, party=company, role_description=f"Leverer mælk, udgave {number}."
        )


def _grow_organisations(count: int) -> None:
    region = Organisation.objects.get(name="Region Sjælland")
    municipalities = Organisation.objects.bulk_create(
        [Organisation(name=f"Ny Kommune {number:02}", kind="kommune") for number in range(count)]
    )
    MunicipalityRegion.objects.bulk_create(
        [MunicipalityRegion(municipality=municipality, region=region) for municipality in municipalities]
    )


def _public_party_count(data: dict) -> int:
    return len(next(item for item in data["results"] if item["title"] == "Offentlig mælk")["parties"])


@pytest.mark.parametrize(
    ("kind", "url", "grow", "grown"),
    [
        # 27 more parties, of which the anonymous caller sees the confirmed half.
        ("coordinator", parties_url, lambda landscape: _grow_parties(landscape.public, 27), lambda data: data["count"] == 30),
        ("anonymous", parties_url, lambda landscape: _grow_parties(landscape.public, 54), lambda data: data["count"] == 30),
        ("staff", members_url, lambda landscape: _grow_members(landscape, landscape.public, 27), lambda data: data["count"] == 30),
        (
            "coordinator",
            history_url,
            lambda landscape: _grow_history(landscape, landscape.public, 30),
            lambda data: data["count"] > 30 and len(data["results"][0]["lines"]) == 1,
        ),
        (
            "staff",
            lambda alliance: LIST_URL,
            lambda landscape: _grow_parties(landscape.public, 54),
            lambda data: _public_party_count(data) == 30,
        ),
    ],
    ids=["parties", "parties-anonymous", "members", "history", "alliances"],
)
def test_queries_do_not_grow_with_data(landscape, django_assert_max_num_queries, kind, url, grow, grown):
    """A list costs the same number of queries for 3 parties, members or records as for 30."""
    client = client_for(landscape, kind)
    path = url(landscape.public) + "?page_size=500"
    client.get(path)  # the session and Django's content-type cache
    # Both reads cold: nothing the shared cache keeps (each alliance's JSON) is found.
    versions.changed(None)
    with django_assert_max_num_queries(QUERY_BUDGET + KEPT) as before:
        small = client.get(path)
    grow(landscape)
    versions.changed(None)
    with django_assert_max_num_queries(QUERY_BUDGET + KEPT) as after:
        large = client.get(path)
    assert len(after) == len(before)
    assert small.status_code == large.status_code == 200
    assert grown(large.json())
    assert not grown(small.json())


def test_organisation_queries_do_not_grow_with_data(landscape, django_assert_max_num_queries):
    """The organisations with their region periods: a fixed number of queries for 107
    organisations or for 137."""
    client = client_for(landscape, "anonymous")
    path = ORGANISATIONS_URL + "?page_size=500"
    client.get(path)
    with django_assert_max_num_queries(QUERY_BUDGET) as before:
        small = client.get(path)
    _grow_organisations(30)
    with django_assert_max_num_queries(QUERY_BUDGET) as after:
        large = client.get(path)
    assert len(after) == len(before)
    assert large.json()["count"] == small.json()["count"] + 30
    grown = next(item for item in large.json()["results"] if item["name"] == "Ny Kommune 00")
    assert [period["region"] for period in grown["region_periods"]] == ["Region Sjælland"]
    with django_assert_max_num_queries(QUERY_BUDGET):
        client.get(f"{ORGANISATIONS_URL}{landscape.lejre.pk}/")
