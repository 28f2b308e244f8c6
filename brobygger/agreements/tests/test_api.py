"""The partnering agreement in the JSON API: /api/v1/alliances/<slug>/agreement/ shows the
agreement as its page does, /agreement/versions/ every version as the history page does,
to the same readers (members and staff), in a fixed number of queries."""

import datetime

import pytest
from django.test import Client
from django.urls import reverse

from brobygger.agreements import services
from brobygger.agreements.models import PartVersion
from brobygger.agreements.tests import test_query_counts
from brobygger.agreements.tests.test_pages import PART, TERMS
from brobygger.alliances.models import Party

READERS = {"observer", "partner", "coordinator", "staff"}
NOT_READERS = {"anonymous", "outsider", "company_outsider", "public_employee"}
VISIBILITIES = ("public", "internal", "private")



def client_for(landscape, kind: str) -> Client:
    client = Client()
    if kind != "anonymous":
        client.force_login(getattr(landscape, kind))
    return client


def agreement_url(alliance) -> str:
    return reverse("api:agreement", kwargs={"slug": alliance.slug})


def versions_url(alliance) -> str:
    return reverse("api:agreement_versions", kwargs={"slug": alliance.slug})


def party(landscape, organisation, alliance=None) -> Party:
    return Party.objects.select_related("alliance", "organisation").get(
        alliance=alliance or landscape.public, organisation=organisation
    )


def write_terms(landscape, alliance=None, **changes):
    return services.terms_update(
        alliance=alliance or landscape.public, actor=landscape.coordinator, **{**TERMS, **changes}
    )


def write_part(landscape, organisation, actor, alliance=None, **changes):
    return services.part_update(
        party=party(landscape, organisation, alliance), actor=actor, **{**PART, **changes}
    )


def sign_company(landscape, alliance=None):
    company = party(landscape, landscape.company, alliance)
    current = PartVersion.objects.filter(party=company).order_by("-number").first()
    terms = current.agreement.terms_versions.order_by("-number").first()
    return services.part_sign(
        party=company,
        actor=landscape.partner,
        version_number=current.number,
        terms_number=terms.number,
    )


def parts_by_organisation(body: dict) -> dict[str, dict]:
    return {part["organisation"]: part for part in body["parts"]}


def test_urls_are_where_clients_expect_them():
    assert reverse("api:agreement", kwargs={"slug": "x"}) == "/api/v1/alliances/x/agreement/"
    assert (
        reverse("api:agreement_versions", kwargs={"slug": "x"})
        == "/api/v1/alliances/x/agreement/versions/"
    )


# --- Who reads it ---------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("kind", sorted(READERS | NOT_READERS))
def test_members_and_staff_read_it_everyone_else_gets_404(landscape, kind, visibility):
    """As on the pages: the agreement is for the alliance's members and staff, even on a
    public alliance. Everyone else (also those who see the alliance) gets the same 404 as
    for an alliance that does not exist, without the alliance's title."""
    alliance = getattr(landscape, visibility)
    write_terms(landscape, alliance)
    write_part(landscape, landscape.company, landscape.partner, alliance)
    client = client_for(landscape, kind)
    for url in (agreement_url(alliance), versions_url(alliance)):
        response = client.get(url)
        if kind in READERS:
            assert response.status_code == 200, (kind, url)
            assert response["Content-Type"] == "application/json"
        else:
            assert response.status_code == 404, (kind, url)
            assert response["Content-Type"] == "application/problem+json"
            assert response.json()["status"] == 404
            assert response.json() == client.get(url.replace(alliance.slug, "findes-ikke")).json()
            assert alliance.title not in response.content.decode()
    if kind in READERS:
        body = client.get(agreement_url(alliance)).json()
        assert body["alliance"] == alliance.slug
        assert body["terms"]["shared_why"] == TERMS["shared_why"]


