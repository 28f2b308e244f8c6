"""Every write to organisations, alliances, parties, members, invitations and who works where.

One function per state change. Each is a `@service`: it runs in a transaction, takes the
acting user (`actor`), checks the rule itself where the rule is more than "logged in", and
leaves one audit record. Views, the API, the admin and the demo all call these, so they
behave the same. `actor=None` is the system (a command or a migration), accepted only where
no rule is checked.
"""

import datetime
import secrets

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from brobygger.accounts.services import user_create, username_for_email
from brobygger.accounts.tasks import send_email
from brobygger.core.audit import created, deleted, diff, service, snapshot
from brobygger.core.models import AuditAction
from brobygger.core.permissions import require

from . import signals
from .audit import record
from .models import (
    AUTHORITY_KINDS,
    VALUE_ANSWER_FIELDS,
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
    PartyConsent,
    Phase,
    PhaseChange,
    Sector,
    ValueAnswer,
    Visibility,
)
from .rules import (
    forget_memberships,
    forget_verified_organisation,
    is_active_staff,
    is_last_coordinator,
    verified_organisation_id,
)
from .selectors import domain_owner
from .tokens import (
    AFFILIATION_LINK_MAX_AGE,
    affiliation_for_token,
    affiliation_link_token,
    invitation_token_hash,
)
from .validators import normalise_cvr, normalise_domain, normalise_ean, refuse_links

# What a person may write in an invitee's name (it goes into the email).
INVITATION_NAME_MAX_LENGTH = 100

_DANISH_LETTERS = str.maketrans({"æ": "ae", "ø": "oe", "å": "aa", "Æ": "Ae", "Ø": "Oe", "Å": "Aa"})
SLUG_MAX_LENGTH = 70
# Slugs that would collide with fixed addresses under /alliancer/.
RESERVED_SLUGS = {"ny"}

ORGANISATION_FIELDS = ("name", "kind", "cvr", "ean", "website", "description")
ALLIANCE_FIELDS = (
    "title",
    "summary",
    "purpose",
    "welfare_area",
    "lead_organisation",
    "phase",
    "start_date",
    "end_date",
    "visibility",
)
PARTY_FIELDS = ("organisation", "role_description", "contact_name", "contact_email", "contact_phone")
CONSENT_FIELDS = ("consent", "consent_by", "consent_note")
MEMBERSHIP_FIELDS = ("user", "role", "party")
INVITATION_FIELDS = ("email", "name", "role", "party", "expires_at")
AFFILIATION_FIELDS = ("organisation", "status", "method", "verified_by", "verified_email", "note")


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


@service
def organisation_create(
    *,
    actor,
    name: str,
    kind: str,
    cvr: str = "",
    ean: str = "",
    website: str = "",
    description: str = "",
) -> Organisation:
    """Create an organisation that is not a municipality or region (those come from reference data)."""
    if actor is not None:
        require(actor, "alliances.add_organisation")
    if kind in AUTHORITY_KINDS:
        raise ValidationError(
            {"kind": [_("Kommuner og regioner findes allerede og kan ikke oprettes igen.")]}
        )
    numbers = _clean_organisation_numbers(kind=kind, cvr=cvr, ean=ean)
    organisation = Organisation(
        name=name.strip(), kind=kind, website=website, description=description, **numbers
    )
    organisation.full_clean()
    try:
        with transaction.atomic():
            organisation.save()
    except IntegrityError:
        # Created with the same CVR number by someone else between the check and the save:
        # the check, asked again, names it.
        _clean_organisation_numbers(kind=kind, cvr=cvr, ean=ean)
        raise ValidationError(
            _("Organisationen blev oprettet af en anden i samme øjeblik. Søg efter den, og vælg den.")
        ) from None
    record(
        actor=actor,
        obj=organisation,
        action=AuditAction.CREATED,
        changes=created(snapshot(organisation, ORGANISATION_FIELDS)),
    )
    return organisation


