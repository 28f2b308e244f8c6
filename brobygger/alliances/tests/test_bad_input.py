"""Bad input to every form: empty, oversized and malformed values, NUL bytes, wrong check
digits. Every form answers 400 (never 500), shows a Danish message next to the field,
keeps what the user typed, and saves nothing at all."""

from collections.abc import Callable
from dataclasses import dataclass
from html.parser import HTMLParser

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from brobygger.accounts.models import User
from brobygger.alliances import services
from brobygger.alliances.models import (
    Affiliation,
    Alliance,
    Invitation,
    MemberRole,
    Membership,
    Organisation,
    OrganisationDomain,
    Party,
    PhaseChange,
)
from brobygger.testing.html import VOID_ELEMENTS

HUGE = "x" * 100_000
HUGE_NUMBER = "9" * 30
BAD_DATE = "2026-13-45"
WRONG_CHECK_DIGIT_CVR = "12345678"
NEW_PASSWORD = "Mælkebøtte-i-maj-77"

# Django's and Brobygger's own Danish messages (the start of each is enough).
REQUIRED = "Dette felt er påkrævet."
INVALID_CHOICE = "Marker en gyldig valgmulighed."
INVALID_DATE = "Indtast en gyldig dato."
# Django REST framework's Danish catalogue (an installed app's) takes precedence over Django's
# own for this message, and spells it as the Danish dictionary does.
INVALID_EMAIL = "Angiv en gyldig e-mailadresse."
INVALID_URL = "Indtast en gyldig URL."
NUL = "Null-tegn er ikke tilladte."
CVR_CHECKSUM = "CVR-nummeret findes ikke: kontrolcifferet passer ikke."


def too_long(limit: int, length: int = len(HUGE)) -> str:
    return f"Denne værdi må højst have {limit} tegn (den har {length})."


# --- Reading the re-rendered page -------------------------------------------------------



class PageReader(HTMLParser):
    """Collects the text of elements by id, and the values every form control shows."""

    def __init__(self):
        super().__init__()
        self.open_ids: list[tuple[str, int]] = []
        self.depth = 0
        self.texts: dict[str, str] = {}
        self.described_by: set[str] = set()
        self.controls: dict[str, list[dict]] = {}
        self.textarea: str | None = None
        self.select: str | None = None
        self.option: dict | None = None

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        self.described_by.update((attributes.get("aria-describedby") or "").split())
        name = attributes.get("name")
        if tag == "input" and name:
            self.controls.setdefault(name, []).append(
                {
                    "kind": attributes.get("type", "text"),
                    "value": attributes.get("value"),
                    "checked": "checked" in attributes,
                    "disabled": "disabled" in attributes,
                }
            )
        elif tag == "textarea" and name:
            self.textarea = name
            self.controls.setdefault(name, []).append(
                {"kind": "textarea", "value": "", "disabled": "disabled" in attributes}
            )
        elif tag == "select" and name:
            self.select = name
            self.controls.setdefault(name, []).append(
                {
                    "kind": "select",
                    "options": [],
                    "selected": [],
                    "disabled": "disabled" in attributes,
                }
            )
        elif tag == "option" and self.select:
            control = self.controls[self.select][-1]
            control["options"].append(attributes.get("value", ""))
            if "selected" in attributes:
                control["selected"].append(attributes.get("value", ""))
        if tag in VOID_ELEMENTS:
            return
        self.depth += 1
        if attributes.get("id"):
            self.open_ids.append((attributes["id"], self.depth))
            self.texts.setdefault(attributes["id"], "")

    def handle_endtag(self, tag):
        if tag == "textarea":
            self.textarea = None
        if tag == "select":
            self.select = None
        if tag in VOID_ELEMENTS:
            return
        while self.open_ids and self.open_ids[-1][1] >= self.depth:
            self.open_ids.pop()
        self.depth -= 1

    def handle_data(self, data):
        for element_id, _depth in self.open_ids:
            self.texts[element_id] += data
        if self.textarea:
            self.controls[self.textarea][-1]["value"] += data


def read(response) -> PageReader:
    reader = PageReader()
    reader.feed(response.content.decode())
    return reader


def normalised(text: str) -> str:
    return " ".join(text.split())


# --- What must not change ---------------------------------------------------------------

WATCHED = (
    Alliance,
    Party,
    Organisation,
    OrganisationDomain,
    Affiliation,
    Membership,
    Invitation,
    PhaseChange,
    User,
)


def database_state():
    """Every row of the watched tables, so a half-saved or updated row shows up."""
    return {model.__name__: list(model.objects.order_by("pk").values()) for model in WATCHED}


