"""The decisions API's part of the permission matrix, to be merged into the capability's
matrix.py (`**API_GET_ROUTES` in its GET_ROUTES, `**API_POST_ROUTES` in its POST_ROUTES).

Like the pages, an alliance's decisions are for its members and staff, on the public alliance
too; a change process's for Lejre Kommune's verified employees and staff. The API asks nobody
to log in to read, so everyone else, anonymous included, gets the 404 of what does not exist
(a problem document), never the alliance's title. The endpoints only read: there are no write
routes. They read the world matrix.py's `extend_world` builds (its decision in hearing in each
alliance, Lejre's change process).
"""

from django.urls import reverse

from brobygger.alliances.tests.matrix import MEMBERS, ON_ALLIANCES, World, alliance_url
from brobygger.testing.matrix import NOT_FOUND, OK, Expect, PostRoute, Route

READERS = MEMBERS | {"staff"}
# Verified for Lejre Kommune, whose change process the world holds.
LEJRE = {"coordinator", "observer", "public_employee", "staff"}


def api_read_decisions(kind: str, visibility: str) -> Expect:
    return OK if kind in READERS else NOT_FOUND


def api_read_process(kind: str, subject: str) -> Expect:
    return OK if kind in LEJRE else NOT_FOUND


def _decision_url(world: World, visibility: str) -> str:
    decision = world.extras["decisions"]["alliances"][visibility]["hearing"]
    return reverse("api:decision", kwargs={"pk": decision.pk})


def _process_url(world: World, subject: str) -> str:
    return reverse("api:process_decisions", kwargs={"pk": world.extras["decisions"]["process"].pk})


API_GET_ROUTES: dict[str, Route] = {
    "api:decision": Route(_decision_url, api_read_decisions, ON_ALLIANCES),
    "api:alliance_decisions": Route(alliance_url("api:alliance_decisions"), api_read_decisions, ON_ALLIANCES),
    "api:process_decisions": Route(_process_url, api_read_process),
}

API_POST_ROUTES: dict[str, PostRoute] = {}
