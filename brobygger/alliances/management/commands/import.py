from django.core.management.base import BaseCommand, CommandError

from brobygger.core import portability


class Command(BaseCommand):
    help = (
        "Read a file written by `brobygger export` into this installation, as it was: all or "
        "nothing (docs/portability.md). Accounts arrive without passwords."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")

    def handle(self, *args, **options):
        try:
            with open(options["file"], "rb") as stream:
                counts, matched = portability.import_file(stream)
        except OSError as error:
            raise CommandError(f"Cannot read {options['file']}: {error.strerror}.") from None
        except portability.ImportRefused as refusal:
            raise CommandError(f"Nothing was imported. {refusal}") from None
        self.stdout.write(
            f"Imported {sum(counts.values())} rows: "
            + ", ".join(f"{n} {label}" for label, n in counts.items() if n)
            + f"; matched {sum(matched.values())} rows of reference data (municipalities and regions) by their codes. "
            + "The accounts have no password: each owner sets one with the password reset link."
        )