def counts():
    return {model.__name__: model.objects.count() for model in WATCHED}


# --- The forms --------------------------------------------------------------------------


@dataclass
class Form:
    """One form: where it is, who posts it, and a valid set of values to spoil."""

    url: Callable
    user: str | None
    valid: Callable
    password_fields: tuple[str, ...] = ()


def alliance_values(ls):
    return {
        "title": "Mad fra egnen",
        "summary": "Et kort resumé.",
        "purpose": "Det fælles hvorfor.",
        "welfare_area": "aeldre",
        "lead_organisation": str(ls.lejre.pk),
        "phase": "ide",
        "start_date": "2026-01-01",
        "end_date": "2026-12-31",
        "visibility": "offentlig",
    }


def party_values(ls):
    return {
        "role_description": "Deler erfaringer.",
        "contact_name": "Ida Holm",
        "contact_email": "ida@roskilde.example",
        "contact_phone": "12 34 56 78",
    }


def company_party(ls):
    return ls.public.parties.get(organisation=ls.company)


def invitation_token(ls):
    _invitation, token = services.invitation_create(
        alliance=ls.public,
        email="nina@landmaend.example",
        name="Nina Nielsen",
        role=MemberRole.PARTNER,
        party=ls.public.parties.get(organisation=ls.association),
        actor=ls.coordinator,
        base_url="http://testserver/",
    )
    return token