@pytest.mark.django_db
def test_inactive_staff_does_not_read_it(landscape):
    landscape.staff.is_active = False
    landscape.staff.save()
    write_terms(landscape)
    client = Client()
    client.force_login(landscape.staff)
    # An inactive user's session is no login at all (the model backend refuses it).
    assert client.get(agreement_url(landscape.public)).status_code == 404


# --- What it shows --------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_alliance_without_an_agreement_answers_as_its_page(landscape):
    """The page shows an agreement without terms, each party's part not written: so does the
    API (not 404, which would tell a member that they may not read it)."""
    client = client_for(landscape, "observer")
    page = client.get(reverse("agreements:detail", kwargs={"slug": landscape.public.slug}))
    assert page.status_code == 200
    response = client.get(agreement_url(landscape.public))
    assert response.status_code == 200
    body = response.json()
    assert body["terms"] is None
    assert body["revisit_on"] is None
    assert body["signed_count"] == 0
    parties = Party.objects.filter(alliance=landscape.public).select_related("organisation")
    assert sorted(part["organisation"] for part in body["parts"]) == sorted(
        p.organisation.name for p in parties
    )
    for part in body["parts"]:
        assert part["signature_status"] == "mangler"
        assert part["signature_status_label"] == "Ikke skrevet"
        assert part["needs_signature"] is False
        assert part["number"] is None
        assert part["reason"] is None
        assert part["signed_by_name"] is None
        assert part["last_signed"] is None
    versions = client.get(versions_url(landscape.public)).json()
    assert versions == {"count": 0, "next": None, "previous": None, "results": []}


@pytest.mark.django_db
def test_terms_and_revisit_date(landscape, today):
    write_terms(landscape, revisit_on=datetime.date(2027, 6, 1))
    write_terms(
        landscape,
        shared_why="Frisk mad til flere ældre.",
        change_note="Flere ældre.",
        revisit_on=datetime.date(2027, 6, 1),
    )
    body = client_for(landscape, "partner").get(agreement_url(landscape.public)).json()
    assert body["revisit_on"] == "2027-06-01"
    assert body["terms"] == {
        "number": 2,
        **TERMS,
        "shared_why": "Frisk mad til flere ældre.",
        "created_at": "2026-11-23T13:00:00+01:00",
        "created_by": "Koordinator Testesen",
        "change_note": "Flere ældre.",
    }


@pytest.mark.django_db
def test_signature_statuses(landscape):
    """Signed against the terms in force, unsigned, not written, the terms changed after the
    signature and the part changed after it: the statuses the page gives, with its words."""
    lejre, company, association = "Lejre Kommune", "Mejeriet A/S", "Landmændenes Forening"
    write_terms(landscape)
    write_part(landscape, landscape.company, landscape.partner)
    write_part(landscape, landscape.association, landscape.coordinator)  # on the party's behalf
    sign_company(landscape)
    client = client_for(landscape, "observer")

    parts = parts_by_organisation(client.get(agreement_url(landscape.public)).json())
    assert set(parts) == {lejre, company, association}
    signed = parts[company]
    assert signed["signature_status"] == "underskrevet"
    assert signed["signature_status_label"] == "Underskrevet"
    assert signed["needs_signature"] is False
    assert signed["number"] == 1
    assert {name: signed[name] for name in PART} == PART
    assert signed["signed_by_name"] == "Partner Testesen"
    assert signed["signed_at"] is not None
    assert signed["signed_terms"] == 1
    assert signed["written_on_behalf"] is False
    assert signed["created_by"] == "Partner Testesen"
    assert signed["last_signed"] == {
        "number": 1,
        "signed_by_name": "Partner Testesen",
        "signed_at": signed["signed_at"],
        "signed_terms": 1,
    }
    assert signed["logic_label"] == "Forretningsmæssigt incitament"
    assert signed["sector"] == "privat"
    unsigned = parts[association]
    assert unsigned["signature_status"] == "ikke_underskrevet"
    assert unsigned["signature_status_label"] == "Ikke underskrevet"
    assert unsigned["needs_signature"] is True
    assert unsigned["signed_by_name"] is None
    assert unsigned["signed_at"] is None
    assert unsigned["signed_terms"] is None
    assert unsigned["last_signed"] is None
    assert unsigned["written_on_behalf"] is True
    assert parts[lejre]["signature_status"] == "mangler"
    assert client.get(agreement_url(landscape.public)).json()["signed_count"] == 1

    # New shared terms: the signature stands on the old ones, and the part must be signed again.
    write_terms(landscape, governance="Styregruppen mødes hver uge.", change_note="Oftere.")
    body = client.get(agreement_url(landscape.public)).json()
    terms_changed = parts_by_organisation(body)[company]
    assert body["terms"]["number"] == 2
    assert body["signed_count"] == 0
    assert terms_changed["signature_status"] == "vilkaar_aendret"
    assert (
        terms_changed["signature_status_label"]
        == "De fælles vilkår er ændret – skal underskrives igen"
    )
    assert terms_changed["needs_signature"] is True
    assert terms_changed["signed_terms"] == 1

    # Signed again, then the part changed: a new unsigned version, the old signature kept.
    sign_company(landscape)
    write_part(
        landscape, landscape.company, landscape.partner, commitments="Mælk til fire plejecentre."
    )
    changed = parts_by_organisation(client.get(agreement_url(landscape.public)).json())[company]
    assert changed["signature_status"] == "aendret"
    assert changed["signature_status_label"] == "Ændret efter underskrift – skal underskrives igen"
    assert changed["number"] == 3
    assert changed["commitments"] == "Mælk til fire plejecentre."
    assert changed["signed_by_name"] is None
    assert changed["signed_terms"] is None
    assert changed["last_signed"]["number"] == 2
    assert changed["last_signed"]["signed_terms"] == 2


