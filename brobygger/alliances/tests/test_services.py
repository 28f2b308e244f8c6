"""The services: every write to organisations, alliances, parties, members and invitations."""

import datetime

import pytest
import time_machine
from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone, translation

from brobygger.accounts.models import User
from brobygger.alliances import selectors, services
from brobygger.alliances.models import (
    Affiliation,
    Alliance,
    Invitation,
    MemberRole,
    Membership,
    Organisation,
    Party,
    PartyConsent,
    Phase,
    PhaseChange,
    Visibility,
)
from brobygger.alliances.rules import verified_organisation_id
from brobygger.core.models import AuditAction, AuditRecord
from conftest import make_user

PASSWORD = "Sk0ven-er-grøn-2026"
VALID_CVR = "29403473"
OTHER_VALID_CVR = "10150817"
WRONG_CHECK_DIGIT_CVR = "12345678"
VALID_EAN = "5798000000001"


def authority(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def alliance_kwargs(**overrides):
    values = {
        "title": "Økologisk mælk",
        "summary": "Et resumé.",
        "purpose": "Et formål.",
        "welfare_area": "aeldre",
        "lead_organisation": authority("Lejre Kommune"),
        "visibility": Visibility.PUBLIC,
    }
    return {**values, **overrides}


def messages_for(error: ValidationError, field: str) -> str:
    return " ".join(error.message_dict[field])


# --- organisation_create --------------------------------------------------------------------


@pytest.mark.django_db
def test_company_requires_cvr():
    """A company cannot be created without a CVR number; the message is Danish and names the field."""
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=None, name="Firma uden CVR ApS", kind="virksomhed")
    assert "skal have et CVR-nummer" in messages_for(caught.value, "cvr")
    assert not Organisation.objects.filter(name="Firma uden CVR ApS").exists()


@pytest.mark.django_db
def test_association_may_omit_cvr_and_company_gets_normalised_cvr():
    """Associations need no CVR; a company's CVR is stored as 8 digits, spaces removed."""
    association = services.organisation_create(actor=None, name="Besøgsvennerne", kind="forening")
    company = services.organisation_create(actor=None, name="Mejeri ApS", kind="virksomhed", cvr=" 2940 3473 ")
    assert association.cvr == ""
    company.refresh_from_db()
    assert company.cvr == VALID_CVR
    assert company.sector == "privat"


@pytest.mark.django_db
def test_cvr_with_wrong_check_digit_is_refused_in_danish():
    """The mod-11 check catches a mistyped CVR number, with a message that tells what to check."""
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(
            actor=None,
            name="Tastefejl A/S", kind="virksomhed", cvr=WRONG_CHECK_DIGIT_CVR
        )
    message = messages_for(caught.value, "cvr")
    assert "kontrolcifferet passer ikke" in message
    assert not Organisation.objects.filter(name="Tastefejl A/S").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("cvr", "expected"),
    [
        ("1234567", "Et CVR-nummer har 8 cifre. Du har skrevet 7."),
        ("12ab5678", "består kun af cifre"),
    ],
)
def test_cvr_of_wrong_length_or_with_letters_is_refused(cvr, expected):
    """A CVR number of the wrong length or with letters gets a Danish message saying so."""
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=None, name="Forkert ApS", kind="virksomhed", cvr=cvr)
    assert expected in messages_for(caught.value, "cvr")


@pytest.mark.django_db
def test_duplicate_cvr_is_refused_naming_the_existing_organisation():
    """An organisation exists once: a second one with the same CVR is refused, and the message
    names the existing one so the user can pick it instead."""
    services.organisation_create(actor=None, name="Hvalsø Mejeri A/S", kind="virksomhed", cvr=VALID_CVR)
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=None, name="Mejeriet igen", kind="forening", cvr=VALID_CVR)
    assert "Hvalsø Mejeri A/S er allerede oprettet" in messages_for(caught.value, "cvr")
    assert Organisation.objects.filter(cvr=VALID_CVR).count() == 1


