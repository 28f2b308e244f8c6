"""The health check in the JSON API: an alliance's rounds with the latest round's results, one
round's results and the trend, read by the alliance's members and staff (404 for everyone
else, as for an alliance they do not see), with the selectors' figures, a round that reads
closed once its deadline has passed whatever has run, and a fixed number of queries however
many parties answered."""

import datetime

import pytest
import time_machine
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches, reverse
from django.utils import translation

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import MemberRole
from brobygger.api.services import token_create
from brobygger.core import registry
from brobygger.healthcheck import api
from brobygger.healthcheck.models import Round
from brobygger.healthcheck.taxonomy import Criterion
from brobygger.healthcheck.tests.helpers import answer, open_round, results
from brobygger.healthcheck.tests.test_rounds import NOW, parties
from conftest import make_user

PROBLEM = "application/problem+json"
READERS = {"observer", "partner", "coordinator", "staff"}
NOT_READERS = {"anonymous", "outsider", "company_outsider", "public_employee"}
VISIBILITIES = ("public", "internal", "private")


@pytest.fixture(autouse=True)
def routes():
    """The capability's routes, registered for the test if apps.py does not (yet)."""
    missing = [route for route in api.ROUTES if route.key not in registry.api_routes]
    if not missing:
        yield
        return
    with registry.api_routes.temporarily(*missing):
        clear_url_caches()
        yield
    clear_url_caches()


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(NOW, tick=False):
        yield


def client_for(landscape, kind: str) -> Client:
    client = Client()
    if kind != "anonymous":
        client.force_login(getattr(landscape, kind))
    return client


def health_url(alliance) -> str:
    return reverse("api:health", kwargs={"slug": alliance.slug})


def round_url(alliance, number: int = 1) -> str:
    return reverse("api:health_round", kwargs={"slug": alliance.slug, "number": number})


def trend_url(alliance) -> str:
    return reverse("api:health_trend", kwargs={"slug": alliance.slug})


def figure(value):
    return None if value is None else round(value, 2)


def by(rows, field: str, key: str) -> dict:
    return next(row for row in rows if row[field] == key)


def test_urls_are_where_clients_expect_them():
    assert reverse("api:health", kwargs={"slug": "x"}) == "/api/v1/alliances/x/health/"
    assert (
        reverse("api:health_round", kwargs={"slug": "x", "number": 2})
        == "/api/v1/alliances/x/health/rounds/2/"
    )
    assert reverse("api:health_trend", kwargs={"slug": "x"}) == "/api/v1/alliances/x/health/trend/"


# --- Who reads --------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_members_and_staff_read_everyone_else_gets_404(landscape, visibility):
    """As on the pages: the results name each party's answer, so they are for the alliance's
    members and staff, even on a public alliance. Everyone else, anonymous included (reading
    asks nobody to log in), gets the 404 of an alliance that does not exist."""
    alliance = getattr(landscape, visibility)
    open_round(landscape.coordinator, alliance)
    for kind in sorted(READERS | NOT_READERS):
        client = client_for(landscape, kind)
        for url in (health_url(alliance), round_url(alliance), trend_url(alliance)):
            response = client.get(url)
            if kind in READERS:
                assert response.status_code == 200, (kind, url)
                assert response["Content-Type"] == "application/json"
            else:
                assert (response.status_code, response["Content-Type"]) == (404, PROBLEM), (
                    kind,
                    url,
                )
                assert (
                    response.json() == client.get(url.replace(alliance.slug, "findes-ikke")).json()
                )
                assert alliance.title not in response.content.decode()


@pytest.mark.django_db
def test_a_token_reads_as_its_user(landscape):
    open_round(landscape.coordinator, landscape.internal)
    _token, secret = token_create(actor=landscape.partner, name="BI", read_only=True)
    _token, outsider = token_create(actor=landscape.outsider, name="BI", read_only=True)
    url = round_url(landscape.internal)
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {secret}").status_code == 200
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {outsider}").status_code == 404
    revoked = Client().get(url, HTTP_AUTHORIZATION="Bearer bbg_findes-ikke")
    assert (revoked.status_code, revoked["Content-Type"]) == (401, PROBLEM)


@pytest.mark.django_db
def test_reading_is_all_there_is(landscape):
    open_round(landscape.coordinator, landscape.internal)
    client = client_for(landscape, "coordinator")
    for url in (health_url(landscape.internal), round_url(landscape.internal)):
        response = client.post(url, {}, content_type="application/json")
        assert (response.status_code, response["Content-Type"]) == (405, PROBLEM)


