from django.core.management.base import BaseCommand

from brobygger.alliances.models import Alliance
from brobygger.demo.services import demo_load


class Command(BaseCommand):
    help = "Load the demo alliances, organisations and users (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Only load when there are no alliances yet."
        )

    def handle(self, *args, **options):
        if options["if_empty"] and Alliance.objects.exists():
            self.stdout.write("The database has alliances already; the demo data was not loaded.")
            return
        result = demo_load()
        self.stdout.write(
            f"Demo data ready: {result['alliances']} new alliance(s), "
            f"{result['organisations']} demo organisations, {result['users']} demo users."
        )
