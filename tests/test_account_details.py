"""A user changes their own name and email on "Min konto"; a new address counts only once the
link sent to it has been followed, and it re-runs the organisation rule."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from brobygger.alliances.models import Affiliation, AffiliationStatus
from brobygger.core.models import AuditRecord


@pytest.fixture
def post_and_send(django_capture_on_commit_callbacks):
    def post(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def link_in(message) -> str:
    match = re.search(r"https?://[^/\s]+(/konto/e-mail/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


def test_a_user_changes_their_name(landscape):
    client = client_for(landscape.partner)
    assert "Ret navn og e-mail" in client.get(reverse("accounts:profile")).content.decode()
    response = client.post(reverse("accounts:details"), {"full_name": "Petra Partner Hansen", "email": landscape.partner.email})
    assert response.status_code == 302
    landscape.partner.refresh_from_db()
    assert (landscape.partner.first_name, landscape.partner.last_name) == ("Petra", "Partner Hansen")
    assert AuditRecord.objects.filter(object_id=landscape.partner.pk, changes__has_key="first_name").exists()


def test_a_new_email_counts_only_after_its_link_is_followed(landscape, mailoutbox, post_and_send):
    """The link goes to the new address; until it is followed nothing changes; following it
    (a POST, so a mail scanner's visit changes nothing) changes the address, and the user's
    verified organisation must be verified again."""
    partner = landscape.partner
    old_email = partner.email
    client = client_for(partner)
    response = post_and_send(client, reverse("accounts:details"), {"full_name": "Partner Testesen", "email": "ny@mejeriet.example"})
    assert response.status_code == 302
    partner.refresh_from_db()
    assert partner.email == old_email
    assert [message.to for message in mailoutbox] == [["ny@mejeriet.example"]]
    link = link_in(mailoutbox[0])

    assert client.get(link).status_code == 200
    partner.refresh_from_db()
    assert partner.email == old_email
    assert client.post(link).status_code == 302
    partner.refresh_from_db()
    assert partner.email == "ny@mejeriet.example"
    assert Affiliation.objects.get(user=partner).status == AffiliationStatus.REQUESTED
    # Used once: the link names the old address, so it no longer works.
    assert client.get(link).status_code == 404


def test_only_the_user_the_link_was_sent_for_can_use_it(landscape, mailoutbox, post_and_send):
    post_and_send(client_for(landscape.partner), reverse("accounts:details"), {"full_name": "Partner Testesen", "email": "ny@mejeriet.example"})
    link = link_in(mailoutbox[0])
    other = client_for(landscape.observer)
    assert other.get(link).status_code == 404
    assert other.post(link).status_code == 404
    landscape.partner.refresh_from_db()
    assert landscape.partner.email != "ny@mejeriet.example"
    anonymous = Client().get(link)
    assert anonymous.status_code == 302 and anonymous["Location"].startswith(reverse("accounts:login"))


def test_an_address_in_use_is_refused_next_to_the_field_and_nothing_is_saved(landscape, mailoutbox):
    client = client_for(landscape.partner)
    response = client.post(reverse("accounts:details"), {"full_name": "Et Andet Navn", "email": landscape.observer.email})
    assert response.status_code == 400
    body = response.content.decode()
    error = body.split('id="id_email-error"')[1].split("</span>\n")[0]
    assert "Der findes allerede en bruger med denne e-mail." in error
    landscape.partner.refresh_from_db()
    assert landscape.partner.first_name != "Et"
    assert mailoutbox == []


@pytest.mark.parametrize("data, field", [({"full_name": "", "email": "a@b.dk"}, "full_name"), ({"full_name": "Navn", "email": "ikke en adresse"}, "email")])
def test_bad_input_is_refused_in_danish(landscape, data, field):
    response = client_for(landscape.partner).post(reverse("accounts:details"), data)
    assert response.status_code == 400
    assert f'id="id_{field}-error"' in response.content.decode()
