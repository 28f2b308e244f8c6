"""The leadership capability's part of the permission matrix (registered in apps.py).

The role plan names people: members and staff read it, coordinators and staff keep it (the
alliance's top leaders too, tested in test_pages.py: the matrix has no top leader). A
self-assessment and a team are their people's alone: everyone else gets a 404, staff too.
`extend_world` gives each alliance a filled cell, a phase change with its saved plan, and the
coordinator a completed self-assessment and a team of their own.
"""

from django.urls import reverse
from django.utils import timezone

from brobygger.alliances.models import Membership, PhaseChange
from brobygger.alliances.tests.matrix import MEMBERS, ON_ALLIANCES, World, alliance_url
from brobygger.leadership import instrument, services
from brobygger.leadership.dimensions import Role
from brobygger.leadership.models import RoleAssignment, TeamKind, TeamMember
from brobygger.testing.matrix import (
    ANONYMOUS,
    DONE,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    VISIBILITIES,
    Expect,
    PostRoute,
    Route,
    forbidden,
    needs_login,
)

from .matrix_api import API_GET_ROUTES, API_POST_ROUTES, extend_world_api

READS_PLAN = MEMBERS | {"staff"}
KEEPS_PLAN = {"coordinator", "staff"}
PLAN_DENIED = "Kun alliancens koordinatorer og topledere kan ændre rolleplanen."


def read_plan(kind: str, visibility: str) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    return OK if kind in READS_PLAN else NOT_FOUND


