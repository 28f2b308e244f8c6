"""Every write to organisations, alliances, parties, members and invitations.

One function per state change, each in a transaction: the single place where an audit
entry will be written when the audit trail arrives. Views, the API, the admin actions and
the demo command all call these.
"""

import datetime
import hashlib
import secrets

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from .models import (
    AUTHORITY_KINDS,
    Affiliation,
    AffiliationMethod,
    AffiliationStatus,
    Alliance,
    Invitation,
    MemberRole,
    Membership,
    Organisation,
    OrganisationDomain,
    OrganisationKind,
    Party,
    Phase,
    PhaseChange,
    Sector,
)
from .rules import forget_verified_organisation, is_active_staff, verified_organisation_id
from .selectors import domain_owner
from .tokens import AFFILIATION_LINK_MAX_AGE, affiliation_for_token, affiliation_link_token
from .validators import normalise_cvr, normalise_domain, normalise_ean

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
    own_party = lead_party if verified_organisation_id(created_by) == lead_organisation.pk else None
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
        # The account gets no organisation from the invitation: the invitation only says
        # whom the member speaks for in this alliance. Following the link did confirm the
        # address, though, so an address at a registered domain verifies its organisation.
        user = user_create(
            username=username or username_for_email(invitation.email),
            email=invitation.email,
            full_name=invitation.name,
            password=password,
        )
        affiliation_verify_by_domain(user=user)
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


# --- Who works where (a user's organisation) ---------------------------------------------------
#
# A user's organisation is verified, never asserted: by staff, by a confirmed address at a
# domain the organisation has registered, or by a colleague already verified for it.


def _deny_unless(allowed: bool, message: str) -> None:
    if not allowed:
        raise PermissionDenied(message)


@transaction.atomic
def organisation_domain_add(*, organisation: Organisation, domain: str, added_by) -> OrganisationDomain:
    """Register an email domain for an organisation (staff only)."""
    _deny_unless(
        added_by.has_perm("alliances.manage_organisation_domains", organisation),
        _("Kun Brobyggers personale kan registrere domæner."),
    )
    domain = normalise_domain(domain)
    existing = OrganisationDomain.objects.select_related("organisation").filter(domain=domain).first()
    if existing is not None:
        raise ValidationError(
            {"domain": [_("%(domain)s er allerede registreret for %(name)s.") % {"domain": domain, "name": existing.organisation.name}]}
        )
    registered = OrganisationDomain(organisation=organisation, domain=domain, added_by=added_by)
    registered.full_clean()
    registered.save()
    return registered


@transaction.atomic
def organisation_domain_remove(*, domain: OrganisationDomain, removed_by) -> None:
    """Remove a registered domain. Users already verified through it stay verified: they
    confirmed their address while the domain belonged to the organisation."""
    _deny_unless(
        removed_by.has_perm("alliances.manage_organisation_domains", domain.organisation),
        _("Kun Brobyggers personale kan fjerne domæner."),
    )
    domain.delete()


def _locked_affiliation(user) -> Affiliation | None:
    affiliation = Affiliation.objects.select_for_update().filter(user_id=user.pk).first()
    if affiliation is not None:
        affiliation.user = user  # the caller's object, whose cached organisation is cleared
    return affiliation


def _verify(affiliation: Affiliation, *, method: str, verified_by=None, email: str = "") -> Affiliation:
    affiliation.status = AffiliationStatus.VERIFIED
    affiliation.method = method
    affiliation.verified_by = verified_by
    affiliation.verified_email = email
    affiliation.verified_at = timezone.now()
    affiliation.full_clean()
    affiliation.save()
    forget_verified_organisation(affiliation.user)
    return affiliation


def _requested(user, organisation: Organisation, *, note: str = "") -> Affiliation:
    """The user's affiliation as an open request for `organisation` (replacing any other)."""
    affiliation = _locked_affiliation(user) or Affiliation(user=user)
    affiliation.organisation = organisation
    affiliation.status = AffiliationStatus.REQUESTED
    affiliation.method = ""
    affiliation.verified_by = None
    affiliation.verified_email = ""
    affiliation.verified_at = None
    affiliation.requested_at = timezone.now()
    affiliation.note = note
    affiliation.full_clean()
    affiliation.save()
    forget_verified_organisation(user)
    return affiliation


def _send_confirmation_link(affiliation: Affiliation, *, base_url: str) -> None:
    from brobygger.accounts.tasks import send_email

    user = affiliation.user
    link = base_url.rstrip("/") + reverse(
        "alliances:affiliation_confirm", kwargs={"token": affiliation_link_token(affiliation)}
    )
    subject = _("Bekræft, at du arbejder i %(name)s") % {"name": affiliation.organisation.name}
    body = _(
        "Hej %(name)s\n\nDu har bedt Brobygger om at tilknytte din konto til %(organisation)s. "
        "Følg linket for at bekræfte, at du har adressen %(email)s:\n%(link)s\n\n"
        "Linket virker i %(days)s dage. Har du ikke bedt om det, kan du se bort fra denne e-mail.\n"
    ) % {
        "name": user.get_full_name() or user.get_username(),
        "organisation": affiliation.organisation.name,
        "email": user.email,
        "link": link,
        "days": AFFILIATION_LINK_MAX_AGE.days,
    }
    recipient = user.email
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, recipients=[recipient]))


