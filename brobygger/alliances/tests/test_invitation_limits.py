"""Brobygger must not become a way to send mail in bulk, or links of someone's choosing,
from a municipality's name: invitations are limited per inviter and per alliance (counted
in the database), and what the inviter writes into the email holds no link."""

import re

import pytest
from django.core.exceptions import ValidationError

from brobygger.alliances import services
from brobygger.alliances.models import Alliance, Invitation, MemberRole


def invite(landscape, number: int, *, alliance=None, **overrides):
    alliance = alliance or landscape.public
    values = {
        "actor": landscape.coordinator,
        "alliance": alliance,
        "email": f"person{number}@example.dk",
        "name": f"Person {number}",
        "role": MemberRole.OBSERVER,
        "party": alliance.parties.get(organisation=landscape.lejre),
        "base_url": "https://brobygger.example/",
        **overrides,
    }
    return services.invitation_create(**values)


@pytest.mark.django_db
def test_an_inviter_sends_only_so_many_invitations_a_day(landscape, settings, mailoutbox, django_capture_on_commit_callbacks, today):
    settings.BROBYGGER_INVITATIONS_PER_INVITER_PER_DAY = 3
    with django_capture_on_commit_callbacks(execute=True):
        for number in range(2):
            invite(landscape, number)
        invite(landscape, 2, alliance=landscape.internal)
    with pytest.raises(ValidationError) as refused:
        invite(landscape, 3, alliance=landscape.private)
    assert "det seneste døgn" in refused.value.message_dict["email"][0]
    assert Invitation.objects.count() == 3
    assert len(mailoutbox) == 3


@pytest.mark.django_db
def test_an_alliance_sends_only_so_many_invitations_a_day(landscape, settings, today):
    settings.BROBYGGER_INVITATIONS_PER_ALLIANCE_PER_DAY = 2
    staff = landscape.staff
    invite(landscape, 0)
    invite(landscape, 1, actor=staff)
    with pytest.raises(ValidationError, match="Alliancen har sendt 2 invitationer"):
        invite(landscape, 2, actor=staff)
    # Another alliance is not affected.
    invite(landscape, 3, alliance=landscape.internal)


@pytest.mark.django_db
@pytest.mark.parametrize(
    "name", ["Se https://lokkemad.example", "Besøg www.lokkemad.dk", "Gevinst på lokkemad.com", "skriv til a@b.dk"]
)
def test_an_invitee_name_with_a_link_is_refused(landscape, name):
    with pytest.raises(ValidationError) as refused:
        invite(landscape, 0, name=name)
    assert refused.value.message_dict["name"] == ["Må ikke indeholde en webadresse eller en e-mailadresse."]
    assert not Invitation.objects.exists()


@pytest.mark.django_db
def test_a_long_invitee_name_is_refused(landscape):
    with pytest.raises(ValidationError, match="højst have 100 tegn"):
        invite(landscape, 0, name="N" * 101)


@pytest.mark.django_db
def test_an_alliance_title_with_a_link_is_refused(landscape):
    with pytest.raises(ValidationError) as refused:
        services.alliance_create(
            actor=landscape.coordinator,
            title="Vind en rejse på rejser.dk",
            summary="Resumé.",
            purpose="Formål.",
            welfare_area="aeldre",
            lead_organisation=landscape.lejre,
            visibility="privat",
        )
    assert "title" in refused.value.message_dict
    assert not Alliance.objects.filter(title__contains="rejser").exists()


@pytest.mark.django_db
def test_names_and_titles_without_links_pass(landscape, today):
    """Ordinary names and titles with abbreviations and numbers are not mistaken for links."""
    invite(landscape, 0, name="A.P. Møller-Jensen")
    services.alliance_update(
        actor=landscape.coordinator,
        alliance=landscape.public,
        title="Sund by 2.0 – f.eks. i St. Heddinge",
        summary="Resumé.",
        purpose="Formål.",
        welfare_area="aeldre",
        lead_organisation=landscape.lejre,
        visibility="offentlig",
    )


@pytest.mark.django_db
def test_the_invitation_email_holds_one_link_its_own(landscape, mailoutbox, django_capture_on_commit_callbacks, today):
    with django_capture_on_commit_callbacks(execute=True):
        _invitation, token = invite(landscape, 0)
    body = mailoutbox[0].body
    assert re.findall(r"https?://\S+", body) == [f"https://brobygger.example/konto/invitation/{token}/"]
