"""The core's part of the permission matrix (registered in apps.py): the site's own pages,
the language switch and the Django admin's shared pages and the models no app of ours owns
(groups, background tasks). It imports no app but the core: the world is duck-typed."""

from axes.models import AccessAttempt, AccessFailureLog, AccessLog
from django.conf import settings
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from brobygger.testing.matrix import (
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    STAFF_DENIED,
    Route,
    admin_model_routes,
    admin_page,
    everyone,
    redirect,
    url,
)


def extend_world(world) -> None:
    """A group and a background task's result, for the admin's pages about them."""
    world.extras["group"] = Group.objects.create(name="Redaktører")
    world.extras["task_result"] = DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {}},
        task_path="brobygger.accounts.tasks.send_email",
        backend_name="default",
        run_after=timezone.now(),
        exception_class_path="",
        traceback="",
    )
    seen = {
        "user_agent": "test",
        "ip_address": "198.51.100.9",
        "username": "partner",
        "http_accept": "*/*",
        "path_info": "/konto/login/",
    }
    world.extras["axes_accessattempt"] = AccessAttempt.objects.create(
        **seen, get_data="", post_data="", failures_since_start=1
    )
    world.extras["axes_accesslog"] = AccessLog.objects.create(**seen)
    world.extras["axes_accessfailurelog"] = AccessFailureLog.objects.create(**seen)


GET_ROUTES: dict[str, Route] = {
    "core:front": Route(url("core:front"), everyone(OK)),
    "core:health": Route(url("core:health"), everyone(OK)),
    "core:privacy": Route(url("core:privacy"), everyone(OK)),
    "core:cookies": Route(url("core:cookies"), everyone(OK)),
    "core:knowledge": Route(url("core:knowledge"), everyone(OK)),
    "core:accessibility_statement": Route(
        url("core:accessibility_statement"),
        everyone(redirect(settings.BROBYGGER_ACCESSIBILITY_STATEMENT_URL)),
    ),
    # --- i18n: a GET changes nothing and sends the visitor back to the front page
    "set_language": Route(url("set_language"), everyone(redirect("/"))),
    # --- Django admin
    "admin:index": Route(url("admin:index"), admin_page(OK)),
    "admin:login": Route(
        url("admin:login"),
        lambda kind, subject: redirect(reverse("admin:index")) if kind == "staff" else OK,
    ),
    # Logging out of the admin is a POST; others are sent to the admin's front door.
    "admin:logout": Route(
        url("admin:logout"),
        lambda kind, subject: NOT_ALLOWED if kind == "staff" else redirect(reverse("admin:index")),
    ),
    "admin:password_change": Route(url("admin:password_change"), admin_page(OK)),
    "admin:password_change_done": Route(url("admin:password_change_done"), admin_page(OK)),
    # Without the query the widget sends, autocomplete refuses.
    "admin:autocomplete": Route(url("admin:autocomplete"), admin_page(STAFF_DENIED)),
    "admin:jsi18n": Route(url("admin:jsi18n"), admin_page(OK)),
    # The app page lists the models the user has Django *module* permissions for; the
    # landscape's staff user has none (rules.py grants object permissions only), so it 404s.
    "admin:app_list": Route(url("admin:app_list", app_label="auth"), admin_page(NOT_FOUND)),
    # The landscape's staff user has no Django permission on groups or tasks.
    **admin_model_routes(
        "auth_group", "auth/group", (STAFF_DENIED,) * 5, lambda w: w.extras["group"].pk
    ),
    **admin_model_routes(
        "django_tasks_database_dbtaskresult",
        "django_tasks_database/dbtaskresult",
        (STAFF_DENIED,) * 5,
        lambda w: w.extras["task_result"].pk,
    ),
    # django-axes' records of logins: staff without a Django permission on them see nothing.
    **{
        key: route
        for model in ("accessattempt", "accesslog", "accessfailurelog")
        for key, route in admin_model_routes(
            f"axes_{model}",
            f"axes/{model}",
            (STAFF_DENIED,) * 5,
            lambda w, model=model: w.extras[f"axes_{model}"].pk,
        ).items()
    },
    # The admin's catch-all: unknown admin addresses.
    "admin/(?P<url>.*)$": Route(
        lambda world, subject: "/admin/findes-ikke/", admin_page(NOT_FOUND)
    ),
}
