"""Money, numbers and dates as Brobygger shows them, in one place (the template filters in
`templatetags/formatting.py` and Python code such as charts use these)."""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.utils import timezone
from django.utils.formats import date_format, number_format
from django.utils.translation import gettext as _


def kroner(value) -> str:
    """1234567.00 → "1.234.567 kr." (in Danish), rounded to whole kroner; "" for nothing."""
    if value is None or value == "":
        return ""
    # Rounded first: number_format alone would cut 1.999,99 down to 1.999.
    whole = Decimal(value).quantize(Decimal(1), rounding=ROUND_HALF_UP)
    return _("%(amount)s kr.") % {"amount": number_format(whole, decimal_pos=0, force_grouping=True)}


def amount(value) -> str:
    """An exact amount with grouping and only the decimals it has: 1250.50 → "1.250,5"."""
    if value is None or value == "":
        return ""
    value = Decimal(value)
    places = 0 if value == value.to_integral() else len(str(value.normalize()).split(".")[1])
    return number_format(value, decimal_pos=places, force_grouping=True)


def day(value: datetime.date | datetime.datetime | None) -> str:
    """3. december 2026 (a moment is shown on its local day)."""
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value) if timezone.is_aware(value) else value
    return date_format(value, "j. F Y")


def moment(value: datetime.datetime | None) -> str:
    """3. december 2026 14:05, in local time."""
    if value is None:
        return ""
    return date_format(timezone.localtime(value) if timezone.is_aware(value) else value, "j. F Y H:i")
