"""Decisions with fair process: an involvement plan per alliance or change process, decisions
that go through a hearing, responses that are each answered, expectations with an owner and a
date, and versions kept once a decision has been communicated.

A decision belongs either to an alliance (its coordinators decide) or to an organisation's
change process (users verified for the organisation decide), never both: the owner is what
the permissions, the plan and the pages hang on.
"""

import datetime
import secrets

from django.conf import settings
from django.core.validators import MaxLengthValidator, MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.alliances.models import Alliance, Organisation, Party, Phase
from brobygger.core.choices import ChoiceLabels

from .taxonomy import (
    FELT_HEARD_HIGHEST,
    FELT_HEARD_LOWEST,
    HearingLevel,
    Participation,
    Stance,
    Status,
    Usage,
)

# The phases an involvement plan is laid out over: the foundation's phases of an alliance,
# which a change process inside an organisation also goes through (a closed one plans nothing).
PLAN_PHASES = [(value, label) for value, label in Phase.choices if value != Phase.CLOSED]

QUESTION_MAX = 300
LONG_TEXT_MAX = 10_000
RESPONSE_TEXT_MAX = 5_000
NAME_MAX = 200


def new_token() -> str:
    """An unguessable token for a link that works without an account."""
    return secrets.token_urlsafe(32)


def closing_moment(last_day: datetime.date) -> datetime.datetime:
    """A hearing closes at the end of its last day, Danish time."""
    return timezone.make_aware(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time()))


def _one_owner(prefix: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=(Q(alliance__isnull=False) & Q(change_process__isnull=True))
        | (Q(alliance__isnull=True) & Q(change_process__isnull=False)),
        name=f"{prefix}_one_owner",
    )