# --- What it says --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_before_the_first_round_there_are_no_results(landscape):
    body = client_for(landscape, "observer").get(health_url(landscape.internal)).json()
    assert body == {"alliance": landscape.internal.slug, "rounds": [], "latest": None}
    trend = client_for(landscape, "observer").get(trend_url(landscape.internal)).json()
    assert (trend["rounds"], trend["health"], trend["criteria"], trend["tensions"]) == (
        [],
        [],
        [],
        [],
    )


def _answered_round(landscape):
    """Round 1 of the internal alliance: Lejre Kommune and the company answered apart on the
    shared why and on a tension scale; the association did not answer."""
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    named = parties(alliance)
    answer(
        landscape.coordinator,
        round_,
        named["Lejre Kommune"],
        value=4,
        position=10,
        comment="Vi følger kommunens regler.",
        item_value=2,
        overrides={"why-own-words": 5, "why-citizens": 5, "gives-results": None},
    )
    answer(
        landscape.partner,
        round_,
        named["Mejeriet A/S"],
        value=3,
        position=80,
        item_value=5,
        overrides={"why-own-words": 1, "why-citizens": 2},
    )
    return round_, named


@pytest.mark.django_db
def test_a_rounds_results_are_the_selectors_figures(landscape):
    round_, named = _answered_round(landscape)
    found = results(round_)
    lejre, company, association = (
        named["Lejre Kommune"],
        named["Mejeriet A/S"],
        named["Landmændenes Forening"],
    )

    response = client_for(landscape, "observer").get(round_url(landscape.internal))

    assert response.status_code == 200
    body = response.json()
    assert body["round"] == {
        "number": 1,
        "opened_at": "2026-12-04T11:00:00+01:00",
        "closes_at": "2026-12-19T00:00:00+01:00",
        "last_day": "2026-12-18",
        "is_open": True,
        "version": round_.version.number,
        "answered": 2,
        "parties": 3,
    }
    assert body["health_score"] == figure(found.health_score)
    # Every criterion and dimension, in the selectors' order, with their figures.
    assert [row["criterion"] for row in body["criteria"]] == [group.key for group in found.criteria]
    assert [row["dimension"] for row in body["dimensions"]] == [
        group.key for group in found.dimensions
    ]
    for rows, groups in (
        (body["criteria"], found.criteria),
        (body["dimensions"], found.dimensions),
    ):
        for row, group in zip(rows, groups, strict=True):
            spread = group.spread
            assert row["label"] == group.label
            assert row["result"] == {
                "overall": figure(spread.overall),
                "answered": spread.answered,
                "by_sector": [
                    {
                        "sector": s.sector,
                        "label": str(s.label),
                        "mean": figure(s.mean),
                        "parties": s.parties,
                    }
                    for s in spread.by_sector
                ],
                "party_spread": figure(spread.party_spread),
                "sector_gap": figure(spread.sector_gap),
                "divergent": spread.divergent,
                "divergence": figure(spread.divergence),
            }
    why = by(body["criteria"], "criterion", Criterion.WHY)
    assert why["label"] == "Et fælles hvorfor"
    assert why["result"]["overall"] == 3.25  # Lejre 5, the company 1.5
    assert why["result"]["party_spread"] == 3.5
    assert why["result"]["by_sector"] == [
        {"sector": "offentlig", "label": "Offentlig", "mean": 5.0, "parties": 1},
        {"sector": "privat", "label": "Privat", "mean": 1.5, "parties": 1},
    ]
    assert (why["result"]["sector_gap"], why["result"]["divergent"]) == (None, True)
    # Tension scales on 0–100, their poles in the reader's language.
    assert [row["key"] for row in body["tensions"]] == [t.scale.key for t in found.tensions]
    system = by(body["tensions"], "key", "system-or-alliance")
    assert (system["left"], system["right"]) == (
        "Det hierarkiske systems regler",
        "Alliancens egne spilleregler",
    )
    assert system["result"]["overall"] == 45.0
    assert (system["result"]["party_spread"], system["result"]["divergent"]) == (70.0, True)
    # What taking part gives and costs: "ved ikke" left out.
    results_home = by(body["benefits"], "key", "gives-results")
    assert (results_home["result"]["overall"], results_home["result"]["answered"]) == (5.0, 1)
    assert [row["key"] for row in body["costs"]] == [item.item.key for item in found.costs]
    # Where the parties diverge, the widest first, as the selectors rank them.
    assert [(row["about"], row["key"]) for row in body["divergent"]] == [
        ("tension", row.scale.key) if hasattr(row, "scale") else ("criterion", row.key)
        for row in found.divergent
    ]
    # Each party's own answer: open inside the alliance.
    assert [row["party_id"] for row in body["parties"]] == [row.party.pk for row in found.parties]
    own = by(body["parties"], "party_id", lejre.pk)
    assert (own["organisation"], own["organisation_id"], own["sector"], own["answered"]) == (
        "Lejre Kommune",
        lejre.organisation_id,
        "offentlig",
        True,
    )
    assert own["answer"]["value_answer"] == {
        "answer": "delvist",
        "label": "Delvist",
        "comment": "Vi får noget ud af det, men det tager tid.",
    }
    assert own["answer"]["criteria"][Criterion.WHY] == 5.0
    assert own["answer"]["criteria"] == {
        group.key: figure(group.scores[lejre.pk]) for group in found.criteria
    }
    assert own["answer"]["dimensions"] == {
        group.key: figure(group.scores[lejre.pk]) for group in found.dimensions
    }
    assert own["answer"]["tensions"]["system-or-alliance"] == {
        "position": 10,
        "comment": "Vi følger kommunens regler.",
    }
    assert own["answer"]["benefits"]["gives-results"] is None
    assert set(own["answer"]["benefits"].values()) == {None, 2}
    assert set(own["answer"]["costs"].values()) == {2}
    theirs = by(body["parties"], "party_id", company.pk)["answer"]
    assert theirs["tensions"]["system-or-alliance"] == {"position": 80, "comment": ""}
    assert theirs["criteria"][Criterion.WHY] == 1.5
    assert by(body["parties"], "party_id", association.pk) == {
        "party_id": association.pk,
        "organisation": "Landmændenes Forening",
        "organisation_id": association.organisation_id,
        "sector": "civilsamfund",
        "answered": False,
        "answer": None,
    }
    # The rule is stated.
    assert body["definitions"]["party_spread_flag"] == 0.5
    assert body["definitions"]["sector_gap_flag"] == 0.25
    assert "mindst 50 % af skalaen" in body["definitions"]["divergence"]
    assert "mindst 25 % af skalaen" in body["definitions"]["divergence"]


