"""Each page reads what it shows in a fixed number of queries, whatever the amount of data:
the same maximum holds with 3 alliances and with 60, each with several parties, members,
phase changes and invitations."""

from dataclasses import dataclass

import pytest

from brobygger.alliances import services
from brobygger.alliances.models import (
    Alliance,
    MemberRole,
    Organisation,
    Phase,
    Visibility,
)
from brobygger.core import registry
from brobygger.testing import budgets
from brobygger.testing.identifiers import valid_cvrs
from conftest import consented, make_user

SIZES = {"small": 3, "large": 60}
# Parties, members, phase changes and invitations of the one alliance the detail test opens.
BIG_ALLIANCE = {"small": 2, "large": 30}

# The fixed maximum per page, the smallest that passes with the large data. A logged-in
# request spends two of them on the session and the user.
MAX_QUERIES = {
    "alliance_list_anonymous": budgets.alliance_list(logged_in=False),
    "alliance_list_member": budgets.alliance_list(logged_in=True),
    "alliance_list_filtered_anonymous": budgets.alliance_list(logged_in=False, filtered=True),
    "alliance_list_filtered_member": budgets.alliance_list(logged_in=True, filtered=True),
    # The alliance, its parties and its phase changes; a member also reads the members and
    # the open invitations. The card summaries (the value balance's tally: the reader's
    # memberships, the parties, their goals and the goals' results) declare their own cost.
    # The coordinator speaks for Lejre: "Din part" asks each capability about it.
    "alliance_detail_coordinator": budgets.LOGGED_IN
    + 6
    + sum(hook.queries for hook in registry.alliance_summaries)
    + sum(hook.queries for hook in registry.party_pages),
    "alliance_detail_anonymous": 3 + sum(hook.queries for hook in registry.alliance_summaries),
    "front_anonymous": budgets.front_page(logged_in=False),
    "front_coordinator": budgets.front_page(logged_in=True),
    "front_observer": budgets.front_page(logged_in=True),
    "organisation_list": 4,
    # The organisation's own verified employee also reads its open affiliation requests and
    # the alliances that named it and wait for its answer; and what the capabilities add.
    "organisation_detail_member": 9 + budgets.organisation_sections(),
    "organisation_detail_anonymous": 4 + budgets.organisation_sections(),
    # Each alliance's JSON is kept like its card: read cold, as here, the shared cache too.
    "api_alliances_anonymous": 9 + budgets.kept_markup(),
    "api_alliances_member": 11 + budgets.kept_markup(),
}

VISIBILITIES = [Visibility.PUBLIC, Visibility.INTERNAL, Visibility.PRIVATE]
LEADS = ["Lejre Kommune", "Roskilde Kommune", "Region Sjælland", "Aarhus Kommune"]
PHASES = [Phase.CLARIFICATION, Phase.ESTABLISHMENT, Phase.OPERATION]




@dataclass
class World:
    coordinator: object
    observer: object
    big: Alliance
    lejre: Organisation
    region: Organisation


def person(username: str, organisation) -> object:
    return make_user(username, organisation)


def build(size: str) -> World:
    """Alliances created through the services, each with parties from all three sectors,
    partner members, an observer, phase changes and open invitations."""
    cvrs = valid_cvrs(20_000_000)
    lejre = Organisation.objects.get(name="Lejre Kommune")
    coordinator = person("koordinator", lejre)
    observer = person("observator", lejre)
    for number in range(SIZES[size]):
        alliance = services.alliance_create(
            actor=coordinator,
            title=f"Mælk og mad {number:02d}",
            summary="Lokal mad til kommunens køkkener.",
            purpose="Bedre mad for alle.",
            welfare_area="aeldre",
            lead_organisation=Organisation.objects.get(name=LEADS[number % len(LEADS)]),
            visibility=Visibility.PRIVATE,
            lead_role_description="Køber maden.",
        )
        if alliance.lead_organisation != lejre:
            services.party_add(actor=coordinator, alliance=alliance, organisation=lejre, role_description="Deltager.")
        company = services.party_add_with_new_organisation(
            actor=coordinator,
            alliance=alliance,
            name=f"Mejeri {number:02d} ApS",
            kind="virksomhed",
            cvr=next(cvrs),
            role_description="Leverer mælken.",
            contact_name="Kontakt",
        )
        association = services.party_add_with_new_organisation(
            actor=coordinator,
            alliance=alliance,
            name=f"Forening {number:02d}",
            kind="forening",
            role_description="Frivillige.",
        )
        services.party_add_with_new_organisation(
            actor=coordinator,
            alliance=alliance,
            name=f"Borgere {number:02d}",
            kind="borgergruppe",
            role_description="Borgernes stemme.",
        )
        for party in (company, association):
            services.membership_add(
                actor=coordinator,
                alliance=alliance,
                user=person(f"partner-{number}-{party.pk}", party.organisation),
                role=MemberRole.PARTNER,
                party=party,
            )
        consented(alliance, VISIBILITIES[number % len(VISIBILITIES)])
        services.membership_add(actor=coordinator, alliance=alliance, user=observer, role=MemberRole.OBSERVER)
        for phase in PHASES[: 1 + number % len(PHASES)]:
            services.alliance_change_phase(
                alliance=alliance, to_phase=phase, actor=coordinator
            )
        for invitation in range(2):
            services.invitation_create(
                alliance=alliance,
                email=f"inviteret-{number}-{invitation}@example.dk",
                name="Inviteret Person",
                role=MemberRole.PARTNER,
                party=association,
                actor=coordinator,
                base_url="http://testserver/",
            )

    big = Alliance.objects.get(title="Mælk og mad 00")
    for number in range(BIG_ALLIANCE[size]):
        party = services.party_add_with_new_organisation(
            actor=coordinator,
            alliance=big,
            name=f"Ekstra part {number:02d}",
            kind=["virksomhed", "forening", "statslig", "andet"][number % 4],
            cvr=next(cvrs) if number % 4 == 0 else "",
            role_description="Bidrager.",
            contact_name=f"Kontakt {number}",
            contact_email=f"kontakt{number}@example.dk",
        )
        services.membership_add(
            actor=coordinator,
            alliance=big,
            user=person(f"ekstra-{number}", party.organisation),
            role=[MemberRole.PARTNER, MemberRole.TOP_LEADER, MemberRole.COORDINATOR][number % 3],
            party=party,
        )
        big.refresh_from_db()
        services.alliance_change_phase(
            alliance=big,
            to_phase=Phase.IDEA if big.phase != Phase.IDEA else Phase.CLARIFICATION,
            actor=coordinator,
            note=f"Skridt {number}",
        )
        services.invitation_create(
            alliance=big,
            email=f"ekstra-inviteret-{number}@example.dk",
            name=f"Ekstra {number}",
            role=MemberRole.OBSERVER,
            party=party,
            actor=coordinator,
            base_url="http://testserver/",
        )
    return World(
        coordinator=coordinator,
        observer=observer,
        big=big,
        lejre=lejre,
        region=Organisation.objects.get(name="Region Sjælland"),
    )


