"""The link that confirms a new email address: signed, naming the user, the old and the new
address, and expiring. Nothing is stored; a link sent before the address changed again no
longer works."""

import datetime

from django.contrib.auth import get_user_model
from django.core import signing

EMAIL_LINK_MAX_AGE = datetime.timedelta(days=3)
_SALT = "brobygger.accounts.email-change"


def email_change_token(user, new_email: str) -> str:
    return signing.dumps({"user": user.pk, "old": user.email.lower(), "new": new_email.lower()}, salt=_SALT)


def email_change_for_token(token: str):
    """(user, new address) for a valid link, else None."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=EMAIL_LINK_MAX_AGE.total_seconds())
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    user = get_user_model().objects.filter(pk=data.get("user")).first()
    if user is None or user.email.lower() != data.get("old") or not isinstance(data.get("new"), str):
        return None
    return user, data["new"]
