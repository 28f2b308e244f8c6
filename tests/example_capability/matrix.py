"""The example's routes in the permission matrix: whoever sees the alliance reads its page
and its API answer; for everyone else they do not exist."""

from brobygger.alliances.tests.matrix import ON_ALLIANCES, alliance_url, read_alliance
from brobygger.testing.matrix import Route

GET_ROUTES = {
    "example:page": Route(alliance_url("example:page"), read_alliance, ON_ALLIANCES),
    "api:example": Route(alliance_url("api:example"), read_alliance, ON_ALLIANCES),
}
