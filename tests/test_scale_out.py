"""Scaling out: two app processes (`brobygger serve`) on different ports against one PostgreSQL
hold no state of their own. A user who logs in on one is logged in on the other, and what they
write through one is read through the other at once (docs/deployment.md).

The processes read the test database, so the test's data is committed (a transactional test).
Like the browser tests, it leaves every table flushed; pytest-django runs the transactional
tests after all others, and those that need the reference data load it themselves
(tests/browser/conftest.py). A serialized rollback is no alternative: it writes the saved
rows back before the test, which clashes with what a preceding non-flushing test left (seen
on a machine without Chromium, where the browser tests before it are skipped)."""

import os
import re
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from django.db import connection

from conftest import PASSWORD, make_user

ROOT = Path(__file__).resolve().parents[1]
NEEDS_POSTGRESQL = "two app processes need a shared PostgreSQL: run with DATABASE_URL=postgres://…"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _database_url() -> str:
    database = connection.settings_dict
    user = urllib.parse.quote(database["USER"] or "")
    password = ":" + urllib.parse.quote(database["PASSWORD"]) if database["PASSWORD"] else ""
    return f"postgres://{user}{password}@{database['HOST'] or '127.0.0.1'}:{database['PORT'] or 5432}/{database['NAME']}"


class App:
    """One `brobygger serve` process with the test settings and the test database."""

    def __init__(self):
        self.base = f"http://127.0.0.1:{_free_port()}"
        self.log = tempfile.TemporaryFile()  # noqa: SIM115 (closed in stop(), after the process)
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
            "DATABASE_URL": _database_url(),
            "DEBUG": "false",
        }
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
            [sys.executable, str(ROOT / "manage.py"), "serve", "--workers", "1", "--threads", "2",
             "--bind", self.base.removeprefix("http://")],
            # A file, not a pipe: nobody reads a pipe while the test runs, and a full one would
            # stop the server mid-request.
            env=env, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=self.log,
        )

    def errors(self) -> str:
        self.log.seek(0)
        return self.log.read().decode(errors="replace")[-3000:]

    def wait(self) -> None:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"brobygger serve stopped:\n{self.errors()}")
            try:
                with urllib.request.urlopen(self.base + "/sundhed/", timeout=2) as answer:  # noqa: S310
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.3)
        pytest.fail(f"{self.base} did not answer /sundhed/ within 30 seconds:\n{self.errors()}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


class Browser:
    """Cookies kept by hand across both addresses, as one browser behind one host name would."""

    def __init__(self):
        self.cookies: dict[str, str] = {}

    def request(self, url: str, data: dict | None = None) -> tuple[int, str, str]:
        """(status, body, Location) without following redirects."""
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items()), "Referer": url}
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        opener = urllib.request.build_opener(_NoRedirect)
        try:
            answer = opener.open(urllib.request.Request(url, data=body, headers=headers), timeout=20)  # noqa: S310
        except urllib.error.HTTPError as error:
            answer = error
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";", 1)[0]
        return answer.status if hasattr(answer, "status") else answer.code, answer.read().decode(), answer.headers.get("Location", "")

    def form(self, url: str, fields: dict) -> tuple[int, str, str]:
        """GET the form's page for its CSRF token, then POST the fields."""
        status, page, _location = self.request(url)
        assert status == 200, f"{url} answers {status}"
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        return self.request(url, {"csrfmiddlewaretoken": token, **fields})


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


@pytest.fixture
def two_apps():
    if connection.vendor != "postgresql":
        pytest.skip(NEEDS_POSTGRESQL)
    apps: list[App] = []
    try:
        for _ in range(2):
            apps.append(App())  # one at a time, so a failed start still stops the one before
        for app in apps:
            app.wait()
        yield apps
    finally:
        for app in apps:
            app.stop()


@pytest.mark.django_db(transaction=True)
def test_a_login_and_a_write_on_one_app_process_hold_on_the_other(two_apps):
    first, second = two_apps
    user = make_user("skalering", None)
    browser = Browser()

    status, _page, location = browser.form(first.base + "/konto/login/", {"username": user.username, "password": PASSWORD})
    assert (status, location) == (302, "/"), "the login on the first process did not succeed"

    status, page, _location = browser.request(second.base + "/konto/")
    assert status == 200, "the second process does not know the session the first one started"
    assert "Skalering Testesen" in page

    status, _page, _location = browser.form(
        second.base + "/konto/oplysninger/", {"full_name": "Skalering Andersen", "email": user.email}
    )
    assert status == 302, "the second process refused the change of name"
    status, page, _location = browser.request(first.base + "/konto/")
    assert status == 200
    assert "Skalering Andersen" in page
    assert "Skalering Testesen" not in page
