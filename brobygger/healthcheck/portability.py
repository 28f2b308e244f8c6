"""The health check's tables in the export file (core/portability.py).

The instrument is the installation's, not an alliance's. Version 1 and its statements, tension
scales and participation items come with every installation (migration 0002, from
defaults.py) and, being published, never change: the file names them as reference data (the
version by its number, an item by its key) and an import matches them instead of copying
them, so an installation that imported a file exports the same file again. Versions staff
published later (and a draft they are editing) are copied like any other row. An export of
some alliances carries the versions their rounds asked and their dilemmas' scales belong to,
each whole (its statements, scales and items).

Then the alliances' rounds, each party's answer in them (the statements, the tension scales,
what taking part gives and costs, the last hanging on the foundation's `ValueAnswer`) and the
register of dilemmas.
"""

from django.db.models import Q

from brobygger.core.registry import PortableTable

from .models import (
    Dilemma,
    InstrumentVersion,
    ParticipationAnswer,
    ParticipationItem,
    Response,
    Round,
    Statement,
    StatementAnswer,
    TensionAnswer,
    TensionScale,
)

# The version every installation has from its migrations: matched, never copied.
BUILT_IN_VERSION = 1


def _versions_of(alliances):
    """The versions some alliances' rounds asked and their dilemmas' scales belong to."""
    return Q(pk__in=Round.objects.filter(alliance__in=alliances).values("version_id")) | Q(
        pk__in=TensionScale.objects.filter(dilemmas__alliance__in=alliances).values("version_id")
    )


def _versions(alliances):
    if alliances is None:
        return InstrumentVersion.objects.all()
    return InstrumentVersion.objects.filter(_versions_of(alliances))


def _items_of(model):
    def rows(alliances):
        if alliances is None:
            return model.objects.all()
        return model.objects.filter(
            version__in=InstrumentVersion.objects.filter(_versions_of(alliances))
        )

    return rows


def _of_alliances(model, path: str):
    return lambda alliances: (
        model.objects.all() if alliances is None else model.objects.filter(**{path: alliances})
    )


def _instrument_item(key: str, model, order: int) -> PortableTable:
    """A statement, tension scale or participation item: those of the built-in version are
    named by their key (unique within a version) and matched."""
    return PortableTable(
        key=key,
        order=order,
        rows=_items_of(model),
        reference=Q(version__number=BUILT_IN_VERSION),
        match_by=("key",),
    )


# Orders 53–58: after the foundation (its `valueanswer` is 25) and the agreements (50–52),
# before the leadership capability (60–69), referring to neither. Tables of one order keep
# the order of this list (the registry keeps registration order), so register them in it.
TABLES = [
    PortableTable(
        key="healthcheck.instrumentversion",
        order=53,
        rows=_versions,
        reference=Q(number=BUILT_IN_VERSION),
        match_by=("number",),
    ),
    _instrument_item("healthcheck.statement", Statement, 54),
    _instrument_item("healthcheck.tensionscale", TensionScale, 54),
    _instrument_item("healthcheck.participationitem", ParticipationItem, 54),
    PortableTable(key="healthcheck.round", order=55, rows=_of_alliances(Round, "alliance__in")),
    PortableTable(
        key="healthcheck.response", order=56, rows=_of_alliances(Response, "round__alliance__in")
    ),
    PortableTable(
        key="healthcheck.statementanswer",
        order=57,
        rows=_of_alliances(StatementAnswer, "response__round__alliance__in"),
    ),
    PortableTable(
        key="healthcheck.tensionanswer",
        order=57,
        rows=_of_alliances(TensionAnswer, "response__round__alliance__in"),
    ),
    PortableTable(
        key="healthcheck.participationanswer",
        order=57,
        rows=_of_alliances(ParticipationAnswer, "value_answer__party__alliance__in"),
    ),
    PortableTable(key="healthcheck.dilemma", order=58, rows=_of_alliances(Dilemma, "alliance__in")),
]
