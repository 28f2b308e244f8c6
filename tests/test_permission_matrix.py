"""The permission matrix: every URL pattern of the project, asked by every kind of user,
about an alliance of every visibility, answers as the "Who may do what" table in
DOMAIN.md says.

- what a user may not *see* answers 404, and the body never names the alliance;
- what a user sees but may not *change* answers 403 with a Danish explanation;
- a page that needs login sends an anonymous visitor to /konto/login/?next=…;
- what a user may do answers 200 (or redirects where the page is a redirect).

Each app states its own routes' expectations in `<app>/tests/matrix.py`, registered in its
AppConfig.ready() (`registry.matrix_routes`); `brobygger.testing.matrix` is the shared
harness and merges them. The merged `GET_ROUTES` holds one expectation per URL pattern,
keyed by the URL's name (an unnamed pattern by its route). A new URL pattern without an
entry makes `test_every_url_pattern_has_an_expectation` fail: decide who may use it, then
add it to the matrix module of the app that owns it. Write endpoints are also exercised
with POST and valid data (`POST_ROUTES`): only the allowed users change anything in the
database.

The value ledger's entry pages are asked about a public and a private entry in each alliance
(subjects such as "internal:priv"): a private entry is 404 for everyone outside the alliance.
"""

from urllib.parse import urlsplit

import pytest
from django.db import transaction
from django.urls import reverse

from brobygger.core import registry
from brobygger.testing.matrix import (
    DONE,
    KINDS,
    NOT_ALLOWED,
    SUCCESS,
    check,
    collect_routes,
    group_of,
    key_of,
    matrix_modules,
    url_keys,
    url_name,
)

GET_ROUTES, POST_ROUTES = collect_routes()


def test_every_url_pattern_has_an_expectation():
    """Every URL pattern in the project has an entry in the matrix, and the matrix names no
    pattern that no longer exists: a new page cannot appear without deciding who may use it."""
    patterns = url_keys()
    missing = sorted(patterns - set(GET_ROUTES))
    stale = sorted(set(GET_ROUTES) - patterns)
    assert not missing, f"URL patterns without an expectation in the permission matrix: {missing}"
    assert not stale, f"Expectations for URL patterns that no longer exist: {stale}"
    # A POST expectation is for a URL that has a GET expectation too (and so exists).
    written = {url_name(name, route) for name, route in POST_ROUTES.items()}
    assert written <= set(GET_ROUTES), sorted(written - set(GET_ROUTES))


def test_the_walk_finds_every_part_of_the_project():
    """The walk reaches the core, accounts, alliances, API, i18n and admin URLs, so the
    completeness check above covers them all; and every app states its own routes."""
    patterns = url_keys()
    for key in (
        "core:front",
        "accounts:login",
        "alliances:detail",
        "alliances:history",
        "api:alliance_detail",
        "api:value_balance",
        "ledger:balance",
        "ledger:result_delete",
        "agreements:detail",
        "agreements:part_sign",
        "set_language",
        "admin:index",
        "admin:alliances_alliance_changelist",
    ):
        assert key in patterns
    for app in ("core", "accounts", "alliances", "ledger", "agreements"):
        assert app in registry.matrix_routes, f"{app} registers no matrix routes"
    modules = {module.__name__: module for module in matrix_modules()}
    for app, owned in (
        ("core", "core:front"),
        ("accounts", "accounts:login"),
        ("alliances", "alliances:detail"),
        ("ledger", "ledger:balance"),
        ("agreements", "agreements:detail"),
    ):
        module = modules[registry.matrix_routes.get(app).module]
        assert owned in module.GET_ROUTES, f"{module.__name__} does not state {owned}"


def test_a_route_stated_twice_is_refused():
    """Two apps cannot both state a URL's expectation: collecting them fails and names both."""
    core = registry.matrix_routes.get("core").module
    with (
        registry.matrix_routes.temporarily(registry.MatrixRoutes(key="twice", module=core)),
        pytest.raises(AssertionError, match="core:front"),
    ):
        collect_routes()


