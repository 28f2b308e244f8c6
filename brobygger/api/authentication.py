"""Who calls: a personal token (Authorization: Bearer bbg_…) or the browser's session.

A token acts as its user, never more: every permission is the user's own. The session works
as on the pages, with CSRF for writes."""

import datetime

from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from rest_framework import authentication, exceptions

from .models import ApiToken, hash_token

# Last use is written at most this often per token, so a busy integration does not write to
# the database on every request.
LAST_USE_PRECISION = datetime.timedelta(minutes=1)


def _note_use(token: ApiToken) -> None:
    now = timezone.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USE_PRECISION:
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        token.last_used_at = now


class TokenAuthentication(authentication.BaseAuthentication):
    keyword = "Bearer"

    def authenticate(self, request):
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].lower() != self.keyword.lower().encode():
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(
                _("Skriv Authorization-headeren som „Bearer“ efterfulgt af nøglen.")
            )
        try:
            presented = header[1].decode("ascii")
        except UnicodeDecodeError:
            presented = ""
        token = ApiToken.objects.select_related("user").filter(token_hash=hash_token(presented)).first()
        if token is None or not token.user.is_active:
            raise exceptions.AuthenticationFailed(_("Nøglen findes ikke, eller den er trukket tilbage."))
        _note_use(token)
        return token.user, token

    def authenticate_header(self, request) -> str:
        return 'Bearer realm="api"'


class SessionAuthentication(authentication.SessionAuthentication):
    """The browser's session, with Django's CSRF check for every write."""
