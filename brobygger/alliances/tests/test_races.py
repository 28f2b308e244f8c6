"""Two people (or two tabs) doing the same thing at the same moment (issue 12): answering
invitations, creating the same organisation. The one who comes second gets a clear Danish
message on the page, never a server error, and nothing is created twice. (Creating two
alliances with the same title at once is in test_services.py.)"""

import pytest
from django.db import connection
from django.test import Client

from brobygger.accounts.models import User
from brobygger.alliances import services, views
from brobygger.alliances.models import MemberRole, Membership, Organisation

PASSWORD = "Mælkebøtte-i-maj-77"
EMAIL = "nina@landmaend.example"


def invite(landscape, alliance) -> str:
    _invitation, token = services.invitation_create(
        actor=landscape.coordinator,
        alliance=alliance,
        email=EMAIL,
        name="Nina Nielsen",
        role=MemberRole.OBSERVER,
        party=alliance.parties.get(organisation=landscape.association),
        base_url="http://testserver/",
    )
    return f"/konto/invitation/{token}/"


def accept(link: str):
    client = Client(raise_request_exception=False)
    return client.post(link, {"password1": PASSWORD, "password2": PASSWORD})


@pytest.mark.django_db
def test_the_same_invitation_accepted_in_two_tabs_at_once(today, landscape, monkeypatch):
    """The other tab accepts after this request has found the invitation open and no account
    for the address: this one is told the invitation is used, and one account exists."""
    link = invite(landscape, landscape.public)
    accept_for_real = services.invitation_accept

    def the_other_tab_first(**kwargs):
        monkeypatch.setattr(views.services, "invitation_accept", accept_for_real)
        assert accept(link).status_code == 302
        return accept_for_real(**kwargs)

    monkeypatch.setattr(views.services, "invitation_accept", the_other_tab_first)
    response = accept(link)
    assert response.status_code == 400
    assert "Invitationen er allerede brugt" in response.content.decode()
    assert User.objects.filter(email=EMAIL).count() == 1
    assert Membership.objects.filter(user__email=EMAIL).count() == 1


@pytest.mark.django_db
def test_two_invitations_to_one_address_accepted_at_the_same_moment(today, landscape):
    """Nina was invited to two alliances and sets her password on both links at once. Her
    account is created by the other request after this one's last check and before its save:
    this one gets a message on the page saying the account exists and to log in, not a server
    error. (The other request runs on the same connection, inside this one's transaction, so
    what it wrote is rolled back with this one: only the answer is checked.)"""
    mine, other = invite(landscape, landscape.public), invite(landscape, landscape.internal)
    state = {"done": False}

    def the_other_link_first(execute, sql, params, many, context):
        result = execute(sql, params, many, context)
        # The last check before the save: the unique address, as full_clean() asks it.
        if not state["done"] and '"accounts_user" U0' in sql and 'LOWER(U0."email")' in sql:
            state["done"] = True
            assert accept(other).status_code == 302
        return result

    with connection.execute_wrapper(the_other_link_first):
        response = accept(mine)
    assert state["done"]
    assert response.status_code == 400
    assert "Der er allerede en konto med e-mailadressen nina@landmaend.example" in response.content.decode()


@pytest.mark.django_db
def test_two_people_create_the_same_company_at_the_same_moment(landscape, monkeypatch):
    """Two coordinators add Nyt Firma (CVR 25313763) as a new organisation at once. The other
    one saves it after this request's checks and before its save: this one is told, next to
    the CVR field, that the company exists and to pick it."""
    full_clean = Organisation.full_clean
    state = {"done": False}

    def the_other_saves_first(self, *args, **kwargs):
        full_clean(self, *args, **kwargs)
        if not state["done"]:
            state["done"] = True
            services.organisation_create(actor=landscape.staff, name="Nyt Firma A/S", kind="virksomhed", cvr="25313763")

    monkeypatch.setattr(Organisation, "full_clean", the_other_saves_first)
    client = Client(raise_request_exception=False)
    client.force_login(landscape.coordinator)
    response = client.post(
        f"/alliancer/{landscape.public.slug}/parter/ny/",
        {
            "source": "ny",
            "new_name": "Nyt Firma",
            "new_kind": "virksomhed",
            "new_cvr": "25313763",
            "role_description": "Leverer kasser.",
        },
    )
    assert state["done"]
    assert response.status_code == 400
    assert "Nyt Firma A/S er allerede oprettet med dette CVR-nummer." in response.content.decode()
