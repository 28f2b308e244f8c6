"""Rate limits: per token (or per session user) and per address for anonymous callers, with
the rates in settings.BROBYGGER_API_RATES (read on each request, so they follow the
settings). Counted in the shared cache by DRF's sliding window; a refusal answers 429 with
Retry-After."""

from django.conf import settings
from rest_framework import throttling

from brobygger.core.net import client_ip

from .models import ApiToken


class _SettingsRate(throttling.SimpleRateThrottle):
    def get_rate(self) -> str:
        return settings.BROBYGGER_API_RATES[self.scope]


class UserRateThrottle(_SettingsRate):
    scope = "user"

    def get_cache_key(self, request, view):
        if not request.user.is_authenticated:
            return None
        token = request.auth
        ident = f"token-{token.pk}" if isinstance(token, ApiToken) else f"user-{request.user.pk}"
        return self.cache_format % {"scope": self.scope, "ident": ident}


class AnonymousRateThrottle(_SettingsRate):
    scope = "anonymous"

    def get_cache_key(self, request, view):
        if request.user.is_authenticated:
            return None
        return self.cache_format % {"scope": self.scope, "ident": client_ip(request)}