FORMS = {
    "alliance_create": Form(
        url=lambda ls: "/alliancer/ny/",
        user="coordinator",
        valid=alliance_values,
    ),
    "alliance_edit": Form(
        url=lambda ls: f"/alliancer/{ls.public.slug}/rediger/",
        user="coordinator",
        valid=lambda ls: {k: v for k, v in alliance_values(ls).items() if k != "phase"},
    ),
    "change_phase": Form(
        url=lambda ls: f"/alliancer/{ls.public.slug}/fase/",
        user="coordinator",
        valid=lambda ls: {"to_phase": "afklaring", "note": "Vi er klar."},
    ),
    "party_add_existing": Form(
        url=lambda ls: f"/alliancer/{ls.public.slug}/parter/ny/",
        user="coordinator",
        valid=lambda ls: {
            "source": "eksisterende",
            "organisation": str(ls.roskilde.pk),
            **party_values(ls),
        },
    ),
    "party_add_new": Form(
        url=lambda ls: f"/alliancer/{ls.public.slug}/parter/ny/",
        user="coordinator",
        valid=lambda ls: {
            "source": "ny",
            "new_name": "Ny Forening",
            "new_kind": "forening",
            "new_cvr": "",
            "new_ean": "",
            **party_values(ls),
        },
    ),
    "party_edit": Form(
        url=lambda ls: f"/alliancer/{ls.public.slug}/parter/{company_party(ls).pk}/rediger/",
        user="coordinator",
        valid=party_values,
    ),
    "invite": Form(
        url=lambda ls: f"/alliancer/{ls.public.slug}/medlemmer/inviter/",
        user="coordinator",
        valid=lambda ls: {
            "name": "Nina Nielsen",
            "email": "nina@landmaend.example",
            "role": "partner",
            "party": str(ls.public.parties.get(organisation=ls.association).pk),
        },
    ),
    "organisation_edit_company": Form(
        url=lambda ls: f"/organisationer/{ls.company.pk}/rediger/",
        user="partner",
        valid=lambda ls: {
            "name": "Mejeriet A/S",
            "cvr": "47165067",
            "website": "https://mejeriet.example/",
            "description": "Et andelsmejeri.",
        },
    ),
    "organisation_edit_municipality": Form(
        url=lambda ls: f"/organisationer/{ls.lejre.pk}/rediger/",
        user="coordinator",
        valid=lambda ls: {
            "cvr": "",
            "ean": "5798000000001",
            "website": "https://lejre.example/",
            "description": "Kommunen.",
        },
    ),
    "organisation_create": Form(
        url=lambda ls: "/organisationer/ny/",
        user="coordinator",
        valid=lambda ls: {
            "name": "Ny Fond",
            "kind": "andet",
            "cvr": "",
            "ean": "",
            "website": "https://fond.example/",
            "description": "En fond.",
        },
    ),
    "organisation_domain_add": Form(
        url=lambda ls: f"/organisationer/{ls.lejre.pk}/domaener/",
        user="staff",
        valid=lambda ls: {"domain": "lejre.dk"},
    ),
    "login": Form(
        url=lambda ls: "/konto/login/",
        user=None,
        valid=lambda ls: {"username": "koordinator", "password": "Sk0ven-er-grøn-2026"},
        password_fields=("password",),
    ),
    "password_reset": Form(
        url=lambda ls: "/konto/nulstil/",
        user=None,
        valid=lambda ls: {"email": "partner@example.dk"},
    ),
    "password_change": Form(
        url=lambda ls: "/konto/adgangskode/",
        user="partner",
        valid=lambda ls: {
            "old_password": "Sk0ven-er-grøn-2026",
            "new_password1": NEW_PASSWORD,
            "new_password2": NEW_PASSWORD,
        },
        password_fields=("old_password", "new_password1", "new_password2"),
    ),
    "invitation_accept": Form(
        url=lambda ls: f"/konto/invitation/{invitation_token(ls)}/",
        user=None,
        valid=lambda ls: {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
        password_fields=("password1", "password2"),
    ),
}


@dataclass
class Case:
    form: str
    changes: dict  # field -> value, or a callable taking the landscape
    errors: dict  # field -> the Danish message expected in "<field id>-error"
    note: str = ""


def roskilde_domain_taken(ls):
    """Register roskilde.dk for Roskilde Kommune, and try it again for Lejre."""
    services.organisation_domain_add(organisation=ls.roskilde, domain="roskilde.dk", actor=ls.staff)
    return "ROSKILDE.dk"


def pk_of(name):
    return lambda ls: str(Organisation.objects.get(name=name).pk)


CASES = [
    # Alliance create
    Case("alliance_create", {"title": ""}, {"title": REQUIRED}),
    Case(
        "alliance_create",
        dict.fromkeys(
            (
                "title",
                "summary",
                "purpose",
                "welfare_area",
                "lead_organisation",
                "phase",
                "visibility",
            ),
            "",
        ),
        {
            "title": REQUIRED,
            "summary": REQUIRED,
            "purpose": REQUIRED,
            "welfare_area": REQUIRED,
            "lead_organisation": REQUIRED,
            "phase": REQUIRED,
            "visibility": REQUIRED,
        },
        "everything empty",
    ),
    Case("alliance_create", {"title": HUGE}, {"title": too_long(200)}),
    Case("alliance_create", {"summary": HUGE}, {"summary": too_long(500)}),
    Case("alliance_create", {"purpose": HUGE}, {"purpose": too_long(5000)}),
    Case("alliance_create", {"start_date": BAD_DATE}, {"start_date": INVALID_DATE}),
    Case("alliance_create", {"end_date": "31-12-2026x"}, {"end_date": INVALID_DATE}),
    Case("alliance_create", {"start_date": HUGE}, {"start_date": INVALID_DATE}),
    Case(
        "alliance_create",
        {"start_date": "2026-06-01", "end_date": "2026-05-31"},
        {"end_date": "Slutdatoen kan ikke ligge før startdatoen."},
    ),
    Case("alliance_create", {"welfare_area": "rumfart"}, {"welfare_area": INVALID_CHOICE}),
    Case("alliance_create", {"phase": "maanen"}, {"phase": INVALID_CHOICE}),
    Case("alliance_create", {"visibility": "hemmelig"}, {"visibility": INVALID_CHOICE}),
    Case("alliance_create", {"welfare_area": HUGE}, {"welfare_area": INVALID_CHOICE}),
    Case("alliance_create", {"lead_organisation": "abc"}, {"lead_organisation": INVALID_CHOICE}),
    Case(
        "alliance_create", {"lead_organisation": HUGE_NUMBER}, {"lead_organisation": INVALID_CHOICE}
    ),
    Case("alliance_create", {"lead_organisation": "-1"}, {"lead_organisation": INVALID_CHOICE}),
    Case(
        "alliance_create",
        {"lead_organisation": lambda ls: str(ls.company.pk)},
        {"lead_organisation": INVALID_CHOICE},
        "a company cannot lead",
    ),
    Case(
        "alliance_create",
        {"lead_organisation": pk_of("Region Østdanmark")},
        {"lead_organisation": INVALID_CHOICE},
        "a region that does not exist yet",
    ),
    Case("alliance_create", {"title": "\x00"}, {"title": NUL}),
    Case("alliance_create", {"summary": "Resumé\x00med NUL"}, {"summary": NUL}),
    Case("alliance_create", {"start_date": "2026-01-01\x00"}, {"start_date": INVALID_DATE}),
    Case("alliance_create", {"lead_organisation": "1\x00"}, {"lead_organisation": NUL}),
    # Alliance edit
    Case("alliance_edit", {"title": "", "summary": ""}, {"title": REQUIRED, "summary": REQUIRED}),
    Case("alliance_edit", {"purpose": HUGE}, {"purpose": too_long(5000)}),
    Case("alliance_edit", {"end_date": BAD_DATE}, {"end_date": INVALID_DATE}),
    Case(
        "alliance_edit",
        {"start_date": "2027-01-02", "end_date": "2027-01-01"},
        {"end_date": "Slutdatoen kan ikke ligge før startdatoen."},
    ),
    Case("alliance_edit", {"visibility": "alle"}, {"visibility": INVALID_CHOICE}),
    Case("alliance_edit", {"lead_organisation": "ti"}, {"lead_organisation": INVALID_CHOICE}),
    Case(
        "alliance_edit",
        {"lead_organisation": lambda ls: str(ls.association.pk)},
        {"lead_organisation": INVALID_CHOICE},
    ),
    Case("alliance_edit", {"purpose": "Formål\x00"}, {"purpose": NUL}),
    # Change phase
    Case("change_phase", {"to_phase": ""}, {"to_phase": REQUIRED}),
    Case("change_phase", {"to_phase": "maanen"}, {"to_phase": INVALID_CHOICE}),
    Case("change_phase", {"to_phase": "ide"}, {"to_phase": "Alliancen er allerede i denne fase."}),
    Case("change_phase", {"note": HUGE}, {"note": too_long(500)}),
    Case("change_phase", {"note": "Fordi\x00"}, {"note": NUL}),
    Case("change_phase", {"to_phase": "\x00"}, {"to_phase": INVALID_CHOICE}),
    # Party add, existing organisation
    Case(
        "party_add_existing",
        {"organisation": ""},
        {"organisation": "Vælg organisationen på listen."},
    ),
    Case("party_add_existing", {"organisation": "abc"}, {"organisation": INVALID_CHOICE}),
    Case("party_add_existing", {"organisation": HUGE_NUMBER}, {"organisation": INVALID_CHOICE}),
    Case(
        "party_add_existing",
        {"organisation": lambda ls: str(ls.company.pk)},
        {"organisation": INVALID_CHOICE},
        "already a party",
    ),
    Case(
        "party_add_existing",
        {"organisation": pk_of("Region Østdanmark")},
        {"organisation": INVALID_CHOICE},
        "not yet existing",
    ),
    Case("party_add_existing", {"source": ""}, {"source": REQUIRED}),
    Case("party_add_existing", {"source": "begge"}, {"source": INVALID_CHOICE}),
    Case("party_add_existing", {"role_description": ""}, {"role_description": REQUIRED}),
    Case("party_add_existing", {"role_description": HUGE}, {"role_description": too_long(2000)}),
    Case(
        "party_add_existing", {"contact_email": "ida-at-roskilde"}, {"contact_email": INVALID_EMAIL}
    ),
    Case("party_add_existing", {"contact_phone": HUGE}, {"contact_phone": too_long(30)}),
    Case("party_add_existing", {"contact_name": "Ida\x00"}, {"contact_name": NUL}),
    Case("party_add_existing", {"organisation": "\x00"}, {"organisation": NUL}),
    # Party add, new organisation
    Case("party_add_new", {"new_name": ""}, {"new_name": "Skriv den nye organisations navn."}),
    Case("party_add_new", {"new_name": "   "}, {"new_name": "Skriv den nye organisations navn."}),
    Case(
        "party_add_new", {"new_kind": ""}, {"new_kind": "Vælg, hvilken type organisation det er."}
    ),
    Case("party_add_new", {"new_kind": "kommune"}, {"new_kind": INVALID_CHOICE}),
    Case("party_add_new", {"new_kind": "region"}, {"new_kind": INVALID_CHOICE}),
    Case(
        "party_add_new",
        {"new_kind": "virksomhed"},
        {"new_cvr": "En virksomhed skal have et CVR-nummer."},
    ),
    Case(
        "party_add_new",
        {"new_kind": "virksomhed", "new_cvr": WRONG_CHECK_DIGIT_CVR},
        {"new_cvr": CVR_CHECKSUM},
    ),
    Case(
        "party_add_new",
        {"new_kind": "virksomhed", "new_cvr": "47165067"},
        {"new_cvr": "Mejeriet A/S er allerede oprettet med dette CVR-nummer."},
        "duplicate CVR",
    ),
    Case(
        "party_add_new",
        {"new_cvr": "1234"},
        {"new_cvr": "Et CVR-nummer har 8 cifre. Du har skrevet 4."},
    ),
    Case(
        "party_add_new",
        {"new_ean": "5798000000001"},
        {"new_ean": "EAN-nummer bruges kun for offentlige organisationer."},
    ),
    Case(
        "party_add_new",
        {"new_kind": "statslig", "new_ean": "5798000000002"},
        {"new_ean": "EAN-nummeret er ikke gyldigt"},
    ),
    Case("party_add_new", {"new_name": HUGE}, {"new_name": too_long(200)}),
    Case("party_add_new", {"new_cvr": HUGE}, {"new_cvr": too_long(20)}),
    Case("party_add_new", {"new_name": "Fond\x00"}, {"new_name": NUL}),
    Case("party_add_new", {"new_cvr": "4716\x005067"}, {"new_cvr": NUL}),
    Case("party_add_new", {"role_description": ""}, {"role_description": REQUIRED}),
    # Party edit
    Case("party_edit", {"role_description": ""}, {"role_description": REQUIRED}),
    Case("party_edit", {"role_description": HUGE}, {"role_description": too_long(2000)}),
    Case("party_edit", {"contact_email": "ikke en e-mail"}, {"contact_email": INVALID_EMAIL}),
    Case("party_edit", {"contact_email": HUGE}, {"contact_email": INVALID_EMAIL}),
    Case("party_edit", {"contact_name": HUGE}, {"contact_name": too_long(200)}),
    Case("party_edit", {"contact_phone": "12\x0034"}, {"contact_phone": NUL}),
    # Invite
    Case(
        "invite",
        {"name": "", "email": "", "role": "", "party": ""},
        {"name": REQUIRED, "email": REQUIRED, "role": REQUIRED, "party": REQUIRED},
        "everything empty",
    ),
    Case("invite", {"email": "nina(at)landmaend"}, {"email": INVALID_EMAIL}),
    Case("invite", {"email": HUGE}, {"email": INVALID_EMAIL}),
    Case("invite", {"name": HUGE}, {"name": too_long(100)}),
    Case("invite", {"name": "Klik på www.lokkemad.dk"}, {"name": "Må ikke indeholde en webadresse"}, "link in name"),
    Case("invite", {"role": "admin"}, {"role": INVALID_CHOICE}),
    Case("invite", {"party": "abc"}, {"party": INVALID_CHOICE}),
    Case("invite", {"party": HUGE_NUMBER}, {"party": INVALID_CHOICE}),
    Case(
        "invite",
        {"party": lambda ls: str(ls.internal.parties.get(organisation=ls.association).pk)},
        {"party": INVALID_CHOICE},
        "a party of another alliance",
    ),
    Case(
        "invite",
        {"email": "partner@example.dk"},
        {"email": "Personen er allerede medlem af alliancen."},
        "an existing member",
    ),
    Case("invite", {"name": "Nina\x00"}, {"name": NUL}),
    Case("invite", {"email": "nina\x00@landmaend.example"}, {"email": NUL}),
    # Organisation edit
    Case("organisation_domain_add", {"domain": "gmail.com"}, {"domain": "gratis e-mailtjeneste"}),
    Case("organisation_domain_add", {"domain": "ole@lejre.dk"}, {"domain": "Skriv kun domænet"}),
    Case("organisation_domain_add", {"domain": "lejre"}, {"domain": "Skriv kun domænet"}, note="no dot"),
    Case("organisation_domain_add", {"domain": ""}, {"domain": REQUIRED}),
    Case("organisation_domain_add", {"domain": "lejre\x00.dk"}, {"domain": NUL}),
    Case("organisation_domain_add", {"domain": HUGE}, {"domain": too_long(253)}),
    Case(
        "organisation_domain_add",
        {"domain": roskilde_domain_taken},
        {"domain": "allerede registreret for Roskilde Kommune"},
        note="domain of another organisation",
    ),
    Case("organisation_edit_company", {"name": ""}, {"name": REQUIRED}),
    Case("organisation_edit_company", {"cvr": WRONG_CHECK_DIGIT_CVR}, {"cvr": CVR_CHECKSUM}),
    Case(
        "organisation_edit_company",
        {"cvr": "99512709"},
        {"cvr": "Andet Firma ApS er allerede oprettet med dette CVR-nummer."},
        "CVR of another organisation",
    ),
    Case(
        "organisation_edit_company",
        {"cvr": ""},
        {"cvr": "En virksomhed skal have et CVR-nummer."},
    ),
    Case("organisation_edit_company", {"cvr": HUGE}, {"cvr": too_long(20)}),
    Case("organisation_edit_company", {"website": "ikke en adresse"}, {"website": INVALID_URL}),
    Case("organisation_edit_company", {"description": HUGE}, {"description": too_long(2000)}),
    Case("organisation_edit_company", {"name": "Mejeri\x00"}, {"name": NUL}),
    Case("organisation_edit_municipality", {"description": HUGE}, {"description": too_long(2000)}),
    Case(
        "organisation_edit_municipality",
        {"ean": "57980000"},
        {"ean": "Et EAN-nummer har 13 cifre. Du har skrevet 8."},
    ),
    Case(
        "organisation_edit_municipality",
        {"ean": "5798000000002"},
        {"ean": "EAN-nummeret er ikke gyldigt"},
    ),
    Case(
        "organisation_edit_municipality",
        {"ean": "57980000000AB"},
        {"ean": "Et EAN-nummer består kun af cifre."},
    ),
    Case("organisation_edit_municipality", {"cvr": WRONG_CHECK_DIGIT_CVR}, {"cvr": CVR_CHECKSUM}),
    Case("organisation_edit_municipality", {"website": "\x00"}, {"website": NUL}),
    # Organisation create
    Case("organisation_create", {"name": "", "kind": ""}, {"name": REQUIRED, "kind": REQUIRED}),
    Case("organisation_create", {"kind": "kommune"}, {"kind": INVALID_CHOICE}),
    Case(
        "organisation_create",
        {"kind": "virksomhed"},
        {"cvr": "En virksomhed skal have et CVR-nummer."},
    ),
    Case(
        "organisation_create",
        {"kind": "virksomhed", "cvr": WRONG_CHECK_DIGIT_CVR},
        {"cvr": CVR_CHECKSUM},
    ),
    Case(
        "organisation_create",
        {"kind": "virksomhed", "cvr": "47165067"},
        {"cvr": "Mejeriet A/S er allerede oprettet med dette CVR-nummer."},
    ),
    Case(
        "organisation_create",
        {"ean": "5798000000001"},
        {"ean": "EAN-nummer bruges kun for offentlige organisationer."},
    ),
    Case("organisation_create", {"name": HUGE}, {"name": too_long(200)}),
    Case("organisation_create", {"website": "javascript:alert(1)"}, {"website": INVALID_URL}),
    Case("organisation_create", {"description": "Fond\x00"}, {"description": NUL}),
    # Login
    Case("login", {"username": "", "password": ""}, {"username": REQUIRED, "password": REQUIRED}),
    Case("login", {"username": HUGE}, {"username": too_long(254)}),
    Case("login", {"username": "koordinator\x00"}, {"username": NUL}),
    # Password reset
    Case("password_reset", {"email": ""}, {"email": REQUIRED}),
    Case("password_reset", {"email": "partner-at-example"}, {"email": INVALID_EMAIL}),
    Case("password_reset", {"email": HUGE}, {"email": too_long(254)}),
    Case("password_reset", {"email": "partner@example.dk\x00"}, {"email": NUL}),
    # Password change
    Case(
        "password_change",
        {"old_password": ""},
        {"old_password": REQUIRED},
    ),
    Case(
        "password_change",
        {"old_password": HUGE},
        {"old_password": "Din gamle adgangskode blev ikke indtastet korrekt."},
    ),
    Case(
        "password_change",
        {"new_password1": HUGE, "new_password2": HUGE},
        {"new_password1": too_long(128), "new_password2": too_long(128)},
    ),
    Case(
        "password_change",
        {"new_password1": "a\x00b", "new_password2": "a\x00b"},
        {"new_password1": NUL, "new_password2": NUL},
    ),
    Case(
        "password_change",
        {"old_password": "forkert-gammel"},
        {"old_password": "Din gamle adgangskode blev ikke indtastet korrekt."},
    ),
    Case(
        "password_change",
        {"new_password2": NEW_PASSWORD + "!"},
        {"new_password2": "De to adgangskoder var ikke identiske."},
    ),
    Case(
        "password_change",
        {"new_password1": "", "new_password2": ""},
        {"new_password1": REQUIRED, "new_password2": REQUIRED},
    ),
    # Invitation accept
    Case(
        "invitation_accept",
        {"password1": "", "password2": ""},
        {"password1": REQUIRED, "password2": REQUIRED},
    ),
    Case(
        "invitation_accept",
        {"password2": NEW_PASSWORD + "x"},
        {"password2": "De to adgangskoder er ikke ens."},
    ),
    Case(
        "invitation_accept",
        {"password1": "1234", "password2": "1234"},
        {"password1": "Denne adgangskode er for kort."},
    ),
    Case(
        "invitation_accept",
        {"password1": HUGE, "password2": HUGE},
        {"password1": too_long(128), "password2": too_long(128)},
    ),
    Case(
        "invitation_accept",
        {"password1": "Mælke\x00bøtte-77", "password2": "Mælke\x00bøtte-77"},
        {"password1": NUL, "password2": NUL},
    ),
]


def case_id(case: Case) -> str:
    described = ",".join(
        f"{name}={'HUGE' if value == HUGE else value!r}"[:40]
        for name, value in case.changes.items()
        if not callable(value)
    )
    return f"{case.form}:{case.note or described}"


def resolve(value, ls):
    return value(ls) if callable(value) else value


def assert_kept(reader: PageReader, posted: dict, form: Form, name: str):
    """The control shows what the user posted (passwords and impossible choices excepted)."""
    value = posted[name]
    if name in form.password_fields or len(value) > 1000:
        return
    controls = reader.controls.get(name)
    assert controls, f"no control named {name!r} in the re-rendered form"
    first = controls[0]
    if first.get("disabled"):
        return
    kind = first["kind"]
    if kind == "select":
        options = first["options"]
        expected = [value] if value in options else ([] if value else first["selected"])
        assert first["selected"] == expected, (name, first["selected"], value)
    elif kind in {"radio", "checkbox"}:
        checked = [c["value"] for c in controls if c["checked"]]
        options = [c["value"] for c in controls]
        assert checked == ([value] if value in options else []), (name, checked, value)
    elif kind == "textarea":
        assert first["value"].removeprefix("\n").removeprefix("\r\n") == value, name
    else:
        assert (first["value"] or "") == value, (name, first["value"], value)


@pytest.mark.django_db
@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_bad_input_is_refused_in_danish_and_saves_nothing(case, today, landscape, client):
    """Bad input answers 400 with a Danish message in the field's error element, the typed
    values are shown again, and no row is created, changed or deleted."""
    form = FORMS[case.form]
    if form.user:
        client.force_login(getattr(landscape, form.user))
    url = form.url(landscape)
    posted = {
        **form.valid(landscape),
        **{k: resolve(v, landscape) for k, v in case.changes.items()},
    }
    before = database_state()

    response = client.post(url, posted)

    assert response.status_code == 400, response.content.decode()[:2000]
    reader = read(response)
    for name, message in case.errors.items():
        error_id = f"id_{name}-error"
        assert error_id in reader.texts, f"no element #{error_id}"
        assert message in normalised(reader.texts[error_id]), reader.texts[error_id]
        assert error_id in reader.described_by, f"#{error_id} is not tied to its field"
    for name in posted:
        assert_kept(reader, posted, form, name)
    assert database_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(FORMS))
