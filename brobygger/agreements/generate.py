"""The partnering agreement's share of a generated data set (registered as
`registry.GeneratedData`): shared terms for half the alliances and, in those, a signed part
for most parties. Bulk-inserted, with one audit record per version."""

from django.contrib.contenttypes.models import ContentType

from brobygger.core.models import AuditAction, AuditRecord

from .models import Agreement, PartVersion, TermsVersion

BATCH = 2000
_TERMS = {
    "shared_why": "Vi løser opgaven bedre sammen, og hver part får noget med hjem.",
    "governance": "En styregruppe med én fra hver part mødes hver anden måned.",
    "ending": "Hver part kan træde ud med seks måneders varsel.",
}
_PART = {
    "reason": "Vi deltager, fordi opgaven er vigtig for os.",
    "logic": "Det hænger sammen med det, vi i forvejen er sat i verden for.",
    "limits": "Vi kan ikke påtage os mere, end vi har aftalt her.",
    "commitments": "Vi stiller tid og viden til rådighed.",
}


def generate(context) -> None:
    rng = context.shared["random"]
    now = context.shared["now"]
    coordinators = context.shared["coordinators"]
    with_agreement = [alliance for alliance in coordinators if rng.random() < 0.5]
    agreements = Agreement.objects.bulk_create([Agreement(alliance_id=alliance) for alliance in with_agreement], batch_size=BATCH)
    terms = TermsVersion.objects.bulk_create(
        [
            TermsVersion(agreement=agreement, number=1, created_by_id=coordinators[agreement.alliance_id], created_at=now, **_TERMS)
            for agreement in agreements
        ],
        batch_size=BATCH,
    )
    terms_of = {version.agreement.alliance_id: version for version in terms}
    agreement_of = {agreement.alliance_id: agreement for agreement in agreements}
    parts = []
    for party, alliance, writer in context.shared["parties"]:
        if alliance not in agreement_of or writer is None or rng.random() < 0.2:
            continue
        parts.append(
            PartVersion(
                agreement=agreement_of[alliance],
                party_id=party,
                number=1,
                created_by_id=writer,
                created_at=now,
                signed_by_id=writer,
                signed_by_name="Genereret",
                signed_at=now,
                signed_terms=terms_of[alliance],
                **_PART,
            )
        )
    parts = PartVersion.objects.bulk_create(parts, batch_size=BATCH)
    terms_type = ContentType.objects.get_for_model(TermsVersion)
    part_type = ContentType.objects.get_for_model(PartVersion)
    AuditRecord.objects.bulk_create(
        [
            AuditRecord(
                at=now,
                actor_id=version.created_by_id,
                alliance_id=version.agreement.alliance_id,
                content_type=terms_type,
                object_id=version.pk,
                object_label="Fælles vilkår, version 1",
                action=AuditAction.CREATED,
            )
            for version in terms
        ]
        + [
            AuditRecord(
                at=now,
                actor_id=version.created_by_id,
                alliance_id=version.agreement.alliance_id,
                party_id=version.party_id,
                content_type=part_type,
                object_id=version.pk,
                object_label="Partens del, version 1",
                action=AuditAction.SIGNED,
            )
            for version in parts
        ],
        batch_size=BATCH,
    )
    context.shared.setdefault("counts", {}).update(agreements=len(agreements), signed_parts=len(parts))
