"""The permission matrix's harness: what every app's expectations are written with, and the
one checker of an answer.

Each app states its own routes' expectations in `<app>/tests/matrix.py` and registers that
module in its AppConfig.ready() (`registry.matrix_routes`). Such a module holds
`GET_ROUTES` (one `Route` per URL pattern, keyed by the URL's name, an unnamed pattern by
its route), optionally `POST_ROUTES` (write endpoints exercised with valid data) and
optionally `extend_world(world)`, which adds the app's own data to the world the matrix
asks about. `collect_routes()` merges them; the project's tests/test_permission_matrix.py
walks them.

The harness imports no capability: the world is duck-typed. `check` asks it
`world.unseen_titles(kind, except_visibility=...)`, `world.sees(kind, visibility)`,
`world.alliance(visibility).title` and, for a redirect expected to `"world.<method>"`,
`world.<method>()`; the tests ask it `world.client(kind)`.
"""

import importlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qs, urlsplit

from django.urls import URLPattern, URLResolver, get_resolver, resolve, reverse

from brobygger.core import registry

# --- Who is who --------------------------------------------------------------------------

ANONYMOUS = "anonymous"
KINDS = (
    ANONYMOUS,
    "outsider",  # logged in, Roskilde Kommune, in no alliance
    "company_outsider",  # logged in, a company that is in no alliance
    "public_employee",  # Lejre Kommune employee, no membership; Lejre is a party of all three
    "observer",  # member (observatør) of all three
    "partner",  # member (partner-repræsentant for Mejeriet A/S) of all three
    "coordinator",  # koordinator of all three
    "staff",
)
VISIBILITIES = ("public", "internal", "private")

# The Danish explanation of a refusal without a reason of its own (Django's permissions).
GENERIC_DENIED = "Din konto har ikke lov til at gøre dette."


# --- Expectations ------------------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    status: int
    # For 302: "login" (the site's login with ?next=the path), "admin_login", "done" (the
    # route's success address), "admin:<model>" (the admin's change page of the object in
    # the path), "world.<method>" (an address ending in what the world's method returns) or
    # an exact address.
    location: str = ""
    # For 403: the Danish explanation the page must show.
    message: str = ""


OK = Expect(200)
NOT_FOUND = Expect(404)
LOGIN = Expect(302, "login")
ADMIN_LOGIN = Expect(302, "admin_login")
NOT_ALLOWED = Expect(405)
DONE = Expect(302, "done")
# The API's answers: a write that succeeded (added, changed, deleted), and a write without login.
CREATED = Expect(201)
UPDATED = Expect(200)
DELETED = Expect(204)
UNAUTHORIZED = Expect(401)
# What a write the user may do answers: the page's redirect, or the API's success. (UPDATED
# is OK: a write route never expects a page's plain 200.)
SUCCESS = (DONE, CREATED, UPDATED, DELETED)


def forbidden(message: str) -> Expect:
    return Expect(403, message=message)


STAFF_DENIED = forbidden(GENERIC_DENIED)


def redirect(location: str) -> Expect:
    return Expect(302, location)


def everyone(expect: Expect) -> Callable[[str, str], Expect]:
    return lambda kind, subject: expect


def needs_login(then: Expect = OK) -> Callable[[str, str], Expect]:
    return lambda kind, subject: LOGIN if kind == ANONYMOUS else then


def staff_only_page(kind: str, subject: str) -> Expect:
    """A page for staff: an anonymous visitor logs in; for everyone else it does not exist."""
    if kind == ANONYMOUS:
        return LOGIN
    return OK if kind == "staff" else NOT_FOUND


def admin_page(staff: Expect) -> Callable[[str, str], Expect]:
    """Django admin: anyone but active staff is sent to the admin's login."""
    return lambda kind, subject: staff if kind == "staff" else ADMIN_LOGIN


# --- Routes ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Route:
    path: Callable[[Any, str], str]
    expect: Callable[[str, str], Expect]
    subjects: tuple[str, ...] = ("-",)
    # The page shows every alliance the user sees (lists).
    lists_seen: bool = False
    # The subject alliance's title may appear for everyone (the invitation link is the
    # permission to read it).
    subject_title_public: bool = False
    # The test that checks it (test_get's parameter); empty: its own name, or "admin" for
    # the admin's pages. An admin model's pages share one ("admin:<model>").
    group: str = ""


