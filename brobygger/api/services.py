"""Writes of the API's own data: a user's personal tokens. Each leaves one audit record
(the token's name and whether it may write; never the token or its hash)."""

import secrets

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

from brobygger.core.audit import created, deleted, record, service
from brobygger.core.models import AuditAction

from .models import TOKEN_PREFIX, ApiToken, hash_token

# Enough for every system a person connects; a limit keeps a runaway script from making more.
MAX_TOKENS_PER_USER = 20
AUDITED_FIELDS = ("name", "read_only")


def _snapshot(token: ApiToken) -> dict:
    return {"name": token.name, "read_only": _("ja") if token.read_only else _("nej")}


@service
def token_create(*, actor, name: str, read_only: bool) -> tuple[ApiToken, str]:
    """A new token for the actor; returns it with the token in clear, which is never
    available again."""
    name = (name or "").strip()
    errors = {}
    if not name:
        errors["name"] = [_("Giv nøglen et navn, så du kan kende den igen.")]
    elif len(name) > 100:
        errors["name"] = [_("Navnet må højst have 100 tegn.")]
    elif actor.api_tokens.count() >= MAX_TOKENS_PER_USER:
        errors["name"] = [
            _("Du har allerede %(count)s nøgler. Træk en nøgle, du ikke bruger, tilbage først.")
            % {"count": MAX_TOKENS_PER_USER}
        ]
    if errors:
        raise ValidationError(errors)
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    api_token = ApiToken.objects.create(
        user=actor, name=name, read_only=read_only, prefix=token[:12], token_hash=hash_token(token)
    )
    record(actor=actor, obj=api_token, action=AuditAction.CREATED, changes=created(_snapshot(api_token)))
    return api_token, token


@service
def token_revoke(*, actor, token: ApiToken) -> None:
    """The token stops working at once. Only its owner revokes it (the view fetches it
    among the owner's own tokens)."""
    if token.user_id != actor.pk:
        raise ValueError("A token is revoked by its owner.")
    record(actor=actor, obj=token, action=AuditAction.DELETED, changes=deleted(_snapshot(token)))
    token.delete()