@pytest.mark.django_db
def test_the_alliances_health_lists_its_rounds_with_the_latest_results(landscape):
    alliance = landscape.internal
    with time_machine.travel(NOW - datetime.timedelta(days=60), tick=False):
        first = open_round(landscape.coordinator, alliance, days=10)
        answer(landscape.partner, first, parties(alliance)["Mejeriet A/S"], value=2)
    _answered_round(landscape)
    client = client_for(landscape, "partner")

    body = client.get(health_url(alliance)).json()

    assert body["alliance"] == alliance.slug
    assert [
        (row["number"], row["is_open"], row["answered"], row["parties"], row["last_day"])
        for row in body["rounds"]
    ] == [(2, True, 2, 3, "2026-12-18"), (1, False, 1, 3, "2026-10-15")]
    assert body["latest"] == client.get(round_url(alliance, 2)).json()
    # An earlier round is read by its number.
    earlier = client.get(round_url(alliance, 1)).json()
    assert (earlier["round"]["number"], earlier["round"]["is_open"]) == (1, False)
    assert by(earlier["criteria"], "criterion", Criterion.WHY)["result"]["overall"] == 2.0


@pytest.mark.django_db
def test_the_trend_compares_the_rounds(landscape):
    alliance = landscape.internal
    company = parties(alliance)["Mejeriet A/S"]
    with time_machine.travel(NOW - datetime.timedelta(days=60), tick=False):
        first = open_round(landscape.coordinator, alliance, days=10)
        answer(landscape.partner, first, company, value=2, position=30)
    second = open_round(landscape.coordinator, alliance, days=10)
    answer(landscape.partner, second, company, value=3, position=60)

    body = client_for(landscape, "observer").get(trend_url(alliance)).json()

    assert body["alliance"] == alliance.slug
    assert body["rounds"] == [1, 2]
    why = by(body["criteria"], "criterion", Criterion.WHY)
    assert why["label"] == "Et fælles hvorfor"
    assert why["cells"] == [
        {"round": 1, "value": 2.0, "change": None, "comparable": True},
        {"round": 2, "value": 3.0, "change": 1.0, "comparable": True},
    ]
    system = by(body["tensions"], "key", "system-or-alliance")
    assert [(cell["value"], cell["change"]) for cell in system["cells"]] == [
        (30.0, None),
        (60.0, 30.0),
    ]
    assert [cell["value"] for cell in body["health"]] == [2.0, 3.0]
    assert body["dimensions"]


