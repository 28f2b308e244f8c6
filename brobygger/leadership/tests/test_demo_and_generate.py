"""The leadership capability's share of `brobygger demo` and `brobygger generate`."""

import datetime
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db.models import F

from brobygger.accounts.models import User
from brobygger.alliances.models import Alliance, MemberRole, Membership
from brobygger.core import registry
from brobygger.core.models import AuditRecord
from brobygger.leadership import instrument, selectors
from brobygger.leadership.dimensions import Dimension, Role
from brobygger.leadership.models import (
    Answer,
    Assessment,
    DimensionScore,
    RoleAssignment,
    RolePlanCell,
    RolePlanSnapshot,
    Team,
    TeamKind,
    TeamMember,
    TeamMemberStatus,
)


def demo() -> str:
    out = StringIO()
    call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(today, db):
    return demo()


def counts() -> dict:
    models = (RolePlanCell, RoleAssignment, RolePlanSnapshot, Assessment, Answer, Team, TeamMember, User, Membership)
    return {model.__name__: model.objects.count() for model in models}


def test_the_coordinators_front_page_shows_a_role_plan_gap(loaded, client, today):
    koordinator = User.objects.get(username="koordinator")
    items = [item for item in registry.attention_items(koordinator, day=today) if "Rolleplanen" in item.message]
    milk = Alliance.objects.get(title__startswith="Økologisk mælk")
    assert any(item.subject.get_absolute_url() == milk.get_absolute_url() and "Brobyggeren" in item.message for item in items)
    client.force_login(koordinator)
    assert "Rolleplanen mangler Brobyggeren" in client.get("/").content.decode()


def test_the_top_leader_sees_that_the_lead_organisation_has_no_styrmand(loaded, today):
    topleder = User.objects.get(username="topleder")
    telemedicine = Alliance.objects.select_related("lead_organisation").get(title__startswith="Telemedicin")
    assert selectors.current_gaps([telemedicine])[telemedicine.pk] == [Role.STYRMAND]
    plan = selectors.role_plan(alliance=telemedicine)
    assert plan.cell("etablering", Role.STYRMAND).gap_note
    # The alliance's own say: Oversætteren is not needed now, with its reason.
    own = plan.cell("etablering", Role.OVERSAETTER)
    assert own.own_say and not own.needed and own.reason and not own.reason_is_suggestion
    assert any("Telemedicin" in str(item.subject) for item in selectors.attention_items(topleder, day=today))


def test_the_role_plans_name_leaders_from_several_parties(loaded):
    with_plans = Alliance.objects.filter(role_plan_cells__isnull=False).distinct().count()
    assert with_plans > Alliance.objects.count() / 2
    milk = Alliance.objects.get(title__startswith="Økologisk mælk")
    organisations = set(
        RoleAssignment.objects.filter(cell__alliance=milk).values_list("membership__party__organisation", flat=True)
    )
    assert len(organisations) >= 2
    roles = set(RoleAssignment.objects.filter(cell__alliance=milk).values_list("membership__role", flat=True))
    assert {MemberRole.COORDINATOR, MemberRole.TOP_LEADER, MemberRole.PARTNER} <= roles
    assert RolePlanCell.objects.filter(alliance=milk, needed=True).exclude(reason="").exists()


def test_a_phase_change_after_the_plan_was_written_keeps_it_in_the_history(loaded):
    silkeborg = Alliance.objects.get(title__startswith="Fællesspisning")
    assert silkeborg.phase == "evaluering"
    snapshot = RolePlanSnapshot.objects.get(alliance=silkeborg, phase_change__to_phase="evaluering")
    names = {leader["name"] for cell in snapshot.cells for leader in cell["leaders"]}
    assert {"Karen Mikkelsen", "Bente Laursen"} <= names


