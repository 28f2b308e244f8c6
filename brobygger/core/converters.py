"""The `id` path converter: a row's key in a URL. Like Django's `int`, but at most 18 digits,
so a key no database column can hold (SQLite and PostgreSQL keep 64 bits) is simply an
address that does not exist (404) instead of an overflow in the database driver (500)."""

from django.urls import register_converter

# A 64-bit signed integer holds every 18-digit number.
MAX_ID = 2**63 - 1


class IdConverter:
    regex = "[0-9]{1,18}"

    def to_python(self, value: str) -> int:
        return int(value)

    def to_url(self, value) -> str:
        return str(int(value))


def register() -> None:
    register_converter(IdConverter, "id")