@dataclass(frozen=True)
class PostRoute:
    path: Callable[[Any, str], str]
    data: Callable[[Any, str], dict]
    expect: Callable[[str, str], Expect]
    # Reads the state the POST would change; compared before and after.
    state: Callable[[Any, str], object]
    # Where a successful POST sends the user.
    success: Callable[[Any, str], str]
    subjects: tuple[str, ...] = ("-",)
    # An API endpoint: the data is sent as JSON, success is CREATED, UPDATED or DELETED (and
    # `success` unused).
    json: bool = False
    # The API's other writes ("patch", "delete", sent as JSON): keyed "<URL name>:<method>",
    # as one URL takes one write route per method.
    method: str = "post"
    # Puts the world in the state the write needs before `state` is read (a plan without
    # groups for "start the plan"); undone with the attempt.
    prepare: Callable[[Any, str], None] | None = None


def url_name(key: str, route: PostRoute) -> str:
    """The URL name a write route's key is about (without the method of a non-POST write)."""
    return key if route.method == "post" else key.removesuffix(f":{route.method}")


def url(name: str, **kwargs) -> Callable[[Any, str], str]:
    return lambda world, subject: reverse(name, kwargs=kwargs or None)


def admin_object_url(name: str, object_id: Callable[[Any], object]) -> Callable[[Any, str], str]:
    return lambda world, subject: reverse(name, kwargs={"object_id": object_id(world)})


def admin_model_routes(
    model: str,
    address: str,
    staff: tuple[Expect, Expect, Expect, Expect, Expect],
    object_id: Callable[[Any], object],
) -> dict[str, Route]:
    """The Django admin's pages of one model ("alliances_alliance", at "alliances/alliance"):
    staff's expectation for (changelist, add, change, delete, history), and the object whose
    pages are asked. Everyone else is sent to the admin's login."""
    changelist, add, change, delete, history = staff
    group = f"admin:{model}"
    routes = {
        f"admin:{model}_changelist": Route(
            url(f"admin:{model}_changelist"), admin_page(changelist), group=group
        ),
        f"admin:{model}_add": Route(url(f"admin:{model}_add"), admin_page(add), group=group),
    }
    for action, expect in (("change", change), ("delete", delete), ("history", history)):
        routes[f"admin:{model}_{action}"] = Route(
            admin_object_url(f"admin:{model}_{action}", object_id), admin_page(expect), group=group
        )
    # The old object address, /admin/<app>/<model>/<id>/, which Django keeps for links to an
    # object: it redirects staff to the change page.
    routes[f"admin/{address}/<path:object_id>/"] = Route(
        lambda world, subject: f"/admin/{address}/{object_id(world)}/",
        admin_page(Expect(302, f"admin:{model}")),
        group=group,
    )
    return routes


def group_of(name: str, route: Route) -> str:
    """The test a URL is checked in: its own, except the admin's, which go by model."""
    if route.group:
        return route.group
    return "admin" if name.startswith("admin") else name


# --- Every app's expectations -------------------------------------------------------------


def matrix_modules() -> list:
    """The modules the apps registered, in the registry's order."""
    return [importlib.import_module(hook.module) for hook in registry.matrix_routes]


def collect_routes() -> tuple[dict[str, Route], dict[str, PostRoute]]:
    """Every registered module's GET_ROUTES and POST_ROUTES, merged. A key two modules
    define is an error: each URL pattern has one owner and one expectation."""
    get_routes: dict[str, Route] = {}
    post_routes: dict[str, PostRoute] = {}
    owners: dict[tuple[str, str], str] = {}
    for hook in registry.matrix_routes:
        module = importlib.import_module(hook.module)
        if not hasattr(module, "GET_ROUTES"):
            raise AssertionError(f"{hook.module} (matrix routes {hook.key!r}) has no GET_ROUTES")
        for method, routes, merged in (
            ("GET", module.GET_ROUTES, get_routes),
            ("POST", getattr(module, "POST_ROUTES", {}), post_routes),
        ):
            for name, route in routes.items():
                if (method, name) in owners:
                    raise AssertionError(
                        f"{method} {name!r} has an expectation in both "
                        f"{owners[method, name]} and {hook.module}"
                    )
                owners[method, name] = hook.module
                merged[name] = route
    return get_routes, post_routes


def extend_world(world):
    """Let each registered module add its app's data to the world (`extend_world(world)`,
    where the module has one), in the registry's order."""
    for module in matrix_modules():
        extend = getattr(module, "extend_world", None)
        if extend is not None:
            extend(world)
    return world


# --- Walking the URL configuration --------------------------------------------------------


def _join(prefix: str, pattern: str) -> str:
    # As django.urls.resolvers.URLResolver._join_route does, so keys match ResolverMatch.route.
    return prefix + (pattern[1:] if prefix and pattern.startswith("^") else pattern)


