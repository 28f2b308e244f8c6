"""The API app's part of the permission matrix (registered in apps.py): the schema and its
documentation, which everyone reads, and a user's own tokens, which only their owner sees and
revokes. The capabilities' endpoints are in their own matrix modules. The world is duck-typed
(`world.user(kind)`, `world.extras`)."""

from django.urls import reverse

from brobygger.api.models import ApiToken
from brobygger.api.services import token_create
from brobygger.testing.matrix import (
    ANONYMOUS,
    DONE,
    LOGIN,
    NOT_FOUND,
    OK,
    PostRoute,
    Route,
    everyone,
    needs_login,
    url,
)


def extend_world(world) -> None:
    """The partner's token."""
    world.extras["api_token"], _clear = token_create(actor=world.user("partner"), name="Kommunens BI", read_only=True)


def _partners_token(world, subject: str) -> str:
    return reverse("api_tokens:revoke", kwargs={"pk": world.extras["api_token"].pk})


def _owner_only(allowed):
    def expect(kind: str, subject: str):
        if kind == ANONYMOUS:
            return LOGIN
        return allowed if kind == "partner" else NOT_FOUND

    return expect


GET_ROUTES: dict[str, Route] = {
    "api:schema": Route(url("api:schema"), everyone(OK)),
    "api:docs": Route(url("api:docs"), everyone(OK)),
    "api_tokens:list": Route(url("api_tokens:list"), needs_login()),
    # The owner is asked before the token is revoked (a POST, POST_ROUTES); nobody else finds it.
    "api_tokens:revoke": Route(_partners_token, _owner_only(OK)),
}

POST_ROUTES: dict[str, PostRoute] = {
    "api_tokens:revoke": PostRoute(
        _partners_token,
        lambda world, subject: {},
        _owner_only(DONE),
        lambda world, subject: ApiToken.objects.filter(pk=world.extras["api_token"].pk).exists(),
        lambda world, subject: reverse("api_tokens:list"),
    ),
}