@service
def organisation_update(
    *,
    actor,
    organisation: Organisation,
    name: str,
    cvr: str = "",
    ean: str = "",
    website: str = "",
    description: str = "",
    official_code: str | None = None,
) -> Organisation:
    """Update an organisation's own details. Kind is never edited; a municipality's or
    region's name follows the reference data, and only staff fill in an official code
    (Region Østdanmark's, once it is published)."""
    require(actor, "alliances.change_organisation", organisation)
    before = snapshot(organisation, (*ORGANISATION_FIELDS, "official_code"))
    numbers = _clean_organisation_numbers(
        kind=organisation.kind, cvr=cvr, ean=ean, exclude_pk=organisation.pk
    )
    if organisation.kind in AUTHORITY_KINDS:
        name = organisation.name
        if official_code is not None and official_code != organisation.official_code:
            require(actor, "alliances.change_official_code", organisation)
            organisation.official_code = official_code.strip()
    organisation.name = name.strip()
    organisation.website = website
    organisation.description = description
    organisation.cvr = numbers["cvr"]
    organisation.ean = numbers["ean"]
    organisation.full_clean()
    changes = diff(before, snapshot(organisation, (*ORGANISATION_FIELDS, "official_code")))
    if changes:
        organisation.save()
        record(actor=actor, obj=organisation, action=AuditAction.CHANGED, changes=changes)
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


def _save_with_a_free_slug(alliance: Alliance, title: str, attempts: int = 5) -> None:
    """Save a new alliance under a free address. Someone creating an alliance with the same
    title at the same moment can take the address between the check and the save: then the
    next free one is tried, and after a few tries the user is asked to try again."""
    for _attempt in range(attempts):
        try:
            with transaction.atomic():
                alliance.save()
            return
        except IntegrityError:
            alliance.pk = None
            alliance.slug = _unique_slug(title)
    raise ValidationError(
        {"title": [_("En anden alliance med samme titel blev oprettet i samme øjeblik. Prøv igen.")]}
    )


def _check_dates(start_date, end_date) -> None:
    if start_date and end_date and end_date < start_date:
        raise ValidationError({"end_date": [_("Slutdatoen kan ikke ligge før startdatoen.")]})


def _check_title(title: str) -> None:
    # The title goes into invitation emails: no links of the writer's choosing.
    refuse_links(title, field="title")


def _consent_given_by(actor, organisation: Organisation) -> dict:
    """A party named by someone verified for its organisation (or by staff) is confirmed at
    once; anyone else's naming waits for the organisation's answer."""
    if actor is not None and (is_active_staff(actor) or verified_organisation_id(actor) == organisation.pk):
        return {"consent": PartyConsent.CONFIRMED, "consent_by": actor, "consent_at": timezone.now()}
    return {"consent": PartyConsent.PENDING}


def _check_public_needs_lead_consent(visibility: str, lead_party: Party | None) -> None:
    if visibility == Visibility.PUBLIC and (lead_party is None or not lead_party.is_confirmed):
        raise ValidationError(
            {
                "visibility": [
                    _("Alliancen kan først gøres offentlig, når den ledende organisation har bekræftet, at den er part. Vælg intern eller privat indtil da.")
                ]
            }
        )


def _check_lead(lead_organisation: Organisation) -> None:
    if not lead_organisation.is_public_sector:
        raise ValidationError(
            {"lead_organisation": [_("Den ledende organisation skal være en offentlig organisation.")]}
        )


@service
def alliance_create(
    *,
    actor,
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
    require(actor, "alliances.add_alliance")
    _check_title(title)
    _check_lead(lead_organisation)
    _check_dates(start_date, end_date)
    lead_consent = _consent_given_by(actor, lead_organisation)
    if visibility == Visibility.PUBLIC and lead_consent["consent"] != PartyConsent.CONFIRMED:
        _check_public_needs_lead_consent(visibility, None)
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
        created_by=actor,
    )
    alliance.full_clean(validate_unique=False)
    _save_with_a_free_slug(alliance, title)
    PhaseChange.objects.create(
        alliance=alliance,
        from_phase="",
        to_phase=phase,
        changed_by=actor,
        changed_at=when or timezone.now(),
    )
    lead_party = Party.objects.create(
        alliance=alliance,
        organisation=lead_organisation,
        role_description=lead_role_description,
        **lead_consent,
    )
    own_party = lead_party if verified_organisation_id(actor) == lead_organisation.pk else None
    Membership.objects.create(
        alliance=alliance, user=actor, role=MemberRole.COORDINATOR, party=own_party
    )
    forget_memberships(actor)
    record(
        actor=actor,
        obj=alliance,
        action=AuditAction.CREATED,
        changes=created(snapshot(alliance, ALLIANCE_FIELDS)),
    )
    return alliance


