"""The benchmark behind `make bench` (`brobygger bench`; docs/performance.md).

It runs against a generated national data set (`brobygger generate`), serves it the way
production does (`brobygger serve`, production settings, DEBUG off) and loads every page the
capabilities register in `registry.benchmark_pages` with wrk, as the top leader and as an
anonymous visitor. Each page's throughput is reported as a share of `/sundhed/` measured in
the same run, so figures from different machines can be compared.

It lives in the foundation because it knows who logs in (the demo top leader) and which
alliance stands for the rest; the pages themselves come from the registry.
"""

import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import asdict, dataclass, field
from pathlib import Path

from django.conf import settings
from django.db import connection
from django.db.models import Count

from brobygger.accounts.models import User
from brobygger.core import registry

from . import demo_data
from .models import Alliance, Visibility

LOGIN_USERNAME = "topleder"
REPORT_SCRIPT = Path(__file__).with_name("benchmark_report.lua")

# kind -> (the least share of /sundhed/'s requests per second, the highest p99 in ms): the
# targets of issue 18 for 2 workers and 16 connections on the national data set.
TARGETS = {"detail": (0.15, 150), "api": (0.15, 150), "list": (0.10, 150), "dashboard": (0.08, 250)}


@dataclass
class BenchmarkData:
    """What the pages are chosen from: the top leader, the municipality they work for (the
    one that leads most alliances) and, standing for every alliance, the public alliance with
    most parties among those the top leader follows."""

    user: User
    organisation: object
    alliance: Alliance

    @classmethod
    def load(cls) -> "BenchmarkData":
        user = User.objects.select_related("affiliation__organisation").get(username=LOGIN_USERNAME)
        alliance = (
            Alliance.objects.filter(memberships__user=user, visibility=Visibility.PUBLIC)
            .annotate(party_count=Count("parties"))
            .order_by("-party_count", "pk")
            .first()
        )
        return cls(user=user, organisation=user.affiliation.organisation, alliance=alliance)


@dataclass
class Measurement:
    key: str
    label: str
    kind: str
    who: str  # "anonym" or the username
    path: str
    status: int = 0
    requests_per_second: float = 0.0
    p50_ms: float = 0.0
    p95_ms: float = 0.0
    p99_ms: float = 0.0
    errors: int = 0
    non_2xx: int = 0
    share: float = 0.0
    target_share: float | None = None
    target_p99_ms: float | None = None
    met: bool | None = None
    note: str = ""


@dataclass
class Run:
    database: str
    started: str
    workers: int
    threads: int
    connections: int
    wrk_threads: int
    seconds: int
    baseline: list[Measurement] = field(default_factory=list)
    pages: list[Measurement] = field(default_factory=list)
    worker_rss_mb: list[float] = field(default_factory=list)
    counts: dict = field(default_factory=dict)

    @property
    def baseline_rps(self) -> float:
        return sum(m.requests_per_second for m in self.baseline) / max(1, len(self.baseline))


def pages(data: BenchmarkData) -> list[tuple[registry.BenchmarkPage, str, str]]:
    """(page, who, path) for every registered page and every kind of visitor it is for."""
    chosen = []
    for page in registry.benchmark_pages:
        path = page.path(data)
        if path is None:
            continue
        if page.anonymous:
            chosen.append((page, "anonym", path))
        if page.logged_in:
            chosen.append((page, LOGIN_USERNAME, path))
    return chosen


def counts() -> dict:
    """The size of the data set, for the report."""
    existing = set(connection.introspection.table_names())
    with connection.cursor() as cursor:
        found = {}
        for label, table in (
            ("alliances", "alliances_alliance"),
            ("parties", "alliances_party"),
            ("users", "accounts_user"),
            ("contributions", "ledger_contribution"),
            ("results", "ledger_result"),
            ("audit records", "core_auditrecord"),
            ("hearing responses", "decisions_response"),
            ("health-check answers", "healthcheck_answer"),
        ):
            if table not in existing:
                continue
            cursor.execute(f"SELECT COUNT(*) FROM {table}")  # noqa: S608 (our own table names)
            found[label] = cursor.fetchone()[0]
    return found


# --- The server --------------------------------------------------------------------------------


def database_url() -> str:
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    return f"sqlite:///{settings.DATABASES['default']['NAME']}"


