"""Forms for running a decision: the decision itself, its hearing and deadline, the outcome,
the replies to responses, the expectations and a correction. They parse input; the services
check the rules and the dates, and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.core import forms as ds

from .models import (
    LONG_TEXT_MAX,
    PLAN_PHASES,
    QUESTION_MAX,
    RESPONSE_TEXT_MAX,
    Decision,
    InvolvementGroup,
)
from .services import MOST_INVITED_EMAILS
from .taxonomy import HEARING_PROMISE, HearingLevel, Usage

_TOO_LONG = _("Teksten kan højst have %(limit_value)d tegn, men har %(show_value)d.")
_DATE_INVALID = _("Skriv datoen som dag, måned og år.")
# Room for the most addresses a hearing invites, one per line.
EMAILS_MAX = MOST_INVITED_EMAILS * 120


def _text(label, *, required_message=None, max_length=LONG_TEXT_MAX, rows=None, help_text="") -> forms.CharField:
    return forms.CharField(
        label=label,
        help_text=help_text,
        required=required_message is not None,
        max_length=max_length,
        widget=forms.Textarea(attrs={"rows": rows}) if rows else forms.TextInput,
        error_messages={"required": required_message or "", "max_length": _TOO_LONG},
    )


def _date(label, *, required_message=None, help_text="") -> forms.DateField:
    return forms.DateField(
        label=label,
        help_text=help_text,
        required=required_message is not None,
        widget=forms.DateInput,
        error_messages={"required": required_message or "", "invalid": _DATE_INVALID},
    )


def _revision() -> forms.IntegerField:
    """The revision the form was loaded at: the services refuse a save over someone else's."""
    message = _("Siden er for gammel til at gemme fra. Hent den igen, og skriv dine ændringer på ny.")
    return forms.IntegerField(
        widget=forms.HiddenInput,
        min_value=1,
        max_value=2_000_000_000,
        label=_("Version"),
        error_messages=dict.fromkeys(("required", "invalid", "min_value", "max_value"), message),
    )


class RevisionMixin:
    def revision(self) -> int:
        return self.cleaned_data["revision"]


class NamedChoiceField(forms.ModelMultipleChoiceField):
    """Checkboxes of objects already read for the page, labelled by `label_of` (no query
    until the form is cleaned)."""

    widget = ds.CheckboxSelectMultiple
    # Not "(frivilligt)": one of the affected fields (or the public) must be chosen.
    conditional = True

    def __init__(self, *, objects=(), label_of=str, **kwargs):
        kwargs.setdefault("queryset", InvolvementGroup.objects.none())
        super().__init__(**kwargs)
        self.set_objects(objects, label_of)

    def set_objects(self, objects, label_of=str) -> None:
        objects = list(objects)
        if objects:
            self.queryset = type(objects[0]).objects.filter(pk__in=[obj.pk for obj in objects])
        self.choices = [(obj.pk, label_of(obj)) for obj in objects]


_CHOOSE_FROM_LIST = _("Vælg fra listen.")
_CHOICE_ERRORS = {"invalid_choice": _CHOOSE_FROM_LIST, "invalid_pk_value": _CHOOSE_FROM_LIST, "invalid_list": _CHOOSE_FROM_LIST}
_NOBODY_AFFECTED = _("Sig, hvem beslutningen berører: mindst én part, gruppe eller offentligheden.")


