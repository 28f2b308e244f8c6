"""Password reset requests are limited per address and per client, in the shared cache,
and the answer never tells whether a limit (or an account) stopped the email."""

import pytest
from django.urls import reverse

from brobygger.accounts.services import user_create
from brobygger.accounts.views import PASSWORD_RESETS_PER_ADDRESS, PASSWORD_RESETS_PER_CLIENT


@pytest.fixture
def person(db):
    return user_create(username="glemsom", email="glemsom@example.dk", full_name="Glemsom Person", password="Sk0ven-er-grøn-2026")


def ask(client, email: str, *, captured, address: str = "198.51.100.7"):
    with captured(execute=True):
        return client.post(reverse("accounts:password_reset"), {"email": email}, REMOTE_ADDR=address)


@pytest.mark.django_db
def test_an_address_gets_a_few_links_an_hour_and_then_the_same_answer_without_email(
    person, client, mailoutbox, django_capture_on_commit_callbacks
):
    answers = [
        ask(client, "glemsom@example.dk", captured=django_capture_on_commit_callbacks)
        for _ in range(PASSWORD_RESETS_PER_ADDRESS + 2)
    ]
    assert {(answer.status_code, answer["Location"]) for answer in answers} == {(302, "/konto/nulstil/sendt/")}
    assert len(mailoutbox) == PASSWORD_RESETS_PER_ADDRESS


@pytest.mark.django_db
def test_one_client_cannot_send_links_to_many_addresses(
    person, client, mailoutbox, django_capture_on_commit_callbacks
):
    """Asking for many different addresses from one client stops at the client's limit; the
    header a client sets itself does not change who it is."""
    for number in range(PASSWORD_RESETS_PER_CLIENT):
        ask(client, f"ukendt{number}@example.dk", captured=django_capture_on_commit_callbacks)
    client.defaults["HTTP_X_FORWARDED_FOR"] = "203.0.113.99"
    ask(client, "glemsom@example.dk", captured=django_capture_on_commit_callbacks)
    assert mailoutbox == []
    # Another client still gets its link.
    ask(client, "glemsom@example.dk", captured=django_capture_on_commit_callbacks, address="198.51.100.8")
    assert [message.to for message in mailoutbox] == [["glemsom@example.dk"]]
