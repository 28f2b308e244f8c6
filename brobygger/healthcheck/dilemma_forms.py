"""The form of the register of dilemmas. It parses input; the services check the dates and
the rule, and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.core import forms as ds

from .models import Dilemma, TensionScale


def _max_length(name: str) -> int:
    return Dilemma._meta.get_field(name).max_length


class ScaleChoiceField(forms.ModelChoiceField):
    """A tension scale by its two poles; a scale from an earlier version of the health check
    (kept when editing an older dilemma) says so."""

    def __init__(self, *args, current_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.current_ids = set(current_ids)

    def label_from_instance(self, scale: TensionScale) -> str:
        if scale.pk in self.current_ids:
            return str(scale)
        return _("%(scale)s (fra en tidligere version)") % {"scale": scale}


def _text(label, help_text, name, *, rows, required):
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=_max_length(name),
        widget=forms.Textarea(attrs={"rows": rows}),
        error_messages={
            "required": required,
            "max_length": _("Teksten kan højst have %(limit_value)d tegn, men har %(show_value)d."),
        },
    )


class DilemmaForm(ds.Form):
    scale = ScaleChoiceField(
        label=_("Spændingsfelt"),
        queryset=TensionScale.objects.none(),
        empty_label=_("Vælg et spændingsfelt"),
        help_text=_("Det spændingsfelt, dilemmaet trak i."),
        error_messages={
            "required": _("Vælg det spændingsfelt, dilemmaet handler om."),
            "invalid_choice": _("Vælg et af spændingsfelterne på listen."),
        },
    )
    met_on = forms.DateField(
        label=_("Hvornår mødte alliancen dilemmaet?"),
        widget=forms.DateInput,
        error_messages={
            "required": _("Skriv den dag, alliancen stod i dilemmaet."),
            "invalid": _("Skriv datoen som en dag, måned og år."),
        },
    )
    situation = _text(
        _("Situationen"),
        _("Hvad skete der, og hvorfor trak det i begge retninger?"),
        "situation",
        rows=4,
        required=_("Beskriv kort den situation, alliancen stod i."),
    )
    stance = _text(
        _("Det valgte vi"),
        _("Hvordan balancerede alliancen spændingen denne gang?"),
        "stance",
        rows=3,
        required=_("Skriv, hvad alliancen valgte."),
    )
    reason = _text(
        _("Og derfor"),
        _("Begrundelsen, så den næste leder kan forstå valget og tage det op igen."),
        "reason",
        rows=4,
        required=_("Skriv, hvorfor alliancen valgte sådan."),
    )
    review_on = forms.DateField(
        label=_("Se på det igen"),
        required=False,
        widget=forms.DateInput,
        help_text=_("Den dag, valget skal tages op igen. Fra den dag står dilemmaet på koordinatorernes forside."),
        error_messages={"invalid": _("Skriv datoen som en dag, måned og år.")},
    )

    def __init__(self, *args, scales: list[TensionScale], current_ids, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["scale"]
        field.current_ids = set(current_ids)
        # The services read the chosen scale's version: fetched with it.
        field.queryset = TensionScale.objects.filter(pk__in=[scale.pk for scale in scales]).select_related("version")
        # Listed from the scales already read, in their order: no query.
        field.choices = [("", field.empty_label)] + [(scale.pk, field.label_from_instance(scale)) for scale in scales]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("scale", "met_on", "situation", "stance", "reason", "review_on")}

