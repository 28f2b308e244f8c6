import random
import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from brobygger.core import registry


class Command(BaseCommand):
    help = (
        "Fill an empty database with a generated data set through the registry: `national` "
        "(the whole country), `small` (a tenth) or `tiny` (a hundredth, for tests). Deterministic for a given --seed."
    )

    def add_arguments(self, parser):
        parser.add_argument("--scale", choices=list(registry.GENERATED_SCALES), default="small")
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--allow-production", action="store_true", help="Run under the production settings too.")

    def handle(self, *args, **options):
        if getattr(settings, "BROBYGGER_PRODUCTION", False) and not options["allow_production"]:
            raise CommandError(
                "These are the production settings: nothing is generated. Give --allow-production if you really mean it."
            )
        if get_user_model().objects.exists():
            raise CommandError("The database has user accounts already: generate fills an empty database only.")
        context = registry.LoadContext(
            options={"scale": options["scale"], "seed": options["seed"]},
            shared={"random": random.Random(options["seed"])},
        )
        started = time.monotonic()
        with transaction.atomic():
            for generator in registry.generated_data:
                generator.generate(context)
        counts = context.shared.get("counts", {})
        self.stdout.write(
            f"Generated ({options['scale']}, seed {options['seed']}) in {time.monotonic() - started:.0f} s: "
            + ", ".join(f"{value} {key}" for key, value in counts.items())
            + "."
        )
