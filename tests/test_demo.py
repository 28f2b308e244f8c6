"""The demo command: the examples from the articles, with logins for every kind of user."""

from io import StringIO

import pytest
from django.core.management import call_command

from brobygger.accounts.models import User
from brobygger.alliances import demo_data as data
from brobygger.alliances.models import (
    Affiliation,
    AffiliationMethod,
    AffiliationStatus,
    Alliance,
    Invitation,
    Membership,
    MunicipalityRegion,
    Organisation,
    OrganisationDomain,
    Party,
    PhaseChange,
    Visibility,
)
from brobygger.alliances.rules import verified_organisation_id

DEMO_PASSWORD = "demo-brobygger"
LOGINS = ["admin", "koordinator", "topleder", "partner", "politiker"]


def run(*args) -> str:
    out = StringIO()
    call_command("demo", *args, stdout=out)
    return out.getvalue()


def logins() -> str:
    out = StringIO()
    call_command("demo_logins", stdout=out)
    return out.getvalue()


def counts() -> dict[str, int]:
    models = (
        Alliance,
        Organisation,
        MunicipalityRegion,
        Party,
        Membership,
        Invitation,
        PhaseChange,
        User,
    )
    return {model.__name__: model.objects.count() for model in models}


@pytest.fixture
def demo(today, db):
    output = run()
    return output


def test_demo_is_idempotent(demo):
    """Running the demo a second time creates nothing new and changes no counts."""
    first = counts()
    assert first["Alliance"] == len(data.ALLIANCES)
    output = run()
    assert counts() == first
    assert "0 alliances" in output


def test_demo_reports_what_it_loaded(demo):
    """The first run says how many alliances it created."""
    assert f"{len(data.ALLIANCES)} alliances" in demo


def test_demo_users_log_in_with_the_shared_password(demo, client):
    """admin, koordinator, topleder, partner and politiker log in with "demo-brobygger";
    admin is staff, the others are not."""
    for username in LOGINS:
        user = User.objects.get(username=username)
        assert user.check_password(DEMO_PASSWORD), username
        assert user.is_staff == (username == "admin"), username
        response = client.post("/konto/login/", {"username": username, "password": DEMO_PASSWORD})
        assert response.status_code == 302, username
        client.logout()
    response = client.post("/konto/login/", {"username": "partner", "password": DEMO_PASSWORD})
    assert response.status_code == 302


def test_fictitious_colleagues_cannot_log_in(demo):
    """The demo's other people exist only as names in alliances: they have no usable password."""
    others = User.objects.exclude(username__in=LOGINS)
    assert others.exists()
    assert not any(user.has_usable_password() for user in others)


def test_demo_has_every_visibility(demo):
    """At least one private alliance, and internal and public ones too."""
    visibilities = set(Alliance.objects.values_list("visibility", flat=True))
    assert visibilities == {Visibility.PRIVATE, Visibility.INTERNAL, Visibility.PUBLIC}


def parties_of(alliance: Alliance) -> dict[str, str]:
    return {
        p.organisation.name: p.organisation.sector
        for p in alliance.parties.select_related("organisation")
    }


def test_lejre_milk_example(demo):
    """Organic milk in Lejre: the municipality, a dairy and the farmers, from all three sectors."""
    alliance = Alliance.objects.get(
        title__icontains="mælk", lead_organisation__name="Lejre Kommune"
    )
    assert alliance.slug == "oekologisk-maelk-i-lejres-offentlige-koekkener"
    parties = parties_of(alliance)
    assert parties["Lejre Kommune"] == "offentlig"
    assert parties["Hvalsø Andelsmejeri A/S"] == "privat"
    assert parties["Økologiske Landmænd i Lejre"] == "civilsamfund"
    assert alliance.visibility == Visibility.PUBLIC
    assert alliance.phase == "drift"
    assert list(
        alliance.phase_changes.order_by("changed_at").values_list("to_phase", flat=True)
    ) == [
        "ide",
        "afklaring",
        "etablering",
        "drift",
    ]
    assert alliance.invitations.filter(accepted_at__isnull=True).count() == 1


def test_albertslund_lighting_example(demo):
    """Street lighting in Albertslund: the municipality, companies, a university lab and residents."""
    alliance = Alliance.objects.get(
        title__icontains="belysning", lead_organisation__name="Albertslund Kommune"
    )
    parties = parties_of(alliance)
    assert len(parties) == 5
    assert set(parties.values()) == {"offentlig", "privat", "civilsamfund"}
    assert "Universitetets Lyslaboratorium" in parties