@service
def alliance_update(
    *,
    actor,
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
    require(actor, "alliances.change_alliance", alliance)
    _check_title(title)
    _check_lead(lead_organisation)
    _check_dates(start_date, end_date)
    before = snapshot(alliance, ALLIANCE_FIELDS)
    alliance.title = title.strip()
    alliance.summary = summary
    alliance.purpose = purpose
    alliance.welfare_area = welfare_area
    alliance.lead_organisation = lead_organisation
    alliance.visibility = visibility
    alliance.start_date = start_date
    alliance.end_date = end_date
    alliance.full_clean()
    lead_party = alliance.parties.filter(organisation=lead_organisation).first()
    if lead_party is None:
        lead_party = Party(
            alliance=alliance,
            organisation=lead_organisation,
            role_description="",
            **_consent_given_by(actor, lead_organisation),
        )
    _check_public_needs_lead_consent(visibility, lead_party)
    alliance.save()
    if lead_party.pk is None:
        lead_party.save()
    changes = diff(before, snapshot(alliance, ALLIANCE_FIELDS))
    record(actor=actor, obj=alliance, action=AuditAction.CHANGED, changes=changes)
    return alliance


@service
def alliance_change_phase(
    *, actor, alliance: Alliance, to_phase: str, note: str = "", when=None
) -> PhaseChange:
    """Move the alliance to another phase and record the step in its history."""
    require(actor, "alliances.change_alliance", alliance)
    if to_phase not in Phase.values:
        raise ValidationError({"to_phase": [_("Vælg en af faserne på listen.")]})
    if to_phase == alliance.phase:
        raise ValidationError({"to_phase": [_("Alliancen er allerede i denne fase.")]})
    change = PhaseChange.objects.create(
        alliance=alliance,
        from_phase=alliance.phase,
        to_phase=to_phase,
        changed_by=actor,
        changed_at=when or timezone.now(),
        note=note.strip(),
    )
    changes = {"phase": [alliance.phase, to_phase]}
    if change.note:
        changes["note"] = [None, change.note]
    alliance.phase = to_phase
    alliance.save(update_fields=["phase", "updated_at"])
    record(actor=actor, obj=alliance, action=AuditAction.CHANGED, changes=changes)
    signals.phase_changed.send(sender=Alliance, alliance=alliance, change=change, actor=actor)
    return change


# --- Parties ---------------------------------------------------------------------------


@service
def party_add(
    *,
    actor,
    alliance: Alliance,
    organisation: Organisation,
    role_description: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Party:
    require(actor, "alliances.change_alliance", alliance)
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
        **_consent_given_by(actor, organisation),
    )
    party.full_clean()
    try:
        with transaction.atomic():
            party.save()
    except IntegrityError:
        # Added by someone else at the same moment.
        raise ValidationError(
            {"organisation": [_("%(name)s er allerede part i alliancen.") % {"name": organisation.name}]}
        ) from None
    record(
        actor=actor,
        obj=party,
        action=AuditAction.CREATED,
        changes=created(snapshot(party, (*PARTY_FIELDS, *CONSENT_FIELDS))),
    )
    return party


@service
def party_answer(*, actor, party: Party, confirm: bool) -> Party:
    """The organisation's answer to being named as a party: confirmed, it counts outside the
    alliance; declined, it stays the alliance's record but never counts outside it. A lead
    organisation that declines takes a public alliance out of public view."""
    require(actor, "alliances.answer_party", party)
    party = Party.objects.select_for_update().select_related("alliance", "organisation").get(pk=party.pk)
    before = snapshot(party, CONSENT_FIELDS)
    party.consent = PartyConsent.CONFIRMED if confirm else PartyConsent.DECLINED
    party.consent_by = actor
    party.consent_at = timezone.now()
    party.consent_note = ""
    party.save(update_fields=["consent", "consent_by", "consent_at", "consent_note"])
    record(
        actor=actor,
        obj=party,
        action=AuditAction.VERIFIED if confirm else AuditAction.REJECTED,
        changes=diff(before, snapshot(party, CONSENT_FIELDS)),
        for_party=False,
    )
    alliance = party.alliance
    if not confirm and alliance.lead_organisation_id == party.organisation_id and alliance.visibility == Visibility.PUBLIC:
        alliance.visibility = Visibility.PRIVATE
        alliance.save(update_fields=["visibility", "updated_at"])
        record(
            actor=actor,
            obj=alliance,
            action=AuditAction.CHANGED,
            changes={"visibility": [Visibility.PUBLIC, Visibility.PRIVATE]},
        )
    return party


@service
def party_update(
    *,
    actor,
    party: Party,
    role_description: str,
    contact_name: str = "",
    contact_email: str = "",
    contact_phone: str = "",
) -> Party:
    require(actor, "alliances.change_party", party)
    before = snapshot(party, PARTY_FIELDS)
    party.role_description = role_description
    party.contact_name = contact_name
    party.contact_email = contact_email
    party.contact_phone = contact_phone
    party.full_clean()
    changes = diff(before, snapshot(party, PARTY_FIELDS))
    if changes:
        party.save()
        record(actor=actor, obj=party, action=AuditAction.CHANGED, changes=changes)
    return party


@service
def party_add_with_new_organisation(
    *,
    actor,
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
    require(actor, "alliances.change_alliance", alliance)
    try:
        organisation = organisation_create(actor=actor, name=name, kind=kind, cvr=cvr, ean=ean)
    except ValidationError as error:
        # The form shows these fields under their "new_" names.
        raise ValidationError(
            {f"new_{field}": messages for field, messages in error.message_dict.items()}
        ) from None
    return party_add(
        actor=actor,
        alliance=alliance,
        organisation=organisation,
        role_description=role_description,
        contact_name=contact_name,
        contact_email=contact_email,
        contact_phone=contact_phone,
    )


# --- Members and invitations -------------------------------------------------------------


@service
def invitation_create(
    *,
    actor,
    alliance: Alliance,
    email: str,
    name: str,
    role: str,
    party: Party,
    base_url: str,
) -> tuple[Invitation, str]:
    """Invite a person by email. Returns the invitation and the link's secret token; only its
    hash is stored. The email is sent through the task queue once the transaction commits."""
    from brobygger.accounts.selectors import user_by_email

    require(actor, "alliances.change_alliance", alliance)
    email = email.strip().lower()
    name = name.strip()
    if party.alliance_id != alliance.pk:
        raise ValidationError({"party": [_("Vælg en af alliancens parter.")]})
    if len(name) > INVITATION_NAME_MAX_LENGTH:
        raise ValidationError(
            {"name": [_("Navnet må højst have %(limit)s tegn.") % {"limit": INVITATION_NAME_MAX_LENGTH}]}
        )
    refuse_links(name, field="name")
    _check_invitation_limits(actor, alliance)
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
    now = timezone.now()
    invitation = Invitation(
        alliance=alliance,
        email=email,
        name=name,
        role=role,
        party=party,
        invited_by=actor,
        token_hash=invitation_token_hash(token),
        expires_at=now + datetime.timedelta(days=settings.BROBYGGER_INVITATION_DAYS),
        sent_at=now,
    )
    invitation.full_clean()
    invitation.save()
    record(
        actor=actor,
        obj=invitation,
        action=AuditAction.CREATED,
        changes=created(snapshot(invitation, INVITATION_FIELDS)),
        for_party=False,
    )
    _send_invitation(invitation, token=token, sender=actor, base_url=base_url)
    return invitation, token


def _send_invitation(invitation: Invitation, *, token: str, sender, base_url: str) -> None:
    """The invitation's email, sent through the task queue once the transaction commits."""
    alliance = invitation.alliance
    link = base_url.rstrip("/") + reverse("alliances:invitation", kwargs={"token": token})
    subject = _("Invitation til alliancen %(title)s") % {"title": alliance.title}
    body = _(
        "Hej %(name)s\n\n%(inviter)s har inviteret dig til at være %(role)s i alliancen "
        "»%(title)s« på Brobygger.\n\nFølg linket for at tage imod invitationen:\n%(link)s\n\n"
        "Linket virker i %(days)s dage. Hvis du ikke kender til alliancen, kan du se bort fra "
        "denne e-mail.\n"
    ) % {
        "name": invitation.name,
        "inviter": sender.get_full_name() or sender.username,
        "role": invitation.get_role_display().lower(),
        "title": alliance.title,
        "link": link,
        "days": settings.BROBYGGER_INVITATION_DAYS,
    }
    recipient = invitation.email
    transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, recipients=[recipient]))


