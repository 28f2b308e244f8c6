"""Every write to organisations, alliances, parties, members and invitations.

One function per state change, each in a transaction: the single place where an audit
entry will be written when the audit trail arrives. Views, the API, the admin actions and
the demo command all call these.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import (
    AUTHORITY_KINDS,
    Alliance,
    Invitation,
    MemberRole,
    Membership,
    Organisation,
    OrganisationKind,
    Party,
    Phase,
    PhaseChange,
    Sector,
)
from .validators import normalise_cvr, normalise_ean

_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
SLUG_MAX_LENGTH = 70
# Slugs that would collide with fixed addresses under /alliancer/.
RESERVED_SLUGS = {"ny"}


# --- Organisations -----------------------------------------------------------------------


def _clean_organisation_numbers(*, kind: str, cvr: str, ean: str, exclude_pk=None) -> dict:
    errors: dict[str, list[str]] = {}
    clean = {"cvr": "", "ean": ""}
    try:
        clean["cvr"] = normalise_cvr(cvr)
    except ValidationError as error:
        errors["cvr"] = error.messages
    try:
        clean["ean"] = normalise_ean(ean)
    except ValidationError as error:
        errors["ean"] = error.messages
    if kind == OrganisationKind.COMPANY and not clean["cvr"] and "cvr" not in errors:
        errors["cvr"] = [_("En virksomhed skal have et CVR-nummer.")]
    if clean["ean"] and Organisation(kind=kind).sector != Sector.PUBLIC:
        errors["ean"] = [_("EAN-nummer bruges kun for offentlige organisationer.")]
    if clean["cvr"]:
        existing = Organisation.objects.filter(cvr=clean["cvr"]).exclude(pk=exclude_pk).first()
        if existing is not None:
            errors["cvr"] = [
                _("%(name)s er allerede oprettet med dette CVR-nummer. Vælg den i stedet for at oprette den igen.")
                % {"name": existing.name}
            ]
    if errors:
        raise ValidationError(errors)
    return clean


@transaction.atomic
def organisation_create(
    *,
    name: str,
    kind: str,
    cvr: str = "",
    ean: str = "",
    website: str = "",
    description: str = "",
) -> Organisation:
    """Create an organisation that is not a municipality or region (those come from reference data)."""
    if kind in AUTHORITY_KINDS:
        raise ValidationError(
            {"kind": [_("Kommuner og regioner findes allerede og kan ikke oprettes igen.")]}
        )
    numbers = _clean_organisation_numbers(kind=kind, cvr=cvr, ean=ean)
    organisation = Organisation(
        name=name.strip(), kind=kind, website=website, description=description, **numbers
    )
    organisation.full_clean()
    organisation.save()
    return organisation


@transaction.atomic
def organisation_update(
    *,
    organisation: Organisation,
    name: str,
    cvr: str = "",
    ean: str = "",
    website: str = "",
    description: str = "",
) -> Organisation:
    """Update an organisation's own details. Kind and official codes are not edited here."""
    numbers = _clean_organisation_numbers(
        kind=organisation.kind, cvr=cvr, ean=ean, exclude_pk=organisation.pk
    )
    if organisation.kind in AUTHORITY_KINDS:
        # A municipality's or region's name follows the reference data.
        name = organisation.name
    organisation.name = name.strip()
    organisation.website = website
    organisation.description = description
    organisation.cvr = numbers["cvr"]
    organisation.ean = numbers["ean"]
    organisation.full_clean()
    organisation.save()
    return organisation


# --- Alliances -------------------------------------------------------------------------


def _unique_slug(title: str) -> str:
    base = slugify(title.translate(_DANISH_LETTERS))[:SLUG_MAX_LENGTH].strip("-") or "alliance"
    if base in RESERVED_SLUGS:
        base = f"{base}-alliance"
    slug, counter = base, 2
    while Alliance.objects.filter(slug=slug).exists():
        slug = f"{base}-{counter}"
        counter += 1
    return slug


def _check_dates(start_date, end_date) -> None:
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": [_("Slutdatoen kan ikke ligge før startdatoen.")]})


def _check_lead(lead_organisation: Organisation) -> None:
    if not lead_organisation.is_public_sector:
        raise ValidationError(
            {"lead_organisation": [_("Den ledende organisation skal være en offentlig organisation.")]}
        )


