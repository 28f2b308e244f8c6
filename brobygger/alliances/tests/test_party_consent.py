"""Naming an organisation as a party needs its consent: until a verified employee of the
organisation (or staff) confirms, the party counts nowhere outside the alliance."""

import datetime
import re

import pytest
from django.test import Client
from django.urls import reverse

from brobygger.alliances import selectors, services
from brobygger.alliances.models import Alliance, Party, PartyConsent, Visibility
from conftest import make_user


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def named(landscape):
    """The coordinator (Lejre) names Roskilde Kommune as a party of the public and the internal
    alliance without asking; Roskilde's employee (`outsider`) has not answered."""
    return {
        visibility: services.party_add(
            actor=landscape.coordinator,
            alliance=getattr(landscape, visibility),
            organisation=landscape.roskilde,
            role_description="Stiller lokaler til rådighed.",
        )
        for visibility in ("public", "internal")
    }


def test_an_unanswered_naming_is_invisible_outside_the_alliance(landscape, named):
    """Outside the alliance nobody can tell that Roskilde was named: not on the public page,
    not on Roskilde's own page, not in search, the sector filter, the API or the figures."""
    before = selectors.participating_organisation_count()
    anonymous = Client()
    alliance_page = anonymous.get(landscape.public.get_absolute_url()).content.decode()
    assert "Roskilde Kommune" not in alliance_page
    organisation_page = anonymous.get(landscape.roskilde.get_absolute_url()).content.decode()
    assert landscape.public.title not in organisation_page
    found = anonymous.get(reverse("alliances:list"), {"q": "Roskilde"}).content.decode()
    assert landscape.public.title not in found
    api = anonymous.get(reverse("api:alliance_detail", kwargs={"slug": landscape.public.slug})).json()
    assert "Roskilde Kommune" not in {party["organisation"] for party in api["parties"]}
    # The organisation is in no confirmed party, so it is not counted as participating.
    assert before == selectors.participating_organisation_count()
    assert not Party.objects.filter(organisation=landscape.roskilde, consent=PartyConsent.CONFIRMED).exists()


def test_members_see_the_naming_marked_as_awaiting(landscape, named):
    """Inside the alliance the party is there, marked as waiting for the organisation."""
    body = client_for(landscape.observer).get(landscape.public.get_absolute_url()).content.decode()
    assert "Roskilde Kommune" in body
    assert "Afventer organisationens bekræftelse" in body


def test_an_unanswered_naming_opens_no_internal_alliance(landscape, named):
    """Roskilde's employee does not get to read the internal alliance because someone named
    Roskilde in it."""
    response = client_for(landscape.outsider).get(landscape.internal.get_absolute_url())
    assert response.status_code == 404


def test_the_organisation_is_asked_and_confirms_on_its_page(landscape, named):
    """Roskilde's employee is told on the front page, answers on Roskilde's page, and from
    then on the party counts: on the public page and Roskilde's page, and the internal
    alliance opens to Roskilde's employees."""
    employee = client_for(landscape.outsider)
    front = employee.get("/").content.decode()
    assert f"Alliancen »{landscape.public.title}« har angivet Roskilde Kommune som part" in front
    assert f'{landscape.roskilde.get_absolute_url()}#consent-heading' in front

    page = employee.get(landscape.roskilde.get_absolute_url()).content.decode()
    assert 'id="consent-heading"' in page
    assert landscape.public.title in page and landscape.internal.title in page

    for party in named.values():
        url = reverse("alliances:party_confirm", kwargs={"pk": landscape.roskilde.pk, "party_id": party.pk})
        response = employee.post(url)
        assert response.status_code == 302
        assert response["Location"] == landscape.roskilde.get_absolute_url()
        party.refresh_from_db()
        assert (party.consent, party.consent_by) == (PartyConsent.CONFIRMED, landscape.outsider)

    assert "Roskilde Kommune" in Client().get(landscape.public.get_absolute_url()).content.decode()
    assert landscape.public.title in Client().get(landscape.roskilde.get_absolute_url()).content.decode()
    assert employee.get(landscape.internal.get_absolute_url()).status_code == 200
    assert "Ingen alliancer venter på jeres svar." in employee.get(landscape.roskilde.get_absolute_url()).content.decode()