# A coordinator may send an invitation again, but not more often than this.
INVITATION_RESEND_INTERVAL = datetime.timedelta(hours=1)


def _open_invitation_for_update(invitation: Invitation) -> Invitation:
    invitation = Invitation.objects.select_for_update().select_related("alliance", "party").get(pk=invitation.pk)
    if not invitation.is_open(timezone.now()):
        raise ValidationError(_("Invitationen er allerede besvaret, udløbet eller trukket tilbage."))
    return invitation


@service
def invitation_withdraw(*, actor, invitation: Invitation) -> Invitation:
    """A coordinator withdraws an invitation nobody has answered: its link stops working."""
    require(actor, "alliances.change_alliance", invitation.alliance)
    invitation = _open_invitation_for_update(invitation)
    now = timezone.now()
    before = snapshot(invitation, ("expires_at", "withdrawn_at"))
    invitation.withdrawn_at = now
    invitation.withdrawn_by = actor
    invitation.expires_at = now
    invitation.save(update_fields=["withdrawn_at", "withdrawn_by", "expires_at"])
    record(
        actor=actor,
        obj=invitation,
        action=AuditAction.CHANGED,
        changes=diff(before, snapshot(invitation, ("expires_at", "withdrawn_at"))),
        for_party=False,
    )
    return invitation


