"""Browser tests: headless Chromium (Debian's package, never a Playwright download) driven
through Playwright against pytest-django's live server.

Without Chromium the browser tests are skipped with one reason, except on CI (the CI
environment variable is set), where a missing browser is an error."""

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_PATH = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOT_DIR = ROOT / "test-artifacts" / "screenshots"
DESKTOP = {"width": 1280, "height": 800}
PHONE = {"width": 375, "height": 800}
PASSWORD = "Browser-bro-2026!"  # set on the users the browser logs in as
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
MISSING_CHROMIUM = "Chromium not found: browser tests skipped (install Debian's chromium)"


def chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if Path("/usr/bin/chromium").exists() else None


CHROMIUM = chromium_path()


def pytest_runtest_setup(item):
    # Skipped here rather than in a fixture, so the report folds every browser test into
    # one line ("SKIPPED [14] tests/browser/conftest.py: ...") instead of one per test.
    if CHROMIUM is None and not os.environ.get("CI"):
        pytest.skip(MISSING_CHROMIUM)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    if CHROMIUM is None:
        pytest.fail(
            "Chromium not found, and CI must run the browser tests: "
            "install Debian's chromium (apt-get install chromium).",
            pytrace=False,
        )
    from playwright.sync_api import sync_playwright

    # Playwright's sync API runs an event loop in this thread; Django refuses ORM calls from
    # a thread with a running loop unless told it is safe (it is: the loop never awaits us).
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        launched = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield launched
        launched.close()


@pytest.fixture
def reference_data(transactional_db) -> None:
    """The municipalities and regions, and the health check's first questions, come from data
    migrations; a transactional test flushes every table when it ends, so the next one loads
    them again."""
    from django.apps import apps

    from brobygger.alliances.models import MunicipalityRegion, Organisation
    from brobygger.alliances.reference_data import load_reference_data
    from brobygger.healthcheck.defaults import load_version_1

    if not Organisation.objects.filter(kind="kommune").exists():
        load_reference_data(Organisation, MunicipalityRegion)
    assert Organisation.objects.filter(kind="kommune").count() == 98
    load_version_1(apps)


@pytest.fixture
def site(reference_data, live_server) -> str:
    return live_server.url


@pytest.fixture
def context(browser, site) -> Iterator:
    # axe is injected as a script of its own, which the site's Content Security Policy would
    # refuse: these pages are checked with the policy bypassed, and test_content_security_policy
    # checks every page under it.
    created = browser.new_context(base_url=site, viewport=DESKTOP, locale="da-DK", bypass_csp=True)
    created.set_default_timeout(10_000)
    yield created
    created.close()


@pytest.fixture
def page(context) -> Iterator:
    """A page that fails the test on a script error or on a static file that does not load."""
    opened = context.new_page()
    problems: list[str] = []
    opened.on("pageerror", lambda error: problems.append(f"script error: {error}"))
    opened.on(
        "response",
        lambda response: (
            problems.append(f"{response.status} {response.url}")
            if "/static/" in response.url and response.status >= 400
            else None
        ),
    )
    opened.on(
        "requestfailed",
        lambda request: (
            problems.append(f"failed {request.url}: {request.failure}")
            # Leaving a page aborts what it still loads; that is not a broken file.
            if "/static/" in request.url and "ERR_ABORTED" not in (request.failure or "")
            else None
        ),
    )
    yield opened
    assert not problems, "The page had problems:\n" + "\n".join(problems)


@pytest.fixture
def people(reference_data, landscape):
    """The landscape's users with a password the browser can type."""
    for user in (landscape.coordinator, landscape.partner, landscape.observer, landscape.staff):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
    return landscape


def log_in(page, user, password: str = PASSWORD) -> None:
    """Log in through the login page, as a person would."""
    page.goto("/konto/login/")
    page.get_by_label("Brugernavn eller e-mail").fill(user.username)
    page.get_by_label("Adgangskode").fill(password)
    page.locator("main").get_by_role("button", name="Log ind").click()
    page.wait_for_url(lambda url: "/konto/login/" not in url)


def screenshot(page, name: str) -> None:
    """Save full-page screenshots of the current page at desktop and phone width."""
    SCREENSHOT_DIR.mkdir(parents=True, exist_ok=True)
    viewport = page.viewport_size
    page.set_viewport_size(DESKTOP)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}-desktop.png", full_page=True)
    page.set_viewport_size(PHONE)
    page.screenshot(path=SCREENSHOT_DIR / f"{name}-phone.png", full_page=True)
    page.set_viewport_size(viewport)
