import random

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from brobygger.core import registry


class Command(BaseCommand):
    help = (
        "Load the demo: every capability's demo data, through the registry (idempotent). "
        "Refuses the production settings unless --allow-production is given."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--if-empty", action="store_true", help="Only load into a database with no user accounts yet."
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Load under the production settings too (no demo login then gets a password).",
        )
        parser.add_argument("--base-url", default="http://127.0.0.1:8000/", help="Where invitation links point.")

    def handle(self, *args, **options):
        production = getattr(settings, "BROBYGGER_PRODUCTION", False)
        if production and not options["allow_production"]:
            raise CommandError(
                "These are the production settings: the demo is not loaded. "
                "Give --allow-production if you really want demo data here (its logins get no password)."
            )
        if options["if_empty"] and get_user_model().objects.exists():
            self.stdout.write("The database has user accounts already; the demo data was not loaded.")
            return
        context = registry.LoadContext(
            options={"base_url": options["base_url"], "production": production},
            shared={"random": random.Random(0)},
        )
        for loader in registry.demo_data:
            loader.load(context)
        counts = context.shared.get("counts", {})
        self.stdout.write(
            "Demo data ready: " + ", ".join(f"{value} {key}" for key, value in counts.items()) + "."
        )