@service
def invitation_resend(*, actor, invitation: Invitation, base_url: str) -> tuple[Invitation, str]:
    """A coordinator sends an unanswered invitation again, with a new link that works for the
    full period from now; the old link stops working. At most once an hour per invitation."""
    require(actor, "alliances.change_alliance", invitation.alliance)
    invitation = _open_invitation_for_update(invitation)
    now = timezone.now()
    if invitation.sent_at and now - invitation.sent_at < INVITATION_RESEND_INTERVAL:
        raise ValidationError(_("Invitationen er sendt for under en time siden. Vent lidt, før du sender den igen."))
    before = snapshot(invitation, ("expires_at",))
    token = secrets.token_urlsafe(32)
    invitation.token_hash = invitation_token_hash(token)
    invitation.expires_at = now + datetime.timedelta(days=settings.BROBYGGER_INVITATION_DAYS)
    invitation.sent_at = now
    invitation.save(update_fields=["token_hash", "expires_at", "sent_at"])
    record(
        actor=actor,
        obj=invitation,
        action=AuditAction.CHANGED,
        changes=diff(before, snapshot(invitation, ("expires_at",))),
        for_party=False,
    )
    _send_invitation(invitation, token=token, sender=actor, base_url=base_url)
    return invitation, token


def _check_invitation_limits(actor, alliance: Alliance) -> None:
    """At most so many invitations a day per inviter and per alliance, counted in the
    database under a lock on both, so the limits hold exactly: Brobygger must not become a
    way to send mail in bulk from a municipality's name."""
    from django.contrib.auth import get_user_model

    Alliance.objects.select_for_update().filter(pk=alliance.pk).first()
    get_user_model().objects.select_for_update().filter(pk=actor.pk).first()
    since = timezone.now() - datetime.timedelta(days=1)
    if Invitation.objects.filter(invited_by=actor, created_at__gt=since).count() >= settings.BROBYGGER_INVITATIONS_PER_INVITER_PER_DAY:
        raise ValidationError(
            {"email": [_("Du har sendt %(count)s invitationer det seneste døgn, som er det højeste antal. Prøv igen i morgen, eller kontakt Brobyggers personale.") % {"count": settings.BROBYGGER_INVITATIONS_PER_INVITER_PER_DAY}]},
            code="invitation_limit",
        )
    if Invitation.objects.filter(alliance=alliance, created_at__gt=since).count() >= settings.BROBYGGER_INVITATIONS_PER_ALLIANCE_PER_DAY:
        raise ValidationError(
            {"email": [_("Alliancen har sendt %(count)s invitationer det seneste døgn, som er det højeste antal. Prøv igen i morgen.") % {"count": settings.BROBYGGER_INVITATIONS_PER_ALLIANCE_PER_DAY}]},
            code="invitation_limit",
        )