def test_the_top_leader_has_a_trend_and_a_clear_profile(loaded, today):
    topleder = User.objects.get(username="topleder")
    completed = selectors.completed_assessments(topleder)
    assert len(completed) == 2
    assert completed[0].version == completed[1].version
    assert completed[0].completed_at - completed[1].completed_at > datetime.timedelta(days=90)
    assert completed[0].completed_at.date() < today
    assert len(set(selectors.answers_of(completed[0]).values())) > 2
    profile = selectors.profile(assessment=completed[0], user=topleder)
    assert profile.previous == completed[1]
    scores = sorted(line.score for line in profile.roles)
    assert scores[-1] > scores[-2] and scores[0] < scores[1]
    assert {(r.dimension, r.strongest) for r in profile.reflections} == {
        (Dimension.STYRMAND, True),
        (Dimension.MEDSPILLER, False),
    }
    assert len(selectors.completed_assessments(User.objects.get(username="koordinator"))) == 1
    assert selectors.draft_of(User.objects.get(username="partner")) is not None


def test_the_top_management_team_shows_its_bands(loaded):
    topleder = User.objects.get(username="topleder")
    team = Team.objects.get(kind=TeamKind.ORGANISATION, members__user=topleder)
    shown = selectors.team_profile(team=selectors.team_for(topleder, team.pk), user=topleder)
    assert shown.bands is not None and shown.counting >= 3
    assert set(shown.bands.values()) == {selectors.Band.COVERED, selectors.Band.THIN, selectors.Band.MISSING}
    assert shown.plan_gaps


def test_the_top_leader_has_an_open_invitation_to_an_alliance_team(loaded):
    topleder = User.objects.get(username="topleder")
    invitation = TeamMember.objects.get(user=topleder, status=TeamMemberStatus.INVITED)
    assert invitation.team.kind == TeamKind.ALLIANCE
    assert selectors.account_section(topleder)["team_invitations"] == 1


def test_everything_is_written_through_the_services(loaded):
    """Every cell, assessment, team and invitation has its audit records (a team's first
    member comes with the team's); an assessment's are restricted."""
    invited = TeamMember.objects.exclude(user=F("team__created_by"))
    for model, rows in ((RolePlanCell, RolePlanCell.objects), (Assessment, Assessment.objects), (Team, Team.objects), (TeamMember, invited)):
        ids = set(rows.values_list("pk", flat=True))
        recorded = set(
            AuditRecord.objects.filter(content_type__model=model._meta.model_name).values_list("object_id", flat=True)
        )
        assert ids <= recorded, model
    assert not AuditRecord.objects.filter(content_type__model="assessment", restricted=False).exists()


def test_a_second_run_adds_nothing(loaded):
    first = counts()
    demo()
    assert counts() == first


# --- generate -------------------------------------------------------------------------------------


@pytest.mark.django_db
def test_a_generated_country_has_role_plans_and_assessments_whose_scores_follow_the_answers():
    call_command("generate", "--scale", "small", "--seed", "3", stdout=StringIO())
    alliances = Alliance.objects.count()
    planned = Alliance.objects.filter(role_plan_cells__isnull=False).distinct().count()
    assert alliances / 4 < planned < alliances
    assert RoleAssignment.objects.exists()
    # Leaders are members of the cell's alliance.
    assert not RoleAssignment.objects.exclude(membership__alliance=F("cell__alliance")).exists()
    assert AuditRecord.objects.filter(content_type__model="roleplancell").count() == RolePlanCell.objects.count()

    assessed = Assessment.objects.values("user").distinct().count()
    assert User.objects.count() / 10 < assessed < User.objects.count()
    assert not Assessment.objects.filter(completed_at__isnull=True).exists()
    assert (
        AuditRecord.objects.filter(content_type__model="assessment", restricted=True).count()
        == Assessment.objects.count()
    )
    answers: dict[int, dict[str, int]] = defaultdict(dict)
    for assessment, statement, value in Answer.objects.values_list("assessment", "statement", "value"):
        answers[assessment][statement] = value
    stored: dict[int, dict[str, int]] = defaultdict(dict)
    for assessment, dimension, score in DimensionScore.objects.values_list("assessment", "dimension", "score"):
        stored[assessment][dimension] = score
    versions = dict(Assessment.objects.values_list("pk", "version"))
    assert set(answers) == set(stored) == set(versions)
    for pk, version in versions.items():
        assert stored[pk] == instrument.scores(version, answers[pk])
    assert len({tuple(sorted(s.items())) for s in stored.values()}) > len(stored) / 2
