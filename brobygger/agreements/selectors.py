"""Reads of the partnering agreement: the whole agreement with each part's signature
status, the version history, and the front page's reminders. Fixed query counts."""

import datetime
from dataclasses import dataclass

from django.db.models import (
    CharField,
    DateTimeField,
    F,
    IntegerField,
    Max,
    OuterRef,
    Q,
    Subquery,
    TextField,
    Value,
)
from django.db.models.functions import NullIf
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from brobygger.alliances.models import Alliance, MemberRole, Party, group_by_sector
from brobygger.alliances.selectors import memberships_of
from brobygger.core import audit, formatting
from brobygger.core.registry import AttentionItem, PartyPageEntry

from .models import PART_FIELDS, PART_LABELS, TERMS_FIELDS, Agreement, PartVersion, TermsVersion

# Coordinators are reminded this long before the revisit date.
REVISIT_WARNING = datetime.timedelta(days=30)


class SignatureStatus:
    MISSING = "mangler"
    UNSIGNED = "ikke_underskrevet"
    CHANGED_SINCE_SIGNED = "aendret"
    TERMS_CHANGED = "vilkaar_aendret"
    SIGNED = "underskrevet"

    LABELS = {
        MISSING: gettext_lazy("Ikke skrevet"),
        UNSIGNED: gettext_lazy("Ikke underskrevet"),
        CHANGED_SINCE_SIGNED: gettext_lazy("Ændret efter underskrift – skal underskrives igen"),
        TERMS_CHANGED: gettext_lazy("De fælles vilkår er ændret – skal underskrives igen"),
        SIGNED: gettext_lazy("Underskrevet"),
    }


@dataclass
class PartRow:
    party: Party
    current: PartVersion | None
    last_signed: PartVersion | None
    status: str
    logic_label: str
    logic_help: str
    limits_label: str
    limits_help: str

    @property
    def status_label(self) -> str:
        return SignatureStatus.LABELS[self.status]

    @property
    def needs_signature(self) -> bool:
        return self.status not in (SignatureStatus.SIGNED, SignatureStatus.MISSING)


def part_labels(party: Party) -> dict:
    labels = PART_LABELS[party.organisation.sector]
    return {
        "logic_label": labels["logic"][0],
        "logic_help": labels["logic"][1],
        "limits_label": labels["limits"][0],
        "limits_help": labels["limits"][1],
    }


def _status(current: PartVersion | None, last_signed: PartVersion | None, terms: TermsVersion | None) -> str:
    if current is None:
        return SignatureStatus.MISSING
    if current.signed_at is None:
        return SignatureStatus.CHANGED_SINCE_SIGNED if last_signed else SignatureStatus.UNSIGNED
    if terms is not None and current.signed_terms_id != terms.pk:
        return SignatureStatus.TERMS_CHANGED
    return SignatureStatus.SIGNED


@dataclass
class AgreementOverview:
    alliance: Alliance
    agreement: Agreement | None
    terms: TermsVersion | None
    parts: list[PartRow]

    @property
    def by_sector(self) -> list[tuple[str, list[PartRow]]]:
        return group_by_sector(self.parts, lambda row: row.party.organisation.sector)

    @property
    def signed_count(self) -> int:
        return sum(1 for row in self.parts if row.status == SignatureStatus.SIGNED)


def _latest_versions(party_filter: Q, *, signed_only: bool) -> dict[int, PartVersion]:
    versions = PartVersion.objects.filter(party=OuterRef("party"))
    if signed_only:
        versions = versions.filter(signed_at__isnull=False)
    newest = versions.order_by("-number").values("number")[:1]
    rows = (
        PartVersion.objects.filter(party_filter, number=Subquery(newest))
        .select_related("created_by", "signed_terms")
        .annotate(on_behalf=audit.written_on_behalf(PartVersion))
    )
    return {row.party_id: row for row in rows}


def agreement_overview(*, alliance: Alliance) -> AgreementOverview:
    """The agreement in force: shared terms and every party's part with its status. 5 queries."""
    agreement = Agreement.objects.filter(alliance=alliance).first()
    terms = (
        TermsVersion.objects.filter(agreement=agreement).select_related("created_by").order_by("-number").first()
        if agreement
        else None
    )
    parties = list(
        Party.objects.filter(alliance=alliance).select_related("organisation").order_by("organisation__name", "pk")
    )
    current = _latest_versions(Q(party__alliance=alliance), signed_only=False) if agreement else {}
    signed = _latest_versions(Q(party__alliance=alliance), signed_only=True) if agreement else {}
    rows = [
        PartRow(
            party=party,
            current=current.get(party.pk),
            last_signed=signed.get(party.pk),
            status=_status(current.get(party.pk), signed.get(party.pk), terms),
            **part_labels(party),
        )
        for party in parties
    ]
    return AgreementOverview(alliance=alliance, agreement=agreement, terms=terms, parts=rows)


