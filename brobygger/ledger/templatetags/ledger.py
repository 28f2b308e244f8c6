from decimal import Decimal

from django import template
from django.utils.formats import number_format

from brobygger.ledger.chart import kroner as format_kroner

register = template.Library()


@register.filter
def kroner(value) -> str:
    """1234567.00 → "1.234.567 kr." (in Danish); empty for None."""
    if value is None or value == "":
        return ""
    return format_kroner(Decimal(value))


@register.filter
def amount(value) -> str:
    """An exact amount with grouping and only the decimals it has: 1250.50 → "1.250,5"."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral() else len(str(value.normalize()).split(".")[1])
    return number_format(value, decimal_pos=places, force_grouping=True)