@service
def invitation_accept(*, invitation: Invitation, actor=None, password: str = "", username: str = ""):
    """Accept an invitation: as the logged-in user (`actor`) whose email matches, or, with no
    actor, by creating the account with the password chosen on the invitation page. Returns
    the user, who acts for themself."""
    invitation = Invitation.objects.select_for_update().get(pk=invitation.pk)
    if not invitation.is_open(timezone.now()):
        raise ValidationError(_("Invitationen er allerede brugt eller er udløbet."))
    user = actor
    if user is None:
        # The account gets no organisation from the invitation: the invitation only says
        # whom the member speaks for in this alliance. Following the link did confirm the
        # address, though, so an address at a registered domain verifies its organisation.
        try:
            user = user_create(
                username=username or username_for_email(invitation.email),
                email=invitation.email,
                full_name=invitation.name,
                password=password,
            )
        except ValidationError as error:
            # The address got an account a moment ago (another invitation's link to it was
            # followed at the same time): this invitation is accepted by logging in.
            if "email" in getattr(error, "error_dict", {}):
                raise ValidationError(
                    _("Der er allerede en konto med e-mailadressen %(email)s. Log ind med den, og åbn linket i invitationen igen.")
                    % {"email": invitation.email},
                    code="account_exists",
                ) from error
            raise
        affiliation_verify_by_domain(user=user)
    elif user.email.lower() != invitation.email.lower():
        raise ValidationError(_("Invitationen er sendt til en anden e-mailadresse end din."))
    Membership.objects.get_or_create(
        alliance=invitation.alliance,
        user=user,
        defaults={"role": invitation.role, "party": invitation.party},
    )
    forget_memberships(user)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    record(
        actor=user,
        obj=invitation,
        action=AuditAction.ACCEPTED,
        changes={"accepted_by": [None, str(user)]},
        for_party=False,
    )
    return user


@service
def membership_remove(*, actor, membership: Membership) -> None:
    """Remove a member. An alliance always keeps at least one coordinator."""
    require(actor, "alliances.change_alliance", membership.alliance)
    # Lock the alliance's coordinators, so two removals at once cannot leave none.
    coordinators = list(
        Membership.objects.select_for_update()
        .filter(alliance_id=membership.alliance_id, role=MemberRole.COORDINATOR)
        .values_list("pk", flat=True)
    )
    if is_last_coordinator(membership, coordinators):
        raise ValidationError(
            _("Alliancen skal have mindst én koordinator. Invitér en ny koordinator, før du fjerner den sidste.")
        )
    signals.member_removing.send(sender=Membership, membership=membership, actor=actor)
    record(
        actor=actor,
        obj=membership,
        action=AuditAction.DELETED,
        changes=deleted(snapshot(membership, MEMBERSHIP_FIELDS)),
        for_party=False,
    )
    membership.delete()
    forget_memberships(membership.user)


@service
def membership_add(*, actor, alliance: Alliance, user, role: str, party: Party | None = None) -> Membership:
    """Add an existing user directly (the demo and staff use this)."""
    require(actor, "alliances.change_alliance", alliance)
    membership = Membership(alliance=alliance, user=user, role=role, party=party)
    membership.full_clean()
    membership.save()
    forget_memberships(user)
    record(
        actor=actor,
        obj=membership,
        action=AuditAction.CREATED,
        changes=created(snapshot(membership, MEMBERSHIP_FIELDS)),
        for_party=False,
    )
    return membership


# --- Who works where (a user's organisation) ---------------------------------------------
#
# A user's organisation is verified, never asserted: by staff, by a confirmed address at a
# domain the organisation has registered, or by a colleague already verified for it.


@service
def organisation_domain_add(*, actor, organisation: Organisation, domain: str) -> OrganisationDomain:
    """Register an email domain for an organisation (staff only)."""
    require(actor, "alliances.manage_organisation_domains", organisation)
    domain = normalise_domain(domain)
    existing = OrganisationDomain.objects.select_related("organisation").filter(domain=domain).first()
    if existing is not None:
        raise ValidationError(
            {"domain": [_("%(domain)s er allerede registreret for %(name)s.") % {"domain": domain, "name": existing.organisation.name}]}
        )
    registered = OrganisationDomain(organisation=organisation, domain=domain, added_by=actor)
    registered.full_clean()
    registered.save()
    record(
        actor=actor,
        obj=registered,
        action=AuditAction.CREATED,
        changes={"organisation": [None, organisation.name], "domain": [None, domain]},
    )
    return registered


