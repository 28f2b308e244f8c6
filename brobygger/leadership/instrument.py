"""The self-assessment's instrument: versioned statements, answered 1–5, scored per role
and challenge.

A version's statements are fixed once published (tests pin their Danish texts). Changing a
statement means adding a new version: old assessments keep the version they were answered
in, and a trend compares only assessments of the same version.
"""

from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from .dimensions import CHALLENGES, ROLES, Dimension

LOWEST, HIGHEST = 1, 5
SCALE = (
    (1, _("Helt uenig")),
    (2, _("Uenig")),
    (3, _("Hverken enig eller uenig")),
    (4, _("Enig")),
    (5, _("Helt enig")),
)
# A score of at least this (on 0–100) counts as "strong" in a team's coverage.
STRONG_SCORE = 70


@dataclass(frozen=True)
class Statement:
    key: str
    dimension: Dimension
    text: Any
    # Agreeing means doing less of the role: the answer is turned round before scoring.
    reverse: bool = False


def _versions() -> dict[int, tuple[Statement, ...]]:
    from .statements import VERSION_1

    return {1: VERSION_1}


def versions() -> dict[int, tuple[Statement, ...]]:
    return _versions()


def current_version() -> int:
    return max(_versions())


def statements(version: int) -> tuple[Statement, ...]:
    return _versions()[version]


def interleaved(version: int) -> list[Statement]:
    """The statements in the order the questionnaire asks them: one of each role and challenge
    in turn, so that neighbouring statements are about different things."""
    by_dimension: dict[str, list[Statement]] = {}
    for statement in statements(version):
        by_dimension.setdefault(statement.dimension, []).append(statement)
    ordered: list[Statement] = []
    rounds = max(len(items) for items in by_dimension.values())
    for index in range(rounds):
        for dimension in (*ROLES, *CHALLENGES):
            items = by_dimension.get(dimension, [])
            if index < len(items):
                ordered.append(items[index])
    return ordered


def keyed(statement: Statement, value: int) -> int:
    return HIGHEST + LOWEST - value if statement.reverse else value


def scores(version: int, answers: dict[str, int]) -> dict[str, int]:
    """{dimension: score 0–100} from a complete set of answers {statement key: 1–5}: the mean
    of the keyed answers, put on 0–100 and rounded to a whole number."""
    totals: dict[str, list[int]] = {}
    for statement in statements(version):
        totals.setdefault(statement.dimension, []).append(keyed(statement, answers[statement.key]))
    # Half up (Python's round() would take 62.5 to 62).
    return {
        dimension: int((sum(values) / len(values) - LOWEST) / (HIGHEST - LOWEST) * 100 + 0.5)
        for dimension, values in totals.items()
    }


def missing(version: int, answers: dict[str, int]) -> list[Statement]:
    return [statement for statement in statements(version) if statement.key not in answers]