def part_row(*, party: Party) -> PartRow:
    """One party's part in force and its status (for its edit and sign pages). 3 queries."""
    agreement = Agreement.objects.filter(alliance_id=party.alliance_id).first()
    terms = agreement.terms_versions.order_by("-number").first() if agreement else None
    versions = list(
        PartVersion.objects.filter(party=party)
        .select_related("signed_terms")
        .annotate(on_behalf=audit.written_on_behalf(PartVersion))
        .order_by("-number")[:50]
    )
    current = versions[0] if versions else None
    last_signed = next((v for v in versions if v.signed_at), None)
    return PartRow(
        party=party,
        current=current,
        last_signed=last_signed,
        status=_status(current, last_signed, terms),
        **part_labels(party),
    )


@dataclass
class AgreementHistory:
    terms_versions: list[TermsVersion]
    part_versions: list[PartVersion]


@dataclass
class ChangesSince:
    """What changed in the agreement since a signer opened the sign page: the labels of the
    sections of the shared terms and of the party's part that differ, and the change notes
    of the newer versions of the terms."""

    terms_sections: list[str]
    part_sections: list[str]
    terms_notes: list[str]


def _labels(model, names) -> list[str]:
    return [str(model._meta.get_field(name).verbose_name) for name in names]


def changes_since(*, party: Party, part_number: int, terms_number: int) -> ChangesSince:
    """Compare the versions the signer read with those in force. Two queries."""
    terms = list(
        TermsVersion.objects.filter(agreement__alliance_id=party.alliance_id, number__gte=terms_number).order_by(
            "number"
        )
    )
    parts = list(PartVersion.objects.filter(party=party, number__gte=part_number).order_by("number"))
    terms_read, terms_now = (terms[0], terms[-1]) if terms else (None, None)
    part_read, part_now = (parts[0], parts[-1]) if parts else (None, None)
    changed_terms = [
        name
        for name in TERMS_FIELDS
        if terms_read and terms_read.number == terms_number and getattr(terms_read, name) != getattr(terms_now, name)
    ]
    changed_part = [
        name
        for name in PART_FIELDS
        if part_read and part_read.number == part_number and getattr(part_read, name) != getattr(part_now, name)
    ]
    labels = part_labels(party)
    part_section_labels = []
    for name in changed_part:
        if name in ("logic", "limits"):
            part_section_labels.append(str(labels[f"{name}_label"]))
        else:
            part_section_labels.append(_labels(PartVersion, [name])[0])
    return ChangesSince(
        terms_sections=_labels(TermsVersion, changed_terms),
        part_sections=part_section_labels,
        terms_notes=[version.change_note for version in terms[1:] if version.change_note],
    )


def agreement_history(*, alliance: Alliance) -> AgreementHistory:
    """Every version of the shared terms (with the parts signed against it) and of each
    part, newest first. 2 queries."""
    part_versions = list(
        PartVersion.objects.filter(agreement__alliance=alliance)
        .select_related("party__organisation", "created_by", "signed_terms")
        .annotate(on_behalf=audit.written_on_behalf(PartVersion))
        .order_by("party__organisation__name", "party_id", "-number")
    )
    signatures: dict[int, list[PartVersion]] = {}
    for version in part_versions:
        version.labels = part_labels(version.party)
        if version.signed_terms_id:
            signatures.setdefault(version.signed_terms_id, []).append(version)
    terms_versions = list(
        TermsVersion.objects.filter(agreement__alliance=alliance).select_related("created_by").order_by("-number")
    )
    for terms in terms_versions:
        terms.signed_parts = sorted(signatures.get(terms.pk, []), key=lambda version: version.signed_at)
    return AgreementHistory(terms_versions=terms_versions, part_versions=part_versions)


# --- Front page reminders ------------------------------------------------------------------


