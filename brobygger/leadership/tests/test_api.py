"""The leadership capability in the JSON API: the role plan (read by the alliance's members and
staff, kept one phase × role at a time by its coordinators, top leaders and staff through the
page's service), the caller's own self-assessments and a team's profile in bands."""

import pytest
from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brobygger.alliances.models import Membership, Phase
from brobygger.api.services import token_create
from brobygger.core.models import AuditRecord
from brobygger.leadership import services
from brobygger.leadership.dimensions import Dimension, Role
from brobygger.leadership.models import Assessment, RoleAssignment, RolePlanCell, Team, TeamKind
from brobygger.leadership.tests.test_role_plan import top_leader
from brobygger.leadership.tests.test_self_assessment import answers, scoring
from brobygger.testing.audit import records_of
from conftest import make_user

PROBLEM = "application/problem+json"
DENIED = "Kun alliancens koordinatorer og topledere kan ændre rolleplanen."
READERS = {"observer", "partner", "coordinator", "staff"}
NOT_READERS = {"anonymous", "outsider", "company_outsider", "public_employee"}
VISIBILITIES = ("public", "internal", "private")
THRESHOLD = settings.BROBYGGER_PRIVACY_THRESHOLD


def client_for(landscape, kind: str) -> Client:
    client = Client()
    if kind != "anonymous":
        client.force_login(getattr(landscape, kind))
    return client


def plan_url(alliance) -> str:
    return reverse("api:role_plan", kwargs={"slug": alliance.slug})


def cell_url(alliance, phase=Phase.IDEA, role=Role.MEDSPILLER) -> str:
    return reverse(
        "api:role_plan_cell", kwargs={"slug": alliance.slug, "phase": phase, "role": role}
    )


def put(client, url, body, **headers):
    return client.put(url, body, content_type="application/json", **headers)


def membership(alliance, user) -> Membership:
    return Membership.objects.get(alliance=alliance, user=user)


def plan_rows():
    return {
        "cells": list(RolePlanCell.objects.order_by("pk").values()),
        "assignments": list(RoleAssignment.objects.order_by("pk").values()),
        "records": AuditRecord.objects.count(),
    }


def test_urls_are_where_clients_expect_them():
    assert reverse("api:role_plan", kwargs={"slug": "x"}) == "/api/v1/alliances/x/role-plan/"
    assert (
        reverse("api:role_plan_cell", kwargs={"slug": "x", "phase": "ide", "role": "designer"})
        == "/api/v1/alliances/x/role-plan/ide/designer/"
    )
    assert reverse("api:my_self_assessments") == "/api/v1/me/self-assessments/"
    assert reverse("api:team_profile", kwargs={"team_id": 7}) == "/api/v1/teams/7/profile/"


# --- Reading the role plan ----------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize("visibility", VISIBILITIES)
@pytest.mark.parametrize("kind", sorted(READERS | NOT_READERS))
def test_members_and_staff_read_the_plan_everyone_else_gets_404(landscape, kind, visibility):
    """As on the page: the plan names people, so it is for the alliance's members and staff,
    even on a public alliance. Everyone else, anonymous included, gets the 404 of an alliance
    that does not exist, without the alliance's title."""
    alliance = getattr(landscape, visibility)
    client = client_for(landscape, kind)
    for url in (plan_url(alliance), cell_url(alliance)):
        response = client.get(url)
        if kind in READERS:
            assert response.status_code == 200, (kind, url)
            assert response["Content-Type"] == "application/json"
        else:
            assert response.status_code == 404, (kind, url)
            assert response["Content-Type"] == PROBLEM
            assert response.json() == client.get(url.replace(alliance.slug, "findes-ikke")).json()
            assert alliance.title not in response.content.decode()


