"""The partnering agreements' tables in the export file (core/portability.py): every version
of the terms and of each party's part, with its signature, kept as it was."""

from brobygger.core.registry import PortableTable

from .models import Agreement, PartVersion, TermsVersion


def _of_alliances(model, path: str):
    return lambda alliances: model.objects.all() if alliances is None else model.objects.filter(**{path: alliances})


TABLES = [
    PortableTable(key="agreements.agreement", order=50, rows=_of_alliances(Agreement, "alliance__in")),
    PortableTable(key="agreements.termsversion", order=51, rows=_of_alliances(TermsVersion, "agreement__alliance__in")),
    PortableTable(key="agreements.partversion", order=52, rows=_of_alliances(PartVersion, "agreement__alliance__in")),
]
