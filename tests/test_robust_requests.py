"""Requests that must never fail: monitoring tools and link checkers ask with HEAD, and every
page that answers a GET answers a HEAD alike; the login page never sends a logged-in user in a
loop."""

import ast
from pathlib import Path

from brobygger.testing.matrix import KINDS, collect_routes

GET_ROUTES, _POST_ROUTES = collect_routes()
ROOT = Path(__file__).resolve().parent.parent

# Django's own admin login sends logged-in staff on only for GET and shows the form for HEAD.
HEAD_DIFFERS = {"admin:login"}


def test_every_page_answers_head_as_it_answers_get(world):
    """Every URL of the permission matrix, asked by every kind of user, answers HEAD with the
    status (and the redirect) it answers GET with, and no body: 200, 302 to login, 403, 404,
    and 405 where GET is refused too."""
    problems = []
    for name, route in sorted(GET_ROUTES.items()):
        if name in HEAD_DIFFERS:
            continue
        for subject in route.subjects:
            path = route.path(world, subject)
            for kind in KINDS:
                client = world.client(kind)
                got, head = client.get(path), client.head(path)
                if (head.status_code, head.get("Location")) != (got.status_code, got.get("Location")) or head.content:
                    problems.append(
                        f"{kind} {path} ({name}): GET {got.status_code}, HEAD {head.status_code}"
                    )
    assert not problems, "\n".join(problems)


def test_no_view_refuses_head():
    """A GET-only view is decorated with require_safe (GET and HEAD), never require_GET; a
    coming capability copies what it finds, the example capability included."""
    offenders = []
    for folder in ("brobygger", "tests", "config"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
                named = getattr(node, "id", None) or getattr(node, "attr", None) or getattr(node, "name", None)
                if isinstance(node, ast.Name | ast.Attribute | ast.alias) and named == "require_GET":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert not offenders, offenders


def test_the_login_page_never_loops_for_a_logged_in_user(world):
    """The menu's own login link carries `next=/konto/login/`: a logged-in user opening it is
    sent to the front page, never into a server error; a safe `next` is followed, an off-site
    one is not."""
    client = world.client("coordinator")
    for next_url, expected in (
        ("/konto/login/", "/"),
        ("/konto/login/?next=/konto/login/", "/"),
        ("/alliancer/", "/alliancer/"),
        ("https://example.com/", "/"),
        ("//example.com/", "/"),
        # Addresses a browser or the URL resolver reads as the login page itself.
        ("/konto/./login/", "/"),
        ("/konto/../konto/login/?next=/konto/./login/", "/"),
        ("/konto/%6Cogin/", "/"),
        ("/konto/login", "/"),
        ("http://testserver/konto//login/", "/"),
        # Odd but harmless addresses are followed or dropped, never a server error.
        ("/%00", "/%00"),
        ("/konto/", "/konto/"),
    ):
        response = client.get("/konto/login/", {"next": next_url})
        assert response.status_code == 302, next_url
        assert response["Location"] == expected, next_url