def test_the_plan_has_every_phase_and_role_in_order_with_leaders_suggestions_and_gaps(landscape):
    alliance = landscape.public
    assert alliance.phase == Phase.IDEA
    partner = membership(alliance, landscape.partner)
    services.role_plan_cell_update(
        actor=landscape.coordinator,
        alliance=alliance,
        phase=Phase.IDEA,
        role=Role.MEDSPILLER,
        leaders=[partner],
        needed=None,
    )
    body = client_for(landscape, "observer").get(plan_url(alliance)).json()

    assert (body["alliance"], body["current_phase"], body["next_phase"]) == (
        alliance.slug,
        "ide",
        "afklaring",
    )
    assert [row["phase"] for row in body["phases"]] == list(Phase.values)
    assert [row["label"] for row in body["phases"]][:2] == ["Idé", "Afklaring"]
    assert [(row["is_current"], row["is_next"]) for row in body["phases"][:3]] == [
        (True, False),
        (False, True),
        (False, False),
    ]
    for row in body["phases"]:
        assert [cell["role"] for cell in row["roles"]] == list(Role.values)
    idea = {cell["role"]: cell for cell in body["phases"][0]["roles"]}
    assert idea["medspiller"] == {
        "role": "medspiller",
        "label": "Medspilleren",
        "needed": True,
        "own_say": False,
        "reason": "Idéen skal have indhold: en leder, der selv byder ind med viden og forslag.",
        "reason_is_suggestion": True,
        "gap": False,
        "gap_note": "",
        "leaders": [
            {"membership": partner.pk, "name": "Partner Testesen", "organisation": "Mejeriet A/S"}
        ],
    }
    # Suggested for the idea phase without a leader: a gap. Not suggested: neither.
    assert (idea["brobygger"]["needed"], idea["brobygger"]["gap"]) == (True, True)
    assert (idea["designer"]["needed"], idea["designer"]["gap"], idea["designer"]["reason"]) == (
        False,
        False,
        "",
    )
    # Gaps only in the current and the next phase.
    later = {cell["role"]: cell for cell in body["phases"][3]["roles"]}
    assert later["styrmand"]["needed"] and not later["styrmand"]["gap"]


def test_the_labels_follow_the_request_language(landscape):
    body = (
        client_for(landscape, "observer")
        .get(plan_url(landscape.public), HTTP_ACCEPT_LANGUAGE="en")
        .json()
    )
    idea = body["phases"][0]
    # The keys stay; the labels are the request's language.
    assert (idea["phase"], idea["label"]) == ("ide", "Idea")
    assert idea["roles"][0]["role"] == "medspiller"


def test_the_plan_costs_the_same_queries_for_few_and_many_leaders(landscape):
    alliance = landscape.public
    client = client_for(landscape, "observer")

    def count() -> int:
        client.get(plan_url(alliance))  # the session is loaded once
        with CaptureQueriesContext(connection) as queries:
            assert client.get(plan_url(alliance)).status_code == 200
        return len(queries)

    few = count()
    leaders = [membership(alliance, landscape.partner)]
    for index in range(8):
        user = make_user(f"leder{index}", landscape.lejre)
        leaders.append(top_leader_membership(landscape, alliance, user))
    for phase in Phase.values[:3]:
        for role in Role.values:
            services.role_plan_cell_update(
                actor=landscape.coordinator,
                alliance=alliance,
                phase=phase,
                role=role,
                leaders=leaders,
                needed=True,
            )
    assert count() == few


def top_leader_membership(landscape, alliance, user) -> Membership:
    from brobygger.alliances import services as alliance_services
    from brobygger.alliances.models import MemberRole, Party

    party = Party.objects.get(alliance=alliance, organisation=landscape.lejre)
    return alliance_services.membership_add(
        actor=landscape.coordinator,
        alliance=alliance,
        user=user,
        role=MemberRole.TOP_LEADER,
        party=party,
    )


# --- Keeping the role plan ----------------------------------------------------------------------


