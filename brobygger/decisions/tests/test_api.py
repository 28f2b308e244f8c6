"""Decisions in the JSON API: one decision with its fair-process figures, and the decisions of
an alliance or a change process a page at a time. Read by those who read them on the pages
(an alliance's members and staff, a change process's verified employees and staff; a draft
only by those who run decisions), 404 for everyone else as for what does not exist; never a
citizen's name or address; "did you feel heard?" only behind enough answers; and a fixed
number of queries however many decisions, responses and expectations there are."""

import datetime

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import clear_url_caches, reverse

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Party
from brobygger.api.services import token_create
from brobygger.core import registry
from brobygger.decisions import api, selectors, services
from brobygger.decisions.models import Response
from brobygger.decisions.taxonomy import Stance

from .helpers import (
    BASE_URL,
    answer_all,
    communicated,
    decide,
    draft,
    expect,
    in_hearing,
    party_response,
    public_response,
    refreshed,
)

pytestmark = pytest.mark.django_db

PROBLEM = "application/problem+json"
READERS = {"observer", "partner", "coordinator", "staff"}
NOT_READERS = {"anonymous", "outsider", "company_outsider", "public_employee"}
VISIBILITIES = ("public", "internal", "private")
# Verified for Lejre Kommune, which owns the change processes below.
LEJRE = {"coordinator", "observer", "public_employee", "staff"}


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


def client_for(landscape, kind: str) -> Client:
    client = Client()
    if kind != "anonymous":
        client.force_login(getattr(landscape, kind))
    return client


def detail_url(decision) -> str:
    return reverse("api:decision", kwargs={"pk": decision.pk})


def list_url(alliance, query: str = "") -> str:
    return reverse("api:alliance_decisions", kwargs={"slug": alliance.slug}) + query


def process_url(process, query: str = "") -> str:
    return reverse("api:process_decisions", kwargs={"pk": process.pk}) + query


def company(landscape, alliance) -> Party:
    return Party.objects.get(alliance=alliance, organisation=landscape.company)


def test_urls_are_where_clients_expect_them():
    assert reverse("api:decision", kwargs={"pk": 7}) == "/api/v1/decisions/7/"
    assert reverse("api:alliance_decisions", kwargs={"slug": "x"}) == "/api/v1/alliances/x/decisions/"
    assert reverse("api:process_decisions", kwargs={"pk": 3}) == "/api/v1/change-processes/3/decisions/"


# --- Who reads --------------------------------------------------------------------------------


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_members_and_staff_read_everyone_else_gets_404(landscape, today, visibility):
    """As on the pages: decisions are the alliance's members' and staff's, on a public
    alliance too. Everyone else, anonymous included, gets the 404 of a decision or an
    alliance that does not exist, and learns nothing of the question."""
    alliance = getattr(landscape, visibility)
    decision = in_hearing(landscape.coordinator, alliance, question="Skal vi dele ruterne 4471?")
    for kind in sorted(READERS | NOT_READERS):
        client = client_for(landscape, kind)
        for url, missing in (
            (detail_url(decision), reverse("api:decision", kwargs={"pk": 987654})),
            (list_url(alliance), list_url(alliance).replace(alliance.slug, "findes-ikke")),
        ):
            response = client.get(url)
            if kind in READERS:
                assert response.status_code == 200, (kind, url)
                assert response["Content-Type"] == "application/json"
            else:
                assert (response.status_code, response["Content-Type"]) == (404, PROBLEM), (kind, url)
                assert response.json() == client.get(missing).json()
                assert "4471" not in response.content.decode()


def test_a_draft_is_only_for_those_who_run_decisions(landscape, today):
    alliance = landscape.internal
    own = draft(landscape.coordinator, alliance, question="Et fælles logo?")
    in_hearing(landscape.coordinator, alliance, question="Dele ruterne?")
    for kind in ("coordinator", "staff"):
        client = client_for(landscape, kind)
        assert client.get(detail_url(own)).status_code == 200
        listed = [row["question"] for row in client.get(list_url(alliance)).json()["results"]]
        assert listed == ["Dele ruterne?", "Et fælles logo?"]
    for kind in ("observer", "partner"):
        client = client_for(landscape, kind)
        assert client.get(detail_url(own)).status_code == 404
        assert [row["question"] for row in client.get(list_url(alliance)).json()["results"]] == ["Dele ruterne?"]
        # Asking for drafts by name shows none either.
        assert client.get(list_url(alliance, "?status=kladde")).json() == {
            "count": 0, "next": None, "previous": None, "results": []
        }


