"""Every page the site serves runs under its Content Security Policy with no violation: the
browser reports none while each kind of user opens every page of the permission matrix that
answers them with a page (the admin's included, under its stated exception)."""

import pytest

from brobygger.testing.matrix import ANONYMOUS, OK, collect_routes

from .conftest import DESKTOP

pytestmark = pytest.mark.browser

# Collected by the page itself, before any of its scripts run.
LISTEN = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", (event) => {
  window.__cspViolations.push(`${event.violatedDirective}: ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
});
"""
KINDS = (ANONYMOUS, "coordinator", "staff")


@pytest.fixture
def strict_context(browser, site):
    created = browser.new_context(base_url=site, viewport=DESKTOP, locale="da-DK")
    created.add_init_script(LISTEN)
    created.set_default_timeout(10_000)
    yield created
    created.close()


# One test per kind of user: each opens a few hundred pages, which on a busy CI machine (both
# databases' suites side by side) took all three together close to the per-test timeout.
@pytest.mark.parametrize("kind", KINDS)
def test_no_page_violates_the_policy(strict_context, world, site, kind):
    get_routes, _post_routes = collect_routes()
    problems, visited = [], 0
    if kind != ANONYMOUS:
        client = world.client(kind)
        strict_context.add_cookies(
            [{"name": name, "value": cookie.value, "url": site} for name, cookie in client.cookies.items()]
        )
    page = strict_context.new_page()
    console = []
    page.on("console", lambda message: console.append(message.text))
    for _name, route in sorted(get_routes.items()):
        for subject in route.subjects:
            if route.expect(kind, subject) != OK:
                continue
            path = route.path(world, subject)
            response = page.goto(path)
            if response is None or "text/html" not in response.headers.get("content-type", ""):
                continue
            assert "content-security-policy" in response.headers, path
            page.wait_for_load_state("load")
            visited += 1
            for violation in page.evaluate("window.__cspViolations"):
                problems.append(f"{path}: {violation}")
    problems += [f"console: {text}" for text in console if "Content Security Policy" in text]
    page.close()
    assert visited > 20, visited
    assert not problems, "\n".join(sorted(set(problems)))


def test_the_check_sees_a_violation(strict_context, reference_data):
    """The listener works: an inline style set on a page is reported."""
    page = strict_context.new_page()
    page.goto("/privatliv/")
    page.evaluate("document.body.setAttribute('style', 'color: red')")
    page.wait_for_function("window.__cspViolations.length > 0")
    assert any("style-src" in violation for violation in page.evaluate("window.__cspViolations"))
