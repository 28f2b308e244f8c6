from django.core.management.base import BaseCommand

from brobygger.demo import data
from brobygger.demo.services import demo_users_exist


class Command(BaseCommand):
    help = "Print the demo logins, if the demo users exist."

    def handle(self, *args, **options):
        if not demo_users_exist():
            return
        self.stdout.write(f"Demo logins (password: {data.DEMO_PASSWORD}):")
        for username, spec in data.USERS.items():
            if spec.get("login"):
                self.stdout.write(f"  {username:<12} {spec['name']}")