class ChangeProcess(ChoiceLabels, models.Model):
    """A change inside one organisation (a merger of departments, say), run with the same fair
    process as an alliance's decisions."""

    organisation = models.ForeignKey(Organisation, on_delete=models.CASCADE, related_name="change_processes")
    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(
        _("beskrivelse"), blank=True, max_length=5000, validators=[MaxLengthValidator(5000)]
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("forandringsproces")
        verbose_name_plural = _("forandringsprocesser")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.title

    def get_absolute_url(self) -> str:
        return reverse("decisions:process_detail", kwargs={"pk": self.pk})


class InvolvementGroup(ChoiceLabels, models.Model):
    """A row of an involvement plan: a group concerned (politicians, staff, partners, citizens…)."""

    alliance = models.ForeignKey(
        Alliance, on_delete=models.CASCADE, null=True, blank=True, related_name="involvement_groups"
    )
    change_process = models.ForeignKey(
        ChangeProcess, on_delete=models.CASCADE, null=True, blank=True, related_name="groups"
    )
    name = models.CharField(_("gruppe"), max_length=120)
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        verbose_name = _("gruppe i inddragelsesplanen")
        verbose_name_plural = _("grupper i inddragelsesplanen")
        ordering = ["order", "pk"]
        constraints = [
            _one_owner("involvementgroup"),
            models.UniqueConstraint(
                fields=["alliance", "name"], condition=Q(alliance__isnull=False), name="involvementgroup_alliance_name"
            ),
            models.UniqueConstraint(
                fields=["change_process", "name"],
                condition=Q(change_process__isnull=False),
                name="involvementgroup_process_name",
            ),
        ]

    def __str__(self) -> str:
        return self.name


class PlanCell(ChoiceLabels, models.Model):
    """One group in one phase: whether the phase affects it, and the participation offered.
    A phase that affects a group with no level chosen is a gap in the plan."""

    group = models.ForeignKey(InvolvementGroup, on_delete=models.CASCADE, related_name="cells")
    phase = models.CharField(_("fase"), max_length=20, choices=PLAN_PHASES)
    affected = models.BooleanField(_("berøres i fasen"), default=True)
    level = models.CharField(_("deltagelse"), max_length=20, choices=Participation.choices, blank=True)
    means = models.JSONField(_("midler"), default=list, blank=True)
    note = models.CharField(_("bemærkning"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("felt i inddragelsesplanen")
        verbose_name_plural = _("felter i inddragelsesplanen")
        constraints = [
            models.UniqueConstraint(fields=["group", "phase"], name="plancell_one_per_phase"),
            models.CheckConstraint(condition=Q(level="") | Q(level__in=Participation.values), name="plancell_level_valid"),
        ]

    def __str__(self) -> str:
        return f"{self.group} · {self.get_phase_display()}"

    @property
    def is_gap(self) -> bool:
        return self.affected and not self.level


class Decision(ChoiceLabels, models.Model):
    """kladde → i høring → besluttet → meddelt. Once communicated it is fixed: a correction is
    a new `DecisionVersion`, the earlier ones kept. `revision` counts saves, so two people
    editing at once never overwrite each other unseen (optimistic locking in the services)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions")
    change_process = models.ForeignKey(
        ChangeProcess, on_delete=models.CASCADE, null=True, blank=True, related_name="decisions"
    )
    question = models.CharField(_("spørgsmål"), max_length=QUESTION_MAX)
    background = models.TextField(
        _("baggrund"), blank=True, max_length=LONG_TEXT_MAX, validators=[MaxLengthValidator(LONG_TEXT_MAX)]
    )
    phase = models.CharField(_("fase"), max_length=20, choices=PLAN_PHASES)
    status = models.CharField(_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT)
    affected_parties = models.ManyToManyField(
        Party, blank=True, related_name="affected_by_decisions", verbose_name=_("berørte parter")
    )
    affected_groups = models.ManyToManyField(
        InvolvementGroup, blank=True, related_name="affected_by_decisions", verbose_name=_("berørte grupper")
    )
    affects_public = models.BooleanField(_("berører offentligheden"), default=False)
    outcome = models.TextField(
        _("beslutning"), blank=True, max_length=LONG_TEXT_MAX, validators=[MaxLengthValidator(LONG_TEXT_MAX)]
    )
    reasons = models.TextField(
        _("begrundelse"), blank=True, max_length=LONG_TEXT_MAX, validators=[MaxLengthValidator(LONG_TEXT_MAX)]
    )
    review_on = models.DateField(_("tages op igen"), null=True, blank=True)
    decided_at = models.DateTimeField(_("besluttet"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    communicated_at = models.DateTimeField(_("meddelt"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("beslutning")
        verbose_name_plural = _("beslutninger")
        ordering = ["-created_at", "-pk"]
        constraints = [
            _one_owner("decision"),
            models.CheckConstraint(condition=Q(status__in=Status.values), name="decision_status_valid"),
        ]
        indexes = [
            models.Index(fields=["alliance", "status"]),
            models.Index(fields=["change_process", "status"]),
        ]

    def __str__(self) -> str:
        return self.question

    def get_absolute_url(self) -> str:
        return reverse("decisions:detail", kwargs={"pk": self.pk})

    @property
    def owner(self) -> Alliance | ChangeProcess:
        return self.alliance if self.alliance_id else self.change_process

    @property
    def is_fixed(self) -> bool:
        return self.status == Status.COMMUNICATED


class DecisionVersion(ChoiceLabels, models.Model):
    """What was communicated: the first version when the decision is communicated, one more
    for each correction. The expectations are kept as they stood."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="versions")
    number = models.PositiveIntegerField(_("version"))
    outcome = models.TextField(_("beslutning"))
    reasons = models.TextField(_("begrundelse"))
    review_on = models.DateField(_("tages op igen"), null=True, blank=True)
    expectations = models.JSONField(_("forventninger"), default=list)
    note = models.CharField(_("hvad er rettet og hvorfor"), max_length=500, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)

    class Meta:
        verbose_name = _("version af en beslutning")
        verbose_name_plural = _("versioner af beslutninger")
        ordering = ["decision", "-number"]
        constraints = [models.UniqueConstraint(fields=["decision", "number"], name="decisionversion_unique_number")]

    def __str__(self) -> str:
        return f"{self.decision} · {self.number}"


class Hearing(ChoiceLabels, models.Model):
    """The decision's hearing: what influence it offers and why, said up front, and its
    deadline. Open until `closes_at`, compared with the clock on every page."""

    decision = models.OneToOneField(Decision, on_delete=models.CASCADE, related_name="hearing")
    level = models.CharField(_("deltagelsesniveau"), max_length=20, choices=HearingLevel.choices)
    level_reason = models.TextField(
        _("hvorfor dette niveau"), max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    is_public = models.BooleanField(_("offentlig høring"), default=False)
    # The public page's address (/hoering/<token>/); every hearing has one, shown only if public.
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    groups = models.ManyToManyField(
        InvolvementGroup, blank=True, related_name="hearings", verbose_name=_("grupper i inddragelsesplanen")
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("åbnet"), default=timezone.now)
    closes_at = models.DateTimeField(_("lukker"))
    # When the invited who had not answered were reminded (once per deadline).
    reminded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("høring")
        verbose_name_plural = _("høringer")
        constraints = [models.CheckConstraint(condition=Q(level__in=HearingLevel.values), name="hearing_level_valid")]

    def __str__(self) -> str:
        return str(self.decision)

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) < self.closes_at

    @property
    def last_day(self) -> datetime.date:
        return timezone.localtime(self.closes_at - datetime.timedelta(microseconds=1)).date()


class Invitation(ChoiceLabels, models.Model):
    """Who a hearing asks: a party of the alliance (its representatives answer, logged in), or
    a person in a change process by email (they answer through their own link)."""

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="invitations")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    email = models.EmailField(_("e-mail"), blank=True)
    token = models.CharField(max_length=64, unique=True, default=new_token, editable=False)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("invitation til en høring")
        verbose_name_plural = _("invitationer til høringer")
        constraints = [
            models.CheckConstraint(
                condition=(Q(party__isnull=False) & Q(email="")) | (Q(party__isnull=True) & ~Q(email="")),
                name="invitation_party_or_email",
            ),
            models.UniqueConstraint(
                fields=["hearing", "party"], condition=Q(party__isnull=False), name="invitation_one_per_party"
            ),
            models.UniqueConstraint(fields=["hearing", "email"], condition=~Q(email=""), name="invitation_one_per_email"),
        ]

    def __str__(self) -> str:
        return str(self.party) if self.party_id else self.email


class Response(ChoiceLabels, models.Model):
    """A response to a hearing: a party's (its representatives share and change one), an
    invited person's (through their link), or a citizen's on the public page (name optional).

    Whoever gave an email address reads and withdraws the response through `manage_token`,
    and is mailed nothing but the confirmation until they have confirmed the address.
    """

    hearing = models.ForeignKey(Hearing, on_delete=models.CASCADE, related_name="responses")
    number = models.PositiveIntegerField(_("nummer"))
    party = models.ForeignKey(Party, on_delete=models.CASCADE, null=True, blank=True, related_name="+")
    invitation = models.OneToOneField(
        Invitation, on_delete=models.CASCADE, null=True, blank=True, related_name="response"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    name = models.CharField(_("navn"), max_length=NAME_MAX, blank=True)
    email = models.EmailField(_("e-mail"), blank=True)
    email_confirmed_at = models.DateTimeField(null=True, blank=True)
    manage_token = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    consent_at = models.DateTimeField(null=True, blank=True)
    stance = models.CharField(_("holdning"), max_length=20, choices=Stance.choices)
    text = models.TextField(
        _("svar"), max_length=RESPONSE_TEXT_MAX, validators=[MaxLengthValidator(RESPONSE_TEXT_MAX)]
    )
    created_at = models.DateTimeField(_("afgivet"), default=timezone.now)
    updated_at = models.DateTimeField(_("ændret"), default=timezone.now)
    reply_usage = models.CharField(_("brugt"), max_length=20, choices=Usage.choices, blank=True)
    reply_text = models.TextField(
        _("svar til høringssvaret"), blank=True, max_length=RESPONSE_TEXT_MAX, validators=[MaxLengthValidator(RESPONSE_TEXT_MAX)]
    )
    replied_at = models.DateTimeField(null=True, blank=True)
    replied_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    felt_heard = models.PositiveSmallIntegerField(
        _("følte sig hørt"),
        null=True,
        blank=True,
        validators=[MinValueValidator(FELT_HEARD_LOWEST), MaxValueValidator(FELT_HEARD_HIGHEST)],
    )
    felt_heard_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("høringssvar")
        verbose_name_plural = _("høringssvar")
        ordering = ["hearing", "number"]
        constraints = [
            models.UniqueConstraint(fields=["hearing", "number"], name="decision_response_unique_number"),
            models.UniqueConstraint(
                fields=["hearing", "party"], condition=Q(party__isnull=False), name="decision_response_one_per_party"
            ),
            models.CheckConstraint(condition=Q(stance__in=Stance.values), name="decision_response_stance_valid"),
            models.CheckConstraint(
                condition=Q(felt_heard__isnull=True) | Q(felt_heard__gte=FELT_HEARD_LOWEST, felt_heard__lte=FELT_HEARD_HIGHEST),
                name="decision_response_felt_heard",
            ),
            models.CheckConstraint(condition=Q(reply_usage="") | Q(reply_usage__in=Usage.values), name="decision_response_usage_valid"),
        ]

    def __str__(self) -> str:
        return _("Høringssvar %(number)s") % {"number": self.number}

    @property
    def is_answered(self) -> bool:
        return self.replied_at is not None

    @property
    def is_public(self) -> bool:
        return self.party_id is None and self.invitation_id is None

    def notify_address(self) -> str:
        """Where news about this response may go: the party's author, the invited person, or a
        citizen's address once they have confirmed it."""
        if self.party_id:
            return self.author.email if self.author_id and self.author.is_active else ""
        if self.invitation_id:
            return self.invitation.email
        return self.email if self.email_confirmed_at else ""


class Expectation(ChoiceLabels, models.Model):
    """What happens next: an action with an owner and a date, so everyone knows who does what by when."""

    decision = models.ForeignKey(Decision, on_delete=models.CASCADE, related_name="expectations")
    action = models.CharField(_("handling"), max_length=300)
    owner = models.CharField(_("ansvarlig"), max_length=200, blank=True)
    due_on = models.DateField(_("senest"), null=True, blank=True)
    done_on = models.DateField(_("udført"), null=True, blank=True)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        verbose_name = _("forventning")
        verbose_name_plural = _("forventninger")
        ordering = [models.F("due_on").asc(nulls_last=True), "pk"]

    def __str__(self) -> str:
        return self.action

    @property
    def is_clear(self) -> bool:
        return bool(self.owner.strip()) and self.due_on is not None


EXPECTATION_FIELDS = ("action", "owner", "due_on", "done_on")
CELL_FIELDS = ("affected", "level", "means", "note")
