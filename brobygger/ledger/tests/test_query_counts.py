"""The ledger's pages, the JSON endpoint and the pages that show the green/yellow/red tally
read in a fixed number of queries, whatever the amount of data: the same maximum holds with
2 parties and a few entries and with 25 parties, each with several contributions (money,
hours of kinds with and without a rate, other units, payments), goals with and without a
numeric target, results and the party's own answers, in several alliances."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Alliance, MemberRole, Organisation, Party, Phase, Visibility
from brobygger.alliances.services import value_answer_create
from brobygger.core import registry
from brobygger.ledger import services
from brobygger.ledger.models import Contribution, HourKind, Result, ValueGoal
from brobygger.testing import budgets
from brobygger.testing.identifiers import valid_cvrs
from conftest import consented, make_user

from .helpers import add_contribution, add_goal, add_result

# Parties in the alliance the pages open, and alliances the members belong to.
SIZES = {"small": {"parties": 2, "alliances": 2}, "large": {"parties": 25, "alliances": 8}}

# The fixed maximum per page, the smallest that passes with the large data. A logged-in
# request spends two of them on the session and the user.
# What every API request costs before its own reads: the rate limit's count.
API_RATE_LIMIT = 6

MAX_QUERIES = {
    # Members read the parties' own answers, and what the capabilities add beside them. Each
    # page's body is kept rendered (registry.alliance_fragments): read cold, as here, it also
    # reads and writes the shared cache.
    "balance_member": 10 + budgets.answer_details() + budgets.kept_markup(),
    "balance_staff": 8 + budgets.answer_details() + budgets.kept_markup(),
    "balance_anonymous": 6 + budgets.kept_markup(),
    # A representative and an observer read the members' entries, not every party's
    # confidential ones: one query asks whether the page leaves some out. Members also read
    # the party's own answers, and the totals are read line by line (hours per kind).
    "party_representative": 12 + budgets.kept_markup(),
    "party_observer": 12 + budgets.kept_markup(),
    "party_anonymous": 6 + budgets.kept_markup(),
    # The API also counts the request against its rate limit in the shared cache (the
    # database cache in the tests: read, cull check and write in a savepoint).
    "api_member": 10 + API_RATE_LIMIT,
    "api_anonymous": 6 + API_RATE_LIMIT,
    "alliance_list_member": budgets.alliance_list(logged_in=True),
    "alliance_list_anonymous": budgets.alliance_list(logged_in=False),
    "front_coordinator": budgets.front_page(logged_in=True),
    "front_partner": budgets.front_page(logged_in=True),
    "front_anonymous": budgets.front_page(logged_in=False),
}

KINDS = ["virksomhed", "forening", "statslig", "andet", "borgergruppe"]
UNITS = [("penge", "kr"), ("arbejdstimer", "timer"), ("lokaler", "m2")]




@dataclass
class World:
    alliance: Alliance
    coordinator: object
    observer: object
    partner: object  # represents the last party
    staff: object
    last_party: Party


def hour_kinds(alliance: Alliance, coordinator) -> list[HourKind]:
    """The alliance's agreed rates: one kind of hours with a rate, one without."""
    return [
        services.hour_kind_create(actor=coordinator, alliance=alliance, name="Medarbejdertimer", rate=Decimal("450")),
        services.hour_kind_create(actor=coordinator, alliance=alliance, name="Frivillige timer"),
    ]