@transaction.atomic
def alliance_create(
    *,
    created_by,
    title: str,
    summary: str,
    purpose: str,
    welfare_area: str,
    lead_organisation: Organisation,
    visibility: str,
    phase: str = Phase.IDEA,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
    lead_role_description: str = "",
    when: datetime.datetime | None = None,
) -> Alliance:
    """Create an alliance. The lead organisation becomes its first party and the creator its
    coordinator (on behalf of their own organisation's party, if it is one)."""
    _check_lead(lead_organisation)
    _check_dates(start_date, end_date)
    alliance = Alliance(
        title=title.strip(),
        slug=_unique_slug(title),
        summary=summary,
        purpose=purpose,
        welfare_area=welfare_area,
        lead_organisation=lead_organisation,
        phase=phase,
        start_date=start_date,
        end_date=end_date,
        visibility=visibility,
        created_by=created_by,
    )
    alliance.full_clean()
    alliance.save()
    PhaseChange.objects.create(
        alliance=alliance,
        from_phase="",
        to_phase=phase,
        changed_by=created_by,
        changed_at=when or timezone.now(),
    )
    lead_party = Party.objects.create(
        alliance=alliance,
        organisation=lead_organisation,
        role_description=lead_role_description or _("Ledende offentlig organisation."),
    )
    own_party = lead_party if created_by.organisation_id == lead_organisation.pk else None
    Membership.objects.create(
        alliance=alliance, user=created_by, role=MemberRole.COORDINATOR, party=own_party
    )
    return alliance


@transaction.atomic
def alliance_update(
    *,
    alliance: Alliance,
    title: str,
    summary: str,
    purpose: str,
    welfare_area: str,
    lead_organisation: Organisation,
    visibility: str,
    start_date: datetime.date | None = None,
    end_date: datetime.date | None = None,
) -> Alliance:
    """Update an alliance's description. The slug stays, so shared links keep working."""
    _check_lead(lead_organisation)
    _check_dates(start_date, end_date)
    alliance.title = title.strip()
    alliance.summary = summary
    alliance.purpose = purpose
    alliance.welfare_area = welfare_area
    alliance.lead_organisation = lead_organisation
    alliance.visibility = visibility
    alliance.start_date = start_date
    alliance.end_date = end_date
    alliance.full_clean()
    alliance.save()
    if not alliance.parties.filter(organisation=lead_organisation).exists():
        Party.objects.create(
            alliance=alliance,
            organisation=lead_organisation,
            role_description=_("Ledende offentlig organisation."),
        )
    return alliance


@transaction.atomic
def alliance_change_phase(
    *, alliance: Alliance, to_phase: str, changed_by, note: str = "", when=None
) -> PhaseChange:
    """Move the alliance to another phase and record the step in its history."""
    if to_phase not in Phase.values:
        raise ValidationError({"to_phase": [_("Vælg en af faserne på listen.")]})
    if to_phase == alliance.phase:
        raise ValidationError({"to_phase": [_("Alliancen er allerede i denne fase.")]})
    change = PhaseChange.objects.create(
        alliance=alliance,
        from_phase=alliance.phase,
        to_phase=to_phase,
        changed_by=changed_by,
        changed_at=when or timezone.now(),
        note=note.strip(),
    )
    alliance.phase = to_phase
    alliance.save(update_fields=["phase", "updated_at"])
    return change


# --- Parties ---------------------------------------------------------------------------