def url_keys(resolver=None, prefix: str = "", namespace: str = "") -> set[str]:
    """Every URL pattern of the project: `namespace:name`, or the full route if unnamed."""
    resolver = resolver or get_resolver()
    keys = set()
    for pattern in resolver.url_patterns:
        route = _join(prefix, str(pattern.pattern))
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            keys |= url_keys(pattern, route, inner)
        elif isinstance(pattern, URLPattern):
            if pattern.name:
                keys.add(f"{namespace}:{pattern.name}" if namespace else pattern.name)
            else:
                keys.add(route)
    return keys


def key_of(path: str) -> str:
    match = resolve(urlsplit(path).path)
    return match.view_name if match.url_name else match.route


# --- Checking one answer ------------------------------------------------------------------


def _sends_to_login(location: str, login: str, path: str) -> bool:
    target = urlsplit(location)
    return target.path == login and parse_qs(target.query).get("next") == [path]


def _escaped_forms(title: str) -> list[str]:
    return [title, json.dumps(title)[1:-1]]


def check(
    response,
    *,
    path: str,
    expect: Expect,
    world,
    kind: str,
    subject: str,
    route,
    success_location=None,
) -> list[str]:
    """What is wrong with this answer, as readable lines (none when it is right)."""
    where = f"{kind:>16} {subject:>13} {response.request['REQUEST_METHOD']} {path}"
    problems = []
    if response.status_code != expect.status:
        problems.append(f"{where}: expected {expect.status}, got {response.status_code}")
        return problems
    body = response.content.decode()
    if expect.status == 200 and response["Content-Type"].startswith("text/html"):
        title = re.search(r"<title>(.*?)</title>", body, re.DOTALL)
        if title is None or not title.group(1).strip() or "<" in title.group(1):
            problems.append(f"{where}: the page's <title> is missing, empty or holds markup")
    if expect.status == 302:
        location = response["Location"]
        if expect.location in ("login", "admin_login"):
            login = reverse("accounts:login" if expect.location == "login" else "admin:login")
            if not _sends_to_login(location, login, path):
                problems.append(f"{where}: expected {login}?next={path}, got {location}")
        elif expect.location.startswith("world."):
            wanted = getattr(world, expect.location.removeprefix("world."))()
            if not location.endswith(wanted):
                problems.append(f"{where}: expected a redirect to …{wanted}, got {location}")
        elif expect.location.startswith("admin:"):
            model = expect.location.removeprefix("admin:")
            if location != reverse(
                f"admin:{model}_change", args=[path.rstrip("/").rsplit("/", 1)[1]]
            ):
                problems.append(f"{where}: expected the admin change page, got {location}")
        elif expect.location == "done":
            if location != success_location:
                problems.append(
                    f"{where}: expected a redirect to {success_location}, got {location}"
                )
        elif location != expect.location:
            problems.append(f"{where}: expected a redirect to {expect.location}, got {location}")
    is_problem = response.get("Content-Type", "").startswith("application/problem+json")
    if expect.status == 401 and not (is_problem and response.get("WWW-Authenticate", "").startswith("Bearer")):
        problems.append(f"{where}: the 401 is not a problem document asking for a token")
    if expect.status in (403, 404) and is_problem:
        # The API's answer (docs/api.md): a problem document in the request's language.
        if response.json().get("status") != expect.status or not response.json().get("detail"):
            problems.append(f"{where}: the problem document lacks its status or detail")
        elif expect.status == 403 and expect.message not in response.json()["detail"]:
            problems.append(f"{where}: the problem does not explain {expect.message!r}")
    elif expect.status == 403:
        if 'lang="da"' not in body or "Du har ikke adgang" not in body:
            problems.append(f"{where}: the 403 page is not the Danish one")
        if expect.message not in body:
            problems.append(f"{where}: the 403 page does not explain {expect.message!r}")
    elif expect.status == 404 and "Siden findes ikke" not in body:
        problems.append(f"{where}: the 404 page is not the Danish one")
    # Never name an alliance the user may not see, whatever the answer.
    hidden = world.unseen_titles(
        kind,
        except_visibility=subject if getattr(route, "subject_title_public", False) else None,
    )
    for title in hidden:
        if any(form in body for form in _escaped_forms(title)):
            problems.append(f"{where}: the body names the unseen alliance {title!r}")
    if getattr(route, "lists_seen", False) and expect.status == 200:
        for visibility in VISIBILITIES:
            title = world.alliance(visibility).title
            if world.sees(kind, visibility) and not any(
                form in body for form in _escaped_forms(title)
            ):
                problems.append(f"{where}: the list leaves out {title!r}, which the user sees")
    return problems
