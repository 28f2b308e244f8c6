"""Where capabilities declare their statistics to the core, once, in AppConfig.ready().

The core (front page today; the knowledge centre and exporter later) reads the registry
and never imports a capability directly.
"""

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class Statistic:
    key: str
    label: str
    # Returns an aggregate over all alliances; must not reveal anything a visitor may not see.
    compute: Callable[[], int]


_statistics: dict[str, Statistic] = {}


def register_statistic(*, key: str, label: str, compute: Callable[[], int]) -> None:
    if key in _statistics:
        raise ValueError(f"Statistic {key!r} is already registered.")
    _statistics[key] = Statistic(key=key, label=label, compute=compute)


def statistics() -> list[Statistic]:
    return list(_statistics.values())
