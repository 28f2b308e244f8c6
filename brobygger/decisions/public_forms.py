"""Forms for answering a hearing: a party's response, a citizen's or an invited person's
response without an account, and "Følte du dig hørt?". They parse input; the services check
and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.core import forms as ds

from .models import NAME_MAX, RESPONSE_TEXT_MAX
from .taxonomy import FELT_HEARD_HIGHEST, FELT_HEARD_LOWEST, Stance

# The honeypot's name: a field a form-filling bot is glad to fill, hidden from people (and from
# screen readers and the keyboard) on the page, so anything in it was not typed by a person.
HONEYPOT = "hjemmeside"

_STANCE_ERRORS = {
    "required": _("Vælg, om du er enig, delvis enig, uenig eller ikke ved det."),
    "invalid_choice": _("Vælg, om du er enig, delvis enig, uenig eller ikke ved det."),
}


class ResponseForm(ds.Form):
    """A stance and a text: what every response holds."""

    stance = forms.ChoiceField(
        label=_("Hvad mener du om forslaget?"),
        choices=Stance.choices,
        widget=ds.RadioSelect,
        error_messages=_STANCE_ERRORS,
    )
    text = forms.CharField(
        label=_("Dit høringssvar"),
        help_text=_("Skriv, hvad du mener, og gerne hvorfor. Højst 5.000 tegn."),
        max_length=RESPONSE_TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 8}),
        error_messages={
            "required": _("Skriv dit høringssvar."),
            "max_length": _("Et høringssvar kan højst være 5.000 tegn. Dit er %(show_value)s tegn."),
        },
    )


class PartyResponseForm(ResponseForm):
    """The party's response, written by one of its representatives for the whole party."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["stance"].label = _("Hvad mener jeres part om forslaget?")
        self.fields["stance"].error_messages = {
            "required": _("Vælg, om jeres part er enig, delvis enig, uenig eller ikke ved det."),
            "invalid_choice": _("Vælg, om jeres part er enig, delvis enig, uenig eller ikke ved det."),
        }
        self.fields["text"].label = _("Jeres høringssvar")
        self.fields["text"].help_text = _("Skriv partens svar, og gerne hvorfor. Højst 5.000 tegn.")
        self.fields["text"].error_messages["required"] = _("Skriv jeres høringssvar.")


class PublicResponseForm(ResponseForm):
    """A response without an account: on a public hearing (`ask_email`) or through an invited
    person's own link, whose address is already known (no email field)."""

    name = forms.CharField(
        label=_("Dit navn"),
        required=False,
        max_length=NAME_MAX,
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
        error_messages={"max_length": _("Navnet kan højst være 200 tegn.")},
    )
    email = forms.EmailField(
        label=_("Din e-mail"),
        help_text=_("Hvis du vil have besked, når dit svar er besvaret, og når beslutningen er truffet."),
        required=False,
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        error_messages={
            "invalid": _("Skriv en gyldig e-mailadresse, eller lad feltet stå tomt."),
            "max_length": _("Skriv en gyldig e-mailadresse, eller lad feltet stå tomt."),
        },
    )
    consent = forms.BooleanField(
        label=_("Jeg har læst, hvordan mine oplysninger bruges, og giver samtykke til det"),
        error_messages={"required": _("Sæt kryds for at give samtykke, før du sender dit svar.")},
    )
    # Rendered by hand in the template (off-screen, hidden from assistive technology).
    hjemmeside = forms.CharField(required=False, max_length=200)

    def __init__(self, *args, ask_email: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        if not ask_email:
            del self.fields["email"]

    @property
    def caught_bot(self) -> bool:
        """The honeypot was filled in: nothing from this request is saved."""
        return bool(self.data.get(HONEYPOT, ""))

    def clean(self):
        cleaned = super().clean()
        if self.caught_bot:
            raise forms.ValidationError(
                _(
                    "Dit svar er ikke gemt, fordi formularen ser ud til at være udfyldt automatisk. "
                    "Udfyld kun de felter, du kan se, og send svaret igen."
                ),
                code="honeypot",
            )
        return cleaned


# The scale's ends say what they mean; the steps between are numbers.
_FELT_HEARD_CHOICES = [
    (str(FELT_HEARD_LOWEST), _("1 – slet ikke")),
    *[(str(value), str(value)) for value in range(FELT_HEARD_LOWEST + 1, FELT_HEARD_HIGHEST)],
    (str(FELT_HEARD_HIGHEST), _("5 – i høj grad")),
]

class FeltHeardForm(ds.Form):
    """"Følte du dig hørt?" on a scale from 1 to 5."""

    felt_heard = forms.TypedChoiceField(
        label=_("Følte du dig hørt?"),
        help_text=_("Uanset om du er enig i beslutningen: blev dit svar lyttet til og taget alvorligt?"),
        choices=_FELT_HEARD_CHOICES,
        coerce=int,
        widget=ds.RadioSelect,
        error_messages={
            "required": _("Vælg et tal fra 1 til 5."),
            "invalid_choice": _("Vælg et tal fra 1 til 5."),
        },
    )

    def __init__(self, *args, party: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if party:
            self.fields["felt_heard"].label = _("Følte I jer hørt?")
            self.fields["felt_heard"].help_text = _(
                "Uanset om I er enige i beslutningen: blev jeres svar lyttet til og taget alvorligt?"
            )
