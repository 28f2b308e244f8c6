"""Confidential entries: read only by the party's own representatives, the alliance's
coordinators and staff. Everyone else gets pages, figures and the API without them, and is
told that something is left out."""

import datetime
import json
import re
from decimal import Decimal

import pytest
from django.contrib.auth.models import AnonymousUser
from django.urls import reverse

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import MemberRole, Party, PartyConsent
from brobygger.core.models import AuditRecord
from brobygger.ledger import selectors, services
from brobygger.ledger.models import Contribution
from brobygger.ledger.rules import read_scope, read_scope_everywhere
from conftest import make_user

from .helpers import add_contribution, add_goal, add_result, client_for, party

RATE = "Konsulenttimer til den aftalte timepris på 1.150 kr."
HIDDEN_NOTE = "Nogle poster er fortrolige"
PARTY_HIDDEN_NOTE = "Parten har fortrolige poster"


@pytest.fixture
def confidential(today, landscape):
    """The company (represented by `partner`) has a public contribution of 10.000 kr. and a
    confidential one of 40 consultant hours, 46.000 kr. at the alliance's rate, and a
    confidential goal met by a recent result; the association gets its own representative
    with a confidential entry of its own."""
    company = party(landscape.public, landscape.company)
    consultants = services.hour_kind_create(
        actor=landscape.coordinator, alliance=landscape.public, name="Konsulenttimer", rate=Decimal("1150")
    )
    add_contribution(company, landscape.partner, description="Tilskud til mælken")
    rate = add_contribution(
        company,
        landscape.partner,
        kind="ekspertise",
        description=RATE,
        quantity=Decimal("40"),
        unit="timer",
        hour_kind=consultants,
        visibility="fortrolig",
    )
    goal = add_goal(company, landscape.partner, title="Eksport til Sverige", visibility="fortrolig")
    add_result(
        goal, landscape.partner, description="Første ordre fra Malmø.", meets_goal=True, visibility="offentlig"
    )
    association = party(landscape.public, landscape.association)
    volunteer = make_user("frivillig", landscape.association)
    alliance_services.membership_add(
        actor=landscape.coordinator,
        alliance=landscape.public,
        user=volunteer,
        role=MemberRole.PARTNER,
        party=association,
    )
    own = add_contribution(
        association, volunteer, description="Foreningens egne kørselsudgifter", visibility="fortrolig"
    )
    return {"company": company, "rate": rate, "goal": goal, "association": association, "volunteer": volunteer, "own": own}


def balance_row(user, alliance, party):
    balance = selectors.value_balance(alliance=alliance, scope=read_scope(user, alliance))
    return balance, next(row for row in balance.parties if row.party.pk == party.pk)


def test_who_reads_a_confidential_entry(landscape, confidential):
    """The company's partner, the coordinator and staff read the hourly rate; the observer (a
    member, but no representative), another party's representative and outsiders do not."""
    url = reverse("ledger:party", kwargs={"slug": landscape.public.slug, "party_id": confidential["company"].pk})
    for user, reads in (
        (landscape.partner, True),
        (landscape.coordinator, True),
        (landscape.staff, True),
        (landscape.observer, False),
        (confidential["volunteer"], False),
        (landscape.outsider, False),
        (None, False),
    ):
        body = client_for(user).get(url).content.decode()
        assert (RATE in body) is reads, user
        assert ("Eksport til Sverige" in body) is reads, user
        # The public result on the confidential goal goes with its goal.
        assert ("Første ordre fra Malmø." in body) is reads, user


def test_a_representative_reads_the_confidential_entries_of_their_own_party_only(landscape, confidential):
    volunteer = client_for(confidential["volunteer"])
    own = reverse("ledger:party", kwargs={"slug": landscape.public.slug, "party_id": confidential["association"].pk})
    body = volunteer.get(own).content.decode()
    assert "Foreningens egne kørselsudgifter" in body
    assert "Fortrolig" in body
    assert PARTY_HIDDEN_NOTE not in body


