from django.core.management.base import BaseCommand

from brobygger.alliances import demo, demo_data


class Command(BaseCommand):
    help = "Print the demo logins, if the demo users exist."

    def handle(self, *args, **options):
        if not demo.demo_users_exist():
            return
        self.stdout.write(f"Demo logins (password: {demo_data.DEMO_PASSWORD}):")
        for username, name in demo.demo_logins():
            self.stdout.write(f"  {username:<12} {name}")