def test_each_form_accepts_its_valid_values(name, today, landscape, client):
    """The baseline values the bad-input cases spoil are themselves valid: each form saves
    them and redirects, so the failures above come from the spoiled field alone."""
    form = FORMS[name]
    if form.user:
        client.force_login(getattr(landscape, form.user))
    url = form.url(landscape)
    before = counts()
    response = client.post(url, form.valid(landscape))
    assert response.status_code == 302, response.content.decode()[:3000]
    if name in {
        "alliance_create",
        "party_add_existing",
        "party_add_new",
        "invite",
        "organisation_create",
        "invitation_accept",
        "organisation_domain_add",
    }:
        assert counts() != before


@pytest.mark.django_db
def test_post_without_any_field_is_400(today, landscape, client):
    """A post where every field is missing (only the CSRF token, as a browser sends when
    nothing is filled in or ticked) is refused by every form without saving anything."""
    for name, form in FORMS.items():
        if name == "organisation_edit_municipality":
            continue  # every field of a municipality's own details is optional
        client.logout()
        if form.user:
            client.force_login(getattr(landscape, form.user))
        url = form.url(landscape)
        before = database_state()
        response = client.post(url, {"csrfmiddlewaretoken": "ikke-kontrolleret-i-test"})
        assert response.status_code == 400, name
        errors = [text for key, text in read(response).texts.items() if key.endswith("-error")]
        assert any(REQUIRED in normalised(text) or "Vælg" in text for text in errors), name
        assert database_state() == before, name