def filtered(world: World) -> str:
    return (
        f"/alliancer/?q=m%C3%A6lk&omraade=aeldre&fase=&sted={world.region.pk}"
        "&sektor=privat&sektor=civilsamfund"
    )


PAGES = {
    "alliance_list_anonymous": (None, lambda w: "/alliancer/"),
    "alliance_list_member": ("observer", lambda w: "/alliancer/"),
    "alliance_list_filtered_anonymous": (None, filtered),
    "alliance_list_filtered_member": ("observer", filtered),
    "alliance_detail_coordinator": ("coordinator", lambda w: f"/alliancer/{w.big.slug}/"),
    "alliance_detail_anonymous": (None, lambda w: f"/alliancer/{w.big.slug}/"),
    "front_anonymous": (None, lambda w: "/"),
    "front_coordinator": ("coordinator", lambda w: "/"),
    "front_observer": ("observer", lambda w: "/"),
    "organisation_list": ("observer", lambda w: "/organisationer/"),
    "organisation_detail_member": ("observer", lambda w: f"/organisationer/{w.lejre.pk}/"),
    "organisation_detail_anonymous": (None, lambda w: f"/organisationer/{w.lejre.pk}/"),
    "api_alliances_anonymous": (None, lambda w: "/api/v1/alliances/"),
    "api_alliances_member": ("observer", lambda w: "/api/v1/alliances/"),
}


def shown(size: str) -> dict:
    """Text each page must show, so a budget is never met by leaving the data out."""
    last = f"{SIZES[size] - 1:02d}"
    extra = BIG_ALLIANCE[size] - 1
    return {
        "alliance_list_member": ["Mælk og mad 00", "Ledes af"],
        "alliance_list_filtered_member": ["Mælk og mad 00"],
        "alliance_detail_coordinator": [
            f"Ekstra part {extra:02d}",
            f"Ekstra {extra} (ekstra-inviteret-{extra}@example.dk)",
            f"Skridt {extra}",
            f"Ekstra-{extra} Testesen",
        ],
        "front_coordinator": [f"Mælk og mad {last}"],
        "front_observer": [f"Mælk og mad {last}"],
        # The first page of its alliances (in title order), and how many there are in all.
        "organisation_detail_member": ["Mælk og mad 00", "alliancer, du kan se."],
        "api_alliances_member": [f'"count":{SIZES[size]},'],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("size", list(SIZES))
def test_pages_read_in_a_fixed_number_of_queries(
    size, today, client, django_assert_max_num_queries, settings
):
    """Every listed page answers within its fixed query budget, with small and with large
    data alike, and shows that data (built once per size; each page is checked in turn)."""
    # The large data has more invitations from one coordinator than a day allows.
    settings.BROBYGGER_INVITATIONS_PER_INVITER_PER_DAY = settings.BROBYGGER_INVITATIONS_PER_ALLIANCE_PER_DAY = 10_000
    world = build(size)
    registry.figure_values()  # the figures are cached; a stale one is computed once
    for page, (user, path) in PAGES.items():
        client.logout()
        if user:
            client.force_login(getattr(world, user))
        url = path(world)
        with django_assert_max_num_queries(MAX_QUERIES[page], info=f"{page} ({size}): {url}"):
            response = client.get(url)
        assert response.status_code == 200, page
        body = response.content.decode()
        for text in shown(size).get(page, []):
            assert text in body, f"{page} ({size}) does not show {text!r}"
    if size == "large":
        assert Alliance.objects.count() == 60
        assert world.big.parties.count() > 30
        assert world.big.memberships.count() > 30
        assert world.big.phase_changes.count() > 30
        assert world.big.invitations.count() > 30
        assert world.coordinator.memberships.count() == 60
        assert world.observer.memberships.count() == 60