@pytest.mark.django_db
def test_ean_with_valid_check_digit_is_accepted_for_public_organisation():
    """A state institution may have a 13-digit EAN location number with a correct check digit."""
    institution = services.organisation_create(
        actor=None,
        name="Universitetets Lyslaboratorium", kind="statslig", ean=VALID_EAN
    )
    institution.refresh_from_db()
    assert institution.ean == VALID_EAN


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("ean", "expected"),
    [
        ("5798000000002", "kontrolciffer passer ikke"),
        ("579800000000", "Et EAN-nummer har 13 cifre. Du har skrevet 12."),
        ("57980000000x1", "består kun af cifre"),
    ],
)
def test_invalid_ean_is_refused(ean, expected):
    """EAN numbers must be 13 digits with a correct check digit."""
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=None, name="Styrelsen", kind="statslig", ean=ean)
    assert expected in messages_for(caught.value, "ean")
    assert not Organisation.objects.filter(name="Styrelsen").exists()


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("kind", "cvr"), [("virksomhed", VALID_CVR), ("forening", ""), ("andet", "")]
)
def test_ean_only_for_public_organisations(kind, cvr):
    """A company, association or other non-public organisation cannot have an EAN number."""
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=None, name="Ikke offentlig", kind=kind, cvr=cvr, ean=VALID_EAN)
    assert "kun for offentlige organisationer" in messages_for(caught.value, "ean")
    assert not Organisation.objects.filter(name="Ikke offentlig").exists()


@pytest.mark.django_db
@pytest.mark.parametrize("kind", ["kommune", "region"])
def test_municipalities_and_regions_cannot_be_created(kind):
    """Municipalities and regions come from the reference data only."""
    before = Organisation.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.organisation_create(actor=None, name="Ny Kommune", kind=kind)
    assert "Kommuner og regioner findes allerede" in messages_for(caught.value, "kind")
    assert Organisation.objects.count() == before


# --- alliance_create ------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("title", "slug"),
    [
        ("Økologisk mælk", "oekologisk-maelk"),
        ("Ældre på gåben", "aeldre-paa-gaaben"),
        ("Ny", "ny-alliance"),
        ("!!!", "alliance"),
    ],
)
def test_slug_is_made_from_danish_title(title, slug):
    """The address transliterates æ, ø and å, avoids the reserved "ny" and never is empty."""
    coordinator = make_user("koordinator", authority("Lejre Kommune"))
    alliance = services.alliance_create(actor=coordinator, **alliance_kwargs(title=title))
    assert alliance.slug == slug


@pytest.mark.django_db
def test_slug_gets_a_unique_suffix():
    """Alliances with the same title get -2, -3 … so every address is unique."""
    coordinator = make_user("koordinator", authority("Lejre Kommune"))
    slugs = [
        services.alliance_create(actor=coordinator, **alliance_kwargs()).slug for _ in range(3)
    ]
    assert slugs == ["oekologisk-maelk", "oekologisk-maelk-2", "oekologisk-maelk-3"]


@pytest.mark.django_db
def test_reserved_slug_is_not_used_even_after_suffixing():
    """A title that slugifies to "ny" never takes /alliancer/ny/, which is the create page."""
    coordinator = make_user("koordinator", authority("Lejre Kommune"))
    first = services.alliance_create(actor=coordinator, **alliance_kwargs(title="Ny"))
    second = services.alliance_create(actor=coordinator, **alliance_kwargs(title="NY"))
    assert {first.slug, second.slug} == {"ny-alliance", "ny-alliance-2"}
    assert not Alliance.objects.filter(slug="ny").exists()


@pytest.mark.django_db
def test_lead_organisation_must_be_public():
    """A company cannot lead an alliance; nothing is created when it is tried."""
    coordinator = make_user("koordinator", authority("Lejre Kommune"))
    company = services.organisation_create(actor=None, name="Mejeri A/S", kind="virksomhed", cvr=VALID_CVR)
    counts = (Alliance.objects.count(), Party.objects.count(), Membership.objects.count())
    with pytest.raises(ValidationError) as caught:
        services.alliance_create(
            actor=coordinator, **alliance_kwargs(lead_organisation=company)
        )
    assert "skal være en offentlig organisation" in messages_for(caught.value, "lead_organisation")
    assert (Alliance.objects.count(), Party.objects.count(), Membership.objects.count()) == counts


