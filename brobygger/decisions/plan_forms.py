"""Forms for the involvement plan: a group's name and one cell (a group in a phase). They
parse input; the services check the rules (a unique name, no level where the group is not
affected) and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.core import forms as ds

from .models import InvolvementGroup, PlanCell
from .taxonomy import Means, Participation

GROUP_NAME_MAX = InvolvementGroup._meta.get_field("name").max_length
CELL_NOTE_MAX = PlanCell._meta.get_field("note").max_length

# The spectrum in plain words, shown on the plan and beside each level in the cell's form, so
# that whoever fills in the plan and whoever reads it mean the same by each level.
PARTICIPATION_MEANING = {
    Participation.INFORM: _(
        "Gruppen får at vide, hvad der sker, og hvorfor. Den bliver ikke spurgt og har ikke indflydelse på valget."
    ),
    Participation.CONSULT: _(
        "Gruppen bliver spurgt, før der besluttes, og får bagefter at vide, hvordan dens svar er brugt. Andre træffer beslutningen."
    ),
    Participation.INVOLVE: _(
        "Gruppen er med undervejs, så dens ønsker og bekymringer kan ses i de muligheder, der bliver valgt imellem."
    ),
    Participation.COLLABORATE: _(
        "Gruppen udvikler løsningen sammen med dem, der beslutter, og er med til at pege på den, der bliver valgt."
    ),
    Participation.EMPOWER: _("Gruppen træffer selv beslutningen, og den bliver ført ud i livet."),
}


class LevelRadioSelect(ds.RadioSelect):
    """The participation levels as radio buttons, each with what it means under its label."""

    option_template_name = "decisions/plan_level_option.html"

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex=subindex, attrs=attrs)
        hint = PARTICIPATION_MEANING.get(value, "")
        option["hint"] = hint
        if hint:
            described = option["attrs"].get("aria-describedby", "").split()
            option["attrs"]["aria-describedby"] = " ".join([*described, f"{option['attrs']['id']}_hint"])
        return option


class GroupForm(ds.Form):
    name = forms.CharField(
        label=_("Gruppens navn"),
        max_length=GROUP_NAME_MAX,
        help_text=_("Fx »Medarbejdere på plejecentrene«, »Pårørende« eller »Byrådet«."),
        error_messages={
            "required": _("Skriv gruppens navn."),
            "max_length": _("Gruppens navn kan højst have %(limit_value)d tegn."),
        },
    )


class CellForm(ds.Form):
    """One group in one phase: whether the phase affects the group, the level of participation
    offered, the means, and a note."""

    affected = forms.BooleanField(
        label=_("Gruppen berøres i denne fase"),
        required=False,
        help_text=_("Fjern krydset, hvis fasen ikke angår gruppen. Så skal der heller ikke vælges et niveau."),
    )
    level = forms.ChoiceField(
        label=_("Deltagelse, gruppen får"),
        required=False,
        choices=[("", _("Intet valgt endnu")), *Participation.choices],
        widget=LevelRadioSelect,
        help_text=_("Berøres gruppen, uden at der er valgt et niveau, står feltet som et hul i planen."),
        error_messages={"invalid_choice": _("Vælg et af deltagelsesniveauerne.")},
    )
    means = forms.MultipleChoiceField(
        label=_("Midler"),
        required=False,
        choices=Means.choices,
        widget=ds.CheckboxSelectMultiple,
        error_messages={"invalid_choice": _("Vælg midlerne fra listen."), "invalid_list": _("Vælg midlerne fra listen.")},
    )
    note = forms.CharField(
        label=_("Bemærkning"),
        required=False,
        max_length=CELL_NOTE_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Fx hvem der står for det, eller hvornår det sker."),
        error_messages={"max_length": _("Bemærkningen kan højst have %(limit_value)d tegn.")},
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # No "(frivilligt)" on the level: leaving it empty where the group is affected is a gap.
        self.fields["level"].conditional = True

    @staticmethod
    def initial_from(cell: PlanCell | None) -> dict:
        if cell is None:
            # A cell nobody has filled in yet: most phases touch most groups.
            return {"affected": True, "level": "", "means": [], "note": ""}
        return {"affected": cell.affected, "level": cell.level, "means": list(cell.means), "note": cell.note}

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {"affected": data["affected"], "level": data["level"], "means": data["means"], "note": data["note"]}