def test_members_are_told_that_something_is_left_out(landscape, confidential):
    """The observer's pages say that confidential entries are left out; the coordinator's
    do not (nothing is); outsiders are told that they see public entries only."""
    balance_url = reverse("ledger:balance", kwargs={"slug": landscape.public.slug})
    party_url = reverse("ledger:party", kwargs={"slug": landscape.public.slug, "party_id": confidential["company"].pk})
    observer = client_for(landscape.observer)
    assert HIDDEN_NOTE in observer.get(balance_url).content.decode()
    assert PARTY_HIDDEN_NOTE in observer.get(party_url).content.decode()
    coordinator = client_for(landscape.coordinator)
    assert HIDDEN_NOTE not in coordinator.get(balance_url).content.decode()
    assert PARTY_HIDDEN_NOTE not in coordinator.get(party_url).content.decode()
    anonymous = client_for(None).get(balance_url).content.decode()
    assert HIDDEN_NOTE not in anonymous and "Du ser kun de poster" in anonymous


def test_figures_are_computed_over_what_the_reader_reads(landscape, confidential):
    """The company contributed 10.000 kr. in public and 46.000 kr. in confidence: the partner
    and the coordinator see 56.000 kr. and green (the confidential goal was met by a recent
    result); the observer sees 10.000 kr. and red (no goal they may read)."""
    company = confidential["company"]
    for user, kroner, hours, status, goals in (
        (landscape.partner, Decimal("56000"), Decimal("40"), "green", 1),
        (landscape.coordinator, Decimal("56000"), Decimal("40"), "green", 1),
        (landscape.staff, Decimal("56000"), Decimal("40"), "green", 1),
        (landscape.observer, Decimal("10000"), Decimal("0"), "red", 0),
        (AnonymousUser(), Decimal("10000"), Decimal("0"), "red", 0),
    ):
        balance, row = balance_row(user, landscape.public, company)
        assert (row.contributed_kroner, row.hours_total, row.status, row.goals.total) == (
            kroner,
            hours,
            status,
            goals,
        ), user
    observer_balance, _row = balance_row(landscape.observer, landscape.public, company)
    assert observer_balance.hides_entries
    assert not balance_row(landscape.coordinator, landscape.public, company)[0].hides_entries


def test_the_alliance_card_counts_what_the_reader_reads(landscape, confidential):
    """The green/yellow/red tally on the alliance cards: the company is green for its partner,
    red for the observer."""
    alliances = [landscape.public]
    for user, green in ((landscape.partner, 1), (landscape.coordinator, 1), (landscape.observer, 0)):
        fresh = type(user).objects.get(pk=user.pk)
        counts = selectors.status_counts(alliances, scope=read_scope_everywhere(fresh))
        assert counts[landscape.public.pk].green == green, user


def test_the_api_answers_as_the_page(landscape, confidential):
    url = reverse("api:value_balance", kwargs={"slug": landscape.public.slug})

    def company_row(user):
        data = json.loads(client_for(user).get(url).content)
        row = next(row for row in data["parties"] if row["party_id"] == confidential["company"].pk)
        return data["entries_left_out"], row["contributed_kroner"], row["status"]

    assert company_row(landscape.partner) == (True, "56000.00", "green")  # the association's is left out
    assert company_row(landscape.coordinator) == (False, "56000.00", "green")
    assert company_row(landscape.observer) == (True, "10000.00", "red")


def test_other_members_cannot_open_a_confidential_entry(landscape, confidential):
    """The edit and delete pages of a confidential entry do not exist for the association's
    representative (who may write nothing of the company's anyway) and the observer."""
    rate = confidential["rate"]
    for view in ("ledger:contribution_edit", "ledger:contribution_delete"):
        url = reverse(view, kwargs={"slug": landscape.public.slug, "pk": rate.pk})
        assert client_for(landscape.observer).get(url).status_code == 404
        assert client_for(confidential["volunteer"]).get(url).status_code == 404
        assert client_for(landscape.partner).get(url).status_code == 200