def fill(party: Party, user, number: int, *, entries: int, kinds: list[HourKind]) -> None:
    """Contributions in three units (hours of a kind with and without a rate, and a payment
    for a delivery), goals with and without a numeric target, with results (some old, some
    private), and the party's own answer."""
    for index in range(entries):
        kind, unit = UNITS[index % len(UNITS)]
        add_contribution(
            party,
            user,
            kind=kind,
            unit=unit,
            description=f"Bidrag {index} fra part {number}",
            quantity=Decimal(100 + index),
            # Hours get their worth from their kind's rate; other units from an estimate.
            estimated_value=Decimal(1000 * (index + 1)) if unit == "m2" else None,
            hour_kind=kinds[index % len(kinds)] if unit == "timer" else None,
            visibility=LEVELS[index % len(LEVELS)],
        )
    add_contribution(
        party,
        user,
        description=f"Betaling til part {number}",
        quantity=Decimal("5000"),
        is_payment=True,
        visibility="medlemmer",
    )
    for index in range(entries - 1):
        # Every other goal has a numeric target, which the results' measured values reach;
        # the others are met by a result that says so.
        numeric = index % 2 == 1
        goal = add_goal(
            party,
            user,
            title=f"Mål {index} for part {number}",
            target_value=Decimal("4") if numeric else None,
            visibility=LEVELS[index % len(LEVELS)],
        )
        # Every third party met its goals only long ago (yellow); the rest are green.
        for result in range(2):
            add_result(
                goal,
                user,
                description=f"Resultat {result} af mål {index}, part {number}",
                achieved_on=datetime.date(2025 if number % 3 == 0 else 2026, 1 + result, 1),
                meets_goal=not numeric,
                visibility=LEVELS[(index + result) % len(LEVELS)],
            )
    value_answer_create(actor=user, party=party, answer="delvist", comment=f"Part {number} får noget.")


# Every reading level, in turn: public, members, confidential.
LEVELS = ("offentlig", "medlemmer", "fortrolig")


def build(size: str) -> World:
    cvrs = valid_cvrs(40_000_000)
    lejre = Organisation.objects.get(name="Lejre Kommune")
    coordinator = make_user("koordinator", lejre)
    observer = make_user("observator", lejre)
    staff = make_user("personale", None, is_staff=True)
    entries = 2 if size == "small" else 4
    partner = None
    alliances = []
    for number in range(SIZES[size]["alliances"]):
        alliance = alliance_services.alliance_create(
            actor=coordinator,
            title=f"Værdi i balance {number:02d}",
            summary="Mad til ældre.",
            purpose="Bedre mad.",
            welfare_area="aeldre",
            lead_organisation=lejre,
            visibility=[Visibility.PUBLIC, Visibility.PRIVATE][number % 2],
        )
        alliance_services.alliance_change_phase(
            alliance=alliance, to_phase=Phase.OPERATION, actor=coordinator
        )
        alliance_services.membership_add(actor=coordinator, alliance=alliance, user=observer, role=MemberRole.OBSERVER)
        alliances.append(alliance)
    kinds = {alliance.pk: hour_kinds(alliance, coordinator) for alliance in alliances}
    big = alliances[0]
    for number in range(SIZES[size]["parties"] - 1):
        kind = KINDS[number % len(KINDS)]
        party = alliance_services.party_add_with_new_organisation(
            actor=coordinator,
            alliance=big,
            name=f"Part {number:02d}",
            kind=kind,
            cvr=next(cvrs) if kind == "virksomhed" else "",
            role_description="Bidrager.",
        )
        partner_organisation = party.organisation
        partner = make_user(f"partner-{number}", partner_organisation)
        alliance_services.membership_add(
            actor=coordinator,
            alliance=big, user=partner, role=MemberRole.PARTNER, party=party
        )
        fill(party, partner, number, entries=entries, kinds=kinds[big.pk])
    # The other alliances: a party with entries each, and the partner as a member.
    for number, alliance in enumerate(alliances[1:], start=100):
        party = alliance_services.party_add(
            actor=coordinator,
            alliance=alliance, organisation=partner_organisation, role_description="Deltager."
        )
        alliance_services.membership_add(
            actor=coordinator,
            alliance=alliance, user=partner, role=MemberRole.PARTNER, party=party
        )
        fill(party, partner, number, entries=entries, kinds=kinds[alliance.pk])
    # The organisations have confirmed that they are parties, so outsiders see them too.
    for alliance in alliances:
        consented(alliance)
    return World(
        alliance=big,
        coordinator=coordinator,
        observer=observer,
        partner=partner,
        staff=staff,
        last_party=Party.objects.get(alliance=big, organisation=partner_organisation),
    )