def test_a_coordinator_puts_a_cell_and_it_leaves_one_record(landscape):
    alliance = landscape.public
    partner = membership(alliance, landscape.partner)
    coordinator = membership(alliance, landscape.coordinator)
    body = {
        "leaders": [partner.pk, coordinator.pk],
        "needed": False,
        "reason": " Vi har en anden vej. ",
    }

    response = put(
        client_for(landscape, "coordinator"), cell_url(alliance, Phase.IDEA, Role.BROBYGGER), body
    )

    assert response.status_code == 200
    assert response.json() == {
        "phase": "ide",
        "role": "brobygger",
        "label": "Brobyggeren",
        "needed": False,
        "own_say": True,
        "reason": "Vi har en anden vej.",
        "reason_is_suggestion": False,
        "gap": False,
        "gap_note": "",
        "leaders": [
            {
                "membership": coordinator.pk,
                "name": "Koordinator Testesen",
                "organisation": "Lejre Kommune",
            },
            {"membership": partner.pk, "name": "Partner Testesen", "organisation": "Mejeriet A/S"},
        ],
    }
    cell = RolePlanCell.objects.get(alliance=alliance, phase=Phase.IDEA, role=Role.BROBYGGER)
    assert (cell.needed, cell.reason) == (False, "Vi har en anden vej.")
    assert set(cell.assignments.values_list("membership_id", flat=True)) == {
        partner.pk,
        coordinator.pk,
    }
    record = records_of(cell).get()
    assert record.actor == landscape.coordinator
    assert record.alliance_id == alliance.pk
    assert record.changes["leaders"] == [None, "Koordinator Testesen, Partner Testesen"]
    # The plan shows it; the same body again changes nothing and writes nothing.
    plan = client_for(landscape, "observer").get(plan_url(alliance)).json()
    assert plan["phases"][0]["roles"][2] == {
        key: value for key, value in response.json().items() if key != "phase"
    }
    again = put(
        client_for(landscape, "coordinator"), cell_url(alliance, Phase.IDEA, Role.BROBYGGER), body
    )
    assert again.json() == response.json()
    assert records_of(cell).count() == 1
    # Emptied: back to Brobygger's suggestion, a gap again.
    emptied = put(
        client_for(landscape, "staff"),
        cell_url(alliance, Phase.IDEA, Role.BROBYGGER),
        {"leaders": [], "needed": None},
    ).json()
    assert (emptied["leaders"], emptied["needed"], emptied["own_say"], emptied["gap"]) == (
        [],
        True,
        False,
        True,
    )
    assert emptied["reason_is_suggestion"] is True
    assert records_of(cell).count() == 2


