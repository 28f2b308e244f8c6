"""Serializer fields every endpoint shares."""

from rest_framework import serializers

from brobygger.core.converters import MAX_ID


class IdField(serializers.IntegerField):
    """A row's key named in a query or a body: a whole number the database can hold (larger
    ones are a 400 naming the field, not an overflow)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)
