"""Forms for the partnering agreement. They parse input; the services write versions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.core import forms as ds

from .models import TEXT_LIMIT


def _text(label, help_text="", rows=8):
    return forms.CharField(
        label=label, max_length=TEXT_LIMIT, help_text=help_text, widget=forms.Textarea(attrs={"rows": rows})
    )


class TermsForm(ds.Form):
    shared_why = _text(
        _("Det fælles hvorfor"),
        _("Hvad vil parterne opnå sammen, som ingen af dem kan alene?"),
    )
    governance = _text(
        _("Sådan styres alliancen"),
        _("Hvem træffer hvilke beslutninger, hvor ofte mødes I, og hvordan løses uenighed?"),
    )
    ending = _text(
        _("Sådan kan alliancen ophøre"),
        _("Hvornår og hvordan kan en part træde ud, og hvad sker der med det, I har skabt sammen?"),
    )
    revisit_on = forms.DateField(
        label=_("Gennemgås igen senest"),
        required=False,
        widget=forms.DateInput(),
        help_text=_("Koordinatorerne bliver mindet om at gennemgå aftalen med parterne 30 dage før."),
    )
    change_note = forms.CharField(
        label=_("Hvad er ændret?"),
        required=False,
        max_length=500,
        help_text=_("Kort, så parterne kan se, hvorfor de bliver bedt om at underskrive igen."),
    )


class PartForm(ds.Form):
    reason = _text(_("Hvorfor deltager vi?"), _("Partens egen grund til at være med."), rows=4)
    logic = _text(_("Vores logik"), rows=4)
    limits = _text(_("Vores grænser"), rows=4)
    commitments = _text(
        _("Det forpligter vi os til"),
        _("Hvad parten konkret lægger i alliancen. Bidragene registreres i værdiregnskabet."),
        rows=4,
    )

    def __init__(self, *args, labels: dict, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["logic"].label = labels["logic_label"]
        self.fields["logic"].help_text = labels["logic_help"]
        self.fields["limits"].label = labels["limits_label"]
        self.fields["limits"].help_text = labels["limits_help"]


class SignForm(ds.Form):
    """The versions the signer read ride along, so a signature never lands on text that
    changed while they read it."""

    version = forms.IntegerField(widget=forms.HiddenInput(), min_value=1, max_value=2**31 - 1)
    terms_version = forms.IntegerField(
        label=_("Version af de fælles vilkår"), widget=forms.HiddenInput(), min_value=1, max_value=2**31 - 1
    )
    confirm = forms.BooleanField(
        label=_("Jeg har læst partens del og de fælles vilkår, og jeg må underskrive på partens vegne."),
        error_messages={"required": _("Sæt flueben for at bekræfte, før du underskriver.")},
    )