@pytest.mark.django_db
def test_wrong_login_gives_danish_form_error(landscape, client):
    """Wrong credentials answer 400 with a Danish message, keep the username and log no one in."""
    response = client.post("/konto/login/", {"username": "koordinator", "password": "forkert"})
    assert response.status_code == 400
    page = response.content.decode()
    assert "Indtast venligst korrekt brugernavn" in page
    assert read(response).controls["username"][0]["value"] == "koordinator"
    assert "_auth_user_id" not in client.session


@pytest.mark.django_db
def test_set_password_from_reset_link_refuses_bad_input(landscape, client):
    """The form behind the reset link answers 400 with a Danish message on mismatching or
    weak passwords, and keeps the old password."""
    user = landscape.partner
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    token = default_token_generator.make_token(user)
    page = client.get(f"/konto/nulstil/{uid}/{token}/", follow=True)
    url = page.redirect_chain[-1][0]
    for data, field_name, message in [
        (
            {"new_password1": NEW_PASSWORD, "new_password2": "andet"},
            "new_password2",
            "De to adgangskoder var ikke identiske.",
        ),
        (
            {"new_password1": "1234", "new_password2": "1234"},
            "new_password2",
            "Denne adgangskode er for kort.",
        ),
        ({"new_password1": "", "new_password2": ""}, "new_password1", REQUIRED),
        ({"new_password1": "a\x00b", "new_password2": "a\x00b"}, "new_password1", NUL),
    ]:
        response = client.post(url, data)
        assert response.status_code == 400, data
        assert message in normalised(read(response).texts[f"id_{field_name}-error"])
    user.refresh_from_db()
    assert user.check_password("Sk0ven-er-grøn-2026")


