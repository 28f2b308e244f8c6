"""Tensions and the health check: a versioned instrument (statements, tension scales, what
taking part gives and costs), rounds in which each party answers once, and the register of
dilemmas an alliance has met on its tension scales.

The party is the respondent: its several representatives see and complete one answer per
round, so a large organisation with many members weighs no more than a small association.
"""

import datetime
import hashlib

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from brobygger.alliances.models import Alliance, Party, ValueAnswer
from brobygger.core.choices import ChoiceLabels

from .taxonomy import HIGHEST, LOWEST, CollaborationDimension, Criterion, ItemKind


def _in_reader_language(danish: str, english: str) -> str:
    """The reader's language: English when the page is English and a translation exists."""
    language = (get_language() or "da").split("-")[0]
    return english if language == "en" and english else danish


def _fingerprint(*parts: str) -> str:
    """Equal wording gives an equal fingerprint: what a trend compares like with like by."""
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:16]


# --- The instrument -------------------------------------------------------------------------


class InstrumentVersion(ChoiceLabels, models.Model):
    """One version of the statements, tension scales and participation items. A round uses
    the newest published version when it opens and keeps it. At most one draft (unpublished)
    version exists: the one staff are editing."""

    number = models.PositiveIntegerField(_("version"), unique=True)
    created_at = models.DateTimeField(_("oprettet"), default=timezone.now)
    published_at = models.DateTimeField(_("udgivet"), null=True, blank=True)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    note = models.CharField(_("hvad er ændret"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("version af sundhedstjekket")
        verbose_name_plural = _("versioner af sundhedstjekket")
        ordering = ["-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["published_at"], condition=Q(published_at__isnull=True), name="instrument_one_draft"
            ),
        ]

    def __str__(self) -> str:
        return _("Version %(number)s") % {"number": self.number}

    @property
    def is_draft(self) -> bool:
        return self.published_at is None


class InstrumentItem(ChoiceLabels, models.Model):
    """What statements, scales and items share: a key that stays the same across versions."""

    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="+")
    key = models.SlugField(_("nøgle"), max_length=60)
    order = models.PositiveSmallIntegerField(_("rækkefølge"), default=0)

    class Meta:
        abstract = True
        ordering = ["order", "pk"]


class Statement(InstrumentItem):
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="statements")
    criterion = models.CharField(_("succeskriterium"), max_length=20, choices=Criterion.choices)
    dimension = models.CharField(_("samarbejdets dimension"), max_length=20, choices=CollaborationDimension.choices)
    text_da = models.CharField(_("udsagn på dansk"), max_length=300)
    text_en = models.CharField(_("udsagn på engelsk"), max_length=300)

    class Meta(InstrumentItem.Meta):
        verbose_name = _("udsagn")
        verbose_name_plural = _("udsagn")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="statement_key_unique"),
            models.CheckConstraint(condition=Q(criterion__in=Criterion.values), name="statement_criterion_valid"),
            models.CheckConstraint(
                condition=Q(dimension__in=CollaborationDimension.values), name="statement_dimension_valid"
            ),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _in_reader_language(self.text_da, self.text_en)

    @property
    def fingerprint(self) -> str:
        return _fingerprint(self.key, self.text_da)


class TensionScale(InstrumentItem):
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="scales")
    left_da = models.CharField(_("venstre pol på dansk"), max_length=100)
    left_en = models.CharField(_("venstre pol på engelsk"), max_length=100)
    right_da = models.CharField(_("højre pol på dansk"), max_length=100)
    right_en = models.CharField(_("højre pol på engelsk"), max_length=100)
    explanation_da = models.CharField(_("forklaring på dansk"), max_length=400)
    explanation_en = models.CharField(_("forklaring på engelsk"), max_length=400)

    class Meta(InstrumentItem.Meta):
        verbose_name = _("spændingsfelt")
        verbose_name_plural = _("spændingsfelter")
        constraints = [models.UniqueConstraint(fields=["version", "key"], name="tension_scale_key_unique")]

    def __str__(self) -> str:
        return f"{self.left} ↔ {self.right}"

    @property
    def left(self) -> str:
        return _in_reader_language(self.left_da, self.left_en)

    @property
    def right(self) -> str:
        return _in_reader_language(self.right_da, self.right_en)

    @property
    def explanation(self) -> str:
        return _in_reader_language(self.explanation_da, self.explanation_en)

    @property
    def fingerprint(self) -> str:
        return _fingerprint(self.key, self.left_da, self.right_da)


