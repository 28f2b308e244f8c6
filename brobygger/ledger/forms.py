"""Forms for the value ledger. They parse input; the services check the rules and write."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from brobygger.alliances.models import ValueAnswer
from brobygger.core import forms as ds
from brobygger.core.formatting import exact_kroner

from .models import (
    ContributionKind,
    EntryVisibility,
    GoalDirection,
    ProgressReading,
    Unit,
)

VISIBILITY_CHOICES = [
    (EntryVisibility.PUBLIC, _("Offentlig: alle, der kan se alliancen, også uden login")),
    (EntryVisibility.MEMBERS, _("Alliancens medlemmer: alle medlemmer, også observatører")),
    (
        EntryVisibility.CONFIDENTIAL,
        _("Fortrolig: kun partens egne repræsentanter, alliancens koordinatorer og Brobyggers personale"),
    ),
]
# Said next to the choice: Brobygger limits who reads, not what a public authority must hand
# out on request.
ACCESS_TO_DOCUMENTS_HELP = _(
    "Fortrolig bestemmer kun, hvem der kan læse posten her. Oplysninger, som en kommune, en "
    "region eller en anden myndighed har, kan man søge aktindsigt i efter offentlighedsloven. "
    "Myndigheden afgør da efter loven, hvad der udleveres, fx om forretningshemmeligheder kan "
    "holdes ude."
)


# An alliance's shared goal is for all of it: public or its members, never confidential.
SHARED_VISIBILITY_CHOICES = VISIBILITY_CHOICES[:2]
SHARED_VISIBILITY_HELP = _("Et fælles mål er hele alliancens, så det kan ikke være fortroligt.")


def visibility_field(help_text=ACCESS_TO_DOCUMENTS_HELP, choices=VISIBILITY_CHOICES):
    return forms.ChoiceField(
        label=_("Hvem kan læse posten?"),
        choices=choices,
        initial=EntryVisibility.MEMBERS,
        widget=ds.RadioSelect,
        help_text=help_text,
    )


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(), help_text=help_text)


def _checkbox(label, help_text):
    return forms.BooleanField(label=label, required=False, help_text=help_text)


class HourKindChoiceField(forms.ModelChoiceField):
    """The alliance's kinds of hours, each with its agreed rate."""

    def label_from_instance(self, obj):
        if obj.rate is None:
            return _("%(name)s (ingen timesats)") % {"name": obj.name}
        return _("%(name)s (%(rate)s i timen)") % {"name": obj.name, "rate": exact_kroner(obj.rate)}


