"""Logging in, with the username or the email address."""

import re

import pytest
from django.test import Client

from conftest import PASSWORD


@pytest.mark.parametrize("login_name", ["partner", "partner@example.dk", "PARTNER@Example.dk"])
def test_login_with_username_or_email(client, landscape, login_name):
    """An invited person knows their email; it works as the login name, in any case."""
    response = client.post("/konto/login/", {"username": login_name, "password": PASSWORD})
    assert response.status_code == 302
    assert client.get("/konto/").context["user"] == landscape.partner


def test_wrong_password_is_refused_with_a_danish_message(client, landscape):
    """A wrong password answers 400 and says so in Danish, whatever the login name."""
    response = client.post("/konto/login/", {"username": "partner@example.dk", "password": "forkert"})
    assert response.status_code == 400
    assert "korrekt" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_inactive_user_cannot_log_in_by_email(client, landscape):
    """A deactivated account stays locked out, also through its email."""
    landscape.partner.is_active = False
    landscape.partner.save()
    response = client.post("/konto/login/", {"username": "partner@example.dk", "password": PASSWORD})
    assert response.status_code == 400
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_passwords_lock_that_name_from_that_address(client, landscape, mailoutbox, django_capture_on_commit_callbacks):
    """After five wrong passwords for one username from one address, even the right password
    is refused there with a Danish page (429) that offers a new password; the same account
    from another address still logs in, and setting a new password lifts the lock."""
    for _ in range(5):
        client.post("/konto/login/", {"username": "partner", "password": "forkert"}, REMOTE_ADDR="198.51.100.20")
    locked = client.post("/konto/login/", {"username": "partner", "password": PASSWORD}, REMOTE_ADDR="198.51.100.20")
    assert locked.status_code == 429
    page = locked.content.decode()
    assert "For mange forsøg" in page
    assert 'href="/konto/nulstil/"' in page
    assert "_auth_user_id" not in client.session

    elsewhere = Client()
    response = elsewhere.post("/konto/login/", {"username": "partner", "password": PASSWORD}, REMOTE_ADDR="198.51.100.21")
    assert response.status_code == 302

    with django_capture_on_commit_callbacks(execute=True):
        client.post("/konto/nulstil/", {"email": landscape.partner.email}, REMOTE_ADDR="198.51.100.20")
    link = re.search(r"https?://[^/\s]+(/konto/nulstil/[^/\s]+/[^/\s]+/)", mailoutbox[-1].body).group(1)
    form = client.get(link, follow=True)
    client.post(form.redirect_chain[-1][0], {"new_password1": "Ny-Mælkebøtte-88", "new_password2": "Ny-Mælkebøtte-88"})
    unlocked = client.post("/konto/login/", {"username": "partner", "password": "Ny-Mælkebøtte-88"}, REMOTE_ADDR="198.51.100.20")
    assert unlocked.status_code == 302


def test_the_admin_login_is_protected_too(client, landscape):
    for _ in range(5):
        client.post("/admin/login/", {"username": "personale", "password": "forkert"}, REMOTE_ADDR="198.51.100.30")
    locked = client.post("/admin/login/", {"username": "personale", "password": PASSWORD}, REMOTE_ADDR="198.51.100.30")
    assert locked.status_code == 429
    assert "For mange forsøg" in locked.content.decode()


def test_a_forwarded_for_header_from_an_unknown_peer_does_not_change_the_address(client, landscape):
    """Someone cannot escape the lock by claiming another address in a header."""
    for number in range(6):
        client.post(
            "/konto/login/",
            {"username": "partner", "password": "forkert"},
            REMOTE_ADDR="198.51.100.40",
            HTTP_X_FORWARDED_FOR=f"203.0.113.{number}",
        )
    locked = client.post("/konto/login/", {"username": "partner", "password": PASSWORD}, REMOTE_ADDR="198.51.100.40")
    assert locked.status_code == 429
