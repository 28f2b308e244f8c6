"""The value ledger: what each party gives (contributions), what it wants to take home
(value goals) and what it has actually got (results), the alliance's shared goals for the
citizens, the hour rates the alliance agrees, and each party's own word on whether it gets
enough out of the alliance. Changes are kept in the audit.

Amounts are exact decimals. Every entry belongs to one party of one alliance and says who
reads it: everyone who sees the alliance (public), the alliance's members, or only the
party's own representatives, the alliance's coordinators and staff (confidential).
"""

import datetime
from decimal import ROUND_HALF_UP, Decimal

from django.conf import settings
from django.core.validators import MaxLengthValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from brobygger.alliances.models import Alliance, Party
from brobygger.core.choices import ChoiceLabels

# Two decimals, up to 999 999 999 999.99: room for every real figure. The services refuse
# anything above MAX_AMOUNT (see services.py) with a message before the database would.
AMOUNT_DIGITS = 14
AMOUNT_PLACES = 2
MAX_AMOUNT = Decimal("1000000000")  # 1 mia.: a single entry above this is a typing error


class ContributionKind(models.TextChoices):
    MONEY = "penge", _("Penge")
    WORK_HOURS = "arbejdstimer", _("Arbejdstimer")
    EXPERTISE = "ekspertise", _("Ekspertise")
    PREMISES = "lokaler", _("Lokaler og faciliteter")
    DATA = "data", _("Data")
    NETWORK = "netvaerk", _("Netværk")
    MATERIALS = "materialer", _("Materialer")
    OTHER = "andet", _("Andet")


class Unit(models.TextChoices):
    KRONER = "kr", _("kr.")
    HOURS = "timer", _("timer")
    DAYS = "dage", _("dage")
    SQUARE_METRES = "m2", _("m²")
    PIECES = "stk", _("stk.")
    PERSONS = "personer", _("personer")
    KILOMETRES = "km", _("km")
    KILOGRAMS = "kg", _("kg")
    LITRES = "liter", _("liter")


class EntryVisibility(models.TextChoices):
    """Who reads an entry (rules.py decides it; this names the levels)."""

    PUBLIC = "offentlig", _("Offentlig")
    MEMBERS = "medlemmer", _("Alliancens medlemmer")
    CONFIDENTIAL = "fortrolig", _("Fortrolig")


# From the widest circle of readers to the narrowest.
VISIBILITY_ORDER = (EntryVisibility.PUBLIC, EntryVisibility.MEMBERS, EntryVisibility.CONFIDENTIAL)


def visibility_valid(model_name: str) -> models.CheckConstraint:
    return models.CheckConstraint(
        condition=Q(visibility__in=EntryVisibility.values), name=f"{model_name}_visibility_valid"
    )


