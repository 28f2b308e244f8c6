"""Organisations, alliances, their parties and members.

An organisation is one record across every alliance it takes part in (never a copy per
alliance), so later capabilities can map who works with whom.
"""

import datetime
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from brobygger.core.choices import ChoiceLabels


class Sector(models.TextChoices):
    PUBLIC = "offentlig", _("Offentlig")
    PRIVATE = "privat", _("Privat")
    CIVIL = "civilsamfund", _("Civilsamfund")


class OrganisationKind(models.TextChoices):
    MUNICIPALITY = "kommune", _("Kommune")
    REGION = "region", _("Region")
    STATE = "statslig", _("Statslig institution")
    COMPANY = "virksomhed", _("Virksomhed")
    ASSOCIATION = "forening", _("Frivillig forening")
    CITIZEN_GROUP = "borgergruppe", _("Borgergruppe")
    OTHER = "andet", _("Andet")


# The sector follows from the kind. "Andet" (foundations, networks, other non-public,
# non-commercial actors) counts as civil society.
SECTOR_BY_KIND = {
    OrganisationKind.MUNICIPALITY: Sector.PUBLIC,
    OrganisationKind.REGION: Sector.PUBLIC,
    OrganisationKind.STATE: Sector.PUBLIC,
    OrganisationKind.COMPANY: Sector.PRIVATE,
    OrganisationKind.ASSOCIATION: Sector.CIVIL,
    OrganisationKind.CITIZEN_GROUP: Sector.CIVIL,
    OrganisationKind.OTHER: Sector.CIVIL,
}
# Municipalities and regions come from the reference data, with official codes.
AUTHORITY_KINDS = (OrganisationKind.MUNICIPALITY, OrganisationKind.REGION)


def kinds_in_sector(sector: str) -> list[str]:
    return [kind for kind, kind_sector in SECTOR_BY_KIND.items() if kind_sector == sector]


# Pages list the sectors in this order: public, private, civil society.
SECTOR_ORDER = (Sector.PUBLIC, Sector.PRIVATE, Sector.CIVIL)


def group_by_sector(items, sector_of: Callable[[object], str]) -> list[tuple[str, list]]:
    """[(sector label, items of that sector)], in SECTOR_ORDER, leaving out empty sectors;
    the items keep their order within a sector."""
    groups: dict[str, list] = {sector: [] for sector in SECTOR_ORDER}
    for item in items:
        groups[sector_of(item)].append(item)
    return [(Sector(sector).label, groups[sector]) for sector in SECTOR_ORDER if groups[sector]]


class Organisation(ChoiceLabels, models.Model):
    name = models.CharField(_("navn"), max_length=200)
    kind = models.CharField(_("type"), max_length=20, choices=OrganisationKind.choices)
    cvr = models.CharField(_("CVR-nummer"), max_length=8, blank=True)
    ean = models.CharField(_("EAN-nummer"), max_length=13, blank=True)
    official_code = models.CharField(
        _("kommune- eller regionskode"),
        max_length=4,
        blank=True,
        help_text=_("Den officielle kode fra Danmarks Statistik. Kun for kommuner og regioner."),
    )
    valid_from = models.DateField(_("gyldig fra"), null=True, blank=True)
    valid_to = models.DateField(_("gyldig til"), null=True, blank=True)
    website = models.URLField(_("hjemmeside"), blank=True)
    description = models.TextField(
        _("beskrivelse"), blank=True, max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisationer")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["cvr"], condition=~Q(cvr=""), name="organisation_unique_cvr"
            ),
            models.UniqueConstraint(
                fields=["kind", "official_code"],
                condition=~Q(official_code=""),
                name="organisation_unique_official_code",
            ),
            models.CheckConstraint(
                condition=Q(official_code="") | Q(kind__in=AUTHORITY_KINDS),
                name="organisation_code_only_for_authorities",
            ),
            models.CheckConstraint(
                condition=Q(valid_to__isnull=True)
                | Q(valid_from__isnull=True)
                | Q(valid_to__gte=models.F("valid_from")),
                name="organisation_valid_period",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=OrganisationKind.values), name="organisation_kind_valid"
            ),
        ]
        indexes = [models.Index(fields=["kind", "name"])]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("alliances:organisation_detail", kwargs={"pk": self.pk})

    @property
    def sector(self) -> str:
        return SECTOR_BY_KIND[self.kind]

    def get_sector_display(self) -> str:
        return Sector(self.sector).label

    @property
    def is_public_sector(self) -> bool:
        return self.sector == Sector.PUBLIC

    @property
    def is_authority(self) -> bool:
        return self.kind in AUTHORITY_KINDS


