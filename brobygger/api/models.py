"""Personal API tokens: a user's own keys for programs that call the API as them.

Only a SHA-256 hash of a token is stored; the token itself is shown once, when it is made.
A token is long and random (256 bits), so a plain hash is as hard to reverse as the token
is to guess, and lets a request find its token with one indexed lookup."""

import hashlib

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

TOKEN_PREFIX = "bbg_"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class ApiToken(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField(_("navn"), max_length=100)
    # The token's first characters, so its owner can tell which token is which.
    prefix = models.CharField(max_length=12)
    token_hash = models.CharField(max_length=64, unique=True)
    read_only = models.BooleanField(_("må kun læse"), default=False)
    created_at = models.DateTimeField(default=timezone.now)
    last_used_at = models.DateTimeField(_("sidst brugt"), null=True, blank=True)

    class Meta:
        verbose_name = _("API-nøgle")
        verbose_name_plural = _("API-nøgler")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.name