@pytest.mark.django_db
def test_state_institution_and_region_may_lead():
    """Every public-sector kind may lead: state institutions and regions as well as municipalities."""
    coordinator = make_user("koordinator", None)
    institution = services.organisation_create(actor=None, name="Styrelsen", kind="statslig")
    region = authority("Region Syddanmark")
    assert (
        services.alliance_create(
            actor=coordinator,
            **alliance_kwargs(lead_organisation=institution, visibility=Visibility.INTERNAL),
        ).lead_organisation
        == institution
    )
    assert (
        services.alliance_create(
            actor=coordinator,
            **alliance_kwargs(lead_organisation=region, visibility=Visibility.INTERNAL),
        ).lead_organisation
        == region
    )


@pytest.mark.django_db
def test_end_date_before_start_date_is_refused():
    """An alliance cannot end before it starts."""
    coordinator = make_user("koordinator", authority("Lejre Kommune"))
    with pytest.raises(ValidationError) as caught:
        services.alliance_create(
            actor=coordinator,
            **alliance_kwargs(
                start_date=datetime.date(2026, 5, 1), end_date=datetime.date(2026, 4, 30)
            ),
        )
    assert "Slutdatoen kan ikke ligge før startdatoen" in messages_for(caught.value, "end_date")
    assert not Alliance.objects.exists()


@pytest.mark.django_db
def test_lead_becomes_first_party_and_creator_coordinator_on_its_behalf(today):
    """The lead is the first party; a creator who works there coordinates on the lead's behalf;
    the first phase is recorded with who and when."""
    lejre = authority("Lejre Kommune")
    coordinator = make_user("koordinator", lejre)
    alliance = services.alliance_create(
        actor=coordinator,
        **alliance_kwargs(lead_organisation=lejre),
        phase=Phase.CLARIFICATION,
        lead_role_description="Køber mælken.",
    )
    party = alliance.parties.get()
    assert party.organisation == lejre
    assert party.role_description == "Køber mælken."
    membership = alliance.memberships.get()
    assert membership.user == coordinator
    assert membership.role == MemberRole.COORDINATOR
    assert membership.party == party
    change = alliance.phase_changes.get()
    assert (change.from_phase, change.to_phase, change.changed_by) == ("", "afklaring", coordinator)
    assert change.changed_at == timezone.now()
    assert alliance.phase == Phase.CLARIFICATION
    assert alliance.created_by == coordinator


@pytest.mark.django_db
def test_creator_from_another_organisation_coordinates_without_party():
    """A creator who does not work for the lead is coordinator but not on the lead's behalf,
    the lead party gets a default role text and waits for the lead organisation's answer."""
    coordinator = make_user("koordinator", authority("Roskilde Kommune"))
    alliance = services.alliance_create(actor=coordinator, **alliance_kwargs(visibility=Visibility.INTERNAL))
    membership = alliance.memberships.get()
    assert membership.role == MemberRole.COORDINATOR
    assert membership.party is None
    lead_party = alliance.parties.get()
    assert lead_party.role_description == ""
    assert lead_party.role_text == "Ledende offentlig organisation."
    with translation.override("en"):
        assert lead_party.role_text == "Lead public organisation."
    assert lead_party.consent == PartyConsent.PENDING


@pytest.mark.django_db
def test_naming_another_lead_cannot_make_a_public_alliance():
    """Someone who does not work for the lead cannot publish an alliance in its name: a
    public alliance needs the lead's confirmation, and nothing is saved."""
    coordinator = make_user("koordinator", authority("Roskilde Kommune"))
    with pytest.raises(ValidationError) as caught:
        services.alliance_create(actor=coordinator, **alliance_kwargs(visibility=Visibility.PUBLIC))
    assert "ledende organisation har bekræftet" in messages_for(caught.value, "visibility")
    assert (Alliance.objects.count(), Party.objects.count(), Membership.objects.count()) == (0, 0, 0)