def balance(world: World) -> str:
    return f"/alliancer/{world.alliance.slug}/vaerdi/"


def party_page(world: World) -> str:
    return f"/alliancer/{world.alliance.slug}/vaerdi/parter/{world.last_party.pk}/"


def api(world: World) -> str:
    return f"/api/v1/alliances/{world.alliance.slug}/value-balance/"


PAGES = {
    "balance_member": ("observer", balance),
    "balance_staff": ("staff", balance),
    "balance_anonymous": (None, balance),
    "party_representative": ("partner", party_page),
    "party_observer": ("observer", party_page),
    "party_anonymous": (None, party_page),
    "api_member": ("observer", api),
    "api_anonymous": (None, api),
    "alliance_list_member": ("partner", lambda w: "/alliancer/"),
    "alliance_list_anonymous": (None, lambda w: "/alliancer/"),
    "front_coordinator": ("coordinator", lambda w: "/"),
    "front_partner": ("partner", lambda w: "/"),
    "front_anonymous": (None, lambda w: "/"),
}


def shown(size: str) -> dict:
    """Text each page must show, so a budget is never met by leaving the data out."""
    last = SIZES[size]["parties"] - 2
    entries = 2 if size == "small" else 4
    alliances = SIZES[size]["alliances"]
    return {
        "balance_member": [f"Part {last:02d}", "Giver i alt", "Betalt for leverancer", "Partens eget svar"],
        "balance_staff": [f"Part {last:02d}"],
        "balance_anonymous": [f"Part {last:02d}", "Du ser kun de poster"],
        "party_representative": [
            f"Bidrag {entries - 1} fra part {last}",
            f"Resultat 1 af mål 0, part {last}",
            "Historik",
            "Registrér bidrag",
        ],
        "party_observer": [f"Bidrag {entries - 1} fra part {last}", "Historik"],
        "party_anonymous": [f"Bidrag 0 fra part {last}", f"Resultat 0 af mål 0, part {last}"],
        "api_member": [f'"organisation":"Part {last:02d}"', '"includes_private_entries":true'],
        "api_anonymous": [
            f'"organisation":"Part {last:02d}"',
            '"includes_private_entries":false',
        ],
        "alliance_list_member": [f"Værdi i balance {alliances - 1:02d}", "grøn"],
        "alliance_list_anonymous": ["Værdi i balance 00", "grøn"],
        "front_coordinator": [
            f"Værdi i balance {alliances - 1:02d}",
            "har ikke nået et værdimål inden for de seneste tolv måneder",
            "grøn",
        ],
        "front_partner": [f"Værdi i balance {alliances - 1:02d}", "grøn"],
    }


@pytest.mark.django_db
@pytest.mark.parametrize("size", list(SIZES))
def test_pages_read_in_a_fixed_number_of_queries(
    size, today, client, django_assert_max_num_queries
):
    """Every page answers within its fixed query budget with small and large data alike, and
    shows that data (built once per size; each page is checked in turn)."""
    world = build(size)
    registry.figure_values()  # the figures are cached; a stale one is computed once
    for name, (user, path) in PAGES.items():
        client.logout()
        if user:
            client.force_login(getattr(world, user))
        url = path(world)
        with django_assert_max_num_queries(MAX_QUERIES[name], info=f"{name} ({size}): {url}"):
            response = client.get(url)
        assert response.status_code == 200, name
        body = response.content.decode()
        for text in shown(size).get(name, []):
            assert text in body, f"{name} ({size}) does not show {text!r}"
    if size == "large":
        assert world.alliance.parties.count() == 25
        assert Contribution.objects.filter(party__alliance=world.alliance).count() == 24 * 5
        assert ValueGoal.objects.filter(party__alliance=world.alliance).count() == 24 * 3
        assert Result.objects.filter(goal__party__alliance=world.alliance).count() == 24 * 6
        assert world.partner.memberships.count() == 8