class DecisionForm(RevisionMixin, ds.Form):
    """What is to be decided and who it affects: the alliance's parties or the change
    process's groups, and perhaps the public. While in hearing, who is affected is fixed
    (`affected_locked`): the hearing has invited them."""

    revision = _revision()
    question = _text(
        _("Spørgsmålet, der skal besluttes"),
        required_message=_("Skriv det spørgsmål, der skal besluttes."),
        max_length=QUESTION_MAX,
        help_text=_("Ét spørgsmål, skrevet så de berørte kan svare på det, fx »Skal mælken leveres to gange om ugen?«"),
    )
    background = _text(
        _("Baggrund"),
        rows=6,
        help_text=_("Hvorfor spørgsmålet er oppe nu, og hvad der allerede er kendt."),
    )
    phase = forms.ChoiceField(
        label=_("Fase"),
        choices=[("", _("Vælg en fase")), *PLAN_PHASES],
        help_text=_("Den fase, beslutningen hører til. Høringen placeres i inddragelsesplanen under denne fase."),
        error_messages={
            "required": _("Vælg den fase, beslutningen hører til."),
            "invalid_choice": _("Vælg den fase, beslutningen hører til."),
        },
    )
    affected_parties = NamedChoiceField(
        label=_("Berørte parter"),
        required=False,
        help_text=_("Parterne bliver inviteret til høringen, og deres repræsentanter får en e-mail."),
        error_messages=_CHOICE_ERRORS,
    )
    affected_groups = NamedChoiceField(
        label=_("Berørte grupper"),
        required=False,
        help_text=_("Grupperne fra forandringsprocessens inddragelsesplan."),
        error_messages=_CHOICE_ERRORS,
    )
    affects_public = forms.BooleanField(
        label=_("Beslutningen berører også borgere og andre uden for kredsen"),
        required=False,
        help_text=_("Så kan høringen gøres offentlig, og alle kan svare uden at logge ind."),
    )

    def __init__(self, *args, parties=None, groups=None, with_revision: bool, affected_locked: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_revision:
            del self.fields["revision"]
        if parties is None:
            del self.fields["affected_parties"]
        else:
            self.fields["affected_parties"].set_objects(parties, lambda party: party.organisation.name)
        if not groups:
            # A change process with no groups in its plan yet: the page says so and links to the plan.
            del self.fields["affected_groups"]
        else:
            self.fields["affected_groups"].set_objects(groups)
        self.affected_locked = affected_locked
        if affected_locked:
            for name in ("affected_parties", "affected_groups", "affects_public"):
                if name in self.fields:
                    self.fields[name].disabled = True
                    self.fields[name].help_text = _("Kan ikke ændres, når høringen er i gang: de berørte er inviteret.")

    def clean(self):
        cleaned = super().clean()
        if self.affected_locked:
            return cleaned
        chosen = [cleaned.get(name) for name in ("affected_parties", "affected_groups") if name in self.fields]
        if not any(chosen) and not cleaned.get("affects_public") and not self.has_error("affected_parties"):
            target = next((name for name in ("affected_parties", "affected_groups") if name in self.fields), "affects_public")
            self.add_error(target, _NOBODY_AFFECTED)
        return cleaned

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {name: data[name] for name in ("question", "background", "phase")}
        if not self.affected_locked:
            for name in ("affected_parties", "affected_groups"):
                if name in self.fields:
                    arguments[name] = list(data[name])
            arguments["affects_public"] = data["affects_public"]
        return arguments

    @staticmethod
    def initial_from(decision: Decision, *, parties, groups) -> dict:
        return {
            "revision": decision.revision,
            "question": decision.question,
            "background": decision.background,
            "phase": decision.phase,
            "affected_parties": [party.pk for party in parties],
            "affected_groups": [group.pk for group in groups],
            "affects_public": decision.affects_public,
        }


class HintedRadioSelect(ds.RadioSelect):
    """Radio buttons with a line under each option (what a hearing level promises)."""

    option_template_name = "decisions/widgets/hinted_option.html"

    def __init__(self, *args, hints=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.hints = hints or {}

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        hint = self.hints.get(str(value), "")
        option["hint"] = hint
        if hint:
            described = option["attrs"].get("aria-describedby", "").split()
            option["attrs"]["aria-describedby"] = " ".join([*described, f"{option['attrs']['id']}_hint"])
        return option


class HearingForm(ds.Form):
    """Sending a draft to hearing: the influence on offer and why, the deadline, whether it is
    public, where it sits in the involvement plan, and (in a change process) who is invited by
    email."""

    level = forms.ChoiceField(
        label=_("Hvor meget indflydelse giver høringen?"),
        help_text=_("Sig det, før nogen svarer, så ingen venter sig mere indflydelse, end der er."),
        choices=HearingLevel.choices,
        widget=HintedRadioSelect(hints={str(level): promise for level, promise in HEARING_PROMISE.items()}),
        error_messages={
            "required": _("Vælg, hvor meget indflydelse høringen giver."),
            "invalid_choice": _("Vælg, hvor meget indflydelse høringen giver."),
        },
    )
    level_reason = _text(
        _("Hvorfor netop dette niveau?"),
        required_message=_("Forklar, hvorfor høringen giver netop denne indflydelse."),
        max_length=2000,
        rows=3,
        help_text=_("Fx at budgettet ligger fast, men at leveringen kan formes sammen med dem, det gælder."),
    )
    last_day = _date(
        _("Sidste svardag"),
        required_message=_("Vælg den sidste dag, man kan svare i høringen."),
        help_text=_("Man kan svare og rette sit svar til og med denne dag. Høringen lukker ved dagens udgang."),
    )
    is_public = forms.BooleanField(
        label=_("Offentlig høring: alle kan svare på en offentlig side uden at logge ind"),
        required=False,
        help_text=_("Siden viser spørgsmålet, baggrunden og høringens niveau. Når beslutningen er meddelt, viser den også, hvordan svarene er brugt – uden navne."),
    )
    groups = NamedChoiceField(
        label=_("Placér høringen i inddragelsesplanen"),
        required=False,
        help_text=_("Hvilke af planens grupper når høringen? Så kan planen sammenlignes med det, der faktisk skete."),
        error_messages=_CHOICE_ERRORS,
    )
    emails = forms.CharField(
        label=_("Inviter på e-mail"),
        required=False,
        max_length=EMAILS_MAX,
        widget=forms.Textarea(attrs={"rows": 6, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("Én adresse pr. linje. Hver får sit eget link og kan svare uden at logge ind."),
        error_messages={"max_length": _("Listen er for lang. Skriv højst 500 adresser, én pr. linje.")},
    )

    def __init__(self, *args, groups=(), with_emails: bool, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["groups"].conditional = False
        if groups:
            self.fields["groups"].set_objects(groups)
        else:
            del self.fields["groups"]
        if not with_emails:
            del self.fields["emails"]

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        arguments = {name: data[name] for name in ("level", "level_reason", "last_day", "is_public")}
        arguments["groups"] = list(data.get("groups") or [])
        if "emails" in self.fields:
            arguments["emails"] = data["emails"].splitlines()
        return arguments


class LastDayForm(ds.Form):
    last_day = _date(
        _("Ny sidste svardag"),
        required_message=_("Vælg den sidste dag, man kan svare i høringen."),
        help_text=_("Man kan svare til og med denne dag. En lukket høring åbner igen, hvis dagen ligger efter i dag."),
    )


class OutcomeForm(RevisionMixin, ds.Form):
    """The outcome and the reasons: written when the decision is made."""

    revision = _revision()
    outcome = _text(
        _("Beslutningen"),
        required_message=_("Skriv, hvad der er besluttet."),
        rows=5,
        help_text=_("Hvad er besluttet, sagt så de berørte kan forstå det uden at have været med."),
    )
    reasons = _text(
        _("Begrundelsen"),
        required_message=_("Skriv begrundelsen: hvorfor blev det sådan?"),
        rows=6,
        help_text=_("Hvorfor blev det sådan, og hvad vejede tungest? Svarene fra høringen besvares hver for sig bagefter."),
    )
    review_on = _date(
        _("Tages op igen"),
        help_text=_("Den dag, beslutningen skal vurderes igen, hvis den skal."),
    )

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {name: data[name] for name in ("outcome", "reasons", "review_on")}


class CorrectForm(OutcomeForm):
    """A correction of a communicated decision: a new version, and why."""

    note = _text(
        _("Hvad er rettet, og hvorfor?"),
        required_message=_("Skriv, hvad der er rettet og hvorfor."),
        max_length=500,
        rows=3,
        help_text=_("Står ved den nye version og i e-mailen til alle, der har svaret."),
    )

    def service_arguments(self) -> dict:
        return {**super().service_arguments(), "note": self.cleaned_data["note"]}


class ReplyForm(ds.Form):
    """The decider's answer to one response: how it was used, or why not."""

    usage = forms.ChoiceField(
        label=_("Hvordan er svaret brugt?"),
        choices=Usage.choices,
        widget=ds.RadioSelect,
        error_messages={
            "required": _("Vælg, om svaret er brugt, delvist brugt eller ikke brugt."),
            "invalid_choice": _("Vælg, om svaret er brugt, delvist brugt eller ikke brugt."),
        },
    )
    text = _text(
        _("Jeres svar til den, der har svaret"),
        required_message=_("Skriv til den, der har svaret: hvordan er svaret brugt, eller hvorfor ikke?"),
        max_length=RESPONSE_TEXT_MAX,
        rows=5,
        help_text=_("Konkret: hvad i svaret gjorde en forskel, eller hvorfor det ikke kunne bruges."),
    )

    def service_arguments(self) -> dict:
        return {"usage": self.cleaned_data["usage"], "text": self.cleaned_data["text"]}


class ExpectationForm(ds.Form):
    """An action with an owner and a date. Once the decision is communicated only the day it
    was done changes (`fixed`): what was promised stays as promised."""

    action = _text(
        _("Handling"),
        required_message=_("Skriv, hvad der skal ske."),
        max_length=300,
        help_text=_("Hvad skal ske, fx »Aftal leveringsdage med skolerne«."),
    )
    owner = _text(
        _("Ansvarlig"),
        max_length=200,
        help_text=_("Hvem gør det: en person, en part eller en afdeling. En forventning er tydelig med både ansvarlig og dato."),
    )
    due_on = _date(_("Senest"), help_text=_("Den dag, handlingen skal være gjort."))
    done_on = _date(_("Udført"), help_text=_("Den dag, handlingen blev gjort. Tom, indtil den er gjort."))

    def __init__(self, *args, with_done: bool, fixed: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_done:
            del self.fields["done_on"]
        self.fixed = fixed
        if fixed:
            for name in ("action", "owner", "due_on"):
                self.fields[name].disabled = True
                self.fields[name].help_text = _("Ligger fast, fordi beslutningen er meddelt.")

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        if self.fixed:
            return {"done_on": data["done_on"]}
        return {name: data[name] for name in ("action", "owner", "due_on", "done_on") if name in self.fields}