def test_telemedicine_example(demo):
    """Telemedicine: a region and a municipality share the patient with a company and patients."""
    alliance = Alliance.objects.get(title__icontains="telemedicin")
    assert alliance.lead_organisation.name == "Region Sjælland"
    parties = parties_of(alliance)
    assert "Næstved Kommune" in parties
    assert set(parties.values()) == {"offentlig", "privat", "civilsamfund"}


def test_demo_organisations_have_valid_numbers(demo):
    """The made-up companies have CVR numbers that pass the check, each used once."""
    companies = Organisation.objects.filter(kind="virksomhed")
    assert companies.count() >= 5
    cvrs = list(companies.values_list("cvr", flat=True))
    assert all(len(cvr) == 8 for cvr in cvrs)
    assert len(set(cvrs)) == len(cvrs)


@pytest.mark.parametrize("username", ["koordinator", "topleder", "partner", "politiker"])
def test_each_demo_user_is_member_of_some_alliances_not_all(demo, username, client):
    """Each demo login (except admin) is a member of some alliances and not of others, so the
    demo shows both what a member sees and what stays hidden."""
    user = User.objects.get(username=username)
    member_of = set(Membership.objects.filter(user=user).values_list("alliance__title", flat=True))
    all_titles = set(Alliance.objects.values_list("title", flat=True))
    assert member_of, username
    assert member_of < all_titles, username
    client.force_login(user)
    front = client.get("/").content.decode()
    for title in member_of:
        assert title in front, (username, title)


def test_demo_roles(demo):
    """The demo shows each role: koordinator coordinates, topleder sponsors, partner represents
    the dairy, politiker observes."""

    def roles(username):
        return set(
            Membership.objects.filter(user__username=username).values_list("role", flat=True)
        )

    assert roles("koordinator") == {"koordinator"}
    assert roles("topleder") == {"topleder"}
    assert roles("partner") == {"partner"}
    assert roles("politiker") == {"observator"}
    partner = Membership.objects.get(user__username="partner")
    assert partner.party.organisation.name == "Hvalsø Andelsmejeri A/S"
    assert not Membership.objects.filter(user__username="admin").exists()


def test_if_empty_loads_nothing_when_alliances_exist(landscape, today):
    """`demo --if-empty` leaves a database that already has alliances alone."""
    before = counts()
    output = run("--if-empty")
    assert counts() == before
    assert "not loaded" in output
    assert not User.objects.filter(username="politiker").exists()


def test_if_empty_loads_into_an_empty_database(today, db):
    """`demo --if-empty` loads the demo when there are no alliances yet."""
    assert not Alliance.objects.exists()
    run("--if-empty")
    assert Alliance.objects.count() == len(data.ALLIANCES)


def test_demo_logins_prints_the_logins(demo):
    """demo_logins prints the shared password and each login."""
    output = logins()
    assert DEMO_PASSWORD in output
    for username in LOGINS:
        assert any(line.split()[:1] == [username] for line in output.splitlines()), username
    assert "anders.bech" not in output


def test_demo_logins_prints_nothing_without_demo_users(db):
    """Without the demo users there are no demo logins to print."""
    assert logins() == ""


def test_demo_people_are_verified_by_their_organisations_domains(demo):
    """The demo registers a domain for each of its organisations, and its people are
    verified employees through their addresses there; staff have no organisation."""
    koordinator = User.objects.get(username="koordinator")
    assert koordinator.email.endswith("@lejre.example")
    assert verified_organisation_id(koordinator) == Organisation.objects.get(name="Lejre Kommune").pk
    assert Affiliation.objects.get(user=koordinator).method == AffiliationMethod.EMAIL_DOMAIN
    assert OrganisationDomain.objects.get(domain="hvalsoe-mejeri.example").organisation.name == (
        "Hvalsø Andelsmejeri A/S"
    )
    assert verified_organisation_id(User.objects.get(username="admin")) is None
    people = [username for username, spec in data.USERS.items() if spec["organisation"]]
    assert Affiliation.objects.filter(
        user__username__in=people, status=AffiliationStatus.VERIFIED
    ).count() == len(people)