def test_a_declined_naming_stays_hidden_and_cannot_be_answered_again(landscape, named):
    """A declined party is marked for the members, stays out of every outside view, and its
    answer buttons are gone (a second answer is a 404)."""
    employee = client_for(landscape.outsider)
    url = reverse("alliances:party_decline", kwargs={"pk": landscape.roskilde.pk, "party_id": named["public"].pk})
    assert employee.post(url).status_code == 302
    named["public"].refresh_from_db()
    assert named["public"].consent == PartyConsent.DECLINED
    assert "Roskilde Kommune" not in Client().get(landscape.public.get_absolute_url()).content.decode()
    members_view = client_for(landscape.observer).get(landscape.public.get_absolute_url()).content.decode()
    assert "Afvist af organisationen" in members_view
    confirm = reverse("alliances:party_confirm", kwargs={"pk": landscape.roskilde.pk, "party_id": named["public"].pk})
    assert employee.post(confirm).status_code == 404
    named["public"].refresh_from_db()
    assert named["public"].consent == PartyConsent.DECLINED


def test_a_colleague_in_the_alliance_cannot_answer_for_another_organisation(landscape, named):
    """The coordinator who named Roskilde cannot confirm on Roskilde's behalf: 404, unchanged."""
    url = reverse("alliances:party_confirm", kwargs={"pk": landscape.roskilde.pk, "party_id": named["public"].pk})
    assert client_for(landscape.coordinator).post(url).status_code == 404
    named["public"].refresh_from_db()
    assert named["public"].consent == PartyConsent.PENDING
    # Nor is the question shown on Roskilde's page to someone who does not work there.
    page = client_for(landscape.coordinator).get(landscape.roskilde.get_absolute_url()).content.decode()
    assert 'id="consent-heading"' not in page


def test_the_party_in_the_address_must_name_the_organisation_in_the_address(landscape, named):
    """Answering through another organisation's address (one the user works for) changes
    nothing: the party is looked up under the organisation in the address."""
    lejre_employee = client_for(landscape.public_employee)
    url = reverse("alliances:party_confirm", kwargs={"pk": landscape.lejre.pk, "party_id": named["public"].pk})
    assert lejre_employee.post(url).status_code == 404
    named["public"].refresh_from_db()
    assert named["public"].consent == PartyConsent.PENDING


def test_a_public_alliance_needs_its_lead_to_confirm(landscape):
    """Roskilde's employee cannot publish an alliance in Lejre's name: the form answers 400
    with the reason next to the visibility field, and nothing is saved. Internal works, and the
    lead is asked."""
    client = client_for(landscape.outsider)
    data = {
        "title": "Lejres nye alliance",
        "summary": "Resumé.",
        "purpose": "Formål.",
        "welfare_area": "aeldre",
        "lead_organisation": landscape.lejre.pk,
        "phase": "ide",
        "visibility": Visibility.PUBLIC,
    }
    count = Alliance.objects.count()
    response = client.post(reverse("alliances:create"), data)
    assert response.status_code == 400
    error = re.search(r'id="id_visibility-error">(.*?)</span>\s*</?', response.content.decode(), re.S)
    assert error is not None
    assert "ledende organisation har bekræftet" in error.group(1) or "ledende organisation har bekræftet" in response.content.decode()
    assert Alliance.objects.count() == count

    response = client.post(reverse("alliances:create"), {**data, "visibility": Visibility.INTERNAL})
    assert response.status_code == 302
    lead_party = Alliance.objects.get(title="Lejres nye alliance").parties.get()
    assert lead_party.consent == PartyConsent.PENDING
    messages = [item.message for item in selectors.consent_attention_items(landscape.public_employee, day=datetime.date(2026, 12, 3))]
    assert any("Lejres nye alliance" in message for message in messages)


def test_staff_list_the_parties_confirmed_at_the_transition(landscape):
    """Parties that existed before consent was required were confirmed with a note; staff see
    them on one page, others get a 404."""
    party = landscape.public.parties.get(organisation=landscape.company)
    Party.objects.filter(pk=party.pk).update(consent_by=None, consent_note="Bekræftet ved overgangen.")
    body = client_for(landscape.staff).get(reverse("alliances:parties_at_the_transition")).content.decode()
    assert "Mejeriet A/S" in body and landscape.public.title in body
    assert client_for(landscape.coordinator).get(reverse("alliances:parties_at_the_transition")).status_code == 404


def test_an_employee_naming_their_own_organisation_confirms_it(landscape):
    """A verified employee of the organisation names it with its consent: no question is asked."""
    roskilde_employee = make_user("roskilde2", landscape.roskilde)
    services.membership_add(
        actor=landscape.coordinator, alliance=landscape.internal, user=roskilde_employee, role="koordinator"
    )
    party = services.party_add(
        actor=roskilde_employee,
        alliance=landscape.internal,
        organisation=landscape.roskilde,
        role_description="Med.",
    )
    assert (party.consent, party.consent_by) == (PartyConsent.CONFIRMED, roskilde_employee)
