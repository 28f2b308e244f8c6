"""`migrate`, then the database cache's table, so no deployment needs a manual step.

The shared cache (settings CACHES) is a table in the database unless REDIS_URL is set.
`make run`, `make migrate`, a release's `brobygger migrate` and the test database (built by
Django's migrate) all go through this command. `createcachetable` does nothing for a cache
that is not a database cache, and nothing for a table that already exists.
"""

from django.core.management import call_command
from django.core.management.commands.migrate import Command as MigrateCommand


class Command(MigrateCommand):
    def handle(self, *args, **options):
        super().handle(*args, **options)
        # --plan and --check only report, and --prune only prunes: nothing is created then.
        if options["plan"] or options["check_unapplied"] or options["prune"]:
            return
        call_command(
            "createcachetable", database=options["database"], verbosity=options["verbosity"]
        )