def test_a_top_leader_keeps_the_plan_with_a_token(landscape):
    alliance = landscape.public
    leader = top_leader(landscape, alliance)
    _token, secret = token_create(actor=leader, name="Plan", read_only=False)
    _reader, read_secret = token_create(actor=leader, name="Læser", read_only=True)
    body = {"leaders": [membership(alliance, leader).pk], "needed": True}
    before = plan_rows()

    refused = put(Client(), cell_url(alliance), body, HTTP_AUTHORIZATION=f"Bearer {read_secret}")
    assert (refused.status_code, refused["Content-Type"]) == (403, PROBLEM)
    assert plan_rows() == before

    response = put(Client(), cell_url(alliance), body, HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 200
    assert [leader_["name"] for leader_ in response.json()["leaders"]] == ["Topleder Testesen"]
    assert records_of(RolePlanCell.objects.get()).get().actor == leader


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_who_may_not_keep_the_plan_changes_nothing(landscape, visibility):
    """Anonymous: 401 asking for a token. Those who may not read the plan: 404. Members who
    may not change it: 403 with the rule's reason."""
    alliance = getattr(landscape, visibility)
    body = {
        "leaders": [membership(alliance, landscape.partner).pk],
        "needed": True,
        "reason": "Fordi.",
    }
    before = plan_rows()

    response = put(Client(), cell_url(alliance), body)
    assert (response.status_code, response["Content-Type"]) == (401, PROBLEM)
    assert response["WWW-Authenticate"].startswith("Bearer")
    for kind in ("outsider", "company_outsider", "public_employee"):
        response = put(client_for(landscape, kind), cell_url(alliance), body)
        assert (response.status_code, response["Content-Type"]) == (404, PROBLEM), kind
        assert alliance.title not in response.content.decode()
    for kind in ("observer", "partner"):
        response = put(client_for(landscape, kind), cell_url(alliance), body)
        assert (response.status_code, response["Content-Type"]) == (403, PROBLEM), kind
        assert response.json()["detail"] == DENIED
    assert plan_rows() == before


def test_an_unknown_phase_or_role_is_404(landscape):
    alliance = landscape.public
    client = client_for(landscape, "coordinator")
    body = {"leaders": [], "needed": True}
    for phase, role in (("foraar", Role.DESIGNER), (Phase.IDEA, "helten"), ("IDE", "Designer")):
        url = cell_url(alliance, phase, role)
        assert put(client, url, body).status_code == 404
        assert client.get(url).status_code == 404
    assert not RolePlanCell.objects.exists()


def test_a_leader_from_outside_the_alliance_is_a_400_and_saves_nothing(landscape):
    alliance = landscape.public
    client = client_for(landscape, "coordinator")
    coordinator = membership(alliance, landscape.coordinator)
    put(
        client, cell_url(alliance), {"leaders": [coordinator.pk], "needed": True, "reason": "Kort."}
    )
    before = plan_rows()
    elsewhere = membership(landscape.internal, landscape.partner)

    foreign = put(
        client, cell_url(alliance), {"leaders": [coordinator.pk, elsewhere.pk], "needed": False}
    )
    made_up = put(
        client, cell_url(alliance), {"leaders": [coordinator.pk, 987654], "needed": False}
    )

    assert foreign.status_code == made_up.status_code == 400
    assert foreign["Content-Type"] == PROBLEM
    assert foreign.json() == made_up.json()
    assert [error["field"] for error in foreign.json()["errors"]] == ["leaders"]
    assert plan_rows() == before


@pytest.mark.parametrize(
    "body, field",
    [
        ({"leaders": [], "needed": True, "reason": "x" * 301}, "reason"),
        ({"leaders": ["en"], "needed": True}, "leaders.0"),
        ({"leaders": [], "needed": "måske"}, "needed"),
        ({"needed": True}, "leaders"),
        ({"leaders": []}, "needed"),
        ({"leaders": [], "needed": True, "begrundelse": "Stavet forkert."}, "begrundelse"),
    ],
)
def test_a_wrong_body_is_a_400_naming_the_field_and_saves_nothing(landscape, body, field):
    alliance = landscape.public
    client = client_for(landscape, "coordinator")
    put(
        client,
        cell_url(alliance),
        {"leaders": [membership(alliance, landscape.partner).pk], "needed": True},
    )
    before = plan_rows()

    response = put(client, cell_url(alliance), body)

    assert (response.status_code, response["Content-Type"]) == (400, PROBLEM)
    assert field in [error["field"] for error in response.json()["errors"]]
    assert plan_rows() == before


def test_a_reason_of_300_characters_is_fine(landscape):
    response = put(
        client_for(landscape, "coordinator"),
        cell_url(landscape.public),
        {"leaders": [], "needed": True, "reason": "x" * 300},
    )
    assert response.status_code == 200
    assert response.json()["reason"] == "x" * 300


# --- Self-assessments ---------------------------------------------------------------------------


def my_assessments(client) -> list[dict]:
    response = client.get(reverse("api:my_self_assessments"))
    assert response.status_code == 200
    return response.json()["results"]


def test_anonymous_gets_401_for_their_self_assessments(db):
    response = Client().get(reverse("api:my_self_assessments"))
    assert (response.status_code, response["Content-Type"]) == (401, PROBLEM)
    assert response["WWW-Authenticate"].startswith("Bearer")


def test_the_caller_reads_only_their_own_completed_assessments_newest_first(landscape, today):
    import time_machine

    coordinator, partner = landscape.coordinator, landscape.partner
    with time_machine.travel("2026-10-01 10:00Z", tick=False):
        first = services.assessment_save(actor=coordinator, answers=answers(3), complete=True)
    second = services.assessment_save(
        actor=coordinator, answers=scoring(strong=(Dimension.DESIGNER,)), complete=True
    )
    services.assessment_save(actor=coordinator, answers={}, complete=False)  # a draft: not listed
    theirs = services.assessment_save(actor=partner, answers=answers(5), complete=True)

    mine = my_assessments(client_for(landscape, "coordinator"))

    assert [row["id"] for row in mine] == [second.pk, first.pk]
    assert mine[0]["version"] == second.version
    assert mine[0]["completed_at"] == "2026-11-23T13:00:00+01:00"
    assert set(mine[0]["scores"]) == set(Dimension.values)
    assert mine[0]["scores"]["designer"] == 100 and mine[0]["scores"]["medspiller"] == 0
    assert mine[1]["scores"] == dict.fromkeys(Dimension.values, 50)
    # Someone else's never: not the partner's for the coordinator, nobody's for staff.
    assert theirs.pk not in {row["id"] for row in mine}
    assert [row["id"] for row in my_assessments(client_for(landscape, "partner"))] == [theirs.pk]
    assert my_assessments(client_for(landscape, "staff")) == []
    assert Assessment.objects.count() == 4


def test_a_token_reads_its_users_assessments(landscape):
    done = services.assessment_save(actor=landscape.partner, answers=answers(4), complete=True)
    _token, secret = token_create(actor=landscape.partner, name="Læser", read_only=True)
    response = Client().get(
        reverse("api:my_self_assessments"), HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert [row["id"] for row in response.json()["results"]] == [done.pk]


# --- Team profiles ------------------------------------------------------------------------------


def profile_url(team) -> str:
    return reverse("api:team_profile", kwargs={"team_id": team.pk})


def fresh(team) -> Team:
    return Team.objects.get(pk=team.pk)


def lejre_team(landscape, size: int):
    """The coordinator's team of Lejre Kommune with `size - 1` colleagues, each assessed
    (the coordinator strong as Designer, the others as Medspiller) and none sharing yet."""
    coordinator = landscape.coordinator
    team = services.team_create(
        actor=coordinator,
        name="Direktionen",
        kind=TeamKind.ORGANISATION,
        organisation=landscape.lejre,
    )
    people = [coordinator]
    for index in range(1, size):
        colleague = make_user(f"direktoer{index}", landscape.lejre)
        services.team_invite(actor=coordinator, team=fresh(team), user=colleague)
        services.team_answer(actor=colleague, team=fresh(team), accept=True)
        people.append(colleague)
    for person in people:
        strong = (Dimension.DESIGNER,) if person == coordinator else (Dimension.MEDSPILLER,)
        services.assessment_save(actor=person, answers=scoring(strong=strong), complete=True)
    return team, people


def share(team, person) -> None:
    services.team_set_sharing(actor=person, team=fresh(team), shares=True)


def test_the_team_profile_is_hidden_below_the_threshold_and_shown_in_bands_at_it(landscape):
    team, people = lejre_team(landscape, THRESHOLD)
    client = client_for(landscape, "coordinator")
    for person in people[:-1]:
        share(team, person)

    hidden = client.get(profile_url(team))
    assert hidden.status_code == 200
    assert hidden.json() == {
        "team": {"id": team.pk, "name": "Direktionen", "kind": "organisation"},
        "counting": THRESHOLD - 1,
        "threshold": THRESHOLD,
        "shown": False,
        "withheld": "below_threshold",
        "bands": None,
        "computed_at": None,
    }

    share(team, people[-1])
    body = client.get(profile_url(team)).json()
    assert (body["shown"], body["withheld"], body["counting"]) == (True, "", THRESHOLD)
    assert body["computed_at"] is not None
    assert set(body["bands"]) == set(Dimension.values)
    assert body["bands"]["medspiller"] == "covered"
    assert body["bands"]["designer"] == "thin"
    assert body["bands"]["brobygger"] == "missing"
    # Never per person: no one's name, no score.
    text = client.get(profile_url(team)).content.decode()
    for person in people:
        assert person.get_full_name() not in text
    assert "score" not in text


def test_a_withdrawn_profile_says_so(landscape):
    team, people = lejre_team(landscape, THRESHOLD + 1)
    for person in people:
        share(team, person)
    services.team_set_sharing(actor=people[1], team=fresh(team), shares=False)
    body = client_for(landscape, "coordinator").get(profile_url(team)).json()
    assert (body["shown"], body["withheld"], body["bands"]) == (False, "withdrawn", None)


def test_only_the_teams_members_read_its_profile(landscape):
    team, people = lejre_team(landscape, 2)
    invited = make_user("inviteret", landscape.lejre)
    services.team_invite(actor=landscape.coordinator, team=fresh(team), user=invited)
    member = Client()
    member.force_login(people[1])
    assert member.get(profile_url(team)).status_code == 200
    for kind in ("anonymous", "observer", "partner", "public_employee", "outsider", "staff"):
        response = client_for(landscape, kind).get(profile_url(team))
        assert (response.status_code, response["Content-Type"]) == (404, PROBLEM), kind
        assert "Direktionen" not in response.content.decode()
    someone_invited = Client()
    someone_invited.force_login(invited)
    assert someone_invited.get(profile_url(team)).status_code == 404
    missing = client_for(landscape, "coordinator").get(
        reverse("api:team_profile", kwargs={"team_id": 987654})
    )
    assert missing.status_code == 404


def test_an_alliance_team_profile_names_its_kind(landscape):
    team = services.team_create(
        actor=landscape.partner,
        name="Mælkeholdet",
        kind=TeamKind.ALLIANCE,
        alliance=landscape.public,
    )
    body = client_for(landscape, "partner").get(profile_url(team)).json()
    assert body["team"] == {"id": team.pk, "name": "Mælkeholdet", "kind": "alliance"}
