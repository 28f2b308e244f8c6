"""Logging in, with the username or the email address."""

import pytest

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
