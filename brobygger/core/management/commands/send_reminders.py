from django.core.management.base import BaseCommand
from django.utils import timezone

from brobygger.core import registry


class Command(BaseCommand):
    help = (
        "Queue the reminders that are due now (every capability's, through the registry). "
        "Idempotent: run it from cron every few minutes; nothing is sent twice."
    )

    def handle(self, *args, **options):
        now = timezone.now()
        for reminder in registry.reminders:
            sent = reminder.send(now)
            self.stdout.write(f"{reminder.key}: {sent} reminder(s) queued.")