GET_GROUPS: dict[str, list[str]] = {}
for _name in sorted(GET_ROUTES):
    GET_GROUPS.setdefault(group_of(_name, GET_ROUTES[_name]), []).append(_name)


@pytest.mark.parametrize("group", sorted(GET_GROUPS))
def test_get(group, world):
    """Each kind of user GETs the URL (for each alliance visibility or organisation it is
    about) and gets the answer the permission table gives, without unseen alliances named.
    (The admin's URLs are checked a model at a time.)"""
    problems = []
    for name in GET_GROUPS[group]:
        route = GET_ROUTES[name]
        for subject in route.subjects:
            path = route.path(world, subject)
            assert key_of(path) == name, f"{path} does not resolve to {name}"
            for kind in KINDS:
                response = world.client(kind).get(path)
                problems += check(
                    response,
                    path=path,
                    expect=route.expect(kind, subject),
                    world=world,
                    kind=kind,
                    subject=subject,
                    route=route,
                )
    assert not problems, "\n" + "\n".join(problems)


# --- Write endpoints with POST ------------------------------------------------------------


@pytest.mark.parametrize("name", sorted(POST_ROUTES))
def test_post(name, world):
    """Each kind of user POSTs valid data to the write endpoint (or PATCHes or DELETEs, an
    API route with another `method`): only the users the table allows change anything; the
    others get 302 to login (401 from the API), 404 or 403 and the database is as before."""
    route = POST_ROUTES[name]
    problems = []
    # Log everyone in first: a session created inside the rolled-back block would vanish.
    for kind in KINDS:
        world.client(kind)
    for subject in route.subjects:
        path = route.path(world, subject)
        assert key_of(path) == url_name(name, route), f"{path} does not resolve to {name}"
        for kind in KINDS:
            expect = route.expect(kind, subject)
            # Each attempt starts from the landscape: a successful one is rolled back.
            with transaction.atomic():
                if route.prepare:
                    route.prepare(world, subject)
                before = route.state(world, subject)
                if route.json:
                    send = getattr(world.client(kind), route.method)
                    response = send(path, route.data(world, subject), content_type="application/json")
                else:
                    response = world.client(kind).post(path, route.data(world, subject))
                after = route.state(world, subject)
                success_location = route.success(world, subject) if expect == DONE else None
                transaction.set_rollback(True)
            problems += check(
                response,
                path=path,
                expect=expect,
                world=world,
                kind=kind,
                subject=subject,
                route=route,
                success_location=success_location,
            )
            allowed = expect in SUCCESS
            method = route.method.upper()
            if allowed and after == before:
                problems.append(
                    f"{kind:>16} {subject:>13} {method} {path}: allowed, but nothing changed"
                )
            if not allowed and after != before:
                problems.append(
                    f"{kind:>16} {subject:>13} {method} {path}: refused, but changed {before!r} → {after!r}"
                )
    assert not problems, "\n" + "\n".join(problems)


def test_every_post_only_url_is_posted_to():
    """A URL that refuses GET (405) for a logged-in user is a write endpoint: the POST
    matrix must cover it, so its permission is tested where it matters."""
    post_only = {
        name
        for name, route in GET_ROUTES.items()
        if not name.startswith("admin")
        and any(
            route.expect(kind, subject) == NOT_ALLOWED
            for kind in KINDS
            for subject in route.subjects
        )
    }
    assert post_only <= set(POST_ROUTES) | {"accounts:logout"}


def test_logout_is_a_post_that_ends_the_session(world):
    """Every logged-in kind of user is logged out by POST /konto/logout/ and lands on the
    front page; afterwards their account page asks them to log in."""
    for kind in KINDS:
        client = world.client(kind)
        response = client.post(reverse("accounts:logout"))
        assert response.status_code == 302, kind
        assert response["Location"] == reverse("core:front"), kind
        profile = client.get(reverse("accounts:profile"))
        assert profile.status_code == 302, kind
        assert urlsplit(profile["Location"]).path == reverse("accounts:login"), kind