@pytest.mark.django_db
def test_an_employee_of_the_lead_and_staff_name_it_with_its_consent():
    """A verified employee of the lead, and staff, may publish at once: their naming is
    the organisation's confirmation, recorded with who and when."""
    lejre = authority("Lejre Kommune")
    employee = make_user("lejre", lejre)
    staff = make_user("personale", None, is_staff=True)
    by_employee = services.alliance_create(actor=employee, **alliance_kwargs())
    by_staff = services.alliance_create(actor=staff, **alliance_kwargs(title="Af personalet"))
    for alliance, actor in [(by_employee, employee), (by_staff, staff)]:
        party = alliance.parties.get()
        assert (party.consent, party.consent_by) == (PartyConsent.CONFIRMED, actor)
        assert party.consent_at is not None
        assert alliance.visibility == Visibility.PUBLIC


@pytest.mark.django_db
def test_a_declining_lead_takes_a_public_alliance_out_of_view(landscape):
    """When the lead organisation says it is not a party, a public alliance in its name
    becomes private at once, and both answers are in the audit trail."""
    party = landscape.public.parties.get(organisation=landscape.lejre)
    services.party_answer(actor=landscape.public_employee, party=party, confirm=False)
    party.refresh_from_db()
    landscape.public.refresh_from_db()
    assert party.consent == PartyConsent.DECLINED
    assert party.consent_by == landscape.public_employee
    assert landscape.public.visibility == Visibility.PRIVATE
    assert AuditRecord.objects.filter(object_id=party.pk, action=AuditAction.REJECTED).exists()


@pytest.mark.django_db
def test_only_the_named_organisation_or_staff_answers(landscape):
    """A member of the alliance from another organisation cannot answer for the named one."""
    party = services.party_add(
        actor=landscape.coordinator, alliance=landscape.internal, organisation=landscape.roskilde, role_description="Med."
    )
    with pytest.raises(PermissionDenied):
        services.party_answer(actor=landscape.coordinator, party=party, confirm=True)
    party.refresh_from_db()
    assert party.consent == PartyConsent.PENDING
    services.party_answer(actor=landscape.staff, party=party, confirm=True)
    party.refresh_from_db()
    assert (party.consent, party.consent_by) == (PartyConsent.CONFIRMED, landscape.staff)


@pytest.mark.django_db
def test_alliance_create_records_the_given_moment():
    """The demo can back-date the creation; the first phase change carries that moment."""
    coordinator = make_user("koordinator", authority("Lejre Kommune"))
    when = datetime.datetime(2023, 10, 2, 10, tzinfo=datetime.UTC)
    alliance = services.alliance_create(actor=coordinator, **alliance_kwargs(), when=when)
    assert alliance.phase_changes.get().changed_at == when


@pytest.mark.django_db
def test_invalid_choice_is_refused_by_model_validation():
    """A welfare area outside the list is refused before anything is saved."""
    coordinator = make_user("koordinator", authority("Lejre Kommune"))
    with pytest.raises(ValidationError) as caught:
        services.alliance_create(actor=coordinator, **alliance_kwargs(welfare_area="rumfart"))
    assert "welfare_area" in caught.value.message_dict
    assert not Alliance.objects.exists()
    assert not PhaseChange.objects.exists()


# --- alliance_update ------------------------------------------------------------------------


@pytest.mark.django_db
def test_alliance_update_changes_description_but_keeps_slug(landscape):
    """Editing an alliance changes its texts and dates; the address stays so shared links work."""
    alliance = landscape.public
    slug = alliance.slug
    services.alliance_update(
        actor=landscape.coordinator,
        alliance=alliance,
        title="Et helt nyt navn",
        summary="Nyt resumé",
        purpose="Nyt formål",
        welfare_area="sundhed",
        lead_organisation=landscape.lejre,
        visibility=Visibility.PRIVATE,
        start_date=datetime.date(2026, 1, 1),
        end_date=datetime.date(2027, 1, 1),
    )
    alliance.refresh_from_db()
    assert alliance.slug == slug
    assert (alliance.title, alliance.summary, alliance.purpose) == (
        "Et helt nyt navn",
        "Nyt resumé",
        "Nyt formål",
    )
    assert alliance.welfare_area == "sundhed"
    assert alliance.visibility == Visibility.PRIVATE
    assert alliance.start_date == datetime.date(2026, 1, 1)


