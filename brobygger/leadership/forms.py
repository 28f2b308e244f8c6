"""Forms of the leadership capability. They parse input; the services check and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.core import forms as ds

from . import instrument
from .models import TeamKind
from .services import REASON_MAX, TEAM_NAME_MAX


class MemberChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, membership) -> str:
        name = membership.user.get_full_name() or membership.user.get_username()
        if membership.party_id:
            return f"{name}, {membership.party.organisation.name} ({membership.get_role_display().lower()})"
        return f"{name} ({membership.get_role_display().lower()})"


NEEDED_CHOICES = (
    ("forslag", _("Følg Brobyggers forslag")),
    ("ja", _("Ja, rollen er nødvendig i denne fase")),
    ("nej", _("Nej, ikke i denne fase")),
)
NEEDED_VALUES = {"forslag": None, "ja": True, "nej": False}


class RolePlanCellForm(ds.Form):
    leaders = MemberChoiceField(
        label=_("Ledere, der tager rollen i fasen"),
        queryset=None,
        required=False,
        widget=ds.CheckboxSelectMultiple,
        help_text=_("Alle alliancens medlemmer kan vælges, fra alle parter."),
    )
    needed = forms.ChoiceField(
        label=_("Er rollen nødvendig i fasen?"), choices=NEEDED_CHOICES, widget=ds.RadioSelect, initial="forslag"
    )
    reason = forms.CharField(
        label=_("Alliancens egen begrundelse"),
        required=False,
        max_length=REASON_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Hvorfor rollen betyder noget (eller ikke) i fasen. Tom: Brobyggers forslag vises."),
    )

    def __init__(self, *args, memberships, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leaders"].queryset = memberships

    def service_arguments(self) -> dict:
        data = self.cleaned_data
        return {
            "leaders": list(data["leaders"]),
            "needed": NEEDED_VALUES[data["needed"]],
            "reason": data["reason"],
        }


class QuestionnaireForm(ds.Form):
    """One radio group per statement, in the interleaved order. Every answer is optional
    here: a draft may have gaps; completing checks that nothing is missing (the service)."""

    mark_optional = False

    def __init__(self, *args, version: int, **kwargs):
        super().__init__(*args, **kwargs)
        self.version = version
        for number, statement in enumerate(instrument.interleaved(version), start=1):
            self.fields[statement.key] = forms.TypedChoiceField(
                label=_("%(number)s. %(text)s") % {"number": number, "text": statement.text},
                choices=[(value, f"{value} – {label}") for value, label in instrument.SCALE],
                coerce=int,
                required=False,
                empty_value=None,
                widget=ds.RadioSelect,
                error_messages={"invalid_choice": _("Vælg et svar fra 1 til 5.")},
            )

    def answers(self) -> dict[str, int]:
        return {key: value for key, value in self.cleaned_data.items() if value is not None}


class TeamForm(ds.Form):
    name = forms.CharField(label=_("Holdets navn"), max_length=TEAM_NAME_MAX)
    kind = forms.ChoiceField(label=_("Hvem er holdet?"), choices=TeamKind.choices, widget=ds.RadioSelect)
    alliance = forms.ModelChoiceField(
        label=_("Alliance"),
        queryset=None,
        required=False,
        help_text=_("Kun for et hold af lederne i én alliance: de alliancer, du tager del i."),
    )

    def __init__(self, *args, alliances, organisation, **kwargs):
        super().__init__(*args, **kwargs)
        self.organisation = organisation
        self.fields["alliance"].queryset = alliances
        if organisation is not None:
            self.fields["kind"].choices = [
                (TeamKind.ORGANISATION, _("Topledelsen i %(organisation)s") % {"organisation": organisation.name}),
                (TeamKind.ALLIANCE, TeamKind.ALLIANCE.label),
            ]

    def clean(self):
        data = super().clean()
        if data.get("kind") == TeamKind.ALLIANCE and not data.get("alliance"):
            self.add_error("alliance", _("Vælg den alliance, holdet leder."))
        return data


class UserChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, user) -> str:
        return user.get_full_name() or user.get_username()


class TeamInviteForm(ds.Form):
    user = UserChoiceField(label=_("Invitér"), queryset=None, empty_label=_("Vælg en leder"))

    def __init__(self, *args, users, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["user"].queryset = users


class SharingForm(ds.Form):
    mark_optional = False
    shares = forms.BooleanField(
        label=_("Lad min seneste afsluttede selvevaluering tælle i holdets profil"),
        required=False,
        help_text=_("Holdet ser aldrig dine svar eller din profil, kun hvor mange der er stærke i hver rolle, i bånd."),
    )