@service
def organisation_domain_remove(*, actor, domain: OrganisationDomain) -> None:
    """Remove a registered domain. Users already verified through it stay verified: they
    confirmed their address while the domain belonged to the organisation."""
    require(actor, "alliances.manage_organisation_domains", domain.organisation)
    record(
        actor=actor,
        obj=domain,
        action=AuditAction.DELETED,
        changes={"organisation": [domain.organisation.name, None], "domain": [domain.domain, None]},
    )
    domain.delete()


def _locked_affiliation(user) -> Affiliation | None:
    affiliation = Affiliation.objects.select_for_update().filter(user_id=user.pk).first()
    if affiliation is not None:
        affiliation.user = user  # the caller's object, whose cached organisation is cleared
    return affiliation


def _verify(affiliation: Affiliation, *, actor, method: str, email: str = "") -> Affiliation:
    before = snapshot(affiliation, AFFILIATION_FIELDS)
    affiliation.status = AffiliationStatus.VERIFIED
    affiliation.method = method
    affiliation.verified_by = actor if method != AffiliationMethod.EMAIL_DOMAIN else None
    affiliation.verified_email = email
    affiliation.verified_at = timezone.now()
    affiliation.full_clean()
    affiliation.save()
    forget_verified_organisation(affiliation.user)
    record(
        actor=actor,
        obj=affiliation,
        action=AuditAction.VERIFIED,
        changes=diff(before, snapshot(affiliation, AFFILIATION_FIELDS)),
    )
    return affiliation


def _requested(user, organisation: Organisation, *, actor, note: str = "") -> Affiliation:
    """The user's affiliation as an open request for `organisation` (replacing any other)."""
    affiliation = _locked_affiliation(user)
    before = snapshot(affiliation, AFFILIATION_FIELDS) if affiliation else {}
    affiliation = affiliation or Affiliation(user=user)
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
    record(
        actor=actor,
        obj=affiliation,
        action=AuditAction.CHANGED if before else AuditAction.CREATED,
        changes=diff(before, snapshot(affiliation, AFFILIATION_FIELDS)),
    )
    return affiliation


def _send_confirmation_link(affiliation: Affiliation, *, base_url: str) -> None:
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


@service
def affiliation_request(*, actor, organisation: Organisation, base_url: str) -> tuple[Affiliation, bool]:
    """The actor asks to be verified as working for an organisation. Returns the request and
    whether a confirmation link went to their address (its domain is the organisation's);
    otherwise a colleague verified for the organisation, or staff, decides."""
    today = timezone.localdate()
    if organisation.valid_to is not None and organisation.valid_to < today:
        raise ValidationError({"organisation": [_("%(name)s findes ikke længere.") % {"name": organisation.name}]})
    current = _locked_affiliation(actor)
    if current is not None and current.organisation_id == organisation.pk and current.is_verified:
        raise ValidationError(
            {"organisation": [_("Du er allerede bekræftet som medarbejder i %(name)s.") % {"name": organisation.name}]}
        )
    affiliation = _requested(actor, organisation, actor=actor)
    owner = domain_owner(actor.email)
    link_sent = owner is not None and owner.pk == organisation.pk
    if link_sent:
        _send_confirmation_link(affiliation, base_url=base_url)
    return affiliation, link_sent


@service
def affiliation_confirm_email(*, token: str) -> Affiliation:
    """Verify a request by the link sent to the user's address (who holds the link acts)."""
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


@service
def affiliation_verify_by_domain(*, user, organisation: Organisation | None = None) -> Affiliation | None:
    """Verify a user whose address has just been confirmed by a link sent to it (the
    invitation's or the confirmation link), when its domain is registered for an
    organisation (and that is `organisation`, if given). Returns None otherwise. The user
    acts: they proved the address is theirs."""
    owner = domain_owner(user.email)
    if owner is None or (organisation is not None and owner.pk != organisation.pk):
        return None
    affiliation = _locked_affiliation(user)
    if affiliation is None or affiliation.organisation_id != owner.pk:
        affiliation = _requested(user, owner, actor=user)
    elif affiliation.is_verified:
        return affiliation
    return _verify(affiliation, actor=user, method=AffiliationMethod.EMAIL_DOMAIN, email=user.email)


@service
def affiliation_set_by_staff(*, actor, user, organisation: Organisation, note: str = "") -> Affiliation:
    """Staff set a user's organisation directly."""
    require(actor, "alliances.set_affiliation")
    affiliation = _locked_affiliation(user)
    if affiliation is None or affiliation.organisation_id != organisation.pk:
        affiliation = _requested(user, organisation, actor=actor, note=note)
    return _verify(affiliation, actor=actor, method=AffiliationMethod.STAFF)