@pytest.mark.django_db
def test_alliance_update_adds_new_lead_as_party_once(landscape):
    """A new lead organisation that is not yet a party becomes one, exactly once."""
    alliance = landscape.public
    for _ in range(2):
        services.alliance_update(
            actor=landscape.coordinator,
            alliance=alliance,
            title=alliance.title,
            summary=alliance.summary,
            purpose=alliance.purpose,
            welfare_area=alliance.welfare_area,
            lead_organisation=landscape.roskilde,
            visibility=Visibility.INTERNAL,
        )
    assert alliance.parties.filter(organisation=landscape.roskilde).count() == 1
    assert alliance.parties.filter(organisation=landscape.lejre).exists()


@pytest.mark.django_db
def test_alliance_update_refuses_private_lead_and_bad_dates(landscape):
    """The same rules as at creation: a public lead and an end not before the start."""
    alliance = landscape.public
    common = {
        "alliance": alliance,
        "title": "Ændret",
        "summary": alliance.summary,
        "purpose": alliance.purpose,
        "welfare_area": alliance.welfare_area,
        "visibility": alliance.visibility,
    }
    with pytest.raises(ValidationError) as caught:
        services.alliance_update(actor=landscape.coordinator, **common, lead_organisation=landscape.company)
    assert "lead_organisation" in caught.value.message_dict
    with pytest.raises(ValidationError) as caught:
        services.alliance_update(
            actor=landscape.coordinator,
            **common,
            lead_organisation=landscape.lejre,
            start_date=datetime.date(2026, 2, 1),
            end_date=datetime.date(2026, 1, 1),
        )
    assert "end_date" in caught.value.message_dict
    alliance.refresh_from_db()
    assert alliance.title == "Offentlig mælk"
    assert alliance.lead_organisation == landscape.lejre


# --- alliance_change_phase ------------------------------------------------------------------


@pytest.mark.django_db
def test_change_phase_records_from_to_by_and_when(today, landscape):
    """Every phase step is recorded: from, to, by whom, when and why."""
    alliance = landscape.public
    change = services.alliance_change_phase(
        alliance=alliance,
        to_phase=Phase.OPERATION,
        actor=landscape.coordinator,
        note="  Aftalerne er underskrevet.  ",
    )
    alliance.refresh_from_db()
    assert alliance.phase == Phase.OPERATION
    change.refresh_from_db()
    assert change.from_phase == Phase.IDEA
    assert change.to_phase == Phase.OPERATION
    assert change.changed_by == landscape.coordinator
    assert change.changed_at == timezone.now()
    assert change.note == "Aftalerne er underskrevet."
    assert list(alliance.phase_changes.values_list("from_phase", "to_phase")) == [
        ("ide", "drift"),
        ("", "ide"),
    ]


@pytest.mark.django_db
def test_change_phase_refuses_same_phase(landscape):
    """Moving to the phase the alliance is already in is refused and records nothing."""
    before = PhaseChange.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.alliance_change_phase(
            alliance=landscape.public, to_phase=Phase.IDEA, actor=landscape.coordinator
        )
    assert "allerede i denne fase" in messages_for(caught.value, "to_phase")
    assert PhaseChange.objects.count() == before


@pytest.mark.django_db
def test_change_phase_refuses_unknown_phase(landscape):
    """A phase outside the list is refused; the alliance keeps its phase."""
    with pytest.raises(ValidationError) as caught:
        services.alliance_change_phase(
            alliance=landscape.public, to_phase="maanen", actor=landscape.coordinator
        )
    assert "to_phase" in caught.value.message_dict
    landscape.public.refresh_from_db()
    assert landscape.public.phase == Phase.IDEA


# --- Parties --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_party_add_refuses_duplicates(landscape):
    """An organisation is a party of an alliance once; the message names it."""
    with pytest.raises(ValidationError) as caught:
        services.party_add(
            actor=landscape.coordinator,
            alliance=landscape.public, organisation=landscape.company, role_description="Igen."
        )
    assert "Mejeriet A/S er allerede part i alliancen" in messages_for(caught.value, "organisation")
    assert landscape.public.parties.filter(organisation=landscape.company).count() == 1