class MunicipalityRegion(ChoiceLabels, models.Model):
    """Which region a municipality belongs to, and when: the 2027 merger moves 46 of them."""

    municipality = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="region_periods"
    )
    region = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="municipality_periods"
    )
    valid_from = models.DateField(null=True, blank=True)
    valid_to = models.DateField(null=True, blank=True)

    class Meta:
        verbose_name = _("kommunes region")
        verbose_name_plural = _("kommuners regioner")
        ordering = ["municipality__name", "valid_from"]
        constraints = [
            models.UniqueConstraint(
                fields=["municipality", "region", "valid_from"], name="municipality_region_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.municipality} → {self.region}"


class WelfareArea(models.TextChoices):
    ELDERLY = "aeldre", _("Ældre")
    HEALTH = "sundhed", _("Sundhed")
    SCHOOL = "folkeskole", _("Folkeskole")
    DAYCARE = "dagtilbud", _("Dagtilbud")
    EDUCATION = "uddannelse", _("Gymnasium og uddannelse")
    SOCIAL = "socialomraade", _("Specialiseret socialområde")
    PSYCHIATRY = "psykiatri", _("Psykiatri")
    EMPLOYMENT = "beskaeftigelse", _("Beskæftigelse")
    CLIMATE = "klima", _("Klima og miljø")
    URBAN = "by", _("By og infrastruktur")
    CULTURE = "kultur", _("Kultur og fritid")
    OTHER = "andet", _("Andet")


class Phase(models.TextChoices):
    IDEA = "ide", _("Idé")
    CLARIFICATION = "afklaring", _("Afklaring")
    ESTABLISHMENT = "etablering", _("Etablering")
    OPERATION = "drift", _("Drift")
    EVALUATION = "evaluering", _("Evaluering")
    ANCHORED = "forankret", _("Forankret")
    CLOSED = "afsluttet", _("Afsluttet")


FINAL_PHASES = (Phase.ANCHORED, Phase.CLOSED)


class Visibility(models.TextChoices):
    PRIVATE = "privat", _("Privat – kun medlemmer")
    INTERNAL = "intern", _("Intern – medlemmer og offentlige parters medarbejdere")
    PUBLIC = "offentlig", _("Offentlig – alle kan læse alliancens side")


class Alliance(ChoiceLabels, models.Model):
    title = models.CharField(_("titel"), max_length=200)
    slug = models.SlugField(_("kort adresse"), max_length=80, unique=True)
    summary = models.CharField(_("resumé"), max_length=500)
    # TextField's max_length only reaches forms; the validator makes full_clean() enforce it.
    purpose = models.TextField(_("formål"), max_length=5000, validators=[MaxLengthValidator(5000)])
    welfare_area = models.CharField(
        _("velfærdsområde"), max_length=20, choices=WelfareArea.choices
    )
    lead_organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="led_alliances",
        verbose_name=_("ledende offentlige organisation"),
    )
    phase = models.CharField(_("fase"), max_length=20, choices=Phase.choices, default=Phase.IDEA)
    start_date = models.DateField(_("startdato"), null=True, blank=True)
    end_date = models.DateField(_("slutdato"), null=True, blank=True)
    visibility = models.CharField(
        _("synlighed"), max_length=20, choices=Visibility.choices, default=Visibility.PRIVATE
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("oprettet af"),
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("alliance")
        verbose_name_plural = _("alliancer")
        ordering = ["title", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_date__isnull=True)
                | Q(start_date__isnull=True)
                | Q(end_date__gte=models.F("start_date")),
                name="alliance_end_after_start",
            ),
            models.CheckConstraint(
                condition=Q(phase__in=Phase.values), name="alliance_phase_valid"
            ),
            models.CheckConstraint(
                condition=Q(visibility__in=Visibility.values), name="alliance_visibility_valid"
            ),
            models.CheckConstraint(
                condition=Q(welfare_area__in=WelfareArea.values),
                name="alliance_welfare_area_valid",
            ),
        ]
        indexes = [models.Index(fields=["visibility"]), models.Index(fields=["phase"])]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("alliances:detail", kwargs={"slug": self.slug})


