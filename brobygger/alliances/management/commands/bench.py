import datetime
import socket
from pathlib import Path

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError
from django.db import OperationalError, connection

from brobygger.accounts.models import User
from brobygger.alliances import benchmark
from brobygger.core import registry


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Command(BaseCommand):
    help = (
        "Benchmark the pages on a generated national data set (made here first when the database "
        "is empty): serves it with `brobygger serve` and the production settings, loads /sundhed/ "
        "and every registered page with wrk, and writes var/bench/latest.json. `make bench` runs it "
        "on SQLite, or on the database DATABASE_URL names."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(registry.GENERATED_SCALES), default="national")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--seconds", type=int, default=10, help="How long wrk loads each page.")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--wrk-threads", type=int, default=2)
        parser.add_argument("--workers", type=int, default=2)
        parser.add_argument("--threads", type=int, default=1, help="Threads per worker.")
        parser.add_argument("--only", nargs="*", default=[], help="Only these pages (their keys).")
        parser.add_argument("--output", default=str(Path(settings.VAR_DIR) / "bench" / "latest.json"))

    def handle(self, *args, **options):
        try:
            wrk = benchmark.wrk_path()
        except RuntimeError as error:
            raise CommandError(str(error)) from error
        self._data_set(options)
        data = benchmark.BenchmarkData.load()
        chosen = [
            (page, who, path)
            for page, who, path in benchmark.pages(data)
            if not options["only"] or page.key in options["only"]
        ]
        run = benchmark.Run(
            database=connection.vendor,
            started=datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            workers=options["workers"],
            threads=options["threads"],
            connections=options["connections"],
            wrk_threads=options["wrk_threads"],
            seconds=options["seconds"],
            counts=benchmark.counts(),
        )
        server = benchmark.Server(port=_free_port(), workers=options["workers"], threads=options["threads"])
        try:
            server.wait()
            cookie = benchmark.log_in(server.base, benchmark.LOGIN_USERNAME, benchmark.password())
            load = {"seconds": options["seconds"], "connections": options["connections"], "threads": options["wrk_threads"]}
            # A short warm-up, so the first page measured does not pay for the workers' start.
            benchmark.load(wrk, server.base + "/sundhed/", cookie=None, **{**load, "seconds": 2})
            run.baseline.append(self._baseline(wrk, server, load))
            for page, who, path in chosen:
                run.pages.append(self._page(wrk, server, load, page, who, path, cookie))
            run.baseline.append(self._baseline(wrk, server, load))
            run.worker_rss_mb = server.worker_rss_mb()
        finally:
            server.stop()
        benchmark.judge(run)
        benchmark.write(run, Path(options["output"]))
        self.stdout.write(benchmark.table(run))
        self.stdout.write(f"Written to {options['output']}.")

    def _data_set(self, options) -> None:
        self._create_database_if_missing()
        call_command("migrate", verbosity=0)
        if not User.objects.exists():
            self.stdout.write(f"Generating the {options['scale']} data set (seed {options['seed']}) …")
            call_command("generate", scale=options["scale"], seed=options["seed"], stdout=self.stdout)
            # Fresh statistics, so the planner knows the tables' sizes.
            with connection.cursor() as cursor:
                cursor.execute("ANALYZE")
        elif not User.objects.filter(username="bruger00001").exists():
            raise CommandError(
                "This database holds data that was not generated: point DATABASE_URL at an empty "
                "database or at one `make bench` filled before."
            )
        elif not User.objects.filter(username=benchmark.LOGIN_USERNAME).exists():
            raise CommandError("This generated data set has no top leader: generate it again in an empty database.")

    def _create_database_if_missing(self) -> None:
        """A PostgreSQL database named in DATABASE_URL that does not exist yet is made (as
        Django makes its test databases), so one command runs the benchmark there."""
        if connection.vendor != "postgresql":
            return
        try:
            connection.ensure_connection()
        except OperationalError:
            name = connection.settings_dict["NAME"]
            with connection._nodb_cursor() as cursor:
                cursor.execute(f"CREATE DATABASE {connection.ops.quote_name(name)}")
            self.stdout.write(f"Created the database {name}.")

    def _baseline(self, wrk, server, load) -> benchmark.Measurement:
        measurement = benchmark.Measurement(
            key="health", label="/sundhed/", kind="detail", who="anonym", path="/sundhed/", status=200
        )
        server.settle()
        figures = benchmark.load(wrk, server.base + "/sundhed/", cookie=None, **load)
        self.stdout.write(f"  /sundhed/: {figures['requests'] / figures['seconds']:.0f} req/s")
        return benchmark.measure(measurement, figures)

    def _page(self, wrk, server, load, page, who, path, cookie) -> benchmark.Measurement:
        cookie = cookie if who != "anonym" else None
        measurement = benchmark.Measurement(key=page.key, label=str(page.label), kind=page.kind, who=who, path=path)
        server.settle()
        measurement.status = benchmark.status_of(server.base, path, cookie)
        if measurement.status != 200:
            measurement.note = f"not measured: {path} answers {measurement.status}"
            self.stdout.write(f"  {page.key} ({who}): {measurement.note}")
            return measurement
        figures = benchmark.load(wrk, server.base + path, cookie=cookie, **load)
        self.stdout.write(
            f"  {page.key} ({who}): {figures['requests'] / figures['seconds']:.0f} req/s, p99 {figures['p99']:.0f} ms"
        )
        return benchmark.measure(measurement, figures)
