"""The secrets in links Brobygger emails.

An invitation's token is random; only its SHA-256 is stored (`invitation_token_hash`).

The link that confirms a user's address for their organisation is signed: the token names the user, the organisation and the address, and expires: a link sent
before the address or the request changed no longer works. Nothing is stored for it.
"""

import datetime
import hashlib

from django.core import signing

from .models import Affiliation


def invitation_token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


AFFILIATION_LINK_MAX_AGE = datetime.timedelta(days=3)
_SALT = "brobygger.alliances.affiliation-email"


def affiliation_link_token(affiliation: Affiliation) -> str:
    return signing.dumps(
        {
            "user": affiliation.user_id,
            "organisation": affiliation.organisation_id,
            "email": affiliation.user.email.lower(),
        },
        salt=_SALT,
    )


def affiliation_for_token(token: str) -> Affiliation | None:
    """The affiliation a link is for, or None when the link is invalid, has expired, or no
    longer matches the user's address or request."""
    try:
        data = signing.loads(token, salt=_SALT, max_age=AFFILIATION_LINK_MAX_AGE.total_seconds())
    except signing.BadSignature:
        return None
    if not isinstance(data, dict):
        return None
    affiliation = (
        Affiliation.objects.select_related("user", "organisation")
        .filter(user_id=data.get("user"), organisation_id=data.get("organisation"))
        .first()
    )
    if affiliation is None or affiliation.user.email.lower() != data.get("email"):
        return None
    return affiliation