@pytest.mark.django_db
def test_party_add_saves_role_and_contact(landscape):
    """A new party keeps its role in its own words and its contact person."""
    party = services.party_add(
        actor=landscape.coordinator,
        alliance=landscape.public,
        organisation=landscape.roskilde,
        role_description="Deler erfaringer.",
        contact_name="Ida Holm",
        contact_email="ida@roskilde.example",
        contact_phone="12 34 56 78",
    )
    party.refresh_from_db()
    assert (party.role_description, party.contact_name, party.contact_email) == (
        "Deler erfaringer.",
        "Ida Holm",
        "ida@roskilde.example",
    )


@pytest.mark.django_db
def test_party_add_requires_role_and_valid_email(landscape):
    """A party without a role, or with a malformed contact email, is not saved."""
    with pytest.raises(ValidationError) as caught:
        services.party_add(
            actor=landscape.coordinator,
            alliance=landscape.public,
            organisation=landscape.roskilde,
            role_description="",
            contact_email="ikke-en-email",
        )
    assert {"role_description", "contact_email"} <= set(caught.value.message_dict)
    assert not landscape.public.parties.filter(organisation=landscape.roskilde).exists()


@pytest.mark.django_db
def test_party_add_with_new_organisation_creates_both(landscape):
    """A party with a new organisation creates the organisation and the party together."""
    party = services.party_add_with_new_organisation(
        actor=landscape.coordinator,
        alliance=landscape.public,
        name="Ny Forening",
        kind="forening",
        role_description="Skaffer frivillige.",
    )
    assert party.organisation.name == "Ny Forening"
    assert party.alliance == landscape.public


@pytest.mark.django_db
def test_party_add_with_new_organisation_is_atomic(landscape):
    """If the party cannot be saved, the new organisation is not left behind either."""
    organisations = Organisation.objects.count()
    parties = Party.objects.count()
    with pytest.raises(ValidationError) as caught:
        services.party_add_with_new_organisation(
            actor=landscape.coordinator,
            alliance=landscape.public,
            name="Halvt Gemt ApS",
            kind="virksomhed",
            cvr=VALID_CVR,
            role_description="",
            contact_email="ikke-en-email",
        )
    assert {"role_description", "contact_email"} <= set(caught.value.message_dict)
    assert Organisation.objects.count() == organisations
    assert Party.objects.count() == parties
    assert not Organisation.objects.filter(cvr=VALID_CVR).exists()


@pytest.mark.django_db
def test_party_add_with_new_organisation_reports_organisation_errors_on_new_fields(landscape):
    """Errors about the new organisation are given under the form's new_ field names."""
    with pytest.raises(ValidationError) as caught:
        services.party_add_with_new_organisation(
            actor=landscape.coordinator,
            alliance=landscape.public,
            name="Firma",
            kind="virksomhed",
            cvr=WRONG_CHECK_DIGIT_CVR,
            role_description="Leverer.",
        )
    assert "kontrolcifferet passer ikke" in messages_for(caught.value, "new_cvr")


@pytest.mark.django_db
def test_party_update_changes_role_and_contact(landscape):
    """A party's role and contact can be edited."""
    party = landscape.public.parties.get(organisation=landscape.company)
    services.party_update(actor=landscape.coordinator, party=party, role_description="Ny rolle.", contact_name="Ole")
    party.refresh_from_db()
    assert (party.role_description, party.contact_name) == ("Ny rolle.", "Ole")


# --- Members --------------------------------------------------------------------------------


@pytest.mark.django_db
def test_last_coordinator_cannot_be_removed(landscape):
    """An alliance always keeps at least one coordinator."""
    membership = landscape.public.memberships.get(user=landscape.coordinator)
    with pytest.raises(ValidationError) as caught:
        services.membership_remove(actor=landscape.coordinator, membership=membership)
    assert "mindst én koordinator" in " ".join(caught.value.messages)
    assert Membership.objects.filter(pk=membership.pk).exists()


@pytest.mark.django_db
def test_coordinator_can_be_removed_when_another_remains(landscape):
    """With two coordinators, one of them can leave."""
    second = make_user("anden", landscape.lejre)
    services.membership_add(actor=landscape.coordinator, alliance=landscape.public, user=second, role=MemberRole.COORDINATOR)
    membership = landscape.public.memberships.get(user=landscape.coordinator)
    services.membership_remove(actor=landscape.coordinator, membership=membership)
    assert not landscape.public.memberships.filter(user=landscape.coordinator).exists()
    assert landscape.public.memberships.filter(role=MemberRole.COORDINATOR).count() == 1