def test_a_change_process_is_read_by_its_organisations_verified_employees(landscape, today):
    process = services.change_process_create(
        actor=landscape.coordinator, organisation=landscape.lejre, title="Sammenlægning af to plejecentre"
    )
    group = services.group_add(actor=landscape.coordinator, owner=process, name="Medarbejdere")
    decision = in_hearing(
        landscape.coordinator, process, question="Hvem leder det nye center?", public=False,
        groups=[group], emails=["ansat@example.dk"],
    )
    for kind in sorted(READERS | NOT_READERS):
        client = client_for(landscape, kind)
        listed, one = client.get(process_url(process)), client.get(detail_url(decision))
        if kind in LEJRE:
            assert (listed.status_code, one.status_code) == (200, 200), kind
        else:
            assert (listed.status_code, one.status_code) == (404, 404), kind
    body = client_for(landscape, "public_employee").get(detail_url(decision)).json()
    assert body["alliance"] is None
    assert body["change_process"] == {
        "id": process.pk, "title": "Sammenlægning af to plejecentre",
        "organisation_id": landscape.lejre.pk, "organisation": "Lejre Kommune",
    }
    assert body["affected"] == {"parties": [], "groups": ["Medarbejdere"], "public": False}
    assert body["fair_process"]["engagement"] == {"invited": 1, "answered": 0, "share": 0.0, "public_responses": 0}
    # The invited person's address is theirs: it is counted, not given.
    assert "ansat@example.dk" not in str(body)
    listed = client_for(landscape, "observer").get(process_url(process)).json()
    assert [row["id"] for row in listed["results"]] == [decision.pk]


def test_a_token_reads_as_its_user(landscape, today):
    decision = in_hearing(landscape.coordinator, landscape.internal)
    _token, partner = token_create(actor=landscape.partner, name="BI", read_only=True)
    _token, outsider = token_create(actor=landscape.outsider, name="BI", read_only=True)
    url = detail_url(decision)
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {partner}").status_code == 200
    assert Client().get(url, HTTP_AUTHORIZATION=f"Bearer {outsider}").status_code == 404
    revoked = Client().get(url, HTTP_AUTHORIZATION="Bearer bbg_findes-ikke")
    assert (revoked.status_code, revoked["Content-Type"]) == (401, PROBLEM)


def test_reading_is_all_there_is(landscape, today):
    decision = in_hearing(landscape.coordinator, landscape.internal)
    client = client_for(landscape, "coordinator")
    for url in (detail_url(decision), list_url(landscape.internal)):
        response = client.post(url, {}, content_type="application/json")
        assert (response.status_code, response["Content-Type"]) == (405, PROBLEM)


def test_a_decision_that_does_not_exist_is_404(landscape, today):
    client = client_for(landscape, "staff")
    for pk in (0, 999_999_999_999_999_999):
        response = client.get(f"/api/v1/decisions/{pk}/")
        assert (response.status_code, response["Content-Type"]) == (404, PROBLEM), pk
    for path in ("abc", "1" * 19, "-1"):
        assert client.get(f"/api/v1/decisions/{path}/").status_code == 404, path


# --- What it says --------------------------------------------------------------------------------


def _communicated_with_voices(landscape):
    """A decision in the internal alliance: the company's response (partly agreeing), a
    citizen's who gave a name and an address (disagreeing), communicated with an expectation
    and corrected once."""
    alliance = landscape.internal
    decision = in_hearing(landscape.coordinator, alliance, question="Skal mælken leveres to gange om ugen?")
    party_response(landscape.partner, decision, company(landscape, alliance), stance=Stance.PARTLY, text="Kun om sommeren.")
    public_response(decision, stance=Stance.DISAGREE, text="Det er for dyrt.", name="Bo Borger", email="bo.borger@example.dk")
    decision = communicated(landscape.coordinator, decision)
    services.decision_correct(
        actor=landscape.coordinator, decision=decision, revision=decision.revision,
        outcome="Mælken leveres to gange om ugen fra marts.", reasons=decision.reasons, review_on=None,
        note="Datoen var forkert.", base_url=BASE_URL,
    )
    return refreshed(decision)