@service
def affiliation_approve(*, actor, affiliation: Affiliation) -> Affiliation:
    """A colleague verified for the organisation, or staff, approves a request."""
    require(actor, "alliances.decide_affiliation", affiliation)
    locked = _locked_affiliation(affiliation.user)
    if locked is None or locked.pk != affiliation.pk or locked.organisation_id != affiliation.organisation_id:
        raise ValidationError(_("Anmodningen er trukket tilbage eller ændret."))
    if locked.is_verified:
        return locked
    method = AffiliationMethod.STAFF if is_active_staff(actor) else AffiliationMethod.APPROVAL
    return _verify(locked, actor=actor, method=method)


@service
def affiliation_reject(*, actor, affiliation: Affiliation) -> None:
    """Turn down a request (a verified affiliation is not undone here)."""
    require(actor, "alliances.decide_affiliation", affiliation)
    if Affiliation.objects.filter(pk=affiliation.pk, status=AffiliationStatus.REQUESTED).exists():
        record(
            actor=actor,
            obj=affiliation,
            action=AuditAction.REJECTED,
            changes={"organisation": [affiliation.organisation.name, None]},
        )
        Affiliation.objects.filter(pk=affiliation.pk).delete()
    forget_verified_organisation(affiliation.user)


@service
def affiliation_end(*, actor, user=None) -> None:
    """The actor withdraws their request, or says they no longer work for the organisation;
    or staff end another `user`'s affiliation."""
    user = user or actor
    if user.pk != actor.pk:
        require(actor, "alliances.set_affiliation")
    affiliation = _locked_affiliation(user)
    if affiliation is None:
        return
    record(
        actor=actor,
        obj=affiliation,
        action=AuditAction.DELETED,
        changes=deleted(snapshot(affiliation, AFFILIATION_FIELDS)),
    )
    affiliation.delete()
    forget_verified_organisation(user)


@service
def affiliation_email_changed(*, actor, user, base_url: str = "") -> Affiliation | None:
    """Re-run the rule after the user's address changed: a verified affiliation becomes a
    request again, and a confirmation link goes to the new address when its domain is the
    organisation's."""
    affiliation = _locked_affiliation(user)
    if affiliation is None:
        return None
    affiliation = _requested(user, affiliation.organisation, actor=actor, note=_("E-mailadressen er ændret."))
    owner = domain_owner(user.email)
    if base_url and owner is not None and owner.pk == affiliation.organisation_id:
        _send_confirmation_link(affiliation, base_url=base_url)
    return affiliation


# --- A party's own word on what it gets out of the alliance -----------------------------------

GIVE_VALUE_ANSWER = "alliances.give_value_answer"


@service
def value_answer_create(*, actor, party: Party, answer: str, comment: str) -> ValueAnswer:
    """Does the party get enough out of the alliance to stay? Only its own people answer."""
    require(actor, GIVE_VALUE_ANSWER, party)
    entry = ValueAnswer(party=party, answered_by=actor, answer=answer, comment=(comment or "").strip())
    entry.full_clean(exclude=["party", "answered_by"])
    entry.save()
    record(actor=actor, obj=entry, action=AuditAction.CREATED, changes=created(snapshot(entry, VALUE_ANSWER_FIELDS)))
    return entry


@service
def value_answer_update(*, actor, value_answer: ValueAnswer, answer: str, comment: str) -> ValueAnswer:
    """Change an answer while it is still open to change (a health-check round's answer until
    the round's deadline; the caller decides that). The answer stays one record in the party's
    history, dated and signed by the last change; an unchanged answer leaves no record."""
    require(actor, GIVE_VALUE_ANSWER, value_answer.party)
    before = snapshot(value_answer, VALUE_ANSWER_FIELDS)
    value_answer.answer = answer
    value_answer.comment = (comment or "").strip()
    value_answer.full_clean(exclude=["party", "answered_by"])
    changes = diff(before, snapshot(value_answer, VALUE_ANSWER_FIELDS))
    if changes:
        value_answer.answered_by = actor
        value_answer.answered_at = timezone.now()
        value_answer.save(update_fields=["answer", "comment", "answered_by", "answered_at"])
        record(actor=actor, obj=value_answer, action=AuditAction.CHANGED, changes=changes)
    return value_answer
