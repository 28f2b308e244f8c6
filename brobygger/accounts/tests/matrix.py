"""The accounts' part of the permission matrix (registered in apps.py): logging in and out,
the user's own account and password, and the admin of users. It imports no app but the
core: the world is duck-typed (`world.user(kind)`)."""

from django.urls import reverse

from brobygger.testing.matrix import (
    ANONYMOUS,
    NOT_ALLOWED,
    OK,
    STAFF_DENIED,
    Route,
    admin_model_routes,
    admin_page,
    everyone,
    needs_login,
    redirect,
    url,
)

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
