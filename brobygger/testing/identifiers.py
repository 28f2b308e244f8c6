"""Made-up identifiers for test data."""

import itertools
from collections.abc import Iterator

from stdnum.dk import cvr as stdnum_cvr


def valid_cvrs(start: int = 20_000_000) -> Iterator[str]:
    """CVR numbers that pass the mod-11 check, counting up from `start` (each app's tests
    start elsewhere, so their organisations never share a number)."""
    for number in itertools.count(start):
        if stdnum_cvr.is_valid(str(number)):
            yield str(number)
