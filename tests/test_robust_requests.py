"""Requests that must never fail: monitoring tools and link checkers ask with HEAD, and every
page that answers a GET answers a HEAD alike; the login page never sends a logged-in user in a
loop."""

from brobygger.testing.matrix import ANONYMOUS, KINDS, collect_routes

GET_ROUTES, _POST_ROUTES = collect_routes()


def test_every_page_answers_head_as_it_answers_get(world):
    problems = []
    for name, route in sorted(GET_ROUTES.items()):
        if name.startswith("admin"):
            continue
        for subject in route.subjects:
            path = route.path(world, subject)
            for kind in (ANONYMOUS, "coordinator"):
                assert kind in KINDS
                client = world.client(kind)
                got = client.get(path).status_code
                if got != 200:
                    continue
                head = client.head(path)
                if head.status_code != 200 or head.content:
                    problems.append(f"{kind} HEAD {path} ({name}): {head.status_code}")
    assert not problems, "\n".join(problems)


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
    ):
        response = client.get("/konto/login/", {"next": next_url})
        assert response.status_code == 302, next_url
        assert response["Location"] == expected, next_url