@transaction.atomic
def party_add(
    *,
    alliance: Alliance,
    organisation: Organisation,
    role_description: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Party:
    if Party.objects.filter(alliance=alliance, organisation=organisation).exists():
        raise ValidationError(
            {"organisation": [_("%(name)s er allerede part i alliancen.") % {"name": organisation.name}]}
        )
    party = Party(
        alliance=alliance,
        organisation=organisation,
        role_description=role_description,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
    )
    party.full_clean()
    party.save()
    return party


@transaction.atomic
def party_update(
    *,
    party: Party,
    role_description: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Party:
    party.role_description = role_description
    party.contact_name = contact_name
    party.contact_email = contact_email
    party.contact_phone = contact_phone
    party.full_clean()
    party.save()
    return party


# --- Members and invitations -------------------------------------------------------------


def _token_hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


@transaction.atomic
def invitation_create(
    *,
    alliance: Alliance,
    email: str,
    name: str,
    role: str,
    party: Party,
    invited_by,
    base_url: str,
) -> tuple[Invitation, str]:
    """Invite a person by email. Returns the invitation and the link's secret token; only its
    hash is stored. The email is sent through the task queue once the transaction commits."""
    from brobygger.accounts.selectors import user_by_email
    from brobygger.accounts.tasks import send_email

    email = email.strip().lower()
    if party.alliance_id != alliance.pk:
        raise ValidationError({"party": [_("Vælg en af alliancens parter.")]})
    existing = user_by_email(email)
    if existing and Membership.objects.filter(alliance=alliance, user=existing).exists():
        raise ValidationError({"email": [_("Personen er allerede medlem af alliancen.")]})
    if Invitation.objects.filter(
        alliance=alliance, email=email, accepted_at__isnull=True, expires_at__gt=timezone.now()
    ).exists():
        raise ValidationError(
            {"email": [_("Der er allerede sendt en invitation til denne e-mail, som ikke er besvaret endnu.")]}
        )
    token = secrets.token_urlsafe(32)
    invitation = Invitation(
        alliance=alliance,
        email=email,
        name=name.strip(),
        role=role,
        party=party,
        invited_by=invited_by,
        token_hash=_token_hash(token),
        expires_at=timezone.now() + datetime.timedelta(days=settings.BROBYGGER_INVITATION_DAYS),
    )
    invitation.full_clean()
    invitation.save()
    link = base_url.rstrip("/") + reverse("accounts:invitation", kwargs={"token": token})
    subject = _("Invitation til alliancen %(title)s") % {"title": alliance.title}
    body = _(
        "Hej %(name)s\n\n%(inviter)s har inviteret dig til at være %(role)s i alliancen "
        "»%(title)s« på Brobygger.\n\nFølg linket for at tage imod invitationen:\n%(link)s\n\n"
        "Linket virker i %(days)s dage. Hvis du ikke kender til alliancen, kan du se bort fra "
        "denne e-mail.\n"
    ) % {
        "name": invitation.name,
        "inviter": invited_by.get_full_name() or invited_by.username,
        "role": invitation.get_role_display().lower(),
        "title": alliance.title,
        "link": link,
        "days": settings.BROBYGGER_INVITATION_DAYS,
    }
    transaction.on_commit(
        lambda: send_email.enqueue(subject=subject, body=body, recipients=[email])
    )
    return invitation, token


def invitation_by_token(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("alliance", "party__organisation", "invited_by")
        .filter(token_hash=_token_hash(token))
        .first()
    )


@transaction.atomic
def invitation_accept(*, invitation: Invitation, user=None, password: str = "", username: str = ""):
    """Accept an invitation: as a logged-in user whose email matches, or by creating the
    account with the password chosen on the invitation page. Returns the user."""
    from brobygger.accounts.services import user_create, username_for_email

    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open(timezone.now()):
        raise ValidationError(_("Invitationen er allerede brugt eller er udløbet."))
    if user is None:
        user = user_create(
            username=username or username_for_email(invitation.email),
            email=invitation.email,
            full_name=invitation.name,
            organisation=invitation.party.organisation,
            password=password,
        )
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(_("Invitationen er sendt til en anden e-mailadresse end din."))
    membership, created = Membership.objects.get_or_create(
        alliance=invitation.alliance,
        user=user,
        defaults={"role": invitation.role, "party": invitation.party},
    )
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return user


@transaction.atomic
def membership_remove(*, membership: Membership) -> None:
    """Remove a member. An alliance always keeps at least one coordinator."""
    if (
        membership.role == MemberRole.COORDINATOR
        and not Membership.objects.filter(alliance_id=membership.alliance_id, role=MemberRole.COORDINATOR)
        .exclude(pk=membership.pk)
        .exists()
    ):
        raise ValidationError(
            _("Alliancen skal have mindst én koordinator. Invitér en ny koordinator, før du fjerner den sidste.")
        )
    membership.delete()


@transaction.atomic
def membership_add(*, alliance: Alliance, user, role: str, party: Party | None = None) -> Membership:
    """Add an existing user directly (the demo command and the admin use this)."""
    membership = Membership(alliance=alliance, user=user, role=role, party=party)
    membership.full_clean()
    membership.save()
    return membership


@transaction.atomic
def party_add_with_new_organisation(
    *,
    alliance: Alliance,
    name: str,
    kind: str,
    cvr: str = "",
    ean: str = "",
    role_description: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Party:
    """Create the organisation and make it a party, both or neither."""
    try:
        organisation = organisation_create(name=name, kind=kind, cvr=cvr, ean=ean)
    except ValidationError as error:
        # The form shows these fields under their "new_" names.
        raise ValidationError(
            {f"new_{field}": messages for field, messages in error.message_dict.items()}
        ) from None
    return party_add(
        alliance=alliance,
        organisation=organisation,
        role_description=role_description,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
    )