class LedgerEntry(ChoiceLabels, models.Model):
    """Who made an entry and last changed it; who may read it."""

    visibility = models.CharField(
        _("hvem kan læse posten"),
        max_length=20,
        choices=EntryVisibility.choices,
        default=EntryVisibility.MEMBERS,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        abstract = True

    @property
    def is_public(self) -> bool:
        return self.visibility == EntryVisibility.PUBLIC

    @property
    def is_confidential(self) -> bool:
        return self.visibility == EntryVisibility.CONFIDENTIAL


class Contribution(LedgerEntry):
    """Bidrag: what a party puts into the alliance, in money or in kind."""

    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="contributions")
    kind = models.CharField(_("type bidrag"), max_length=20, choices=ContributionKind.choices)
    description = models.CharField(_("beskrivelse"), max_length=500)
    quantity = models.DecimalField(
        _("mængde"), max_digits=AMOUNT_DIGITS, decimal_places=AMOUNT_PLACES
    )
    unit = models.CharField(_("enhed"), max_length=10, choices=Unit.choices)
    estimated_value = models.DecimalField(
        _("anslået værdi i kroner"),
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
    )
    period_start = models.DateField(_("fra"))
    period_end = models.DateField(_("til"), null=True, blank=True)
    # Hours are valued at the alliance's agreed rate for their kind, never by each entry.
    hour_kind = models.ForeignKey(
        "HourKind",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contributions",
        verbose_name=_("timetype"),
    )
    # A payment for a delivery is a transaction, not value given: kept out of the totals.
    is_payment = models.BooleanField(_("betaling for en leverance"), default=False)

    class Meta:
        verbose_name = _("bidrag")
        verbose_name_plural = pgettext_lazy("plural", "bidrag")
        ordering = ["-period_start", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(quantity__gt=0), name="contribution_quantity_positive"),
            models.CheckConstraint(
                condition=Q(estimated_value__isnull=True) | Q(estimated_value__gte=0),
                name="contribution_value_not_negative",
            ),
            models.CheckConstraint(
                condition=Q(period_end__isnull=True) | Q(period_end__gte=models.F("period_start")),
                name="contribution_period_order",
            ),
            models.CheckConstraint(
                condition=Q(kind__in=ContributionKind.values), name="contribution_kind_valid"
            ),
            models.CheckConstraint(condition=Q(unit__in=Unit.values), name="contribution_unit_valid"),
            visibility_valid("contribution"),
            models.CheckConstraint(
                condition=Q(hour_kind__isnull=True) | Q(unit="timer"), name="contribution_hour_kind_for_hours"
            ),
            models.CheckConstraint(
                condition=Q(is_payment=False) | Q(unit="kr"), name="contribution_payment_in_kroner"
            ),
        ]

    def __str__(self) -> str:
        return self.description

    @property
    def kroner(self) -> Decimal | None:
        """The contribution's worth in kroner: money is its amount; hours are valued at their
        kind's agreed rate (none without a rate); other kinds at their estimate. Reading
        `hour_kind` costs a query unless it was selected with the entry."""
        if self.unit == Unit.KRONER:
            return self.quantity
        if self.unit == Unit.HOURS:
            rate = self.hour_kind.rate if self.hour_kind_id else None
            # Rounded half up to the øre, entry by entry, as the totals' SQL rounds them.
            return None if rate is None else (self.quantity * rate).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
        return self.estimated_value


class HourKind(ChoiceLabels, models.Model):
    """Timetype: a kind of hours and the rate the alliance has agreed for it once (public
    employees' hours, consultants' hours, volunteer hours), a shared convention rather than any
    party's commercial rate. Without a rate the hours are counted as hours only."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="hour_kinds")
    name = models.CharField(_("navn"), max_length=100)
    rate = models.DecimalField(
        _("timesats i kroner"),
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
    )
    description = models.CharField(_("hvad satsen dækker"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("timetype")
        verbose_name_plural = _("timetyper")
        ordering = ["name", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "name"], name="hour_kind_name_unique_in_alliance"),
            models.CheckConstraint(condition=Q(rate__isnull=True) | Q(rate__gte=0), name="hour_kind_rate_not_negative"),
        ]

    def __str__(self) -> str:
        return self.name


class GoalDirection(models.TextChoices):
    MORE = "mere", _("Mere er bedre")
    LESS = "mindre", _("Mindre er bedre")


class ProgressReading(models.TextChoices):
    """How a goal's results are read against its numeric target."""

    LATEST = "seneste", _("Den seneste målte værdi")
    SUM = "sum", _("Summen af de målte værdier siden start")