class PhaseChange(ChoiceLabels, models.Model):
    """One step in an alliance's phase history: when, by whom, from and to what."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="phase_changes")
    from_phase = models.CharField(_("fra fase"), max_length=20, choices=Phase.choices, blank=True)
    to_phase = models.CharField(_("til fase"), max_length=20, choices=Phase.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("skiftet af"),
    )
    changed_at = models.DateTimeField(_("tidspunkt"))
    note = models.CharField(_("begrundelse"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("faseskift")
        verbose_name_plural = _("faseskift")
        ordering = ["-changed_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.alliance}: {self.from_phase} → {self.to_phase}"


class PartyConsent(models.TextChoices):
    PENDING = "afventer", _("Afventer organisationens bekræftelse")
    CONFIRMED = "bekraeftet", _("Bekræftet af organisationen")
    DECLINED = "afvist", _("Afvist af organisationen")


class Party(ChoiceLabels, models.Model):
    """An organisation's participation in one alliance.

    Anyone may name an organisation as a party, but a party counts outside its alliance only
    once someone verified for the organisation (or staff) has confirmed it: until then it is
    not shown to outsiders, does not make the organisation's employees see an internal
    alliance, and is left out of figures, cards and the public API. Inside the alliance it
    takes part in the ledger and the agreement as before.
    """

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="parties")
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="parties",
        verbose_name=_("organisation"),
    )
    # Empty when nobody has described it yet: the lead party created with the alliance is then
    # shown as the lead in the reader's language (`role_text`), not stored as Danish data.
    role_description = models.TextField(
        _("rolle i alliancen"),
        max_length=2000,
        blank=True,
        validators=[MaxLengthValidator(2000)],
        help_text=_("Partens rolle i alliancen, med partens egne ord."),
    )
    contact_name = models.CharField(_("kontaktperson"), max_length=200, blank=True)
    contact_email = models.EmailField(_("kontaktpersonens e-mail"), blank=True)
    contact_phone = models.CharField(_("kontaktpersonens telefon"), max_length=30, blank=True)
    consent = models.CharField(
        _("organisationens samtykke"),
        max_length=20,
        choices=PartyConsent.choices,
        default=PartyConsent.PENDING,
    )
    consent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("besvaret af"),
    )
    consent_at = models.DateTimeField(_("besvaret"), null=True, blank=True)
    # Why it is confirmed without anyone answering (parties that existed before consent).
    consent_note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("part")
        verbose_name_plural = _("parter")
        ordering = ["organisation__name", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["alliance", "organisation"], name="party_unique_per_alliance"
            ),
            models.CheckConstraint(
                condition=Q(consent__in=PartyConsent.values), name="party_consent_valid"
            ),
        ]
        indexes = [models.Index(fields=["organisation", "consent"])]

    def __str__(self) -> str:
        return f"{self.organisation} i {self.alliance}"

    @property
    def is_confirmed(self) -> bool:
        return self.consent == PartyConsent.CONFIRMED

    def clean(self) -> None:
        # Only the lead party the system creates with the alliance may be without a role.
        if not self.role_description.strip() and self.organisation_id != self.alliance.lead_organisation_id:
            raise ValidationError({"role_description": _("Beskriv partens rolle i alliancen.")})

    @property
    def role_text(self) -> str:
        """The role as the reader reads it: the party's own words, or for a lead party nobody
        has described yet, what the system knows, in the reader's language."""
        if self.role_description:
            return self.role_description
        if self.organisation_id == self.alliance.lead_organisation_id:
            return gettext("Ledende offentlig organisation.")
        return ""


class MemberRole(models.TextChoices):
    COORDINATOR = "koordinator", _("Koordinator")
    TOP_LEADER = "topleder", _("Topleder")
    PARTNER = "partner", _("Partner-repræsentant")
    OBSERVER = "observator", _("Observatør")


class Membership(ChoiceLabels, models.Model):
    """A user's place in an alliance. `party` says on whose behalf (required for partners)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="memberships")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="memberships",
        verbose_name=_("bruger"),
    )
    role = models.CharField(_("rolle"), max_length=20, choices=MemberRole.choices)
    party = models.ForeignKey(
        Party,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="memberships",
        verbose_name=_("part"),
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("medlem")
        verbose_name_plural = _("medlemmer")
        ordering = ["role", "user__first_name", "user__last_name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "user"], name="membership_unique"),
            models.CheckConstraint(
                condition=~Q(role=MemberRole.PARTNER) | Q(party__isnull=False),
                name="membership_partner_has_party",
            ),
            models.CheckConstraint(
                condition=Q(role__in=MemberRole.values), name="membership_role_valid"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.user} ({self.get_role_display()}) i {self.alliance}"


class Invitation(ChoiceLabels, models.Model):
    """An emailed invitation to become a member. Only a hash of the link's token is stored."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="invitations")
    email = models.EmailField(_("e-mail"))
    name = models.CharField(_("navn"), max_length=200)
    role = models.CharField(_("rolle"), max_length=20, choices=MemberRole.choices)
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="invitations", verbose_name=_("part")
    )
    token_hash = models.CharField(max_length=64, unique=True)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    expires_at = models.DateTimeField(_("udløber"))
    accepted_at = models.DateTimeField(_("accepteret"), null=True, blank=True)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitations",
        verbose_name=_("accepteret af"),
    )

    # When the link was last sent (a coordinator may send it again, at most once an hour).
    sent_at = models.DateTimeField(_("sendt"), null=True, blank=True)
    # Withdrawn by a coordinator: the link stops working at once (expires_at is set to then).
    withdrawn_at = models.DateTimeField(_("trukket tilbage"), null=True, blank=True)
    withdrawn_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("trukket tilbage af"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitationer")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.email} → {self.alliance}"

    def is_open(self, now: datetime.datetime) -> bool:
        return self.accepted_at is None and self.withdrawn_at is None and now < self.expires_at


# --- Who works where ----------------------------------------------------------------------


class OrganisationDomain(ChoiceLabels, models.Model):
    """An email domain that belongs to an organisation (e.g. lejre.dk for Lejre Kommune).

    A user who confirms an address at the domain, by a link sent to it, is verified as
    working for the organisation. Only staff register domains.
    """

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="domains", verbose_name=_("organisation")
    )
    domain = models.CharField(_("domæne"), max_length=253, unique=True)
    added_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    added_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("e-maildomæne")
        verbose_name_plural = _("e-maildomæner")
        ordering = ["domain"]
        constraints = [
            models.CheckConstraint(
                condition=Q(domain=models.functions.Lower("domain")) & ~Q(domain=""),
                name="organisation_domain_lowercase",
            )
        ]

    def __str__(self) -> str:
        return self.domain