# --- Every version --------------------------------------------------------------------------


@pytest.mark.django_db
def test_versions_list_every_version_oldest_first(landscape):
    write_terms(landscape, change_note="")
    write_part(landscape, landscape.company, landscape.partner)
    sign_company(landscape)
    write_part(landscape, landscape.association, landscape.coordinator)
    write_terms(landscape, ending="Seks måneders varsel.", change_note="Længere varsel.")
    write_part(landscape, landscape.company, landscape.partner, reason="Vi vil sælge mere lokalt.")
    company = party(landscape, landscape.company)
    association = party(landscape, landscape.association)

    body = client_for(landscape, "observer").get(versions_url(landscape.public)).json()
    assert body["count"] == 5
    rows = body["results"]
    # The oldest number first; at one number, the terms before the parts, parts by party.
    assert [(row["kind"], row["number"], row["party_id"]) for row in rows] == [
        ("terms", 1, None),
        *sorted([("part", 1, company.pk), ("part", 1, association.pk)], key=lambda key: key[2]),
        ("terms", 2, None),
        ("part", 2, company.pk),
    ]
    first_terms = rows[0]
    assert {name: first_terms[name] for name in TERMS} == TERMS
    assert first_terms["created_by"] == "Koordinator Testesen"
    assert first_terms["change_note"] == ""
    assert first_terms["organisation"] is None
    assert all(first_terms[name] is None for name in ("reason", "logic", "limits", "commitments"))
    assert first_terms["signed_by_name"] is None and first_terms["signed_terms"] is None
    assert first_terms["written_on_behalf"] is False
    assert rows[3]["change_note"] == "Længere varsel."
    assert rows[3]["ending"] == "Seks måneders varsel."

    parts = {(row["party_id"], row["number"]): row for row in rows if row["kind"] == "part"}
    signed = parts[company.pk, 1]
    assert {name: signed[name] for name in PART} == PART
    assert signed["organisation"] == "Mejeriet A/S"
    assert signed["created_by"] == "Partner Testesen"
    assert signed["signed_by_name"] == "Partner Testesen"
    assert signed["signed_at"] is not None
    assert signed["signed_terms"] == 1
    assert signed["change_note"] is None
    assert all(signed[name] is None for name in TERMS)
    assert parts[company.pk, 2]["reason"] == "Vi vil sælge mere lokalt."
    assert parts[company.pk, 2]["signed_by_name"] is None
    assert parts[company.pk, 2]["signed_at"] is None
    on_behalf = parts[association.pk, 1]
    assert on_behalf["written_on_behalf"] is True
    assert on_behalf["created_by"] == "Koordinator Testesen"