def test_the_history_names_a_confidential_entry_only_to_its_readers(landscape, confidential):
    """The party's history shows the observer that a confidential entry was created and
    changed, when and by whom, but not what it is or what changed; the partner sees all."""
    services.contribution_update(actor=landscape.partner, contribution=confidential["rate"], quantity=Decimal("44"))
    assert AuditRecord.objects.filter(object_id=confidential["rate"].pk, restricted=True).count() == 2
    url = reverse("ledger:party", kwargs={"slug": landscape.public.slug, "party_id": confidential["company"].pk})
    observer = client_for(landscape.observer).get(url).content.decode()
    assert "Bidrag (fortrolig post) oprettet" in observer
    assert "Bidrag (fortrolig post) ændret" in observer
    assert RATE not in observer and "Mængde" not in observer.split('id="history-heading"')[1]
    partner = client_for(landscape.partner).get(url).content.decode()
    assert f"Bidrag »{RATE}« oprettet" in partner
    assert "Mængde: 40 → 44" in partner


def test_making_an_entry_public_again_keeps_its_confidential_past_restricted(landscape, confidential):
    """A confidential entry turned public: readers see it now, but the record of the change
    (whose old values were confidential) stays restricted."""
    services.contribution_update(actor=landscape.partner, contribution=confidential["rate"], visibility="offentlig")
    record = AuditRecord.objects.filter(object_id=confidential["rate"].pk).order_by("-pk").first()
    assert record.restricted
    url = reverse("ledger:party", kwargs={"slug": landscape.public.slug, "party_id": confidential["company"].pk})
    assert RATE in client_for(None).get(url).content.decode()


def test_the_form_offers_three_levels_and_explains_access_to_documents(landscape, confidential):
    """The choice sits in the form with its explanation, and choosing confidential stores it."""
    client = client_for(landscape.partner)
    url = reverse("ledger:contribution_add", kwargs={"slug": landscape.public.slug, "party_id": confidential["company"].pk})
    body = client.get(url).content.decode()
    assert body.count('name="visibility"') == 3
    assert "aktindsigt" in body
    # A new entry is for the alliance's members unless the writer chooses otherwise.
    assert re.search(r'value="medlemmer"[^>]*\bchecked\b', body)
    assert not re.search(r'value="fortrolig"[^>]*\bchecked\b', body)
    response = client.post(
        url,
        {
            "kind": "data",
            "description": "Salgstal for skolemælk",
            "quantity": "12",
            "unit": "stk",
            "estimated_value": "",
            "period_start": "2026-01-01",
            "period_end": "",
            "visibility": "fortrolig",
        },
    )
    assert response.status_code == 302
    assert Contribution.objects.get(description="Salgstal for skolemælk").visibility == "fortrolig"


def test_an_unconfirmed_partys_ledger_is_not_shown_outside_the_alliance(landscape, today):
    """A party its organisation has not confirmed has no ledger page and no row for outsiders;
    members see both."""
    roskilde = alliance_services.party_add(
        actor=landscape.coordinator, alliance=landscape.public, organisation=landscape.roskilde, role_description="Lokaler."
    )
    assert roskilde.consent == PartyConsent.PENDING
    add_contribution(roskilde, landscape.coordinator, description="Roskildes lokaler")
    url = reverse("ledger:party", kwargs={"slug": landscape.public.slug, "party_id": roskilde.pk})
    assert client_for(None).get(url).status_code == 404
    assert client_for(landscape.outsider).get(url).status_code == 404
    assert client_for(landscape.observer).get(url).status_code == 200
    balance_url = reverse("ledger:balance", kwargs={"slug": landscape.public.slug})
    assert "Roskilde Kommune" not in client_for(None).get(balance_url).content.decode()
    assert "Roskilde Kommune" in client_for(landscape.observer).get(balance_url).content.decode()
    Party.objects.filter(pk=roskilde.pk).update(consent=PartyConsent.CONFIRMED)
    assert client_for(None).get(url).status_code == 200


def test_results_of_a_confidential_goal_count_as_confidential(landscape, confidential, today):
    """A result marked public under a confidential goal is as confidential as its goal: its
    record is restricted too."""
    result = add_result(confidential["goal"], landscape.partner, achieved_on=datetime.date(2026, 11, 1))
    assert AuditRecord.objects.get(object_id=result.pk, content_type__model="result").restricted