def test_a_decision_says_what_its_page_says(landscape, today):
    decision = _communicated_with_voices(landscape)
    score = selectors.fair_process(decision)

    body = client_for(landscape, "observer").get(detail_url(decision)).json()

    assert body["id"] == decision.pk
    assert (body["alliance"], body["change_process"]) == (landscape.internal.slug, None)
    assert (body["status"], body["status_label"], body["phase"]) == ("meddelt", "Meddelt", "etablering")
    assert body["question"] == "Skal mælken leveres to gange om ugen?"
    assert body["background"] == "Skolerne vil gerne have frisk mælk oftere."
    assert body["outcome"] == "Mælken leveres to gange om ugen fra marts."
    assert body["reasons"] == "Flere svar pegede på friskhed."
    assert body["affected"] == {
        "parties": [
            {"id": party.pk, "name": party.organisation.name}
            for party in Party.objects.filter(alliance=landscape.internal).order_by("organisation__name")
        ],
        "groups": [],
        "public": True,
    }
    hearing = body["hearing"]
    assert (hearing["level"], hearing["level_label"], hearing["is_public"]) == ("konsultation", "Konsultation", True)
    assert hearing["level_reason"] == "Vi vil gerne høre jer, før vi beslutter."
    assert (hearing["is_open"], hearing["invited"], hearing["responses"]) == (False, 3, 2)
    assert body["expectations"] == [
        {"action": "Aftal leveringsdage med skolerne.", "owner": "Lejre Kommune",
         "due_on": (today + datetime.timedelta(days=30)).isoformat(), "done_on": None}
    ]
    assert [(v["number"], v["note"]) for v in body["versions"]] == [(2, "Datoen var forkert."), (1, "")]
    assert body["decided_at"] and body["communicated_at"] and body["review_on"] is None

    figures = body["fair_process"]
    assert figures["engagement"] == {"invited": 3, "answered": 1, "share": 0.33, "public_responses": 1}
    assert figures["explanation"] == {"responses": 2, "answered": 2, "share": 1.0}
    assert figures["expectation_clarity"] == {"expectations": 1, "clear": 1, "share": 1.0}
    assert figures["speed"] == {
        "days_to_decision": score.days_to_decision, "days_to_first_action": 30, "first_action_done": False
    }
    assert figures["weak"] == []


def test_no_respondent_is_named(landscape, today):
    decision = _communicated_with_voices(landscape)
    for kind in ("coordinator", "staff", "observer"):
        text = client_for(landscape, kind).get(detail_url(decision)).content.decode()
        for personal in ("Bo Borger", "bo.borger@example.dk", "Partner Testesen", "partner@example.dk"):
            assert personal not in text, (kind, personal)
        listed = client_for(landscape, kind).get(list_url(landscape.internal)).content.decode()
        assert "Bo Borger" not in listed and "bo.borger@example.dk" not in listed


def test_felt_heard_is_split_by_stance_and_shown_only_behind_enough_answers(landscape, today, settings):
    settings.BROBYGGER_PRIVACY_THRESHOLD = 3
    decision = in_hearing(landscape.coordinator, landscape.internal)
    disagreeing = [public_response(decision, stance=Stance.DISAGREE) for _ in range(3)]
    agreeing = [public_response(decision, stance=Stance.AGREE) for _ in range(2)]
    decision = communicated(landscape.coordinator, decision)
    for response, value in zip(disagreeing + agreeing, [4, 4, 5, 2, 3], strict=True):
        services.felt_heard_save(response=response, value=value)

    felt = client_for(landscape, "observer").get(detail_url(decision)).json()["fair_process"]["felt_heard"]

    assert felt == {
        "agreeing": {"count": 2, "mean": None},
        "disagreeing": {"count": 3, "mean": 4.33},
        "threshold": 3,
    }
    listed = client_for(landscape, "observer").get(list_url(landscape.internal)).json()["results"]
    assert listed[0]["fair_process"]["felt_heard"] == felt


def test_weak_points_are_said_while_they_can_be_mended(landscape, today):
    decision = in_hearing(landscape.coordinator, landscape.internal)
    public_response(decision)
    decide(landscape.coordinator, decision)
    weak = client_for(landscape, "coordinator").get(detail_url(decision)).json()["fair_process"]["weak"]
    assert weak == ["1 høringssvar mangler et svar.", "Ingen forventning har både en ansvarlig og en dato."]


def test_a_hearing_reads_closed_once_its_deadline_has_passed(landscape, today, time_machine):
    decision = in_hearing(landscape.coordinator, landscape.internal, days=3)
    client = client_for(landscape, "observer")
    assert client.get(detail_url(decision)).json()["hearing"]["is_open"] is True
    time_machine.move_to(datetime.datetime(2026, 11, 27, 12, tzinfo=datetime.UTC))
    hearing = client.get(detail_url(decision)).json()["hearing"]
    assert (hearing["is_open"], hearing["last_day"]) == (False, "2026-11-26")


# --- Lists ----------------------------------------------------------------------------------------


