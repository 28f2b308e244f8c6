"""Reading a write's request body, the same way at every endpoint."""

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

UNKNOWN_FIELD = _("Feltet findes ikke her. Skemaet (/api/v1/docs) viser de felter, der kan skrives.")


def checked_body(serializer_class, data, **context) -> dict:
    """The request body, checked for types, choices, limits and required fields (a 400 naming
    each field). A field the endpoint does not take is refused too: a misspelt field must not
    pass as "nothing to change". A serializer's `fixed` fields (set by the address, not the
    body) count as known, so naming them is refused by the serializer itself, with its reason."""
    serializer = serializer_class(data=data, context=context)
    known = set(serializer.fields) | set(getattr(serializer, "fixed", {}))
    unknown = sorted(set(data) - known) if isinstance(data, dict) else []
    if unknown:
        raise serializers.ValidationError({name: [UNKNOWN_FIELD] for name in unknown})
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data
