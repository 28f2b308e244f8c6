"""Forms for the value ledger. They parse input; the services check the rules and write."""

from django import forms
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from brobygger.core import forms as ds

from .models import ContributionKind, EntryVisibility, Unit

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


def visibility_field(help_text=ACCESS_TO_DOCUMENTS_HELP):
    return forms.ChoiceField(
        label=_("Hvem kan læse posten?"),
        choices=VISIBILITY_CHOICES,
        initial=EntryVisibility.MEMBERS,
        widget=ds.RadioSelect,
        help_text=help_text,
    )


def _date_field(label, *, required=True, help_text=""):
    return forms.DateField(label=label, required=required, widget=forms.DateInput(), help_text=help_text)


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
        help_text=_("Hvad bidraget er værd i kroner, hvis det kan anslås. Ved penge er beløbet værdien."),
    )
    period_start = _date_field(_("Fra"))
    period_end = _date_field(_("Til"), required=False, help_text=_("Tom, hvis bidraget er løbende."))
    visibility = visibility_field()


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
    target_date = _date_field(_("Måldato"), help_text=_("Hvornår målet skal være nået."))
    visibility = visibility_field()


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
    estimated_value = ds.AmountField(
        label=_("Anslået værdi i kroner"),
        required=False,
        help_text=_("Hvad resultatet er værd for parten i kroner, hvis det kan anslås."),
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

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The link or the note is needed; the form says so next to both fields.
        self.fields["evidence_url"].conditional = True
        self.fields["evidence_note"].conditional = True