@pytest.mark.django_db
def test_other_members_can_be_removed(landscape):
    """Removing an observer deletes only that membership."""
    membership = landscape.public.memberships.get(user=landscape.observer)
    services.membership_remove(actor=landscape.coordinator, membership=membership)
    assert not landscape.public.memberships.filter(user=landscape.observer).exists()
    assert landscape.internal.memberships.filter(user=landscape.observer).exists()


@pytest.mark.django_db
def test_membership_add_refuses_partner_without_party_and_duplicates(landscape):
    """A partner represents a party; and a user is a member of an alliance once."""
    with pytest.raises(ValidationError):
        services.membership_add(
            actor=landscape.coordinator,
            alliance=landscape.public, user=landscape.outsider, role=MemberRole.PARTNER
        )
    with pytest.raises(ValidationError):
        services.membership_add(
            actor=landscape.coordinator,
            alliance=landscape.public, user=landscape.observer, role=MemberRole.OBSERVER
        )
    assert not landscape.public.memberships.filter(user=landscape.outsider).exists()


# --- Invitations ----------------------------------------------------------------------------


def invite(landscape, **overrides):
    values = {
        "alliance": landscape.public,
        "email": "Ny.Person@Example.dk ",
        "name": " Ny Person ",
        "role": MemberRole.PARTNER,
        "party": landscape.public.parties.get(organisation=landscape.association),
        "actor": landscape.coordinator,
        "base_url": "https://brobygger.example/",
    }
    return services.invitation_create(**{**values, **overrides})


@pytest.mark.django_db
def test_invitation_stores_only_a_hash_and_expires(today, landscape):
    """The token is secret: only its hash is stored; the invitation expires after the set days."""
    invitation, token = invite(landscape)
    invitation.refresh_from_db()
    assert token not in invitation.token_hash
    assert len(invitation.token_hash) == 64
    assert invitation.email == "ny.person@example.dk"
    assert invitation.name == "Ny Person"
    assert invitation.expires_at == timezone.now() + datetime.timedelta(
        days=settings.BROBYGGER_INVITATION_DAYS
    )
    assert selectors.invitation_by_token(token) == invitation
    assert selectors.invitation_by_token(token + "x") is None


@pytest.mark.django_db
def test_invitation_email_is_sent_after_commit(
    landscape, mailoutbox, django_capture_on_commit_callbacks
):
    """The email goes through the task queue once the invitation is saved, and holds the link."""
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = invite(landscape)
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["ny.person@example.dk"]
    assert "Offentlig mælk" in message.subject
    assert f"https://brobygger.example/konto/invitation/{token}/" in message.body


@pytest.mark.django_db
def test_invitation_refused_for_party_of_another_alliance(landscape):
    """The party must belong to the alliance the invitation is for."""
    other_party = landscape.internal.parties.get(organisation=landscape.company)
    with pytest.raises(ValidationError) as caught:
        invite(landscape, party=other_party)
    assert "party" in caught.value.message_dict
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_invitation_refused_for_existing_member_and_open_duplicate(landscape):
    """A member is not invited again, nor is an email that has an unanswered invitation."""
    with pytest.raises(ValidationError) as caught:
        invite(landscape, email=landscape.partner.email.upper())
    assert "allerede medlem" in messages_for(caught.value, "email")
    invite(landscape)
    with pytest.raises(ValidationError) as caught:
        invite(landscape, email="ny.person@example.dk")
    assert "ikke er besvaret endnu" in messages_for(caught.value, "email")
    assert Invitation.objects.count() == 1


@pytest.mark.django_db
def test_expired_invitation_can_be_renewed(today, landscape):
    """Once an invitation has expired, the same person can be invited again."""
    invite(landscape)
    later = timezone.now() + datetime.timedelta(days=settings.BROBYGGER_INVITATION_DAYS + 1)
    with time_machine.travel(later, tick=False):
        invite(landscape)
    assert Invitation.objects.filter(email="ny.person@example.dk").count() == 2


