"""Issue 12 across apps: a member's own party ("Din part": the ledger's and the agreement's
entries on the foundation's alliance page) and the front page's reminder when it has no
value goal."""

from django.test import Client
from django.urls import reverse

from brobygger.alliances import services
from brobygger.ledger.tests.helpers import add_goal


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_a_member_finds_their_own_party_and_what_it_lacks(landscape):
    """The company's partner sees "Din part" on the alliance page with links to the party's
    ledger and its part of the agreement, each saying what is missing; the observer, who
    speaks for no party, and outsiders do not see the box."""
    page = client_for(landscape.partner).get(landscape.public.get_absolute_url()).content.decode()
    box = page.split('id="my-party-heading"')[1].split("</section>")[0]
    assert "Din part: Mejeriet A/S" in page
    company = landscape.public.parties.get(organisation=landscape.company)
    assert reverse("ledger:party", kwargs={"slug": landscape.public.slug, "party_id": company.pk}) in box
    assert "Ingen værdimål endnu" in box
    assert reverse("agreements:part_edit", kwargs={"slug": landscape.public.slug, "party_id": company.pk}) in box
    assert "Ikke skrevet" in box
    for user in (landscape.observer, landscape.outsider, None):
        assert 'id="my-party-heading"' not in client_for(user).get(landscape.public.get_absolute_url()).content.decode()


def test_a_representative_is_told_when_their_party_has_no_value_goal(landscape, today):
    """The front page tells the company's partner that their party has no value goal yet, in
    each running alliance, with a link to write one; once it has one, the item goes."""
    for alliance in (landscape.public, landscape.internal, landscape.private):
        services.alliance_change_phase(actor=landscape.coordinator, alliance=alliance, to_phase="drift")
    front = client_for(landscape.partner).get("/").content.decode()
    assert front.count("Din part, Mejeriet A/S, har endnu intet værdimål") == 3
    company = landscape.public.parties.get(organisation=landscape.company)
    assert reverse("ledger:goal_add", kwargs={"slug": landscape.public.slug, "party_id": company.pk}) in front
    add_goal(company, landscape.partner)
    front = client_for(landscape.partner).get("/").content.decode()
    assert front.count("Din part, Mejeriet A/S, har endnu intet værdimål") == 2
    # The observer speaks for no party and is not asked.
    assert "har endnu intet værdimål" not in client_for(landscape.observer).get("/").content.decode()
