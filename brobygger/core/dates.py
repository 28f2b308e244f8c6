"""The dates Brobygger accepts in its records, and the message when one is outside."""

import datetime

from django.utils.translation import gettext as _

EARLIEST_DATE = datetime.date(2000, 1, 1)
LATEST_DATE = datetime.date(2100, 12, 31)


def check_date(errors: dict, field: str, value: datetime.date | None) -> None:
    """Add a Danish error under `field` when a date is outside the years records can have."""
    if value is not None and not EARLIEST_DATE <= value <= LATEST_DATE:
        errors[field] = [_("Datoen skal ligge mellem år 2000 og år 2100.")]
