"""The agreement's pages read in a fixed number of queries, whatever the size of the
agreement: the same maximum holds with 2 parties and with 25, each with several versions
of its part and signatures on several versions of the shared terms."""

from dataclasses import dataclass

import pytest

from brobygger.agreements import services as agreement_services
from brobygger.agreements.models import PartVersion, TermsVersion
from brobygger.alliances import services
from brobygger.alliances.models import Alliance, MemberRole, Organisation, Party, Visibility
from brobygger.testing.identifiers import valid_cvrs
from conftest import make_user

SIZES = {"small": 2, "large": 25}

# The fixed maximum per page, the smallest that passes with the large data. A logged-in
# request spends two of them on the session and the user.
MAX_QUERIES = {
    "detail_coordinator": 9,
    "detail_partner": 9,
    "detail_observer": 9,
    "detail_staff": 9,
    "history_coordinator": 6,
    "history_partner": 6,
    "sign_partner": 10,
    "part_edit_partner": 8,
}

KINDS = ["virksomhed", "forening", "kommune", "andet", "borgergruppe"]




@dataclass
class World:
    alliance: Alliance
    coordinator: object
    partner: object  # represents the last party added
    observer: object
    staff: object
    last_party: Party


def write_part(party, user, round_: int):
    return agreement_services.part_update(
        party=party,
        actor=user,
        reason=f"Grund {round_} for {party.organisation.name}",
        logic=f"Logik {round_}",
        limits=f"Grænser {round_}",
        commitments=f"Forpligtelse {round_} fra {party.organisation.name}",
    )


def write_terms(alliance, user, round_: int):
    return agreement_services.terms_update(
        alliance=alliance,
        actor=user,
        shared_why=f"Det fælles hvorfor, version {round_}",
        governance="Styregruppen mødes hver måned.",
        ending="Tre måneders varsel.",
        change_note=f"Ændring {round_}",
    )


def build(size: str) -> World:
    """One alliance with SIZES[size] parties across the sectors, each with a representative
    and three versions of its part, two of them signed, against two versions of the terms."""
    cvrs = valid_cvrs(30_000_000)
    lejre = Organisation.objects.get(name="Lejre Kommune")
    coordinator = make_user("koordinator", lejre)
    observer = make_user("observator", lejre)
    staff = make_user("personale", None, is_staff=True)
    alliance = services.alliance_create(
        actor=coordinator,
        title="Mad fra egnen",
        summary="Lokal mad.",
        purpose="Bedre mad.",
        welfare_area="aeldre",
        lead_organisation=lejre,
        visibility=Visibility.PRIVATE,
    )
    services.membership_add(actor=coordinator, alliance=alliance, user=observer, role=MemberRole.OBSERVER)
    representatives = {alliance.parties.get().pk: coordinator}
    for number in range(SIZES[size] - 1):
        kind = KINDS[number % len(KINDS)]
        if kind == "kommune":
            organisation = Organisation.objects.filter(kind="kommune").exclude(pk=lejre.pk)[number]
            party = services.party_add(
                actor=coordinator,
                alliance=alliance, organisation=organisation, role_description="Deltager."
            )
        else:
            party = services.party_add_with_new_organisation(
                actor=coordinator,
                alliance=alliance,
                name=f"Part {number:02d}",
                kind=kind,
                cvr=next(cvrs) if kind == "virksomhed" else "",
                role_description="Deltager.",
            )
        user = make_user(f"partner-{number}", party.organisation)
        services.membership_add(actor=coordinator, alliance=alliance, user=user, role=MemberRole.PARTNER, party=party)
        representatives[party.pk] = user

    parties = list(
        Party.objects.filter(alliance=alliance).select_related("alliance", "organisation")
    )
    write_terms(alliance, coordinator, 1)
    for party in parties:
        write_part(party, coordinator, 1)
        agreement_services.part_sign(party=party, actor=representatives[party.pk], version_number=1, terms_number=1)
    write_terms(alliance, coordinator, 2)
    for index, party in enumerate(parties):
        write_part(party, representatives[party.pk], 2)
        agreement_services.part_sign(party=party, actor=representatives[party.pk], version_number=2, terms_number=2)
        if index % 2:
            write_part(party, coordinator, 3)
    last = parties[-1]
    return World(
        alliance=alliance,
        coordinator=coordinator,
        partner=representatives[last.pk],
        observer=observer,
        staff=staff,
        last_party=last,
    )


PAGES = {
    "detail_coordinator": ("coordinator", lambda w: f"/alliancer/{w.alliance.slug}/aftale/"),
    "detail_partner": ("partner", lambda w: f"/alliancer/{w.alliance.slug}/aftale/"),
    "detail_observer": ("observer", lambda w: f"/alliancer/{w.alliance.slug}/aftale/"),
    "detail_staff": ("staff", lambda w: f"/alliancer/{w.alliance.slug}/aftale/"),
    "history_coordinator": (
        "coordinator",
        lambda w: f"/alliancer/{w.alliance.slug}/aftale/historik/",
    ),
    "history_partner": ("partner", lambda w: f"/alliancer/{w.alliance.slug}/aftale/historik/"),
    "sign_partner": (
        "partner",
        lambda w: f"/alliancer/{w.alliance.slug}/aftale/parter/{w.last_party.pk}/underskriv/",
    ),
    "part_edit_partner": (
        "partner",
        lambda w: f"/alliancer/{w.alliance.slug}/aftale/parter/{w.last_party.pk}/rediger/",
    ),
}


def shown(world: World, page: str) -> list[str]:
    """Text each page must show, so a budget is never met by leaving the data out."""
    name = world.last_party.organisation.name
    current = PartVersion.objects.filter(party=world.last_party).order_by("-number").first()
    if page == "part_edit_partner":
        return [current.commitments]
    if page.startswith(("detail", "sign")):
        return ["Det fælles hvorfor, version 2", current.commitments]
    return ["Ændring 1", f"Forpligtelse 1 fra {name}", f"Grund 2 for {name}"]


@pytest.mark.django_db
@pytest.mark.parametrize("size", list(SIZES))
def test_agreement_pages_read_in_a_fixed_number_of_queries(
    size, today, client, django_assert_max_num_queries
):
    """The detail, history, sign and edit pages answer within their fixed query budget
    with a small and with a large agreement, and show that agreement."""
    world = build(size)
    for page, (user, path) in PAGES.items():
        client.force_login(getattr(world, user))
        url = path(world)
        with django_assert_max_num_queries(MAX_QUERIES[page], info=f"{page} ({size}): {url}"):
            response = client.get(url)
        assert response.status_code == 200, page
        body = response.content.decode()
        for text in shown(world, page):
            assert text in body, f"{page} ({size}) does not show {text!r}"
    assert Party.objects.filter(alliance=world.alliance).count() == SIZES[size]
    if size == "large":
        assert PartVersion.objects.filter(agreement__alliance=world.alliance).count() > 60
        assert PartVersion.objects.filter(signed_at__isnull=False).count() == 50
        assert TermsVersion.objects.count() == 2