@pytest.mark.django_db
def test_accepting_creates_user_with_membership_but_no_organisation(today, landscape):
    """A new person accepts by choosing a password: the user becomes a member with the
    invited role, on the party's behalf, and does not become an employee of the party's
    organisation."""
    invitation, _token = invite(landscape)
    user = services.invitation_accept(invitation=invitation, password=PASSWORD)
    assert user.email == "ny.person@example.dk"
    assert verified_organisation_id(user) is None
    assert not Affiliation.objects.filter(user=user).exists()
    assert user.get_full_name() == "Ny Person"
    assert user.check_password(PASSWORD)
    membership = Membership.objects.get(alliance=landscape.public, user=user)
    assert membership.role == MemberRole.PARTNER
    assert membership.party == invitation.party
    invitation.refresh_from_db()
    assert invitation.accepted_at == timezone.now()
    assert invitation.accepted_by == user


@pytest.mark.django_db
def test_invitation_cannot_be_accepted_twice(landscape):
    """A used invitation is closed."""
    invitation, _token = invite(landscape)
    services.invitation_accept(invitation=invitation, password=PASSWORD)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, password=PASSWORD, username="igen")
    assert User.objects.filter(email="ny.person@example.dk").count() == 1
    assert not User.objects.filter(username="igen").exists()


@pytest.mark.django_db
def test_expired_invitation_cannot_be_accepted(today, landscape):
    """After the set number of days the invitation no longer works."""
    invitation, _token = invite(landscape)
    later = timezone.now() + datetime.timedelta(days=settings.BROBYGGER_INVITATION_DAYS, seconds=1)
    with time_machine.travel(later, tick=False), pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, password=PASSWORD)
    assert not User.objects.filter(email="ny.person@example.dk").exists()


@pytest.mark.django_db
def test_weak_password_creates_nothing(landscape):
    """A password the validators refuse creates no user and leaves the invitation open."""
    invitation, _token = invite(landscape)
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, password="123")
    assert not User.objects.filter(email="ny.person@example.dk").exists()
    invitation.refresh_from_db()
    assert invitation.accepted_at is None


@pytest.mark.django_db
def test_existing_user_accepts_as_themselves_only(landscape):
    """An invitation to an existing user's email is accepted by that user, not by another."""
    invitation, _token = invite(
        landscape, email=landscape.outsider.email, role=MemberRole.TOP_LEADER
    )
    with pytest.raises(ValidationError):
        services.invitation_accept(invitation=invitation, actor=landscape.company_outsider)
    assert not landscape.public.memberships.filter(user=landscape.company_outsider).exists()
    user = services.invitation_accept(invitation=invitation, actor=landscape.outsider)
    assert user == landscape.outsider
    membership = landscape.public.memberships.get(user=landscape.outsider)
    assert membership.role == MemberRole.TOP_LEADER
    # The existing user keeps their own organisation.
    assert verified_organisation_id(landscape.outsider) == landscape.roskilde.pk


@pytest.mark.django_db
def test_two_alliances_with_the_same_title_at_the_same_moment_both_get_an_address():
    """Another alliance with the same title is saved between the address check and the save
    (as when two people create one at the same moment): the new alliance takes the next free
    address instead of failing."""
    from django.db import connection

    coordinator = make_user("koordinator", authority("Lejre Kommune"))
    other = make_user("anden", authority("Lejre Kommune"))
    state = {"checked": False, "done": False}

    def another_creates_it_first(execute, sql, params, many, context):
        # Right after this request has found the address free, the other one takes it.
        if state["checked"] and not state["done"]:
            state["done"] = True
            services.alliance_create(actor=other, **alliance_kwargs(title="Samme titel"))
        if 'FROM "alliances_alliance"' in sql and '"slug"' in sql:
            state["checked"] = True
        return execute(sql, params, many, context)

    with connection.execute_wrapper(another_creates_it_first):
        mine = services.alliance_create(actor=coordinator, **alliance_kwargs(title="Samme titel"))
    assert state["done"]
    assert sorted(Alliance.objects.values_list("slug", flat=True)) == ["samme-titel", "samme-titel-2"]
    assert mine.slug == "samme-titel-2"
    assert mine.memberships.get().user == coordinator
