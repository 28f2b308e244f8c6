"""What the accounts app tells others without importing them: the foundation re-runs the
organisation rule when a user's address changes (alliances/apps.py connects to it)."""

from django.dispatch import Signal

# Sent inside the transaction that changed the address: sender=User, user, actor, base_url.
email_changed = Signal()
