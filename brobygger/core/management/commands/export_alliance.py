import json

from django.core.management.base import BaseCommand, CommandError

from brobygger.core import registry


class Command(BaseCommand):
    help = "Print everything Brobygger keeps about one alliance as JSON, from every capability's export."

    def add_arguments(self, parser):
        parser.add_argument("slug")

    def handle(self, *args, **options):
        exports = list(registry.exports)
        if not exports:
            raise CommandError("No capability has registered an export.")
        data = {}
        for export in exports:
            try:
                data[export.key] = export.export(options["slug"])
            except LookupError as error:
                raise CommandError(str(error)) from None
        self.stdout.write(json.dumps(data, ensure_ascii=False, indent=2, default=str))