class ParticipationItem(InstrumentItem):
    version = models.ForeignKey(InstrumentVersion, on_delete=models.CASCADE, related_name="items")
    kind = models.CharField(_("slags"), max_length=10, choices=ItemKind.choices)
    text_da = models.CharField(_("udsagn på dansk"), max_length=300)
    text_en = models.CharField(_("udsagn på engelsk"), max_length=300)

    class Meta(InstrumentItem.Meta):
        verbose_name = _("gevinst eller omkostning")
        verbose_name_plural = _("gevinster og omkostninger")
        constraints = [
            models.UniqueConstraint(fields=["version", "key"], name="participation_item_key_unique"),
            models.CheckConstraint(condition=Q(kind__in=ItemKind.values), name="participation_item_kind_valid"),
        ]

    def __str__(self) -> str:
        return self.text

    @property
    def text(self) -> str:
        return _in_reader_language(self.text_da, self.text_en)

    @property
    def fingerprint(self) -> str:
        return _fingerprint(self.key, self.kind, self.text_da)


# --- Rounds and the parties' answers --------------------------------------------------------


def closing_moment(last_day: datetime.date) -> datetime.datetime:
    """A round's deadline is the end of its last day, Danish time."""
    return timezone.make_aware(datetime.datetime.combine(last_day + datetime.timedelta(days=1), datetime.time()))