class ValueGoal(LedgerEntry):
    """Værdimål: what a party wants to take home, in its own words, or (without a party) a
    goal the alliance shares for the citizens or the welfare area, which counts in no party's
    column. An optional numeric target makes progress measurable (progress.py reads it)."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="value_goals")
    party = models.ForeignKey(
        Party, on_delete=models.CASCADE, related_name="value_goals", null=True, blank=True
    )
    title = models.CharField(
        _("hvad vil parten have med hjem?"),
        max_length=300,
        help_text=_("Med partens egne ord, fx »Flere ledige borgere i praktik hos os«."),
    )
    indicator = models.CharField(
        _("indikator"),
        max_length=300,
        help_text=_("Hvordan I kan se, at værdien er kommet, fx »antal borgere i praktik«."),
    )
    target = models.CharField(
        _("mål"), max_length=300, help_text=_("Hvor meget, fx »12 borgere om året«.")
    )
    target_date = models.DateField(_("måldato"))
    target_value = models.DecimalField(
        _("måltal"),
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
    )
    target_unit = models.CharField(_("enhed for måltallet"), max_length=40, blank=True)
    direction = models.CharField(
        _("retning"), max_length=10, choices=GoalDirection.choices, default=GoalDirection.MORE
    )
    reading = models.CharField(
        _("fremdrift læses som"), max_length=10, choices=ProgressReading.choices, default=ProgressReading.LATEST
    )
    # For a sum: results from this date count (empty: from the day the goal was set).
    start_date = models.DateField(_("tæller fra"), null=True, blank=True)

    class Meta:
        verbose_name = _("værdimål")
        verbose_name_plural = pgettext_lazy("plural", "værdimål")
        ordering = ["target_date", "pk"]
        constraints = [
            visibility_valid("valuegoal"),
            models.CheckConstraint(
                condition=Q(direction__in=GoalDirection.values), name="valuegoal_direction_valid"
            ),
            models.CheckConstraint(
                condition=Q(reading__in=ProgressReading.values), name="valuegoal_reading_valid"
            ),
            # A sum only grows: "less is better" is read from the latest value.
            models.CheckConstraint(
                condition=~Q(direction=GoalDirection.LESS, reading=ProgressReading.SUM),
                name="valuegoal_sum_is_more_is_better",
            ),
            # A shared goal is for the alliance's members or everyone, never one party's secret.
            models.CheckConstraint(
                condition=Q(party__isnull=False) | ~Q(visibility="fortrolig"), name="valuegoal_shared_not_confidential"
            ),
        ]

    def __str__(self) -> str:
        return self.title

    @property
    def is_shared(self) -> bool:
        return self.party_id is None

    @property
    def counts_from(self) -> datetime.date:
        """The first day whose results a sum counts."""
        return self.start_date or timezone.localdate(self.created_at)


class Result(LedgerEntry):
    """Resultat: value a party has actually got against one of its goals."""

    # PROTECT: a goal with results is never deleted silently (services.goal_delete refuses).
    goal = models.ForeignKey(ValueGoal, on_delete=models.PROTECT, related_name="results")
    achieved_on = models.DateField(_("dato"))
    description = models.TextField(
        _("hvad har parten fået?"), max_length=2000, validators=[MaxLengthValidator(2000)]
    )
    measured_value = models.DecimalField(
        _("målt værdi"),
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
        help_text=_("Tallet på indikatoren, hvis der er et."),
    )
    estimated_value = models.DecimalField(
        _("anslået værdi i kroner"),
        max_digits=AMOUNT_DIGITS,
        decimal_places=AMOUNT_PLACES,
        null=True,
        blank=True,
        help_text=_("Hvad resultatet er værd for parten i kroner, hvis det kan anslås."),
    )
    # Without a numeric target, the party says when a result means the goal is met.
    meets_goal = models.BooleanField(_("målet er nået"), default=False)
    # A payment for a delivery is a transaction, not value got: kept out of the value totals.
    is_payment = models.BooleanField(_("betaling for en leverance"), default=False)
    evidence_url = models.URLField(_("link til dokumentation"), max_length=500, blank=True)
    evidence_note = models.TextField(
        _("note om dokumentation"), max_length=2000, blank=True, validators=[MaxLengthValidator(2000)]
    )

    class Meta:
        verbose_name = _("resultat")
        verbose_name_plural = _("resultater")
        ordering = ["-achieved_on", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimated_value__isnull=True) | Q(estimated_value__gte=0),
                name="result_value_not_negative",
            ),
            visibility_valid("result"),
        ]

    def __str__(self) -> str:
        return self.description[:80]

    @property
    def party(self) -> Party | None:
        """The party whose goal this is (None for a shared goal): the rules and the audit
        read a result's party."""
        return self.goal.party

    @property
    def alliance_id(self) -> int:
        return self.goal.alliance_id

    @property
    def effective_visibility(self) -> str:
        """Who reads the result: those who read both it and its goal."""
        return max(self.visibility, self.goal.visibility, key=VISIBILITY_ORDER.index)


# The fields a person writes, in form order: the services save these and the audit and the
# export record them.
CONTRIBUTION_FIELDS = (
    "kind",
    "description",
    "quantity",
    "unit",
    "estimated_value",
    "period_start",
    "period_end",
    "hour_kind",
    "is_payment",
    "visibility",
)
GOAL_FIELDS = (
    "title",
    "indicator",
    "target",
    "target_value",
    "target_unit",
    "direction",
    "reading",
    "start_date",
    "target_date",
    "visibility",
)
RESULT_FIELDS = (
    "achieved_on",
    "description",
    "measured_value",
    "meets_goal",
    "estimated_value",
    "is_payment",
    "evidence_url",
    "evidence_note",
    "visibility",
)


HOUR_KIND_FIELDS = ("name", "rate", "description")
