"""Fixtures shared by every app's tests: a small landscape with one alliance of each
visibility and one user of each kind the permission table names."""

import datetime
from dataclasses import dataclass

import pytest
import time_machine

from brobygger.accounts.services import user_create
from brobygger.alliances import services
from brobygger.alliances.models import Alliance, MemberRole, Organisation, Visibility

# Before the regions change on 1 January 2027. Tests that depend on the date travel here
# (or past it) explicitly.
TODAY = datetime.date(2026, 11, 23)
PASSWORD = "Sk0ven-er-grøn-2026"


@pytest.fixture
def today():
    with time_machine.travel(datetime.datetime(2026, 11, 23, 12, tzinfo=datetime.UTC), tick=False):
        yield TODAY


def authority(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


def _verifier():
    """The staff member who verifies the test users' organisations."""
    from brobygger.accounts.models import User

    verifier = User.objects.filter(username="verifikator").first()
    return verifier or user_create(
        username="verifikator",
        email="verifikator@example.dk",
        full_name="Vera Verifikator",
        password=PASSWORD,
        is_staff=True,
    )


def make_user(username: str, organisation: Organisation | None, **extra):
    """A user; with an organisation, verified for it by staff."""
    user = user_create(
        username=username,
        email=f"{username}@example.dk",
        full_name=f"{username.title()} Testesen",
        password=PASSWORD,
        **extra,
    )
    if organisation is not None:
        services.affiliation_set_by_staff(user=user, organisation=organisation, actor=_verifier())
    return user


@dataclass
class Landscape:
    lejre: Organisation
    roskilde: Organisation
    company: Organisation
    association: Organisation
    public: Alliance
    internal: Alliance
    private: Alliance
    coordinator: object
    partner: object
    observer: object
    public_employee: object  # works for Lejre Kommune, a public party of `internal`; no membership
    company_outsider: object  # works for a company; no membership anywhere
    outsider: object  # works for Roskilde Kommune, which is in no alliance
    staff: object


@pytest.fixture
def landscape(db) -> Landscape:
    lejre = authority("Lejre Kommune")
    roskilde = authority("Roskilde Kommune")
    company = services.organisation_create(actor=None, name="Mejeriet A/S", kind="virksomhed", cvr="47165067")
    other_company = services.organisation_create(actor=None, name="Andet Firma ApS", kind="virksomhed", cvr="99512709")
    association = services.organisation_create(actor=None, name="Landmændenes Forening", kind="forening")

    coordinator = make_user("koordinator", lejre)
    partner = make_user("partner", company)
    observer = make_user("observator", lejre)
    public_employee = make_user("kollega", lejre)
    company_outsider = make_user("firma", other_company)
    outsider = make_user("udenfor", roskilde)
    staff = make_user("personale", None, is_staff=True)

    def alliance(title: str, visibility: str) -> Alliance:
        created = services.alliance_create(
            actor=coordinator,
            title=title,
            summary=f"Resumé af {title}",
            purpose=f"Formålet med {title}",
            welfare_area="aeldre",
            lead_organisation=lejre,
            visibility=visibility,
        )
        company_party = services.party_add(
            actor=coordinator,
            alliance=created, organisation=company, role_description="Leverer mælken."
        )
        association_party = services.party_add(
            actor=coordinator,
            alliance=created, organisation=association, role_description="Leverer råvarerne."
        )
        # The organisations have said yes: the landscape's parties count outside too.
        for party in (company_party, association_party):
            services.party_answer(actor=staff, party=party, confirm=True)
        services.membership_add(
            actor=coordinator,
            alliance=created, user=partner, role=MemberRole.PARTNER, party=company_party
        )
        services.membership_add(actor=coordinator, alliance=created, user=observer, role=MemberRole.OBSERVER)
        return created

    return Landscape(
        lejre=lejre,
        roskilde=roskilde,
        company=company,
        association=association,
        public=alliance("Offentlig mælk", Visibility.PUBLIC),
        internal=alliance("Intern mælk", Visibility.INTERNAL),
        private=alliance("Hemmelig mælk", Visibility.PRIVATE),
        coordinator=coordinator,
        partner=partner,
        observer=observer,
        public_employee=public_employee,
        company_outsider=company_outsider,
        outsider=outsider,
        staff=staff,
    )


@pytest.fixture
def world(landscape):
    """What the permission matrix asks about: the landscape, the foundation's data
    (brobygger.alliances.tests.matrix.build_world) and each registered app's own
    (its matrix module's `extend_world`)."""
    from brobygger.alliances.tests.matrix import build_world
    from brobygger.testing.matrix import extend_world

    return extend_world(build_world(landscape))


def consented(alliance, visibility: str | None = None) -> None:
    """Test data: every organisation named as a party of the alliance has said yes, and the
    alliance then gets the visibility it is meant to have (public needs the lead's consent,
    which the builder's coordinator cannot give for another organisation)."""
    from brobygger.alliances.models import Alliance, Party, PartyConsent

    Party.objects.filter(alliance=alliance).update(consent=PartyConsent.CONFIRMED)
    if visibility is not None:
        Alliance.objects.filter(pk=alliance.pk).update(visibility=visibility)
        alliance.visibility = visibility