class AffiliationStatus(models.TextChoices):
    REQUESTED = "anmodet", _("Afventer bekræftelse")
    VERIFIED = "bekraeftet", _("Bekræftet")


class AffiliationMethod(models.TextChoices):
    """How a user's organisation was verified. An organisation's own identity provider
    (OpenID Connect) is meant to become a fourth way."""

    STAFF = "personale", _("Sat af personalet")
    EMAIL_DOMAIN = "domaene", _("E-mail på organisationens domæne bekræftet")
    APPROVAL = "kollega", _("Godkendt af en bekræftet kollega")


class Affiliation(ChoiceLabels, models.Model):
    """The organisation a user works for. It counts only once verified: until then the user
    has no organisation, and sees nothing because of one.

    An invitation never sets it: the invitation sets only the party a member speaks for in
    one alliance (`Membership.party`).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="affiliation"
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        related_name="affiliations",
        verbose_name=_("organisation"),
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=AffiliationStatus.choices,
        default=AffiliationStatus.REQUESTED,
    )
    requested_at = models.DateTimeField(_("anmodet"))
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)
    method = models.CharField(
        _("bekræftet ved"), max_length=20, choices=AffiliationMethod.choices, blank=True
    )
    # The staff member or colleague who verified it; empty for a confirmed email.
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bekræftet af"),
    )
    # The address whose confirmation verified it (the email-domain way).
    verified_email = models.EmailField(_("bekræftet e-mail"), blank=True)
    verified_at = models.DateTimeField(_("bekræftet"), null=True, blank=True)

    class Meta:
        verbose_name = _("tilknytning til organisation")
        verbose_name_plural = _("tilknytninger til organisationer")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    Q(status=AffiliationStatus.VERIFIED)
                    & Q(method__in=AffiliationMethod.values)
                    & Q(verified_at__isnull=False)
                )
                | (Q(status=AffiliationStatus.REQUESTED) & Q(method="") & Q(verified_at__isnull=True)),
                name="affiliation_verified_says_how",
            ),
        ]
        indexes = [models.Index(fields=["organisation", "status"])]

    def __str__(self) -> str:
        return f"{self.user} – {self.organisation}"

    @property
    def is_verified(self) -> bool:
        return self.status == AffiliationStatus.VERIFIED


class ValueAnswer(ChoiceLabels, models.Model):
    """A party's own word: does it get enough out of the alliance to stay? Given when the
    party wants, at least once a quarter; the latest answer stands beside its figures.

    The foundation keeps it because more than one capability speaks of it: the value balance
    shows it beside the party's figures, and a health-check round asks it again and adds
    what taking part gives and costs the party, to this same record."""

    class Answer(models.TextChoices):
        YES = "ja", _("Ja")
        PARTLY = "delvist", _("Delvist")
        NO = "nej", _("Nej")

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="value_answers")
    answer = models.CharField(_("får I nok ud af alliancen?"), max_length=10, choices=Answer.choices)
    comment = models.CharField(_("med en sætning"), max_length=500)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    answered_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("partens svar")
        verbose_name_plural = _("partens svar")
        ordering = ["-answered_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(answer__in=["ja", "delvist", "nej"]), name="party_value_answer_valid")
        ]
        indexes = [models.Index(fields=["party", "-answered_at"], name="party_value_answer_latest")]

    def __str__(self) -> str:
        return f"{self.get_answer_display()}: {self.comment}"


VALUE_ANSWER_FIELDS = ("answer", "comment")
