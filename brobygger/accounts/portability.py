"""The accounts' table in the export file (core/portability.py). Accounts travel without
their passwords: their owners set a new one with the reset link."""

from django.contrib.auth.hashers import make_password

from brobygger.core.registry import PortableTable

from .models import User


def _users(alliances):
    # An export of some alliances carries the users its rows name (with_referenced).
    return User.objects.all() if alliances is None else User.objects.none()


TABLES = [
    PortableTable(
        key="accounts.user", order=0, rows=_users, with_referenced=True, omit={"password": lambda: make_password(None)}
    ),
]
