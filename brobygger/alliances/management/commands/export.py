import sys

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from brobygger.alliances.models import Alliance, Organisation
from brobygger.core import portability


class Command(BaseCommand):
    help = (
        "Write everything in this installation, or one organisation's alliances, to a JSON file "
        "that `brobygger import` reads into another installation (docs/portability.md)."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", help="The file to write; - writes to standard output.")
        scope = parser.add_mutually_exclusive_group()
        scope.add_argument(
            "--organisation",
            metavar="CODE",
            help="Only the alliances this organisation leads: a municipality or region code, or a CVR number.",
        )
        scope.add_argument("--alliance", metavar="SLUG", help="Only this alliance.")

    def handle(self, *args, **options):
        alliances, scope = None, None
        if options["organisation"]:
            code = options["organisation"].strip()
            organisation = Organisation.objects.filter(official_code=code).first() or Organisation.objects.filter(cvr=code).first()
            if organisation is None:
                raise CommandError(f"No organisation has the code or CVR number {code}.")
            alliances = Alliance.objects.filter(lead_organisation=organisation).values("pk")
            scope = {"organisation": code}
        elif options["alliance"]:
            if not Alliance.objects.filter(slug=options["alliance"]).exists():
                raise CommandError(f"No alliance has the address {options['alliance']}.")
            alliances = Alliance.objects.filter(slug=options["alliance"]).values("pk")
            scope = {"alliance": options["alliance"]}
        # One snapshot: every table read in the same transaction, which on PostgreSQL must be
        # REPEATABLE READ to see one moment (SQLite's read transaction does so by itself).
        outermost = not connection.in_atomic_block
        with transaction.atomic():
            if connection.vendor == "postgresql" and outermost:
                with connection.cursor() as cursor:
                    cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
            if options["file"] == "-":
                counts = portability.export(self.stdout, alliances=alliances, scope=scope)
                report = sys.stderr
            else:
                with open(options["file"], "w", encoding="utf-8") as stream:
                    counts = portability.export(stream, alliances=alliances, scope=scope)
                report = self.stdout
        report.write(f"Exported {sum(counts.values())} rows: " + ", ".join(f"{n} {label}" for label, n in counts.items() if n) + ".\n")
