"""What holds for every endpoint before its own rules: reading needs no login (each endpoint
shows only what the caller may see), writing needs one, and a read-only token only reads.
Each endpoint's own permissions are its capability's rules.py, asked through the same
fetchers and services as the pages."""

from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, permissions

from .models import ApiToken


class TokenMayWrite(permissions.BasePermission):
    message = _("Nøglen må kun læse. Lav en nøgle, der også må skrive, på din kontoside.")

    def has_permission(self, request, view) -> bool:
        if request.method in permissions.SAFE_METHODS or not hasattr(view, request.method.lower()):
            # Reads, and methods the endpoint lacks (405 is the better answer for those).
            return True
        if not request.user.is_authenticated:
            raise exceptions.NotAuthenticated(_("Log ind eller brug en API-nøgle for at skrive."))
        token = request.auth
        return not (isinstance(token, ApiToken) and token.read_only)
