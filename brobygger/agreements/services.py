"""Every write to the partnering agreement. Nothing is overwritten: an edit adds a version.

Version numbers are taken under a row lock on the agreement, so two people saving at the
same moment get versions n and n+1, never a lost write.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from brobygger.alliances.models import Alliance, Party
from brobygger.alliances.rules import represents_party
from brobygger.ledger.services import EARLIEST_DATE, LATEST_DATE

from .models import Agreement, PartVersion, TermsVersion

TERMS_FIELDS = ("shared_why", "governance", "ending")
PART_FIELDS = ("reason", "logic", "limits", "commitments")


def _locked_agreement(alliance: Alliance) -> Agreement:
    Agreement.objects.get_or_create(alliance=alliance)
    return Agreement.objects.select_for_update().get(alliance=alliance)


def _strip(data: dict, fields) -> dict:
    return {name: (data.get(name) or "").strip() for name in fields}


def _check_required(data: dict) -> None:
    missing = {name: [_("Skal udfyldes.")] for name, value in data.items() if not value}
    if missing:
        raise ValidationError(missing)


@transaction.atomic
def terms_update(*, alliance: Alliance, user, revisit_on=None, change_note: str = "", **texts) -> TermsVersion | None:
    """Save the shared terms and the revisit date. A new version only when the text changed.

    Returns the new version, or None when only the revisit date changed."""
    texts = _strip(texts, TERMS_FIELDS)
    _check_required(texts)
    if revisit_on is not None and not EARLIEST_DATE <= revisit_on <= LATEST_DATE:
        raise ValidationError({"revisit_on": [_("Datoen skal ligge mellem år 2000 og år 2100.")]})
    agreement = _locked_agreement(alliance)
    agreement.revisit_on = revisit_on
    agreement.save(update_fields=["revisit_on"])
    current = agreement.terms_versions.order_by("-number").first()
    if current is not None and all(getattr(current, name) == texts[name] for name in TERMS_FIELDS):
        return None
    version = TermsVersion(
        agreement=agreement,
        number=(current.number + 1) if current else 1,
        created_by=user,
        created_at=timezone.now(),
        change_note=(change_note or "").strip(),
        **texts,
    )
    version.full_clean(exclude=["created_by", "agreement"])
    version.save()
    return version


@transaction.atomic
def part_update(*, party: Party, user, **texts) -> PartVersion | None:
    """Save a party's part. Changing a signed part makes a new, unsigned version, which asks
    the party for a new signature. Returns None when nothing changed."""
    texts = _strip(texts, PART_FIELDS)
    _check_required(texts)
    agreement = _locked_agreement(party.alliance)
    current = PartVersion.objects.filter(party=party).order_by("-number").first()
    if current is not None and all(getattr(current, name) == texts[name] for name in PART_FIELDS):
        return None
    version = PartVersion(
        agreement=agreement,
        party=party,
        number=(current.number + 1) if current else 1,
        created_by=user,
        created_at=timezone.now(),
        on_behalf=not represents_party(user, party),
        **texts,
    )
    version.full_clean(exclude=["created_by", "agreement", "party", "signed_terms", "signed_by"])
    version.save()
    return version


@transaction.atomic
def part_sign(*, party: Party, user, version_number: int) -> PartVersion:
    """Sign the newest version of the party's part against the shared terms in force.

    `version_number` is the version the signer read: if someone saved a newer one in the
    meantime, the signature is refused rather than put on text the signer has not seen."""
    agreement = _locked_agreement(party.alliance)
    current = PartVersion.objects.filter(party=party).order_by("-number").first()
    terms = agreement.terms_versions.order_by("-number").first()
    if current is None:
        raise ValidationError(_("Partens del af aftalen er ikke skrevet endnu."), code="no_part")
    if terms is None:
        raise ValidationError(
            _("De fælles vilkår skal skrives, før parterne kan underskrive."), code="no_terms"
        )
    if current.number != version_number:
        raise ValidationError(
            _("Partens del er ændret, mens du læste den. Læs den nye version, og underskriv den."),
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
            created_by=user,
            created_at=timezone.now(),
            on_behalf=False,
            **{name: getattr(current, name) for name in PART_FIELDS},
        )
    current.signed_by = user
    current.signed_by_name = user.get_full_name() or user.get_username()
    current.signed_at = timezone.now()
    current.signed_terms = terms
    current.save(update_fields=["signed_by", "signed_by_name", "signed_at", "signed_terms"])
    return current