class Server:
    """`brobygger serve` with the production settings, on a port of its own."""

    def __init__(self, *, port: int, workers: int, threads: int):
        self.port = port
        self.base = f"http://127.0.0.1:{port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "DATABASE_URL": database_url(),
            "SECRET_KEY": secrets.token_urlsafe(64),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "SECURE_HSTS_SECONDS": "0",
            "DEBUG": "false",
            # The benchmark measures the pages, not the API's rate limit (which still counts).
            "API_RATE_USER": "100000000/hour",
            "API_RATE_ANONYMOUS": "100000000/hour",
        }
        command = [
            sys.executable, str(Path(settings.BASE_DIR) / "manage.py"), "serve",
            "--workers", str(workers), "--threads", str(threads), "--bind", f"127.0.0.1:{port}",
        ]
        self.process = subprocess.Popen(  # noqa: S603 (our own interpreter and manage.py)
            command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True
        )

    def wait(self, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"brobygger serve stopped: {self.process.stderr.read()[-2000:]}")
            try:
                with urllib.request.urlopen(self.base + "/sundhed/", timeout=2) as answer:  # noqa: S310 (our own server)
                    if answer.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                time.sleep(0.5)
        raise RuntimeError("brobygger serve did not answer /sundhed/ within a minute.")

    def settle(self, timeout: float = 60) -> None:
        """Wait until the workers have answered what the last run left queued (wrk stops, the
        requests it sent do not), so the next page is measured on idle workers."""
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            started = time.monotonic()
            try:
                with urllib.request.urlopen(self.base + "/sundhed/", timeout=timeout) as answer:  # noqa: S310
                    answer.read()
            except (urllib.error.URLError, ConnectionError, TimeoutError):
                continue
            if time.monotonic() - started < 0.05:
                return
            time.sleep(0.2)

    def worker_rss_mb(self) -> list[float]:
        """The resident memory of each worker process (the server's children)."""
        found = []
        for child in _children(self.process.pid):
            try:
                status = Path(f"/proc/{child}/status").read_text()
            except OSError:
                continue
            match = re.search(r"VmRSS:\s+(\d+) kB", status)
            if match:
                found.append(round(int(match.group(1)) / 1024, 1))
        return found

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=20)
        except subprocess.TimeoutExpired:
            self.process.kill()


def _children(pid: int) -> list[int]:
    found = []
    for task in Path(f"/proc/{pid}/task").glob("*"):
        try:
            found += [int(child) for child in (task / "children").read_text().split()]
        except OSError:
            continue
    return found + [grandchild for child in found for grandchild in _children(child)]


def log_in(base: str, username: str, password: str) -> str:
    """Log in through the login page as a browser would; the Cookie header for wrk. The cookies
    are kept by hand: the production settings mark them secure, and a cookie jar would not send
    them back over the benchmark's plain http."""
    cookies: dict[str, str] = {}

    def keep(answer) -> None:
        for header in answer.headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            cookies[name.strip()] = rest.split(";", 1)[0]

    opener = urllib.request.build_opener(_NoRedirect)
    with opener.open(base + "/konto/login/") as answer:
        keep(answer)
        html = answer.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    body = urllib.parse.urlencode({"csrfmiddlewaretoken": token, "username": username, "password": password}).encode()
    login = urllib.request.Request(  # noqa: S310 (our own server, over http)
        base + "/konto/login/",
        data=body,
        headers={"Referer": base + "/konto/login/", "Cookie": _cookie_header(cookies)},
    )
    try:
        with opener.open(login) as answer:
            keep(answer)
    except urllib.error.HTTPError as error:
        if error.code != 302:
            raise RuntimeError(f"Could not log in as {username}: the login page answered {error.code}.") from error
        keep(error)
    if "sessionid" not in cookies:
        raise RuntimeError(f"Could not log in as {username}: the login page did not start a session.")
    return _cookie_header(cookies)


def _cookie_header(cookies: dict[str, str]) -> str:
    return "; ".join(f"{name}={value}" for name, value in cookies.items())


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    """A redirect is an answer of its own here (a redirect to the login page is not the page)."""

    def redirect_request(self, *args, **kwargs):
        return None


