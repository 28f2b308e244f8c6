"""The health check API's part of the permission matrix, merged into the capability's matrix.py.

Like the pages, the results name each party's answer: they are for the alliance's members and
staff, on the public alliance too. The API asks nobody to log in to read, so everyone else,
anonymous included, gets the 404 of an alliance they do not see (a problem document), never
the alliance's title. The endpoints only read: there are no write routes. They read the open
round 1 that matrix.py's `extend_world` gives each alliance; `extend_world_api` adds nothing.
"""

from brobygger.alliances.tests.matrix import MEMBERS, ON_ALLIANCES, World, alliance_url
from brobygger.testing.matrix import NOT_FOUND, OK, Expect, PostRoute, Route

READS_RESULTS = MEMBERS | {"staff"}


def api_read_health(kind: str, visibility: str) -> Expect:
    return OK if kind in READS_RESULTS else NOT_FOUND


def extend_world_api(world: World) -> None:
    """Nothing beyond matrix.py's world: the API reads the round it opens in each alliance."""


def _round_number(world: World, visibility: str) -> int:
    return world.extras["healthcheck"]["rounds"][visibility].number


API_GET_ROUTES: dict[str, Route] = {
    "api:health": Route(alliance_url("api:health"), api_read_health, ON_ALLIANCES),
    "api:health_round": Route(
        alliance_url("api:health_round", number=_round_number), api_read_health, ON_ALLIANCES
    ),
    "api:health_trend": Route(alliance_url("api:health_trend"), api_read_health, ON_ALLIANCES),
}

API_POST_ROUTES: dict[str, PostRoute] = {}