@pytest.mark.django_db
def test_the_labels_and_poles_follow_the_request_language(landscape):
    _answered_round(landscape)
    body = (
        client_for(landscape, "observer")
        .get(round_url(landscape.internal), HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    # The keys stay; the labels are the request's language.
    why = by(body["criteria"], "criterion", Criterion.WHY)
    with translation.override("en"):
        assert why["label"] == str(Criterion.WHY.label)  # "A shared why" (the compiled catalogue)
    assert why["result"]["by_sector"][0]["label"] == "Public"
    system = by(body["tensions"], "key", "system-or-alliance")
    assert (system["left"], system["right"]) == (
        "The hierarchy's rules",
        "The alliance's own rules of the game",
    )
    lejre = by(body["parties"], "organisation", "Lejre Kommune")
    assert lejre["answer"]["value_answer"]["label"] == "Partly"


@pytest.mark.django_db
def test_a_round_reads_closed_once_its_deadline_has_passed_whatever_has_run(landscape):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance, days=3)
    client = client_for(landscape, "observer")
    assert client.get(round_url(alliance)).json()["round"]["is_open"] is True
    # The last day's last moment: still open.
    with time_machine.travel(round_.closes_at - datetime.timedelta(seconds=1), tick=False):
        assert client.get(round_url(alliance)).json()["round"]["is_open"] is True
    # The deadline: closed on every endpoint, though nothing ran and nothing was written.
    with time_machine.travel(round_.closes_at, tick=False):
        assert client.get(round_url(alliance)).json()["round"]["is_open"] is False
        body = client.get(health_url(alliance)).json()
        assert body["rounds"][0]["is_open"] is False
        assert body["latest"]["round"]["is_open"] is False
    assert Round.objects.get(pk=round_.pk).closes_at == round_.closes_at


@pytest.mark.django_db
def test_a_round_that_does_not_exist_is_404(landscape):
    alliance = landscape.internal
    open_round(landscape.coordinator, alliance)
    other = open_round(landscape.coordinator, landscape.public)
    Round.objects.filter(pk=other.pk).update(number=7)
    client = client_for(landscape, "coordinator")
    for number in (0, 2, 7, 999_999_999_999_999_999):
        response = client.get(round_url(alliance, number))
        assert (response.status_code, response["Content-Type"]) == (404, PROBLEM), number
        assert response.json() == client.get(round_url(alliance, 987654)).json()
    # Not a number a round can have: no such address.
    for path in ("abc", "1" * 19, "-1"):
        response = client.get(f"/api/v1/alliances/{alliance.slug}/health/rounds/{path}/")
        assert response.status_code == 404, path


# --- Queries ----------------------------------------------------------------------------------


def _more_answering_parties(landscape, round_, count: int) -> None:
    alliance = round_.alliance
    for index in range(count):
        organisation = alliance_services.organisation_create(
            actor=None, name=f"Forening {index}", kind="forening"
        )
        party = alliance_services.party_add(
            actor=landscape.coordinator,
            alliance=alliance,
            organisation=organisation,
            role_description="Er med.",
        )
        representative = make_user(f"forening{index}", organisation)
        alliance_services.membership_add(
            actor=landscape.coordinator,
            alliance=alliance,
            user=representative,
            role=MemberRole.PARTNER,
            party=party,
        )
        answer(
            representative,
            round_,
            party,
            value=1 + index % 5,
            position=index * 10,
            comment=f"Nr. {index}",
        )


@pytest.mark.django_db
def test_the_queries_do_not_grow_with_the_parties_and_their_answers(
    landscape, django_assert_max_num_queries
):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    answer(landscape.partner, round_, parties(alliance)["Mejeriet A/S"])
    client = client_for(landscape, "observer")
    urls = (health_url(alliance), round_url(alliance), trend_url(alliance))

    def count(url) -> int:
        client.get(url)  # the session and the rate limit's counter are warm
        with CaptureQueriesContext(connection) as queries:
            assert client.get(url).status_code == 200
        return len(queries)

    few = {url: count(url) for url in urls}
    _more_answering_parties(
        landscape, Round.objects.select_related("alliance").get(pk=round_.pk), 8
    )
    answer(landscape.coordinator, round_, parties(alliance)["Lejre Kommune"], value=2)

    for url in urls:
        with django_assert_max_num_queries(few[url]):
            body = client.get(url).json()
        assert body
    assert client.get(round_url(alliance)).json()["round"]["answered"] == 10
