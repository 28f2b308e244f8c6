"""The foundation's tables in the export file (core/portability.py): organisations (the
municipalities and regions matched by their official code, never copied), who works where,
alliances, their phases, parties, members and invitations, and the audit trail, whose
alliance and party columns are the foundation's to name."""

import secrets

from django.db.models import Q

from brobygger.core.models import AuditRecord
from brobygger.core.registry import PortableTable

from .models import (
    AUTHORITY_KINDS,
    Affiliation,
    Alliance,
    Invitation,
    Membership,
    Organisation,
    OrganisationDomain,
    Party,
    PhaseChange,
    ValueAnswer,
)


def _authority(named: dict) -> Q:
    """A municipality or region by its official code; one without a code yet (Region
    Østdanmark before it gets one) by its name."""
    if named["official_code"]:
        return Q(kind=named["kind"], official_code=named["official_code"])
    return Q(kind=named["kind"], name=named["name"])


def _all_or_none(model):
    return lambda alliances: model.objects.all() if alliances is None else model.objects.none()


def _of_alliances(model, path: str = "alliance__in"):
    return lambda alliances: model.objects.all() if alliances is None else model.objects.filter(**{path: alliances})


def _domains(alliances):
    if alliances is None:
        return OrganisationDomain.objects.all()
    return OrganisationDomain.objects.filter(organisation__parties__alliance__in=alliances).distinct()


def _affiliations(alliances):
    if alliances is None:
        return Affiliation.objects.all()
    return Affiliation.objects.filter(user__memberships__alliance__in=alliances).distinct()


TABLES = [
    PortableTable(
        key="alliances.organisation",
        order=10,
        rows=_all_or_none(Organisation),
        with_referenced=True,
        reference=Q(kind__in=AUTHORITY_KINDS),
        match_by=("kind", "official_code", "name"),
        match=_authority,
    ),
    PortableTable(key="alliances.organisationdomain", order=11, rows=_domains),
    PortableTable(key="alliances.affiliation", order=12, rows=_affiliations),
    PortableTable(key="alliances.alliance", order=20, rows=_of_alliances(Alliance, "pk__in")),
    PortableTable(key="alliances.phasechange", order=21, rows=_of_alliances(PhaseChange)),
    PortableTable(key="alliances.party", order=22, rows=_of_alliances(Party)),
    PortableTable(key="alliances.membership", order=23, rows=_of_alliances(Membership)),
    # An invitation's link is a credential: it does not travel, so an imported invitation's
    # link no longer works (a coordinator sends it again).
    PortableTable(
        key="alliances.invitation",
        order=24,
        rows=_of_alliances(Invitation),
        omit={"token_hash": lambda: secrets.token_hex(32)},
    ),
    PortableTable(key="alliances.valueanswer", order=25, rows=_of_alliances(ValueAnswer, "party__alliance__in")),
    PortableTable(
        key="core.auditrecord",
        order=1000,
        rows=_of_alliances(AuditRecord, "alliance_id__in"),
        id_columns={"alliance_id": "alliances.alliance", "party_id": "alliances.party"},
        generic=("content_type", "object_id"),
    ),
]
