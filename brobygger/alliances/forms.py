"""Forms parse and check input; the services decide and write."""

from django import forms
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from brobygger.core import formatting
from brobygger.core import forms as ds

from . import selectors
from .models import (
    AUTHORITY_KINDS,
    Alliance,
    MemberRole,
    Organisation,
    OrganisationKind,
    Party,
    Phase,
    Sector,
    Visibility,
    WelfareArea,
    kinds_in_sector,
)
from .validators import normalise_cvr, normalise_ean


def organisation_label(organisation: Organisation, today=None) -> str:
    """A choice label that tells when an authority ends or begins (the 2027 regions)."""
    # The kind's label from the enum: get_kind_display() hashes all the choices each call,
    # which was a fifth of the alliance list's time with a hundred authorities to label.
    label = f"{organisation.name} ({str(OrganisationKind(organisation.kind).label).lower()})"
    today = today or timezone.localdate()
    if organisation.valid_to and organisation.valid_to >= today:
        label += " – " + str(_("ophører %(date)s")) % {"date": formatting.day(organisation.valid_to)}
    return label


def cvr_field() -> forms.CharField:
    # Lengths are checked by the validators, which say what is wrong; 20 allows spaces.
    return forms.CharField(
        label=_("CVR-nummer"),
        required=False,
        max_length=20,
        help_text=_("8 cifre. Skal udfyldes for virksomheder."),
    )


def ean_field() -> forms.CharField:
    return forms.CharField(
        label=_("EAN-nummer"),
        required=False,
        max_length=20,
        help_text=_("13 cifre. Kun for offentlige organisationer."),
    )


class OrganisationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        return organisation_label(obj, self.today)

    @property
    def today(self):
        # One date for every label of one rendering (the field is copied per form).
        if not hasattr(self, "_today"):
            self._today = timezone.localdate()
        return self._today


class AllianceForm(ds.Form):
    title = forms.CharField(label=_("Titel"), max_length=200)
    summary = forms.CharField(
        label=_("Kort resumé"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("En til to sætninger, der vises i oversigter."),
    )
    purpose = forms.CharField(
        label=_("Formål – det fælles hvorfor"),
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text=_("Hvorfor går parterne sammen? Hvad kan de sammen, som ingen af dem kan alene?"),
    )
    welfare_area = forms.ChoiceField(
        label=_("Velfærdsområde"), choices=[("", _("Vælg område"))] + WelfareArea.choices
    )
    lead_organisation = OrganisationChoiceField(
        label=_("Ledende offentlige organisation"),
        queryset=Organisation.objects.none(),
        empty_label=_("Vælg organisation"),
        help_text=_("Kommunen, regionen eller den statslige institution, der står i spidsen."),
    )
    phase = forms.ChoiceField(label=_("Fase"), choices=Phase.choices, initial=Phase.IDEA)
    start_date = forms.DateField(label=_("Startdato"), required=False, widget=forms.DateInput())
    end_date = forms.DateField(label=_("Slutdato"), required=False, widget=forms.DateInput())
    visibility = forms.ChoiceField(
        label=_("Hvem kan se alliancen?"),
        choices=Visibility.choices,
        initial=Visibility.PRIVATE,
        widget=ds.RadioSelect(),
    )

    def __init__(self, *args, editing: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_organisation"].queryset = selectors.organisations_selectable_on(
            timezone.localdate()
        ).filter(kind__in=kinds_in_sector(Sector.PUBLIC))
        if editing:
            # The phase changes through its own form, so each step is recorded.
            del self.fields["phase"]

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("Slutdatoen kan ikke ligge før startdatoen."))
        return data


