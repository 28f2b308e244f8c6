"""The leadership API's part of the permission matrix, merged into the capability's matrix.py.

Like the pages, the role plan is for the alliance's members and staff, but the API asks nobody
to log in to read: everyone else, anonymous included, gets the 404 of an alliance they do not
see. Keeping a cell (PUT) is for the coordinators and staff (the alliance's top leaders too,
tested in test_api.py: the matrix has no top leader); an anonymous write is a 401. The
caller's own self-assessments need a caller (401); a team's profile is its members' alone
(404 for everyone else, staff and anonymous included). `extend_world_api` gives the
coordinator a team of Lejre Kommune of their own.
"""

from django.urls import reverse

from brobygger.alliances.models import Membership
from brobygger.alliances.tests.matrix import MEMBERS, ON_ALLIANCES, World, alliance_url
from brobygger.leadership import services
from brobygger.leadership.dimensions import Role
from brobygger.leadership.models import RolePlanCell, TeamKind
from brobygger.testing.matrix import (
    ANONYMOUS,
    NOT_FOUND,
    OK,
    UNAUTHORIZED,
    UPDATED,
    Expect,
    PostRoute,
    Route,
    forbidden,
)

READS_PLAN = MEMBERS | {"staff"}
KEEPS_PLAN = {"coordinator", "staff"}
PLAN_DENIED = "Kun alliancens koordinatorer og topledere kan ændre rolleplanen."
# The cell the API keeps: the current phase's Oversætter, which the world leaves empty.
CELL_ROLE = Role.OVERSAETTER


# --- Expectations ------------------------------------------------------------------------------


def api_read_plan(kind: str, visibility: str) -> Expect:
    return OK if kind in READS_PLAN else NOT_FOUND


def api_change_plan(kind: str, visibility: str) -> Expect:
    if kind == ANONYMOUS:
        return UNAUTHORIZED
    if kind not in READS_PLAN:
        return NOT_FOUND
    return UPDATED if kind in KEEPS_PLAN else forbidden(PLAN_DENIED)


def api_own(kind: str, subject: str) -> Expect:
    """The caller's own: a 401 asks an anonymous caller for a token."""
    return UNAUTHORIZED if kind == ANONYMOUS else OK


def api_team_member(kind: str, subject: str) -> Expect:
    """The coordinator's team: nobody else's, staff included; anonymous finds nothing either."""
    return OK if kind == "coordinator" else NOT_FOUND


# --- The world ---------------------------------------------------------------------------------


def extend_world_api(world: World) -> None:
    landscape = world.landscape
    team = services.team_create(
        actor=landscape.coordinator,
        name="Topledelsen",
        kind=TeamKind.ORGANISATION,
        organisation=landscape.lejre,
    )
    world.extras["leadership_api"] = {"team": team}


def _team_profile_url(world: World, subject: str) -> str:
    return reverse(
        "api:team_profile", kwargs={"team_id": world.extras["leadership_api"]["team"].pk}
    )


def _current_phase(world: World, visibility: str) -> str:
    return world.alliance(visibility).phase


def _role(world: World, visibility: str) -> str:
    return CELL_ROLE


def _cell_body(world: World, visibility: str) -> dict:
    coordinator = Membership.objects.get(
        alliance=world.alliance(visibility), user=world.landscape.coordinator
    )
    return {
        "leaders": [coordinator.pk],
        "needed": True,
        "reason": "Byrådet skal beslutte at fortsætte.",
    }


def _cell_state(world: World, visibility: str):
    alliance = world.alliance(visibility)
    cell = RolePlanCell.objects.filter(
        alliance=alliance, phase=alliance.phase, role=CELL_ROLE
    ).first()
    if cell is None:
        return None
    leaders = sorted(cell.assignments.values_list("membership__user__username", flat=True))
    return leaders, cell.needed, cell.reason


def _no_redirect(world: World, subject: str) -> str:
    return ""


_cell_url = alliance_url("api:role_plan_cell", phase=_current_phase, role=_role)

API_GET_ROUTES: dict[str, Route] = {
    "api:role_plan": Route(alliance_url("api:role_plan"), api_read_plan, ON_ALLIANCES),
    "api:role_plan_cell": Route(_cell_url, api_read_plan, ON_ALLIANCES),
    "api:my_self_assessments": Route(
        lambda world, subject: reverse("api:my_self_assessments"), api_own
    ),
    "api:team_profile": Route(_team_profile_url, api_team_member),
}

API_POST_ROUTES: dict[str, PostRoute] = {
    "api:role_plan_cell:put": PostRoute(
        _cell_url,
        _cell_body,
        api_change_plan,
        _cell_state,
        _no_redirect,
        ON_ALLIANCES,
        json=True,
        method="put",
    ),
}