def test_the_list_pages_filters_and_gives_each_decision_its_figures(landscape, today):
    alliance = landscape.internal
    coordinator = landscape.coordinator
    made = [in_hearing(coordinator, alliance, question=f"Spørgsmål {number}") for number in range(3)]
    party_response(landscape.partner, made[0], company(landscape, alliance))
    decide(coordinator, made[1])
    client = client_for(landscape, "partner")

    first = client.get(list_url(alliance, "?page_size=2")).json()
    assert first["count"] == 3 and first["previous"] is None and first["next"]
    assert [row["question"] for row in first["results"]] == ["Spørgsmål 2", "Spørgsmål 1"]
    second = client.get(first["next"]).json()
    assert [row["question"] for row in second["results"]] == ["Spørgsmål 0"]
    assert second["results"][0]["fair_process"]["engagement"]["answered"] == 1
    assert "background" not in second["results"][0] and "expectations" not in second["results"][0]

    decided = client.get(list_url(alliance, "?status=besluttet")).json()
    assert [row["id"] for row in decided["results"]] == [made[1].pk]
    assert decided["results"][0]["hearing"]["is_open"] is False

    wrong = client.get(list_url(alliance, "?status=afgjort"))
    assert (wrong.status_code, wrong["Content-Type"]) == (400, PROBLEM)
    assert wrong.json()["errors"][0]["field"] == "status"
    past = client.get(list_url(alliance, "?page=9"))
    assert (past.status_code, past["Content-Type"]) == (404, PROBLEM)


# --- Queries ----------------------------------------------------------------------------------


def _count(client, url) -> int:
    client.get(url)  # the session and the rate limit's counter are warm
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def _more_parties(landscape, alliance, count: int) -> None:
    for number in range(count):
        organisation = alliance_services.organisation_create(actor=None, name=f"Forening {number}", kind="forening")
        alliance_services.party_add(
            actor=landscape.coordinator, alliance=alliance, organisation=organisation, role_description="Er med."
        )


def test_the_queries_do_not_grow_with_the_data(landscape, today, django_assert_max_num_queries):
    alliance = landscape.internal
    coordinator = landscape.coordinator
    small = in_hearing(coordinator, alliance, question="Lille")
    public_response(small)
    small = communicated(coordinator, small)
    client = client_for(landscape, "observer")
    few_detail, few_list = _count(client, detail_url(small)), _count(client, list_url(alliance))

    # A decision affecting more parties, with more responses, expectations and versions, and
    # more decisions beside it.
    _more_parties(landscape, alliance, 4)
    big = in_hearing(coordinator, alliance, question="Stor")
    party_response(landscape.partner, big, company(landscape, alliance))
    for number in range(8):
        public_response(big, stance=Stance.DISAGREE if number % 2 else Stance.AGREE, text=f"Svar {number}")
    big = decide(coordinator, big)
    answer_all(coordinator, big)
    for number in range(5):
        services.expectation_create(actor=coordinator, decision=refreshed(big), action=f"Handling {number}")
    expect(coordinator, big)
    big = services.decision_communicate(actor=coordinator, decision=refreshed(big), base_url=BASE_URL)
    services.decision_correct(
        actor=coordinator, decision=big, revision=big.revision, outcome="Rettet.", reasons=big.reasons,
        review_on=None, note="Rettet.", base_url=BASE_URL,
    )
    for number in range(4):
        other = in_hearing(coordinator, alliance, question=f"Flere {number}")
        public_response(other)
        if number % 2:
            decide(coordinator, other)
    assert Response.objects.filter(hearing__decision__alliance=alliance).count() == 14

    with django_assert_max_num_queries(few_detail):
        body = client.get(detail_url(big)).json()
    assert (len(body["affected"]["parties"]), len(body["expectations"]), len(body["versions"])) == (7, 6, 2)
    assert body["fair_process"]["explanation"] == {"responses": 9, "answered": 9, "share": 1.0}
    # Read once first, as `_count` did: the page of decisions is kept (registry.alliance_fragments).
    assert client.get(list_url(alliance)).status_code == 200
    with django_assert_max_num_queries(few_list):
        listed = client.get(list_url(alliance)).json()
    assert listed["count"] == 6


@pytest.mark.parametrize("first_reader", ["coordinator", "observer"])
def test_a_kept_page_of_decisions_shows_a_change_at_once_and_drafts_only_to_those_who_run_them(landscape, today, first_reader):
    alliance = landscape.internal
    in_hearing(landscape.coordinator, alliance, question="I høring")
    draft(landscape.coordinator, alliance, question="Kladden")
    questions = {}
    for reader in [first_reader, *({"coordinator", "observer"} - {first_reader})]:
        client = client_for(landscape, reader)
        questions[reader] = [row["question"] for row in client.get(list_url(alliance)).json()["results"]]
    assert "Kladden" in questions["coordinator"] and "Kladden" not in questions["observer"]
    in_hearing(landscape.coordinator, alliance, question="Den nye")
    listed = client_for(landscape, "observer").get(list_url(alliance)).json()
    assert listed["count"] == 2 and "Den nye" in [row["question"] for row in listed["results"]]
