"""The accounts' part of the permission matrix (registered in apps.py): logging in and out,
the user's own account and password, and the admin of users. It imports no app but the
core: the world is duck-typed (`world.user(kind)`)."""

from django.urls import reverse

from brobygger.accounts.tokens import email_change_token
from brobygger.testing.matrix import (
    ANONYMOUS,
    DONE,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    STAFF_DENIED,
    PostRoute,
    Route,
    admin_model_routes,
    admin_page,
    everyone,
    needs_login,
    redirect,
    url,
)


def _email_link(world) -> str:
    return reverse(
        "accounts:email_confirm", kwargs={"token": email_change_token(world.user("partner"), "ny-adresse@example.dk")}
    )


def _partners_link(kind: str, subject: str, allowed=OK):
    if kind == ANONYMOUS:
        return LOGIN
    return allowed if kind == "partner" else NOT_FOUND


def _partners_email(world, subject: str) -> str:
    return type(world.user("partner")).objects.get(pk=world.user("partner").pk).email


GET_ROUTES: dict[str, Route] = {
    "accounts:profile": Route(url("accounts:profile"), needs_login()),
    "accounts:login": Route(
        url("accounts:login"),
        lambda kind, subject: OK if kind == ANONYMOUS else redirect(reverse("core:front")),
    ),
    # Logging out is a POST (see tests/test_permission_matrix.py).
    "accounts:logout": Route(url("accounts:logout"), everyone(NOT_ALLOWED)),
    "accounts:password_change": Route(url("accounts:password_change"), needs_login()),
    "accounts:password_reset": Route(url("accounts:password_reset"), everyone(OK)),
    "accounts:password_reset_done": Route(url("accounts:password_reset_done"), everyone(OK)),
    "accounts:details": Route(url("accounts:details"), needs_login()),
    # The link sent to the partner's new address: only the partner, logged in, uses it.
    "accounts:email_confirm": Route(lambda world, subject: _email_link(world), _partners_link),
    # An unknown link shows the "link is invalid" page.
    "accounts:password_reset_confirm": Route(
        url("accounts:password_reset_confirm", uidb64="MA", token="ugyldig-kode"), everyone(OK)
    ),
    "accounts:password_reset_complete": Route(
        url("accounts:password_reset_complete"), everyone(OK)
    ),
    # --- Django admin: the landscape's staff user has no Django permission on users.
    **admin_model_routes(
        "accounts_user", "accounts/user", (STAFF_DENIED,) * 5, lambda w: w.user("partner").pk
    ),
    "admin:auth_user_password_change": Route(
        lambda world, subject: reverse(
            "admin:auth_user_password_change", kwargs={"id": world.user("partner").pk}
        ),
        admin_page(STAFF_DENIED),
    ),
}


POST_ROUTES: dict[str, PostRoute] = {
    "accounts:details": PostRoute(
        url("accounts:details"),
        lambda world, subject: {"full_name": "Nyt Navn", "email": "nyt-navn@example.dk"},
        lambda kind, subject: LOGIN if kind == ANONYMOUS else DONE,
        # The name changes at once (the address only when its link is followed).
        lambda world, subject: sorted(
            type(world.user("partner")).objects.values_list("first_name", flat=True)
        ),
        lambda world, subject: reverse("accounts:profile"),
    ),
    "accounts:email_confirm": PostRoute(
        lambda world, subject: _email_link(world),
        lambda world, subject: {},
        lambda kind, subject: _partners_link(kind, subject, DONE),
        _partners_email,
        lambda world, subject: reverse("accounts:profile"),
    ),
}
