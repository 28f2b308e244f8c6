import os

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connections


class Command(BaseCommand):
    help = (
        "Serve Brobygger as in production: gunicorn with the workers and threads the settings give "
        "(WEB_WORKERS, WEB_THREADS), on 127.0.0.1 and PORT unless --bind says otherwise. Operators "
        "and the benchmark start it the same way (docs/deployment.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--workers", type=int, default=settings.BROBYGGER_SERVE_WORKERS)
        parser.add_argument("--threads", type=int, default=settings.BROBYGGER_SERVE_THREADS)
        parser.add_argument("--bind", default=f"127.0.0.1:{os.environ.get('PORT', '8000')}")
        parser.add_argument("--access-log", action="store_true", help="Log every request (costs throughput).")
        parser.add_argument("--allow-debug", action="store_true", help="Serve even with DEBUG on.")

    def handle(self, *args, **options):
        if settings.DEBUG and not options["allow_debug"]:
            raise CommandError(
                "DEBUG is on: serve runs as in production. Set DEBUG=false (or use the production "
                "settings), or give --allow-debug if you really mean it."
            )
        if options["workers"] < 1 or options["threads"] < 1:
            raise CommandError("--workers and --threads must be at least 1.")
        # gunicorn's own application class, run in this process: the settings module the caller
        # chose stays in force (config/wsgi.py would otherwise default to production), and the
        # app is loaded once before the workers fork, so they share its memory.
        from django.core.wsgi import get_wsgi_application
        from gunicorn.app.base import BaseApplication

        application = get_wsgi_application()
        config = {
            "bind": options["bind"],
            "workers": options["workers"],
            "threads": options["threads"],
            "worker_class": "gthread" if options["threads"] > 1 else "sync",
            "preload_app": True,
            "timeout": 60,
            "graceful_timeout": 30,
            "keepalive": 5,
            "accesslog": "-" if options["access_log"] else None,
            "errorlog": "-",
            # gunicorn's control socket has one default path per machine: several app processes
            # on one machine (docs/deployment.md) would take it from each other.
            "control_socket_disable": True,
        }

        class Server(BaseApplication):
            def load_config(self):
                for key, value in config.items():
                    self.cfg.set(key, value)

            def load(self):
                return application

        self.stdout.write(
            f"Brobygger serves on http://{options['bind']}/ with {options['workers']} workers × "
            f"{options['threads']} threads."
        )
        self.stdout.flush()
        # No database connection may cross the fork: workers sharing one socket would mix their
        # queries' answers. Nothing opens one today (checks, app loading); this keeps it so.
        connections.close_all()
        Server().run()
