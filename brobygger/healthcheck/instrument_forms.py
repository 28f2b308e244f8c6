"""Forms of the staff pages that edit the health check's instrument. They parse input; the
services check the rule, that the version is the draft and that a key is free, and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.core import forms as ds

from .models import (
    ITEM_FIELDS,
    SCALE_FIELDS,
    STATEMENT_FIELDS,
    InstrumentVersion,
    ParticipationItem,
    Statement,
    TensionScale,
)
from .taxonomy import CollaborationDimension, Criterion, ItemKind

TOO_LONG = _("Teksten kan højst have %(limit_value)d tegn, men har %(show_value)d.")
# The largest order a PositiveSmallIntegerField holds.
ORDER_MAX = 32767


def _max_length(model, name: str) -> int:
    return model._meta.get_field(name).max_length


def _text(model, name: str, *, label, required, help_text="", rows=0, english=False) -> forms.CharField:
    """A Danish or English wording of an item: a text area for sentences, a line for poles."""
    attrs = {"lang": "en"} if english else {}
    widget = forms.Textarea(attrs={"rows": rows, **attrs}) if rows else forms.TextInput(attrs=attrs)
    return forms.CharField(
        label=label,
        help_text=help_text,
        max_length=_max_length(model, name),
        widget=widget,
        error_messages={"required": required, "max_length": TOO_LONG},
    )


def _key(model) -> forms.SlugField:
    return forms.SlugField(
        label=_("Nøgle"),
        max_length=_max_length(model, "key"),
        help_text=_(
            "Nøglen binder et spørgsmål sammen på tværs af versioner. Behold den, når du kun retter "
            "ordlyden en smule; giv en ny nøgle, når spørgsmålet handler om noget andet. Brug "
            "bogstaverne a–z, tal og bindestreger, fx »faelles-maal«."
        ),
        error_messages={
            "required": _("Giv punktet en nøgle, fx »faelles-maal«."),
            "invalid": _(
                "Nøglen må kun bestå af bogstaverne a–z, tal, bindestreger og understregninger – "
                "ingen mellemrum og ingen æ, ø eller å."
            ),
            "max_length": _("Nøglen kan højst have %(limit_value)d tegn, men har %(show_value)d."),
        },
    )


def _order() -> forms.IntegerField:
    return forms.IntegerField(
        label=_("Placering"),
        min_value=0,
        max_value=ORDER_MAX,
        help_text=_("Punkter med et lavere tal kommer først."),
        error_messages={
            "required": _("Skriv et tal for placeringen, fx 10."),
            "invalid": _("Placeringen skal være et helt tal, fx 10."),
            "min_value": _("Placeringen kan ikke være negativ."),
            "max_value": _("Placeringen kan højst være %(limit_value)s."),
        },
    )


def _choice(label, choices, *, required, empty_label=None, widget=None) -> forms.ChoiceField:
    return forms.ChoiceField(
        label=label,
        choices=[("", empty_label), *choices] if empty_label else choices,
        widget=widget or forms.Select,
        error_messages={"required": required, "invalid_choice": required},
    )


class InstrumentItemForm(ds.Form):
    """What the three kinds of item share: `fields` are exactly the service's `values`."""

    fields_of_kind: tuple = ()

    def values(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.fields_of_kind}


class StatementForm(InstrumentItemForm):
    fields_of_kind = STATEMENT_FIELDS

    key = _key(Statement)
    criterion = _choice(
        _("Succeskriterium"),
        Criterion.choices,
        empty_label=_("Vælg et succeskriterium"),
        required=_("Vælg det succeskriterium, udsagnet hører under."),
    )
    dimension = _choice(
        _("Samarbejdets dimension"),
        CollaborationDimension.choices,
        widget=ds.RadioSelect,
        required=_("Vælg den dimension af samarbejdet, udsagnet måler."),
    )
    text_da = _text(
        Statement,
        "text_da",
        label=_("Udsagnet på dansk"),
        rows=2,
        help_text=_("Skrevet, så parten kan svare fra helt uenig til helt enig."),
        required=_("Skriv udsagnet på dansk."),
    )
    text_en = _text(
        Statement,
        "text_en",
        label=_("Udsagnet på engelsk"),
        rows=2,
        english=True,
        required=_("Skriv udsagnet på engelsk: det er den tekst, brugere med engelsk som sprog ser."),
    )
    order = _order()


class ScaleForm(InstrumentItemForm):
    fields_of_kind = SCALE_FIELDS

    key = _key(TensionScale)
    left_da = _text(
        TensionScale,
        "left_da",
        label=_("Venstre pol på dansk"),
        help_text=_("Den ene side af spændingen, fx »Fart«."),
        required=_("Skriv den venstre pol på dansk."),
    )
    left_en = _text(
        TensionScale,
        "left_en",
        label=_("Venstre pol på engelsk"),
        english=True,
        required=_("Skriv den venstre pol på engelsk."),
    )
    right_da = _text(
        TensionScale,
        "right_da",
        label=_("Højre pol på dansk"),
        help_text=_("Den anden side af spændingen, fx »Forankring«."),
        required=_("Skriv den højre pol på dansk."),
    )
    right_en = _text(
        TensionScale,
        "right_en",
        label=_("Højre pol på engelsk"),
        english=True,
        required=_("Skriv den højre pol på engelsk."),
    )
    explanation_da = _text(
        TensionScale,
        "explanation_da",
        label=_("Forklaring på dansk"),
        rows=3,
        help_text=_("Hvorfor begge poler er gode, og hvad parterne skal overveje, når de placerer sig."),
        required=_("Skriv en kort forklaring af spændingsfeltet på dansk."),
    )
    explanation_en = _text(
        TensionScale,
        "explanation_en",
        label=_("Forklaring på engelsk"),
        rows=3,
        english=True,
        required=_("Skriv forklaringen på engelsk."),
    )
    order = _order()


class ParticipationItemForm(InstrumentItemForm):
    fields_of_kind = ITEM_FIELDS

    key = _key(ParticipationItem)
    kind = _choice(
        _("Gevinst eller omkostning"),
        ItemKind.choices,
        widget=ds.RadioSelect,
        required=_("Vælg, om punktet er noget, deltagelsen giver, eller noget, den koster."),
    )
    text_da = _text(
        ParticipationItem,
        "text_da",
        label=_("Teksten på dansk"),
        rows=2,
        help_text=_("Fx »Adgang til viden, vi ikke selv har«."),
        required=_("Skriv teksten på dansk."),
    )
    text_en = _text(
        ParticipationItem,
        "text_en",
        label=_("Teksten på engelsk"),
        rows=2,
        english=True,
        required=_("Skriv teksten på engelsk: det er den tekst, brugere med engelsk som sprog ser."),
    )
    order = _order()


class PublishForm(ds.Form):
    note = forms.CharField(
        label=_("Hvad er ændret"),
        max_length=_max_length(InstrumentVersion, "note"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_(
            "Står i listen over versioner, så den, der sammenligner runder på tværs af versioner, "
            "kan se, hvad der er nyt."
        ),
        error_messages={
            "required": _("Skriv kort, hvad der er ændret i forhold til den forrige version."),
            "max_length": TOO_LONG,
        },
    )