def change_plan(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in READS_PLAN:
        return NOT_FOUND
    return allowed if kind in KEEPS_PLAN else forbidden(PLAN_DENIED)


def coordinators_own(allowed: Expect = OK):
    """The coordinator's self-assessment or team: nobody else's, staff included."""

    def expect(kind: str, subject: str) -> Expect:
        if kind == ANONYMOUS:
            return LOGIN
        return allowed if kind == "coordinator" else NOT_FOUND

    return expect


def observers_invitation(kind: str, subject: str) -> Expect:
    """Only the invited person answers an invitation; for everyone else there is none."""
    if kind == ANONYMOUS:
        return LOGIN
    return DONE if kind == "observer" else NOT_FOUND


def post_only(kind: str, subject: str) -> Expect:
    return LOGIN if kind == ANONYMOUS else NOT_ALLOWED


# --- The world --------------------------------------------------------------------------------


def extend_world(world: World) -> None:
    landscape = world.landscape
    snapshots = {}
    for visibility in VISIBILITIES:
        alliance = world.alliance(visibility)
        partner = Membership.objects.get(alliance=alliance, user=landscape.partner)
        services.role_plan_cell_update(
            actor=landscape.coordinator,
            alliance=alliance,
            phase=alliance.phase,
            role=Role.FORTAELLER,
            leaders=[partner],
            needed=None,
        )
        change = PhaseChange.objects.create(
            alliance=alliance, from_phase="", to_phase=alliance.phase, changed_at=timezone.now()
        )
        snapshots[visibility] = services.role_plan_snapshot_take(
            actor=landscape.coordinator, alliance=alliance, change=change
        )
    coordinator = landscape.coordinator
    answers = {statement.key: 4 for statement in instrument.statements(instrument.current_version())}
    assessment = services.assessment_save(actor=coordinator, answers=answers, complete=True)
    team = services.team_create(
        actor=coordinator, name="Direktionen", kind=TeamKind.ORGANISATION, organisation=landscape.lejre
    )
    # The observer (also of Lejre Kommune) is invited and has not answered.
    services.team_invite(actor=coordinator, team=team, user=landscape.observer)
    world.extras["leadership"] = {"snapshots": snapshots, "assessment": assessment, "team": team}
    extend_world_api(world)


def _extras(world: World) -> dict:
    return world.extras["leadership"]


def _snapshot_id(world: World, visibility: str) -> int:
    return _extras(world)["snapshots"][visibility].pk


def _assessment_url(name: str):
    return lambda world, subject: reverse(name, kwargs={"assessment_id": _extras(world)["assessment"].pk})


def _team_url(name: str):
    return lambda world, subject: reverse(name, kwargs={"team_id": _extras(world)["team"].pk})


def _cell_url(world: World, visibility: str) -> str:
    alliance = world.alliance(visibility)
    return reverse(
        "leadership:cell_edit", kwargs={"slug": alliance.slug, "phase": alliance.phase, "role": Role.OVERSAETTER}
    )


def _plan_url(world: World, visibility: str) -> str:
    alliance = world.alliance(visibility)
    return reverse("leadership:plan", kwargs={"slug": alliance.slug}) + f"#fase-{alliance.phase}"


def _cell_leaders(world: World, visibility: str):
    alliance = world.alliance(visibility)
    return sorted(
        RoleAssignment.objects.filter(
            cell__alliance=alliance, cell__phase=alliance.phase, cell__role=Role.OVERSAETTER
        ).values_list("membership__user__username", flat=True)
    )


def _cell_data(world: World, visibility: str) -> dict:
    coordinator = Membership.objects.get(alliance=world.alliance(visibility), user=world.landscape.coordinator)
    return {"leaders": [coordinator.pk], "needed": "ja", "reason": "Byrådet skal beslutte at fortsætte."}


def _team_places(world: World):
    return sorted(
        TeamMember.objects.filter(team=_extras(world)["team"]).values_list("user__username", "status")
    )


def _team_page(world: World, subject: str) -> str:
    return reverse("leadership:team", kwargs={"team_id": _extras(world)["team"].pk})


def _own(world: World):
    return TeamMember.objects.filter(team=_extras(world)["team"], user=world.landscape.coordinator).values_list(
        "shares_assessment", flat=True
    ).first()


GET_ROUTES: dict[str, Route] = {
    "leadership:plan": Route(alliance_url("leadership:plan"), read_plan, ON_ALLIANCES),
    "leadership:plan_history": Route(alliance_url("leadership:plan_history"), read_plan, ON_ALLIANCES),
    "leadership:plan_snapshot": Route(
        alliance_url("leadership:plan_snapshot", snapshot_id=_snapshot_id), read_plan, ON_ALLIANCES
    ),
    "leadership:cell_edit": Route(_cell_url, change_plan, ON_ALLIANCES),
    "leadership:assessment": Route(lambda world, subject: reverse("leadership:assessment"), needs_login(OK)),
    "leadership:questionnaire": Route(lambda world, subject: reverse("leadership:questionnaire"), needs_login(OK)),
    "leadership:profile": Route(_assessment_url("leadership:profile"), coordinators_own()),
    "leadership:assessment_delete": Route(_assessment_url("leadership:assessment_delete"), coordinators_own()),
    "leadership:teams": Route(lambda world, subject: reverse("leadership:teams"), needs_login(OK)),
    "leadership:team_create": Route(lambda world, subject: reverse("leadership:team_create"), needs_login(OK)),
    "leadership:team": Route(_team_url("leadership:team"), coordinators_own()),
    "leadership:team_leave": Route(_team_url("leadership:team_leave"), coordinators_own()),
    "leadership:team_invite": Route(_team_url("leadership:team_invite"), post_only),
    "leadership:team_answer": Route(_team_url("leadership:team_answer"), post_only),
    "leadership:team_sharing": Route(_team_url("leadership:team_sharing"), post_only),
    **API_GET_ROUTES,
}

POST_ROUTES: dict[str, PostRoute] = {
    "leadership:cell_edit": PostRoute(
        _cell_url,
        _cell_data,
        lambda kind, visibility: change_plan(kind, visibility, DONE),
        _cell_leaders,
        _plan_url,
        ON_ALLIANCES,
    ),
    "leadership:team_invite": PostRoute(
        _team_url("leadership:team_invite"),
        lambda world, subject: {"user": world.landscape.public_employee.pk},
        coordinators_own(DONE),
        lambda world, subject: _team_places(world),
        _team_page,
    ),
    "leadership:team_answer": PostRoute(
        _team_url("leadership:team_answer"),
        lambda world, subject: {"answer": "ja"},
        observers_invitation,
        lambda world, subject: _team_places(world),
        _team_page,
    ),
    "leadership:team_sharing": PostRoute(
        _team_url("leadership:team_sharing"),
        lambda world, subject: {"shares": "on"},
        coordinators_own(DONE),
        lambda world, subject: _own(world),
        _team_page,
    ),
    **API_POST_ROUTES,
}