class AllianceFilterForm(ds.Form):
    mark_optional = False
    q = forms.CharField(label=_("Søg"), required=False, max_length=200)
    omraade = forms.ChoiceField(
        label=_("Velfærdsområde"), required=False, choices=[("", _("Alle områder"))] + WelfareArea.choices
    )
    fase = forms.ChoiceField(
        label=_("Fase"), required=False, choices=[("", _("Alle faser"))] + Phase.choices
    )
    sted = OrganisationChoiceField(
        label=_("Kommune eller region"),
        required=False,
        queryset=Organisation.objects.none(),
        empty_label=_("Hele landet"),
        error_messages={
            "invalid_choice": _(
                "Den valgte kommune eller region findes ikke i dag, fx fordi den er lagt sammen "
                "med en anden. Vælg et sted på listen."
            )
        },
    )
    sektor = forms.MultipleChoiceField(
        label=_("Med parter fra"),
        required=False,
        choices=Sector.choices,
        widget=ds.CheckboxSelectMultiple(),
        help_text=_("Vis kun alliancer med parter fra alle de valgte sektorer."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sted"].queryset = selectors.authorities_active_on(timezone.localdate())

    def filters(self) -> selectors.AllianceFilters:
        """The valid filters; an invalid one (say, a region that has ceased to exist) is
        shown with its error and left out, while the others still apply."""
        if not self.is_bound:
            return selectors.AllianceFilters()
        self.is_valid()
        data = self.cleaned_data
        return selectors.AllianceFilters(
            search=data.get("q", "").strip(),
            welfare_area=data.get("omraade", ""),
            phase=data.get("fase", ""),
            authority=data.get("sted"),
            sectors=data.get("sektor", []),
        )


class PhaseChangeForm(ds.Form):
    to_phase = forms.ChoiceField(label=_("Ny fase"), choices=Phase.choices)
    note = forms.CharField(
        label=_("Begrundelse"),
        required=False,
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class OrganisationSource(models.TextChoices):
    EXISTING = "eksisterende", _("Vælg en organisation, der allerede findes i Brobygger")
    NEW = "ny", _("Opret en ny organisation")


NEW_ORGANISATION_KINDS = [(k, label) for k, label in OrganisationKind.choices if k not in AUTHORITY_KINDS]


class PartyAddForm(ds.Form):
    source = forms.ChoiceField(
        label=_("Organisation"),
        choices=OrganisationSource.choices,
        initial=OrganisationSource.EXISTING,
        widget=ds.RadioSelect(),
    )
    organisation = OrganisationChoiceField(
        label=_("Eksisterende organisation"),
        required=False,
        queryset=Organisation.objects.none(),
        help_text=_("Alle kommuner og regioner findes allerede."),
    )
    new_name = forms.CharField(label=_("Den nye organisations navn"), required=False, max_length=200)
    new_kind = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Vælg type"))] + NEW_ORGANISATION_KINDS
    )
    new_cvr = cvr_field()
    new_ean = ean_field()
    role_description = forms.CharField(
        label=_("Partens rolle i alliancen"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Beskriv med partens egne ord, hvad den bidrager med og hvorfor den er med."),
    )
    contact_name = forms.CharField(label=_("Kontaktperson"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("Kontaktpersonens e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Kontaktpersonens telefon"), required=False, max_length=30)

    def __init__(self, *args, alliance: Alliance, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations_selectable_on(
            timezone.localdate()
        ).exclude(parties__alliance=alliance)
        self.fields["organisation"].empty_label = _("Vælg organisation")
        # Required depending on the choice above (the CVR number for companies), so they are
        # not marked "(frivilligt)".
        for name in ("organisation", "new_name", "new_kind", "new_cvr"):
            self.fields[name].conditional = True

    # Checked with the other fields, so every error shows at once; only for a new organisation.
    def clean_new_cvr(self):
        if self.cleaned_data.get("source") != OrganisationSource.NEW:
            return ""
        return normalise_cvr(self.cleaned_data["new_cvr"])

    def clean_new_ean(self):
        if self.cleaned_data.get("source") != OrganisationSource.NEW:
            return ""
        return normalise_ean(self.cleaned_data["new_ean"])

    def clean(self):
        data = super().clean()
        if data.get("source") == OrganisationSource.EXISTING:
            if not data.get("organisation") and "organisation" not in self.errors:
                self.add_error("organisation", _("Vælg organisationen på listen."))
        elif data.get("source") == OrganisationSource.NEW:
            if not data.get("new_name", "").strip():
                self.add_error("new_name", _("Skriv den nye organisations navn."))
            if not data.get("new_kind"):
                self.add_error("new_kind", _("Vælg, hvilken type organisation det er."))
        return data


class PartyForm(ds.Form):
    role_description = forms.CharField(
        label=_("Partens rolle i alliancen"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    contact_name = forms.CharField(label=_("Kontaktperson"), required=False, max_length=200)
    contact_email = forms.EmailField(label=_("Kontaktpersonens e-mail"), required=False)
    contact_phone = forms.CharField(label=_("Kontaktpersonens telefon"), required=False, max_length=30)


class InvitationForm(ds.Form):
    name = forms.CharField(label=_("Navn"), max_length=100)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Rolle i alliancen"), choices=MemberRole.choices, widget=ds.RadioSelect())
    party = forms.ModelChoiceField(
        label=_("Part"),
        queryset=Party.objects.none(),
        empty_label=_("Vælg part"),
        help_text=_("Den part, personen taler for i alliancen. Det gør ikke personen til medarbejder i partens organisation."),
    )

    def __init__(self, *args, alliance: Alliance, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["party"].queryset = alliance.parties.select_related("organisation").order_by(
            "organisation__name"
        )
        self.fields["party"].label_from_instance = lambda party: party.organisation.name


class IdentifierFieldsMixin:
    """CVR and EAN are checked with the other fields, so every error shows at once."""

    def clean_cvr(self):
        return normalise_cvr(self.cleaned_data["cvr"])

    def clean_ean(self):
        return normalise_ean(self.cleaned_data["ean"])


class OrganisationForm(IdentifierFieldsMixin, ds.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    cvr = cvr_field()
    ean = ean_field()
    website = forms.URLField(label=_("Hjemmeside"), required=False, max_length=200, assume_scheme="https")
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, organisation: Organisation, **kwargs):
        super().__init__(*args, **kwargs)
        if organisation.is_authority:
            self.fields["name"].disabled = True
            self.fields["name"].help_text = _("Navnet følger de officielle data og kan ikke ændres her.")
        if not organisation.is_public_sector:
            del self.fields["ean"]
        if organisation.kind == OrganisationKind.COMPANY:
            # Required for companies; the service says so in its own words.
            self.fields["cvr"].conditional = True


class OrganisationCreateForm(IdentifierFieldsMixin, ds.Form):
    name = forms.CharField(label=_("Navn"), max_length=200)
    kind = forms.ChoiceField(label=_("Type"), choices=[("", _("Vælg type"))] + NEW_ORGANISATION_KINDS)
    cvr = cvr_field()
    ean = ean_field()
    website = forms.URLField(label=_("Hjemmeside"), required=False, max_length=200, assume_scheme="https")
    description = forms.CharField(
        label=_("Beskrivelse"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Required for companies (the service says so next to the field), so not "(frivilligt)".
        self.fields["cvr"].conditional = True


class OrganisationFilterForm(ds.Form):
    mark_optional = False
    q = forms.CharField(label=_("Søg på navn, CVR-nummer eller kode"), required=False, max_length=200)
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("Alle typer"))] + OrganisationKind.choices
    )


# --- Who works where ----------------------------------------------------------------------


class AffiliationSearchForm(ds.Form):
    q = forms.CharField(
        label=_("Navn, CVR-nummer eller kommunekode"),
        required=False,
        max_length=100,
    )


class AffiliationRequestForm(ds.Form):
    """Which organisation the user asks to be verified for (sent by a button per result)."""

    organisation = forms.ModelChoiceField(
        label=_("Organisation"),
        queryset=Organisation.objects.none(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Vælg din organisation på listen."),
            "invalid_choice": _("Organisationen findes ikke eller er ophørt. Søg igen, og vælg den på listen."),
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = selectors.organisations_selectable_on(timezone.localdate())


class OrganisationDomainForm(ds.Form):
    domain = forms.CharField(
        label=_("E-maildomæne"),
        max_length=253,
        help_text=_(
            "Det, der står efter @ i medarbejdernes e-mailadresser, fx lejre.dk. Den, der "
            "bekræfter en adresse på domænet, bliver bekræftet som medarbejder. Underdomæner "
            "skal registreres for sig."
        ),
    )