class Round(ChoiceLabels, models.Model):
    """A coordinator asks every party where the alliance stands. Open until `closes_at`: a
    round whose deadline has passed is closed on every page and in the API, whether or not
    any job has run."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="health_rounds")
    number = models.PositiveIntegerField(_("runde"))
    version = models.ForeignKey(InstrumentVersion, on_delete=models.PROTECT, related_name="rounds")
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    opened_at = models.DateTimeField(_("åbnet"))
    closes_at = models.DateTimeField(_("lukker"))
    # When the reminder went out (once per round: `brobygger send_reminders` is idempotent).
    reminded_at = models.DateTimeField(_("påmindelse sendt"), null=True, blank=True)

    class Meta:
        verbose_name = _("runde")
        verbose_name_plural = _("runder")
        ordering = ["alliance", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["alliance", "number"], name="round_number_unique"),
            models.CheckConstraint(condition=Q(closes_at__gt=models.F("opened_at")), name="round_closes_after_opening"),
        ]
        indexes = [models.Index(fields=["closes_at"], name="round_closes_at")]

    def __str__(self) -> str:
        return _("Runde %(number)s") % {"number": self.number}

    def is_open(self, now: datetime.datetime | None = None) -> bool:
        return (now or timezone.now()) < self.closes_at

    @property
    def last_day(self) -> datetime.date:
        """The deadline as people say it: the last day answers are taken."""
        return timezone.localtime(self.closes_at - datetime.timedelta(microseconds=1)).date()


class Response(ChoiceLabels, models.Model):
    """One party's answer in one round: shared by its representatives, changeable until the
    deadline. Its "Får I nok ud af alliancen?" is the party's own `ValueAnswer` (the value
    balance shows it), and the benefits and costs extend that same record."""

    round = models.ForeignKey(Round, on_delete=models.CASCADE, related_name="responses")
    party = models.ForeignKey(Party, on_delete=models.CASCADE, related_name="health_responses")
    value_answer = models.OneToOneField(
        ValueAnswer, on_delete=models.RESTRICT, related_name="health_response", verbose_name=_("partens svar")
    )
    created_at = models.DateTimeField(_("første svar"))
    updated_at = models.DateTimeField(_("senest ændret"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    class Meta:
        verbose_name = _("partens svar i runden")
        verbose_name_plural = _("parternes svar i runden")
        ordering = ["round", "party__organisation__name", "pk"]
        constraints = [models.UniqueConstraint(fields=["round", "party"], name="response_one_per_party")]

    def __str__(self) -> str:
        return f"{self.party} · {self.round}"


_SCALE = [MinValueValidator(LOWEST), MaxValueValidator(HIGHEST)]
_SCALE_CHECK = Q(value__isnull=True) | (Q(value__gte=LOWEST) & Q(value__lte=HIGHEST))


class StatementAnswer(ChoiceLabels, models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="statement_answers")
    statement = models.ForeignKey(Statement, on_delete=models.PROTECT, related_name="+")
    # None: "ved ikke".
    value = models.PositiveSmallIntegerField(_("svar"), null=True, blank=True, validators=_SCALE)

    class Meta:
        verbose_name = _("svar på udsagn")
        verbose_name_plural = _("svar på udsagn")
        constraints = [
            models.UniqueConstraint(fields=["response", "statement"], name="statement_answer_unique"),
            models.CheckConstraint(condition=_SCALE_CHECK, name="statement_answer_in_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.statement_id}: {self.value}"


class TensionAnswer(ChoiceLabels, models.Model):
    response = models.ForeignKey(Response, on_delete=models.CASCADE, related_name="tension_answers")
    scale = models.ForeignKey(TensionScale, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField(_("placering"), validators=[MaxValueValidator(100)])
    comment = models.CharField(_("kommentar"), max_length=500, blank=True)

    class Meta:
        verbose_name = _("placering på et spændingsfelt")
        verbose_name_plural = _("placeringer på spændingsfelter")
        constraints = [
            models.UniqueConstraint(fields=["response", "scale"], name="tension_answer_unique"),
            models.CheckConstraint(condition=Q(position__lte=100), name="tension_answer_at_most_100"),
        ]

    def __str__(self) -> str:
        return f"{self.scale_id}: {self.position}"


class ParticipationAnswer(ChoiceLabels, models.Model):
    """What taking part gives or costs the party: part of the party's own `ValueAnswer`."""

    value_answer = models.ForeignKey(ValueAnswer, on_delete=models.CASCADE, related_name="participation_answers")
    item = models.ForeignKey(ParticipationItem, on_delete=models.PROTECT, related_name="+")
    value = models.PositiveSmallIntegerField(_("svar"), null=True, blank=True, validators=_SCALE)

    class Meta:
        verbose_name = _("svar om gevinst eller omkostning")
        verbose_name_plural = _("svar om gevinster og omkostninger")
        constraints = [
            models.UniqueConstraint(fields=["value_answer", "item"], name="participation_answer_unique"),
            models.CheckConstraint(condition=_SCALE_CHECK, name="participation_answer_in_scale"),
        ]

    def __str__(self) -> str:
        return f"{self.item_id}: {self.value}"


# --- The register of dilemmas ---------------------------------------------------------------


class Dilemma(ChoiceLabels, models.Model):
    """A situation in which the alliance met one of its tensions, the stance it took and why,
    and when to look at it again: so the next leader sees how the alliance has balanced it."""

    alliance = models.ForeignKey(Alliance, on_delete=models.CASCADE, related_name="dilemmas")
    scale = models.ForeignKey(
        TensionScale, on_delete=models.PROTECT, related_name="dilemmas", verbose_name=_("spændingsfelt")
    )
    met_on = models.DateField(_("dato"))
    situation = models.TextField(_("situationen"), max_length=2000)
    stance = models.TextField(_("det valgte vi"), max_length=1000)
    reason = models.TextField(_("og derfor"), max_length=2000)
    review_on = models.DateField(_("se på det igen"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("skrevet"), default=timezone.now)

    class Meta:
        verbose_name = _("dilemma")
        verbose_name_plural = _("dilemmaer")
        ordering = ["-met_on", "-pk"]

    def __str__(self) -> str:
        return self.situation[:80]


DILEMMA_FIELDS = ("scale", "met_on", "situation", "stance", "reason", "review_on")
STATEMENT_FIELDS = ("key", "criterion", "dimension", "text_da", "text_en", "order")
SCALE_FIELDS = ("key", "left_da", "left_en", "right_da", "right_en", "explanation_da", "explanation_en", "order")
ITEM_FIELDS = ("key", "kind", "text_da", "text_en", "order")