def attention_items(user, *, day: datetime.date) -> list[AttentionItem]:
    """The revisit date for coordinators; a part waiting for signature for its signers.
    Two queries."""
    memberships = memberships_of(user)
    items: list[AttentionItem] = []
    coordinated = {m.alliance_id: m.alliance for m in memberships if m.role == MemberRole.COORDINATOR}
    if coordinated:
        due = Agreement.objects.filter(
            alliance_id__in=coordinated.keys(), revisit_on__lte=day + REVISIT_WARNING
        ).values_list("alliance_id", "revisit_on")
        for alliance_id, revisit_on in due:
            alliance = coordinated[alliance_id]
            if revisit_on < day:
                message = _("Samarbejdsaftalen skulle have været gennemgået igen %(date)s.")
            else:
                message = _("Samarbejdsaftalen skal gennemgås igen senest %(date)s.")
            items.append(
                AttentionItem(
                    alliance,
                    message % {"date": formatting.day(revisit_on)},
                    reverse("agreements:detail", kwargs={"slug": alliance.slug}),
                )
            )
    signers = {
        m.party_id: m.alliance for m in memberships if m.party_id and m.role != MemberRole.OBSERVER
    }
    if signers:
        newest_terms = (
            TermsVersion.objects.filter(agreement=OuterRef("agreement")).order_by("-number").values("pk")[:1]
        )
        rows = (
            PartVersion.objects.filter(party_id__in=signers.keys())
            .annotate(
                newest=Subquery(
                    PartVersion.objects.filter(party=OuterRef("party"))
                    .values("party")
                    .annotate(n=Max("number"))
                    .values("n")[:1]
                ),
                terms_in_force=Subquery(newest_terms),
            )
            .filter(number=F("newest"))
            .values_list("party_id", "signed_terms_id", "terms_in_force")
        )
        for party_id, signed_terms_id, terms_in_force in rows:
            if terms_in_force is not None and signed_terms_id != terms_in_force:
                alliance = signers[party_id]
                items.append(
                    AttentionItem(
                        alliance,
                        _("Jeres del af samarbejdsaftalen venter på underskrift."),
                        reverse("agreements:detail", kwargs={"slug": alliance.slug}),
                    )
                )
    return items


# --- "Din part" on the alliance page --------------------------------------------------------


def own_party_entry(party: Party, user) -> PartyPageEntry | None:
    """The party's part of the agreement and what it lacks. 3 queries; nothing for a member
    who may not read the agreement."""
    if not user.has_perm("agreements.view_agreement", party.alliance):
        return None
    row = part_row(party=party)
    may_edit = user.has_perm("agreements.change_part", party)
    url = (
        reverse("agreements:part_edit", kwargs={"slug": party.alliance.slug, "party_id": party.pk})
        if may_edit
        else reverse("agreements:detail", kwargs={"slug": party.alliance.slug}) + f"#part-{party.pk}"
    )
    missing = "" if row.status == SignatureStatus.SIGNED else str(SignatureStatus.LABELS[row.status])
    return PartyPageEntry(label=str(_("Partens del af samarbejdsaftalen")), url=url, missing=missing)


# --- Every version, one list (the API's version history) -----------------------------------

VERSION_KIND_TERMS = "terms"
VERSION_KIND_PART = "part"

# The columns of each row of `agreement_versions`, in this order (a union needs the same
# columns in both halves). The author's name is read as its parts, so that naming them
# costs no query per row.
VERSION_COLUMNS = (
    "kind",
    "kind_order",
    "id",
    "number",
    "party_id",
    "organisation",
    "created_at",
    "author_first_name",
    "author_last_name",
    "author_username",
    "on_behalf",
    "change_note",
    *TERMS_FIELDS,
    *PART_FIELDS,
    "signer_name",
    "signed_at",
    "signed_terms_number",
)


def _none(field) -> Value:
    return Value(None, output_field=field)


def _version_rows(queryset, *, kind: str, order: int, on_behalf, own: dict):
    """One half of the union: the model's own columns, its author's name, and NULLs of the
    right type for the columns only the other model has."""
    return (
        queryset.order_by()
        .annotate(
            kind=Value(kind, output_field=CharField()),
            kind_order=Value(order, output_field=IntegerField()),
            author_first_name=F("created_by__first_name"),
            author_last_name=F("created_by__last_name"),
            author_username=F("created_by__username"),
            on_behalf=on_behalf,
            **own,
        )
        .values(*VERSION_COLUMNS)
    )


def agreement_versions(*, alliance: Alliance):
    """Every version of the shared terms and of each party's part, as the history page shows
    them, as one list of dicts (VERSION_COLUMNS): the oldest number first, at the same number
    the terms before the parts and the parts by party, the primary key last. A queryset: a
    page of it is one query, its count another, whatever the number of versions."""
    terms = _version_rows(
        TermsVersion.objects.filter(agreement__alliance=alliance),
        kind=VERSION_KIND_TERMS,
        order=0,
        on_behalf=audit.written_on_behalf(TermsVersion),
        own={
            "party_id": _none(IntegerField()),
            "organisation": _none(CharField()),
            **{name: _none(TextField()) for name in PART_FIELDS},
            "signer_name": _none(CharField()),
            "signed_at": _none(DateTimeField()),
            "signed_terms_number": _none(IntegerField()),
        },
    )
    parts = _version_rows(
        PartVersion.objects.filter(agreement__alliance=alliance),
        kind=VERSION_KIND_PART,
        order=1,
        on_behalf=audit.written_on_behalf(PartVersion),
        own={
            "organisation": F("party__organisation__name"),
            "change_note": _none(CharField()),
            **{name: _none(TextField()) for name in TERMS_FIELDS},
            "signer_name": NullIf(F("signed_by_name"), Value("")),
            "signed_terms_number": F("signed_terms__number"),
        },
    )
    return terms.union(parts, all=True).order_by("number", "kind_order", "party_id", "id")
