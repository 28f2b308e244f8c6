"""Forms for rounds and a party's answer. They parse input; the services check and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.alliances.models import ValueAnswer
from brobygger.core import forms as ds

from .taxonomy import DONT_KNOW, SCALE_CHOICES


class LastDayForm(ds.Form):
    last_day = forms.DateField(
        label=_("Sidste svardag"),
        help_text=_("Parterne kan svare og rette deres svar til og med denne dag. Runden lukker ved dagens udgang."),
        widget=forms.DateInput,
        error_messages={"required": _("Vælg den sidste dag, parterne kan svare."), "invalid": _("Skriv en dato.")},
    )


_ANSWER_CHOICES = [(str(value), f"{value} – {label}") for value, label in SCALE_CHOICES] + [
    (DONT_KNOW, _("Ved ikke"))
]
_PICK_ONE = {
    "required": _("Vælg et svar fra 1 til 5, eller »ved ikke«."),
    "invalid_choice": _("Vælg et svar fra 1 til 5, eller »ved ikke«."),
}


def _scale_value(raw: str):
    return None if raw == DONT_KNOW else int(raw)


class RoundAnswerForm(ds.Form):
    """The party's whole answer: every statement, every tension scale and every benefit and
    cost of the round's version, and "Får I nok ud af alliancen?". Field names carry the
    question's id, so the services' errors land next to their field."""

    mark_optional = False

    def __init__(self, *args, questions, **kwargs):
        super().__init__(*args, **kwargs)
        self.questions = questions
        for number, statement in enumerate(questions.statements, start=1):
            self.fields[f"statement_{statement.pk}"] = forms.ChoiceField(
                label=_("%(number)s. %(text)s") % {"number": number, "text": statement.text},
                choices=_ANSWER_CHOICES,
                widget=ds.RadioSelect,
                error_messages=_PICK_ONE,
            )
        for scale in questions.scales:
            self.fields[f"tension_{scale.pk}"] = forms.IntegerField(
                label=str(scale),
                min_value=0,
                max_value=100,
                widget=forms.NumberInput(attrs={"type": "range", "step": 5, "min": 0, "max": 100}),
                error_messages={
                    "required": _("Placér alliancen på skalaen fra 0 til 100."),
                    "invalid": _("Placér alliancen på skalaen fra 0 til 100."),
                    "min_value": _("Placér alliancen på skalaen fra 0 til 100."),
                    "max_value": _("Placér alliancen på skalaen fra 0 til 100."),
                },
            )
            self.fields[f"tension_{scale.pk}_comment"] = forms.CharField(
                label=_("Kommentar (frivilligt)"),
                required=False,
                max_length=500,
                widget=forms.Textarea(attrs={"rows": 2}),
                error_messages={"max_length": _("Kommentaren kan højst have 500 tegn.")},
            )
        for item in questions.items:
            self.fields[f"item_{item.pk}"] = forms.ChoiceField(
                label=item.text, choices=_ANSWER_CHOICES, widget=ds.RadioSelect, error_messages=_PICK_ONE
            )
        self.fields["answer"] = forms.ChoiceField(
            label=_("Får I nok ud af alliancen til at blive ved?"),
            choices=ValueAnswer.Answer.choices,
            widget=ds.RadioSelect,
            error_messages={"required": _("Svar ja, delvist eller nej.")},
        )
        self.fields["comment"] = forms.CharField(
            label=_("Sig det med én sætning"),
            max_length=500,
            help_text=_("De andre parter og koordinatorerne læser den ved siden af jeres tal i værdibalancen."),
            error_messages={
                "required": _("Skriv en sætning om, hvad I får ud af alliancen."),
                "max_length": _("Sætningen kan højst have 500 tegn."),
            },
        )
        self.style_widgets()

    @staticmethod
    def initial_from(saved) -> dict:
        """The saved answer (`selectors.AnswerForm`) as the form's initial values (sliders
        start in the middle)."""
        initial: dict = {}
        response = saved.response
        for statement in saved.statements:
            if statement.pk in saved.statement_values:
                value = saved.statement_values[statement.pk]
                initial[f"statement_{statement.pk}"] = DONT_KNOW if value is None else str(value)
        for scale in saved.scales:
            position, comment = saved.tension_values.get(scale.pk, (50, ""))
            initial[f"tension_{scale.pk}"] = position
            initial[f"tension_{scale.pk}_comment"] = comment
        for item in saved.items:
            if item.pk in saved.item_values:
                value = saved.item_values[item.pk]
                initial[f"item_{item.pk}"] = DONT_KNOW if value is None else str(value)
        if response is not None:
            initial["answer"] = response.value_answer.answer
            initial["comment"] = response.value_answer.comment
        return initial

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "statements": {s.pk: _scale_value(data[f"statement_{s.pk}"]) for s in self.questions.statements},
            "tensions": {
                s.pk: (data[f"tension_{s.pk}"], data[f"tension_{s.pk}_comment"]) for s in self.questions.scales
            },
            "items": {i.pk: _scale_value(data[f"item_{i.pk}"]) for i in self.questions.items},
            "answer": data["answer"],
            "comment": data["comment"],
        }

    def statement_fields(self):
        return [self[f"statement_{s.pk}"] for s in self.questions.statements]

    def tension_fields(self):
        return [
            (scale, self[f"tension_{scale.pk}"], self[f"tension_{scale.pk}_comment"]) for scale in self.questions.scales
        ]

    def item_fields(self, kind: str):
        return [self[f"item_{item.pk}"] for item in self.questions.items if item.kind == kind]
