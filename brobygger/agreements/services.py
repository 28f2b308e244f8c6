"""Every write to the partnering agreement. Nothing is overwritten: an edit adds a version.

Each `@service` takes the acting user, checks the rule (coordinators edit the shared terms;
a party's representatives, or coordinators and staff on its behalf, edit its part; only
its own representatives sign it) and leaves one audit record. Version numbers are taken
under a row lock on the agreement, so two people saving at the same moment get versions n
and n+1, never a lost write.
"""

import datetime

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.alliances.audit import record
from brobygger.alliances.models import Alliance, Party
from brobygger.core.audit import as_text, created, diff, service, snapshot
from brobygger.core.dates import check_date
from brobygger.core.models import AuditAction
from brobygger.core.permissions import require

from .models import PART_FIELDS, TERMS_FIELDS, Agreement, PartVersion, TermsVersion


def _locked_agreement(alliance_id: int) -> Agreement:
    Agreement.objects.get_or_create(alliance_id=alliance_id)
    return Agreement.objects.select_for_update().get(alliance_id=alliance_id)


def _stripped(texts: dict) -> dict:
    texts = {name: (value or "").strip() for name, value in texts.items()}
    missing = {name: [_("Skal udfyldes.")] for name, value in texts.items() if not value}
    if missing:
        raise ValidationError(missing)
    return texts


@service
def terms_update(
    *,
    actor,
    alliance: Alliance,
    shared_why: str,
    governance: str,
    ending: str,
    revisit_on: datetime.date | None = None,
    change_note: str = "",
) -> TermsVersion | None:
    """Save the shared terms and the revisit date. A new version only when the text changed.

    Returns the new version, or None when only the revisit date changed (or nothing)."""
    require(actor, "agreements.change_terms", alliance)
    texts = _stripped({"shared_why": shared_why, "governance": governance, "ending": ending})
    errors: dict[str, list[str]] = {}
    check_date(errors, "revisit_on", revisit_on)
    if errors:
        raise ValidationError(errors)
    agreement = _locked_agreement(alliance.pk)
    current = agreement.terms_versions.order_by("-number").first()
    revisit_changed = agreement.revisit_on != revisit_on
    text_changed = current is None or any(getattr(current, name) != texts[name] for name in TERMS_FIELDS)
    if revisit_changed:
        record(
            actor=actor,
            obj=agreement,
            action=AuditAction.CHANGED,
            changes={"revisit_on": [as_text(agreement.revisit_on), as_text(revisit_on)]},
            label=str(alliance),
        )
        agreement.revisit_on = revisit_on
        agreement.save(update_fields=["revisit_on"])
    if not text_changed:
        return None
    version = TermsVersion(
        agreement=agreement,
        number=(current.number + 1) if current else 1,
        created_by=actor,
        created_at=timezone.now(),
        change_note=(change_note or "").strip(),
        **texts,
    )
    version.full_clean(exclude=["created_by", "agreement"])
    version.save()
    before = snapshot(current, TERMS_FIELDS) if current else {}
    record(
        actor=actor,
        obj=version,
        action=AuditAction.CREATED,
        changes=diff(before, snapshot(version, (*TERMS_FIELDS, "change_note"))),
        label=_("Fælles vilkår, version %(number)s") % {"number": version.number},
    )
    return version


@service
def part_update(
    *, actor, party: Party, reason: str, logic: str, limits: str, commitments: str
) -> PartVersion | None:
    """Save a party's part. Changing a signed part makes a new, unsigned version, which asks
    the party for a new signature. Returns None when nothing changed."""
    require(actor, "agreements.change_part", party)
    texts = _stripped({"reason": reason, "logic": logic, "limits": limits, "commitments": commitments})
    agreement = _locked_agreement(party.alliance_id)
    current = PartVersion.objects.filter(party=party).order_by("-number").first()
    if current is not None and all(getattr(current, name) == texts[name] for name in PART_FIELDS):
        return None
    version = PartVersion(
        agreement=agreement,
        party=party,
        number=(current.number + 1) if current else 1,
        created_by=actor,
        created_at=timezone.now(),
        **texts,
    )
    version.full_clean(exclude=["created_by", "agreement", "party", "signed_terms", "signed_by"])
    version.save()
    before = snapshot(current, PART_FIELDS) if current else {}
    record(
        actor=actor,
        obj=version,
        action=AuditAction.CREATED,
        changes=diff(before, snapshot(version, PART_FIELDS)) if current else created(snapshot(version, PART_FIELDS)),
        label=_("%(name)s, version %(number)s") % {"name": party.organisation.name, "number": version.number},
    )
    return version


@service
def part_sign(*, actor, party: Party, version_number: int, terms_number: int) -> PartVersion:
    """Sign the newest version of the party's part against the shared terms in force.

    `version_number` and `terms_number` are the versions of the part and of the shared terms
    the signer read: if either changed in the meantime, nothing is signed, rather than a
    signature put on text the signer has not seen."""
    require(actor, "agreements.sign_part", party)
    agreement = _locked_agreement(party.alliance_id)
    current = PartVersion.objects.filter(party=party).order_by("-number").first()
    terms = agreement.terms_versions.order_by("-number").first()
    if current is None:
        raise ValidationError(_("Partens del af aftalen er ikke skrevet endnu."), code="no_part")
    if terms is None:
        raise ValidationError(
            _("De fælles vilkår skal skrives, før parterne kan underskrive."), code="no_terms"
        )
    if current.number != version_number or terms.number != terms_number:
        raise ValidationError(
            _("Aftalen er ændret, mens du læste den. Læs det, der er ændret, og underskriv igen."),
            code="stale_version",
        )
    if current.signed_at is not None and current.signed_terms_id == terms.pk:
        raise ValidationError(_("Denne version er allerede underskrevet."), code="already_signed")
    if current.signed_at is not None:
        # Signed before the shared terms changed. The old signature stays on its version:
        # the same text becomes a new version, and that one carries the new signature.
        current = PartVersion.objects.create(
            agreement=agreement,
            party=party,
            number=current.number + 1,
            created_by=actor,
            created_at=timezone.now(),
            **{name: getattr(current, name) for name in PART_FIELDS},
        )
    current.signed_by = actor
    current.signed_by_name = actor.get_full_name() or actor.get_username()
    current.signed_at = timezone.now()
    current.signed_terms = terms
    current.save(update_fields=["signed_by", "signed_by_name", "signed_at", "signed_terms"])
    record(
        actor=actor,
        obj=current,
        action=AuditAction.SIGNED,
        changes={"signed_by_name": [None, current.signed_by_name], "signed_terms": [None, str(terms.number)]},
        label=_("%(name)s, version %(number)s") % {"name": party.organisation.name, "number": current.number},
    )
    return current