@pytest.mark.django_db
def test_versions_are_paged_without_overlap(landscape):
    write_terms(landscape)
    for round_ in range(3):
        write_part(landscape, landscape.company, landscape.partner, reason=f"Grund {round_}")
        write_part(
            landscape, landscape.association, landscape.coordinator, reason=f"Grund {round_}"
        )
        write_terms(landscape, shared_why=f"Hvorfor {round_}")
    client = client_for(landscape, "coordinator")
    everything = client.get(versions_url(landscape.public), {"page_size": 100}).json()
    assert everything["count"] == 10
    seen, url = [], versions_url(landscape.public) + "?page_size=3"
    while url:
        page = client.get(url).json()
        assert len(page["results"]) <= 3
        seen += page["results"]
        url = page["next"]
    assert seen == everything["results"]
    assert client.get(versions_url(landscape.public), {"page": 99}).status_code == 404


@pytest.mark.django_db
def test_a_deleted_author_has_no_name(landscape):
    write_terms(landscape)
    write_part(landscape, landscape.association, landscape.staff)
    landscape.staff.delete()
    client = client_for(landscape, "observer")
    versions = client.get(versions_url(landscape.public)).json()["results"]
    assert [row["created_by"] for row in versions] == ["Koordinator Testesen", None]
    parts = parts_by_organisation(client.get(agreement_url(landscape.public)).json())
    assert parts["Landmændenes Forening"]["created_by"] is None


@pytest.mark.django_db
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_read_only(landscape, method):
    client = client_for(landscape, "coordinator")
    for url in (agreement_url(landscape.public), versions_url(landscape.public)):
        response = getattr(client, method)(url, {}, content_type="application/json")
        assert response.status_code in (403, 405), (method, url)
        assert response["Content-Type"] == "application/problem+json"


# --- Fixed query counts -----------------------------------------------------------------------

# The most queries either endpoint may take, with 2 parties as with 10 (each with three
# versions of its part, two signed, against two versions of the terms): the smallest that
# passes. Of these, a logged-in API request spends two on the session and the user and up
# to six on the rate limit's counter in the database cache (none on Redis); fetching the
# alliance and the user's memberships takes two. Then the agreement takes five
# (selectors.agreement_overview), the versions two (the count and the page).
MAX_QUERIES = {"agreement": 15, "agreement_versions": 12}


@pytest.mark.django_db
@pytest.mark.parametrize("size", [2, 10])
def test_a_fixed_number_of_queries(size, today, monkeypatch, django_assert_max_num_queries):
    monkeypatch.setitem(test_query_counts.SIZES, f"api-{size}", size)
    world = test_query_counts.build(f"api-{size}")
    versions = PartVersion.objects.filter(agreement__alliance=world.alliance).count() + 2
    for user in ("coordinator", "observer", "staff"):
        client = Client()
        client.force_login(getattr(world, user))
        with django_assert_max_num_queries(
            MAX_QUERIES["agreement"], info=f"agreement, {user}, {size}"
        ):
            response = client.get(agreement_url(world.alliance))
        assert response.status_code == 200
        body = response.json()
        assert len(body["parts"]) == size
        assert body["terms"]["number"] == 2
        assert all(part["number"] in (2, 3) for part in body["parts"])
        with django_assert_max_num_queries(
            MAX_QUERIES["agreement_versions"], info=f"versions, {user}, {size}"
        ):
            response = client.get(versions_url(world.alliance), {"page_size": 500})
        assert response.status_code == 200
        assert response.json()["count"] == versions
        assert len(response.json()["results"]) == versions
