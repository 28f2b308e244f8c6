"""Permissions with their reasons: each app's rules.py adds its permissions here, with the
Danish sentence a user reads when a permission refuses them. Views, the API and the
services ask `require()`, so all of them refuse alike, with the same words.

What a user may not *see* is answered with 404 by the fetch helpers (`access.py`) before a
permission is asked; `require` is for what they see but may not change (403).
"""

import rules
from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext_lazy as _

_denied: dict[str, object] = {}
GENERIC_DENIED = _("Din konto har ikke lov til at gøre dette.")


def add_perm(name: str, predicate, *, denied=None) -> None:
    """rules.add_perm, plus the reason shown when it refuses (a lazy Danish string)."""
    rules.add_perm(name, predicate)
    if denied is not None:
        _denied[name] = denied


def denied_message(name: str) -> str:
    return str(_denied.get(name, GENERIC_DENIED))


def require(user, name: str, obj=None) -> None:
    """Raise PermissionDenied with the permission's reason unless the user has it."""
    if user is None or not user.has_perm(name, obj):
        raise PermissionDenied(denied_message(name))


def perm_exists(name: str) -> bool:
    return rules.perm_exists(name)