def status_of(base: str, path: str, cookie: str | None) -> int:
    """The status of one GET, without following redirects."""
    opener = urllib.request.build_opener(_NoRedirect)
    request = urllib.request.Request(base + path, headers={"Cookie": cookie} if cookie else {})  # noqa: S310
    try:
        with opener.open(request, timeout=60) as answer:
            return answer.status
    except urllib.error.HTTPError as error:
        return error.code


# --- wrk ---------------------------------------------------------------------------------------


def wrk_path() -> str:
    """wrk, installed from Debian's packages when it is missing and we may."""
    found = shutil.which("wrk")
    if found:
        return found
    apt = shutil.which("apt-get")
    if os.geteuid() == 0 and apt:
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        install = [apt, "install", "-y", "-qq", "wrk"]
        subprocess.run(install, env=env, check=False, capture_output=True)  # noqa: S603 (a fixed command)
        if not shutil.which("wrk"):
            subprocess.run([apt, "update", "-qq"], env=env, check=False, capture_output=True)  # noqa: S603
            subprocess.run(install, env=env, check=False, capture_output=True)  # noqa: S603
    found = shutil.which("wrk")
    if not found:
        raise RuntimeError("wrk is missing: install Debian's package (sudo apt-get install wrk).")
    return found


def load(wrk: str, url: str, *, cookie: str | None, seconds: int, connections: int, threads: int) -> dict:
    """One wrk run; its figures as the report script prints them."""
    command = [
        wrk, f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--timeout", "10s",
        "-s", str(REPORT_SCRIPT), "-H", "Accept-Language: da",
    ]
    if cookie:
        command += ["-H", f"Cookie: {cookie}"]
    finished = subprocess.run([*command, url], capture_output=True, text=True, check=False)  # noqa: S603 (wrk, our URL)
    line = next((line for line in finished.stdout.splitlines() if line.startswith("BENCH ")), None)
    if line is None:
        raise RuntimeError(f"wrk gave no figures for {url}: {finished.stdout[-500:]} {finished.stderr[-500:]}")
    return json.loads(line.removeprefix("BENCH "))


def measure(measurement: Measurement, figures: dict) -> Measurement:
    measurement.requests_per_second = round(figures["requests"] / max(figures["seconds"], 0.001), 1)
    measurement.p50_ms = round(figures["p50"], 1)
    measurement.p95_ms = round(figures["p95"], 1)
    measurement.p99_ms = round(figures["p99"], 1)
    measurement.errors = figures["errors"]
    measurement.non_2xx = figures["non2xx"]
    return measurement


def judge(run: Run) -> None:
    """Each page's share of the baseline, and whether it meets its kind's target."""
    for page in run.pages:
        if not page.requests_per_second:
            continue
        page.share = round(page.requests_per_second / run.baseline_rps, 4) if run.baseline_rps else 0.0
        page.target_share, page.target_p99_ms = TARGETS[page.kind]
        page.met = page.share >= page.target_share and page.p99_ms <= page.target_p99_ms and not page.non_2xx


def table(run: Run) -> str:
    lines = [
        f"{'page':<44} {'who':<9} {'req/s':>8} {'share':>7} {'p50':>7} {'p95':>7} {'p99':>7}  target",
    ]
    for m in run.baseline:
        lines.append(f"{'/sundhed/ (baseline)':<44} {m.who:<9} {m.requests_per_second:>8.1f} {'':>7} {m.p50_ms:>7.1f} {m.p95_ms:>7.1f} {m.p99_ms:>7.1f}")
    for m in run.pages:
        if m.note:
            lines.append(f"{m.label[:44]:<44} {m.who:<9} {m.note}")
            continue
        verdict = "ok" if m.met else f"missed ({m.target_share:.0%}, p99 < {m.target_p99_ms} ms)"
        lines.append(
            f"{m.label[:44]:<44} {m.who:<9} {m.requests_per_second:>8.1f} {m.share:>7.1%} {m.p50_ms:>7.1f} "
            f"{m.p95_ms:>7.1f} {m.p99_ms:>7.1f}  {verdict}"
        )
    lines.append(f"worker memory: {', '.join(f'{mb:.0f} MB' for mb in run.worker_rss_mb)}")
    return "\n".join(lines)


def write(run: Run, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    report = asdict(run)
    report["baseline_rps"] = round(run.baseline_rps, 1)
    path.write_text(json.dumps(report, indent=2, ensure_ascii=False) + "\n")


def password() -> str:
    return demo_data.DEMO_PASSWORD