@transaction.atomic
def affiliation_request(*, user, organisation: Organisation, base_url: str) -> tuple[Affiliation, bool]:
    """Ask to be verified as working for an organisation. Returns the request and whether a
    confirmation link went to the user's address (its domain is the organisation's);
    otherwise a colleague verified for the organisation, or staff, decides."""
    today = timezone.localdate()
    if organisation.valid_to is not None and organisation.valid_to < today:
        raise ValidationError({"organisation": [_("%(name)s findes ikke længere.") % {"name": organisation.name}]})
    current = _locked_affiliation(user)
    if current is not None and current.organisation_id == organisation.pk and current.is_verified:
        raise ValidationError(
            {"organisation": [_("Du er allerede bekræftet som medarbejder i %(name)s.") % {"name": organisation.name}]}
        )
    affiliation = _requested(user, organisation)
    owner = domain_owner(user.email)
    link_sent = owner is not None and owner.pk == organisation.pk
    if link_sent:
        _send_confirmation_link(affiliation, base_url=base_url)
    return affiliation, link_sent


@transaction.atomic
def affiliation_confirm_email(*, token: str) -> Affiliation:
    """Verify a request by the link sent to the user's address."""
    affiliation = affiliation_for_token(token)
    if affiliation is None:
        raise ValidationError(_("Linket er ugyldigt eller udløbet. Bed om et nyt på siden Min organisation."))
    if affiliation.is_verified:
        return affiliation
    verified = affiliation_verify_by_domain(user=affiliation.user, organisation=affiliation.organisation)
    if verified is None:
        raise ValidationError(
            _("%(name)s har ikke længere domænet for din e-mailadresse. Bed en kollega eller personalet om at bekræfte dig.")
            % {"name": affiliation.organisation.name}
        )
    return verified


@transaction.atomic
def affiliation_verify_by_domain(*, user, organisation: Organisation | None = None) -> Affiliation | None:
    """Verify a user whose address has just been confirmed by a link sent to it (the
    invitation's or the confirmation link), when its domain is registered for an
    organisation (and that is `organisation`, if given). Returns None otherwise."""
    owner = domain_owner(user.email)
    if owner is None or (organisation is not None and owner.pk != organisation.pk):
        return None
    affiliation = _locked_affiliation(user)
    if affiliation is None or affiliation.organisation_id != owner.pk:
        affiliation = _requested(user, owner)
    elif affiliation.is_verified:
        return affiliation
    return _verify(affiliation, method=AffiliationMethod.EMAIL_DOMAIN, email=user.email)


@transaction.atomic
def affiliation_set_by_staff(*, user, organisation: Organisation, staff, note: str = "") -> Affiliation:
    """Staff set a user's organisation directly."""
    _deny_unless(is_active_staff(staff), _("Kun Brobyggers personale kan sætte en brugers organisation."))
    affiliation = _locked_affiliation(user)
    if affiliation is None or affiliation.organisation_id != organisation.pk:
        affiliation = _requested(user, organisation, note=note)
    return _verify(affiliation, method=AffiliationMethod.STAFF, verified_by=staff)


@transaction.atomic
def affiliation_approve(*, affiliation: Affiliation, approver) -> Affiliation:
    """A colleague verified for the organisation, or staff, approves a request."""
    _deny_unless(
        approver.has_perm("alliances.decide_affiliation", affiliation),
        _("Kun bekræftede medarbejdere i organisationen og Brobyggers personale kan godkende anmodningen."),
    )
    locked = _locked_affiliation(affiliation.user)
    if locked is None or locked.pk != affiliation.pk or locked.organisation_id != affiliation.organisation_id:
        raise ValidationError(_("Anmodningen er trukket tilbage eller ændret."))
    if locked.is_verified:
        return locked
    method = AffiliationMethod.STAFF if is_active_staff(approver) else AffiliationMethod.APPROVAL
    return _verify(locked, method=method, verified_by=approver)


@transaction.atomic
def affiliation_reject(*, affiliation: Affiliation, rejected_by) -> None:
    """Turn down a request (a verified affiliation is not undone here)."""
    _deny_unless(
        rejected_by.has_perm("alliances.decide_affiliation", affiliation),
        _("Kun bekræftede medarbejdere i organisationen og Brobyggers personale kan afvise anmodningen."),
    )
    Affiliation.objects.filter(pk=affiliation.pk, status=AffiliationStatus.REQUESTED).delete()
    forget_verified_organisation(affiliation.user)


@transaction.atomic
def affiliation_end(*, user) -> None:
    """The user withdraws their request, or says they no longer work for the organisation."""
    Affiliation.objects.filter(user_id=user.pk).delete()
    forget_verified_organisation(user)


@transaction.atomic
def affiliation_email_changed(*, user, base_url: str = "") -> Affiliation | None:
    """Re-run the rule after the user's address changed: a verified affiliation becomes a
    request again, and a confirmation link goes to the new address when its domain is the
    organisation's."""
    affiliation = _locked_affiliation(user)
    if affiliation is None:
        return None
    affiliation = _requested(user, affiliation.organisation, note=_("E-mailadressen er ændret."))
    owner = domain_owner(user.email)
    if base_url and owner is not None and owner.pk == affiliation.organisation_id:
        _send_confirmation_link(affiliation, base_url=base_url)
    return affiliation