@pytest.mark.django_db
def test_phase_change_through_htmx_answers_400_with_the_form(today, landscape, client):
    """The inline phase form (htmx) answers 400 with its own section and the Danish message."""
    client.force_login(landscape.coordinator)
    before = database_state()
    response = client.post(
        f"/alliancer/{landscape.public.slug}/fase/",
        {"to_phase": "maanen", "note": "Fordi"},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 400
    reader = read(response)
    assert INVALID_CHOICE in normalised(reader.texts["id_to_phase-error"])
    assert reader.controls["note"][0]["value"].strip() == "Fordi"
    assert database_state() == before


@pytest.mark.django_db
@pytest.mark.parametrize(
    "url",
    [
        "/alliancer/?sted=abc",
        "/alliancer/?sted=%00",
        f"/alliancer/?sted={HUGE_NUMBER}",
        "/alliancer/?q=%00",
        f"/alliancer/?q={'x' * 5000}",
        "/alliancer/?fase=maanen&omraade=rumfart&sektor=alle",
        "/alliancer/?side=abc",
        "/alliancer/?side=-1",
        f"/alliancer/?side={HUGE_NUMBER}",
        "/organisationer/?q=%00",
        "/organisationer/?type=planet",
        "/organisationer/?side=%00",
    ],
)
def test_malformed_filters_never_fail(url, landscape, client):
    """Malformed list filters are ignored or refused, never an error page."""
    client.force_login(landscape.coordinator)
    response = client.get(url)
    assert response.status_code == 200


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("url", "field"),
    [
        ("/api/v1/alliances/?q=%00", "q"),
        (f"/api/v1/alliances/?q={'x' * 5000}", "q"),
        ("/api/v1/alliances/?phase=maanen", "phase"),
        ("/api/v1/alliances/?municipality=abc", "municipality"),
        (f"/api/v1/alliances/?region={HUGE_NUMBER}", "region"),
        ("/api/v1/organisations/?kind=planet", "kind"),
        ("/api/v1/organisations/?q=%00", "q"),
    ],
)
def test_malformed_api_filters_are_refused_naming_the_field(url, field, landscape, client):
    """The API tells a program what is wrong instead of ignoring it: a 400 problem that names
    the filter."""
    client.force_login(landscape.coordinator)
    response = client.get(url)
    assert response.status_code == 400
    assert response["Content-Type"] == "application/problem+json"
    assert [error["field"] for error in response.json()["errors"]] == [field]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "path",
    [
        "/alliancer/{slug}/parter/abc/rediger/",
        "/alliancer/{slug}/parter/99999999999999999999/rediger/",
        "/alliancer/{slug}/medlemmer/abc/fjern/",
        "/alliancer/{slug}/medlemmer/99999999999999999999/fjern/",
        "/organisationer/abc/rediger/",
        "/organisationer/99999999999999999999/",
        "/alliancer/findes-ikke/rediger/",
        "/api/v1/alliances/findes%00ikke/",
    ],
)
def test_malformed_ids_in_addresses_answer_404(path, landscape, client):
    """Non-numeric, huge or unknown ids in an address answer 404, also for a coordinator."""
    client.force_login(landscape.coordinator)
    response = client.post(path.format(slug=landscape.public.slug), {})
    assert response.status_code in {404, 405}
    response = client.get(path.format(slug=landscape.public.slug))
    assert response.status_code == 404


def test_every_form_is_tried_with_empty_oversized_and_nul_values():
    """The cases above post an empty value, a 100 000-character value and a NUL byte to each form."""
    for name in {name.removesuffix("_municipality").removesuffix("_company") for name in FORMS}:
        values = [
            value
            for case in CASES
            if case.form.startswith(name)
            for value in case.changes.values()
            if isinstance(value, str)
        ]
        assert "" in values, name
        assert HUGE in values, name
        assert any("\x00" in value for value in values), name