class ContributionForm(ds.Form):
    kind = forms.ChoiceField(
        label=_("Type bidrag"), choices=[("", _("Vælg type"))] + ContributionKind.choices
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvad stiller parten til rådighed, fx »To sygeplejersker fire timer om ugen«."),
    )
    quantity = ds.AmountField(label=_("Mængde"), help_text=_("Et tal, fx 120 eller 1.250,50."))
    unit = forms.ChoiceField(label=_("Enhed"), choices=[("", _("Vælg enhed"))] + Unit.choices)
    estimated_value = ds.AmountField(
        label=_("Anslået værdi i kroner"),
        required=False,
        help_text=_(
            "Hvad bidraget er værd i kroner, hvis det kan anslås. Ved penge er beløbet værdien. "
            "Timer får deres værdi fra alliancens aftalte timesats, så lad feltet stå tomt ved timer."
        ),
    )
    period_start = _date_field(_("Fra"))
    period_end = _date_field(_("Til"), required=False, help_text=_("Tom, hvis bidraget er løbende."))
    hour_kind = HourKindChoiceField(
        label=_("Timetype"),
        queryset=None,
        required=False,
        empty_label=_("Ingen timetype"),
        help_text=_("Kun for timer: timerne får værdi efter alliancens aftalte timesats for typen."),
    )
    is_payment = _checkbox(
        _("Bidraget er betaling for en leverance"),
        _(
            "Markér, hvis beløbet er en betaling for noget, parten køber, fx når kommunen køber "
            "en ydelse hos en virksomhed i alliancen. Betalinger står for sig og tæller ikke med "
            "i den værdi, parten giver."
        ),
    )
    visibility = visibility_field()

    def __init__(self, *args, alliance, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["hour_kind"].queryset = alliance.hour_kinds.order_by("name", "pk")


class GoalForm(ds.Form):
    title = forms.CharField(
        label=_("Hvad vil parten have med hjem?"),
        max_length=300,
        help_text=_("Med partens egne ord, fx »Flere ledige borgere i praktik hos os«."),
    )
    indicator = forms.CharField(
        label=_("Indikator"),
        max_length=300,
        help_text=_("Hvordan I kan se, at værdien er kommet, fx »antal borgere i praktik«."),
    )
    target = forms.CharField(
        label=_("Mål"), max_length=300, help_text=_("Hvor meget, fx »12 borgere om året«.")
    )
    target_value = ds.AmountField(
        label=_("Måltal"),
        required=False,
        help_text=_(
            "Målet som et tal, fx 12. Med et måltal viser Brobygger, hvor langt I er nået, ud fra de "
            "målte værdier i resultaterne. Uden måltal siger I selv, når målet er nået."
        ),
    )
    target_unit = forms.CharField(
        label=_("Enhed"),
        required=False,
        max_length=40,
        help_text=_("Hvad måltallet tæller, fx »borgere« eller »%«."),
    )
    direction = forms.ChoiceField(
        label=_("Hvilken vej skal tallet gå?"),
        choices=GoalDirection.choices,
        initial=GoalDirection.MORE,
        widget=ds.RadioSelect,
        help_text=_("Mindre er bedre, når målet er at få noget ned, fx ventetid eller antal genindlæggelser."),
    )
    reading = forms.ChoiceField(
        label=_("Hvordan læses resultaterne?"),
        choices=ProgressReading.choices,
        initial=ProgressReading.LATEST,
        widget=ds.RadioSelect,
        help_text=_(
            "Den seneste værdi, når hvert resultat er en ny måling, fx en andel i procent. Summen, når "
            "hvert resultat lægger noget til, fx antal borgere, der er kommet i praktik."
        ),
    )
    start_date = _date_field(
        _("Tæller fra"),
        required=False,
        help_text=_("Kun for en sum: resultater fra denne dato tæller med. Tom: fra den dag, målet blev sat."),
    )
    target_date = _date_field(_("Måldato"), help_text=_("Hvornår målet skal være nået."))
    visibility = visibility_field()


class SharedGoalForm(GoalForm):
    """A goal the alliance shares: for the citizens or the welfare area, never one party's."""

    title = forms.CharField(
        label=_("Hvad vil alliancen opnå sammen?"),
        max_length=300,
        help_text=_("For borgerne eller velfærdsområdet, fx »Færre ensomme ældre i kommunen«."),
    )
    visibility = visibility_field(SHARED_VISIBILITY_HELP, SHARED_VISIBILITY_CHOICES)


class ResultForm(ds.Form):
    achieved_on = _date_field(_("Dato"), help_text=_("Hvornår værdien kom."))
    description = forms.CharField(
        label=_("Hvad har parten fået?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    measured_value = ds.AmountField(
        label=_("Målt værdi"), required=False, help_text=_("Tallet på indikatoren, hvis der er et.")
    )
    meets_goal = _checkbox(
        _("Målet er nået"),
        _("Markér, når dette resultat betyder, at målet er nået. Målet har intet måltal, så det er jeres vurdering."),
    )
    estimated_value = ds.AmountField(
        label=_("Anslået værdi i kroner"),
        required=False,
        help_text=_("Hvad resultatet er værd for parten i kroner, hvis det kan anslås."),
    )
    is_payment = _checkbox(
        _("Resultatet er en betaling for en leverance"),
        _(
            "Markér, hvis parten har fået betaling for noget, den har leveret. Skriv beløbet som "
            "anslået værdi. Betalinger vises for sig og tæller ikke med som værdi, parten har fået."
        ),
    )
    evidence_url = forms.URLField(
        label=_("Link til dokumentation"),
        required=False,
        max_length=500,
        assume_scheme="https",
        help_text=_("Fx en rapport, en opgørelse eller en artikel."),
    )
    evidence_note = forms.CharField(
        label=_("Note om dokumentation"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvor resultatet kan efterprøves, hvis der ikke er et link."),
    )
    visibility = visibility_field(
        format_lazy(
            "{} {}",
            _("Et resultat læses kun af dem, der også kan læse dets værdimål."),
            ACCESS_TO_DOCUMENTS_HELP,
        )
    )

    def __init__(self, *args, goal, **kwargs):
        super().__init__(*args, **kwargs)
        # The link or the note is needed; the form says so next to both fields.
        self.fields["evidence_url"].conditional = True
        self.fields["evidence_note"].conditional = True
        # With a numeric target the measured values say whether the goal is met.
        self.has_target_value = goal.target_value is not None
        if self.has_target_value:
            del self.fields["meets_goal"]

    def clean(self):
        cleaned = super().clean()
        if self.has_target_value:
            # A mark left from before the goal got a number is dropped with the next save.
            cleaned["meets_goal"] = False
        return cleaned


class HourKindForm(ds.Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=100,
        help_text=_("Fx »Kommunale medarbejdertimer«, »Konsulenttimer« eller »Frivillige timer«."),
    )
    rate = ds.AmountField(
        label=_("Timesats i kroner"),
        required=False,
        help_text=_(
            "Den sats, alliancen er enige om for en time af denne type, ikke en parts egen "
            "timepris. Tom: timerne tælles kun som timer, uden værdi i kroner."
        ),
    )
    description = forms.CharField(
        label=_("Hvad satsen dækker"),
        required=False,
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx »Løn med pension og feriepenge, uden husleje og it«."),
    )


class ValueAnswerForm(ds.Form):
    answer = forms.ChoiceField(
        label=_("Får I nok ud af alliancen?"),
        choices=ValueAnswer.Answer.choices,
        widget=ds.RadioSelect,
        help_text=_("Nok til, at det er umagen værd for jer at blive i alliancen."),
    )
    comment = forms.CharField(
        label=_("Sig det med en sætning"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx »Vi har fået to praktikanter, men mangler stadig aftalen om data«."),
    )
