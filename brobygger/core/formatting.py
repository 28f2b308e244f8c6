"""Money, numbers and dates as Brobygger shows them, in one place (the template filters in
`templatetags/formatting.py` and Python code such as charts use these)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _


def kroner(value) -> str:
    """1234567.00 → "1.234.567 kr." (in Danish), rounded to whole kroner; "" for nothing.
    For totals and charts, whose pages say that they round; an amount someone typed is
    shown with `exact_kroner`."""
    if value is None or value == "":
        return ""
    # Rounded first: number_format alone would cut 1.999,99 down to 1.999.
    whole = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return _("%(amount)s kr.") % {"amount": number_format(whole, decimal_pos=0, force_grouping=True)}


def exact_kroner(value) -> str:
    """An amount as it was entered, to the øre: 1250.5 → "1.250,50 kr." (in Danish)."""
    if value is None or value == "":
        return ""
    cents = Decimal(value).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return _("%(amount)s kr.") % {"amount": number_format(cents, decimal_pos=2, force_grouping=True)}


def amount(value) -> str:
    """An exact amount with grouping and only the decimals it has: 1250.50 → "1.250,5"."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral() else len(str(value.normalize()).split(".")[1])
    return number_format(value, decimal_pos=places, force_grouping=True)


def score(value) -> str:
    """A mean on a rating scale, to one decimal, rounded half up: 3.45 → "3,5" ("–" for none)."""
    if value is None or value == "":
        return "–"
    rounded = Decimal(str(value)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    return number_format(rounded, decimal_pos=1)


def day(value: datetime.date | datetime.datetime | None) -> str:
    """The day in the language's own form: "3. december 2026" in Danish, "Dec. 3, 2026" in
    English (a moment is shown on its local day)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(value, "DATE_FORMAT")


def moment(value: datetime.datetime | None) -> str:
    """The day and time in the language's own form, in local time: "3. december 2026 14:05"
    in Danish, "Dec. 3, 2026, 2:05 p.m." in English."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "DATETIME_FORMAT")
