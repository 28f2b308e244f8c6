"""The value ledger's tables in the export file (core/portability.py), each after the tables
it refers to."""

from brobygger.core.registry import PortableTable

from .models import Contribution, HourKind, Result, ValueGoal


def _of_alliances(model, path: str):
    return lambda alliances: model.objects.all() if alliances is None else model.objects.filter(**{path: alliances})


TABLES = [
    PortableTable(key="ledger.hourkind", order=40, rows=_of_alliances(HourKind, "alliance__in")),
    PortableTable(key="ledger.valuegoal", order=41, rows=_of_alliances(ValueGoal, "alliance__in")),
    PortableTable(key="ledger.contribution", order=42, rows=_of_alliances(Contribution, "party__alliance__in")),
    PortableTable(key="ledger.result", order=43, rows=_of_alliances(Result, "goal__alliance__in")),
]
