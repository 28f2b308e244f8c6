"""Inviting a member by email, accepting through the link, and resetting a password — all
through the pages, with the emails going through the task queue."""

import datetime
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.conf import settings
from django.contrib.auth import SESSION_KEY
from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.alliances.models import Affiliation, Invitation, MemberRole, Membership
from brobygger.testing.html import VOID_ELEMENTS

PASSWORD = "Sk0ven-er-grøn-2026"
NEW_PASSWORD = "Mælkebøtte-i-maj-77"


class ElementText(HTMLParser):
    """The text inside the element with a given id."""

    def __init__(self, element_id: str):
        super().__init__()
        self.element_id = element_id
        self.depth = 0
        self.found = False
        self.text = ""

    def handle_starttag(self, tag, attrs):
        if tag in VOID_ELEMENTS:
            return
        if self.depth:
            self.depth += 1
        elif dict(attrs).get("id") == self.element_id:
            self.found = True
            self.depth = 1

    def handle_endtag(self, tag):
        if self.depth and tag not in VOID_ELEMENTS:
            self.depth -= 1

    def handle_data(self, data):
        if self.depth:
            self.text += data


def element_text(response, element_id: str) -> str | None:
    parser = ElementText(element_id)
    parser.feed(response.content.decode())
    return " ".join(parser.text.split()) if parser.found else None


def input_names(response) -> set[str]:
    return set(re.findall(r'<input [^>]*name="([^"]+)"', response.content.decode()))


def logged_in_user_id(client):
    return client.session.get(SESSION_KEY)


@pytest.fixture
def send_mail_on_commit(django_capture_on_commit_callbacks):
    """Run what the request leaves for after the commit (the email task), as production does."""

    def post(client, url, data):
        with django_capture_on_commit_callbacks(execute=True):
            return client.post(url, data)

    return post


def invite_through_page(client, send_mail_on_commit, landscape, **overrides):
    client.force_login(landscape.coordinator)
    party = landscape.public.parties.get(organisation=landscape.association)
    data = {
        "name": "Nina Nielsen",
        "email": "nina@landmaend.example",
        "role": MemberRole.PARTNER,
        "party": party.pk,
        **overrides,
    }
    response = send_mail_on_commit(
        client, f"/alliancer/{landscape.public.slug}/medlemmer/inviter/", data
    )
    client.logout()
    return response


def link_in(message) -> str:
    match = re.search(r"https?://[^/\s]+(/konto/invitation/[^/\s]+/)", message.body)
    assert match, message.body
    return match.group(1)


@pytest.mark.django_db
def test_coordinator_invites_by_email_with_a_link(
    today, landscape, client, mailoutbox, send_mail_on_commit
):
    """The coordinator's invitation sends one email to the invitee with a working link, and the
    alliance page lists the invitation as waiting."""
    response = invite_through_page(client, send_mail_on_commit, landscape)
    assert response.status_code == 302
    assert response["Location"] == f"/alliancer/{landscape.public.slug}/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == ["nina@landmaend.example"]
    assert "Offentlig mælk" in message.subject
    assert "Nina Nielsen" in message.body
    assert f"{settings.BROBYGGER_INVITATION_DAYS} dage" in message.body
    assert link_in(message).startswith("/konto/invitation/")
    invitation = Invitation.objects.get()
    assert (invitation.email, invitation.role, invitation.invited_by) == (
        "nina@landmaend.example",
        MemberRole.PARTNER,
        landscape.coordinator,
    )
    client.force_login(landscape.coordinator)
    page = client.get(f"/alliancer/{landscape.public.slug}/").content.decode()
    assert "nina@landmaend.example" in page


@pytest.mark.django_db
def test_non_coordinator_cannot_invite(today, landscape, client, mailoutbox, send_mail_on_commit):
    """A partner of the alliance gets 403 on the invite page, and no email is sent."""
    client.force_login(landscape.partner)
    party = landscape.public.parties.get(organisation=landscape.association)
    response = send_mail_on_commit(
        client,
        f"/alliancer/{landscape.public.slug}/medlemmer/inviter/",
        {"name": "X", "email": "x@example.dk", "role": "koordinator", "party": party.pk},
    )
    assert response.status_code == 403
    assert not Invitation.objects.exists()
    assert mailoutbox == []


@pytest.mark.django_db
def test_new_person_sets_password_and_becomes_member(
    today, landscape, client, mailoutbox, send_mail_on_commit
):
    """Opening the link as anonymous shows a set-password form; a valid password creates the
    user, logs them in and makes them a member with the role and party of the invitation.
    The invitation does not make them an employee of the party's organisation."""
    invite_through_page(client, send_mail_on_commit, landscape)
    link = link_in(mailoutbox[0])

    page = client.get(link)
    assert page.status_code == 200
    assert {"password1", "password2"} <= input_names(page)
    assert "nina@landmaend.example" in page.content.decode()

    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    assert response["Location"] == f"/alliancer/{landscape.public.slug}/"

    user = User.objects.get(email="nina@landmaend.example")
    assert not Affiliation.objects.filter(user=user).exists()
    assert user.get_full_name() == "Nina Nielsen"
    assert user.check_password(NEW_PASSWORD)
    assert str(logged_in_user_id(client)) == str(user.pk)
    membership = Membership.objects.get(alliance=landscape.public, user=user)
    assert membership.role == MemberRole.PARTNER
    assert membership.party.organisation == landscape.association
    # The new member now sees the alliance's members, which only members do.
    detail = client.get(f"/alliancer/{landscape.public.slug}/")
    assert "Nina Nielsen" in detail.content.decode()
    # And can log in again later with the chosen password.
    client.logout()
    login = client.post("/konto/login/", {"username": user.username, "password": NEW_PASSWORD})
    assert login.status_code == 302


@pytest.mark.django_db
def test_link_cannot_be_used_twice(today, landscape, client, mailoutbox, send_mail_on_commit):
    """Once accepted, the link shows the Danish "virker ikke" page with 404 and creates nothing."""
    invite_through_page(client, send_mail_on_commit, landscape)
    link = link_in(mailoutbox[0])
    client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    client.logout()

    again = client.get(link)
    assert again.status_code == 404
    assert "Invitationen virker ikke" in again.content.decode()
    posted = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert posted.status_code == 404
    assert User.objects.filter(email="nina@landmaend.example").count() == 1
    assert logged_in_user_id(client) is None


@pytest.mark.django_db
def test_expired_invitation_shows_virker_ikke(
    today, landscape, client, mailoutbox, send_mail_on_commit
):
    """After BROBYGGER_INVITATION_DAYS the link no longer works: 404 with a Danish explanation."""
    invite_through_page(client, send_mail_on_commit, landscape)
    link = link_in(mailoutbox[0])
    still_valid = timezone.now() + datetime.timedelta(days=settings.BROBYGGER_INVITATION_DAYS - 1)
    with time_machine.travel(still_valid, tick=False):
        assert client.get(link).status_code == 200
    expired = timezone.now() + datetime.timedelta(days=settings.BROBYGGER_INVITATION_DAYS, hours=1)
    with time_machine.travel(expired, tick=False):
        response = client.get(link)
        assert response.status_code == 404
        assert "Invitationen virker ikke" in response.content.decode()
        posted = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
        assert posted.status_code == 404
    assert not User.objects.filter(email="nina@landmaend.example").exists()


@pytest.mark.django_db
def test_unknown_token_shows_virker_ikke(client, db):
    """A mistyped link answers 404 with the same Danish page and names nothing."""
    response = client.get("/konto/invitation/ikke-et-rigtigt-token/")
    assert response.status_code == 404
    assert "Invitationen virker ikke" in response.content.decode()


@pytest.mark.django_db
def test_existing_user_must_log_in_as_themselves(
    today, landscape, client, mailoutbox, send_mail_on_commit
):
    """An invitation to an existing user's email sends an anonymous visitor to the login page,
    refuses another logged-in user, and is accepted by the right user without a new account."""
    invite_through_page(
        client,
        send_mail_on_commit,
        landscape,
        name="Udenfor",
        email=landscape.outsider.email.upper(),
        role=MemberRole.TOP_LEADER,
    )
    link = link_in(mailoutbox[0])
    users_before = User.objects.count()

    anonymous = client.get(link)
    assert anonymous.status_code == 302
    assert anonymous["Location"] == f"/konto/login/?next={link}"

    client.force_login(landscape.company_outsider)
    wrong = client.get(link)
    assert wrong.status_code == 403
    assert "Invitationen er til en anden" in wrong.content.decode()
    assert client.post(link).status_code == 403
    assert not landscape.public.memberships.filter(user=landscape.company_outsider).exists()

    client.force_login(landscape.outsider)
    page = client.get(link)
    assert page.status_code == 200
    assert "password1" not in input_names(page)
    accepted = client.post(link)
    assert accepted.status_code == 302
    membership = landscape.public.memberships.get(user=landscape.outsider)
    assert membership.role == MemberRole.TOP_LEADER
    assert User.objects.count() == users_before
    assert client.get(link).status_code == 404


@pytest.mark.django_db
def test_mismatching_passwords_give_danish_error_and_create_nothing(
    today, landscape, client, mailoutbox, send_mail_on_commit
):
    """Two different passwords answer 400 with a Danish error next to the second field; no user
    or membership is created and the invitation stays open."""
    invite_through_page(client, send_mail_on_commit, landscape)
    link = link_in(mailoutbox[0])
    users, memberships = User.objects.count(), Membership.objects.count()

    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD + "x"})
    assert response.status_code == 400
    assert "De to adgangskoder er ikke ens." in element_text(response, "id_password2-error")
    assert User.objects.count() == users
    assert Membership.objects.count() == memberships
    assert logged_in_user_id(client) is None
    assert Invitation.objects.get().accepted_at is None
    # The link still works afterwards.
    ok = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert ok.status_code == 302


@pytest.mark.django_db
def test_weak_password_is_refused_in_danish(
    today, landscape, client, mailoutbox, send_mail_on_commit
):
    """A too short, common password is refused next to the first field and creates nothing."""
    invite_through_page(client, send_mail_on_commit, landscape)
    link = link_in(mailoutbox[0])
    response = client.post(link, {"password1": "1234", "password2": "1234"})
    assert response.status_code == 400
    error = element_text(response, "id_password1-error")
    assert error is not None
    assert "adgangskode" in error.lower()
    assert not User.objects.filter(email="nina@landmaend.example").exists()


# --- Password reset -----------------------------------------------------------------------


@pytest.mark.django_db
def test_password_reset_sends_link_that_sets_new_password(
    today, landscape, client, mailoutbox, send_mail_on_commit
):
    """/konto/nulstil/ sends one email through the task queue with a reset link; the link lets
    the user choose a new password, and they can log in with it (and not with the old one)."""
    response = send_mail_on_commit(client, "/konto/nulstil/", {"email": landscape.partner.email})
    assert response.status_code == 302
    assert response["Location"] == "/konto/nulstil/sendt/"
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert message.to == [landscape.partner.email]
    assert message.subject == "Ny adgangskode til Brobygger"
    match = re.search(r"https?://[^/\s]+(/konto/nulstil/[^/\s]+/[^/\s]+/)", message.body)
    assert match, message.body

    form_page = client.get(match.group(1), follow=True)
    assert form_page.status_code == 200
    assert {"new_password1", "new_password2"} <= input_names(form_page)
    set_password_url = form_page.redirect_chain[-1][0]
    done = client.post(
        set_password_url, {"new_password1": NEW_PASSWORD, "new_password2": NEW_PASSWORD}
    )
    assert done.status_code == 302
    assert done["Location"] == "/konto/nulstil/faerdig/"

    assert client.post("/konto/login/", {"username": "partner", "password": PASSWORD}).status_code == 400
    login = client.post("/konto/login/", {"username": "partner", "password": NEW_PASSWORD})
    assert login.status_code == 302
    assert str(logged_in_user_id(client)) == str(landscape.partner.pk)
    # The link works once.
    client.logout()
    reused = client.get(match.group(1), follow=True)
    assert "Linket virker ikke længere" in reused.content.decode()


@pytest.mark.django_db
def test_password_reset_for_unknown_email_sends_nothing_and_reveals_nothing(
    landscape, client, mailoutbox, send_mail_on_commit
):
    """An email with no account gets the same answer and no email, so accounts cannot be probed."""
    response = send_mail_on_commit(client, "/konto/nulstil/", {"email": "ingen@example.dk"})
    assert response.status_code == 302
    assert response["Location"] == "/konto/nulstil/sendt/"
    assert mailoutbox == []


@pytest.mark.django_db
def test_invitee_whose_email_cannot_be_a_username_can_still_join(
    today, landscape, client, mailoutbox, send_mail_on_commit
):
    """An email with an apostrophe is valid but cannot be a username as it is; the invitee still
    gets an account (with a username made from the email) and logs in with it."""
    invite_through_page(
        client, send_mail_on_commit, landscape, name="Ole O'Brien", email="ole.o'brien@example.dk"
    )
    link = link_in(mailoutbox[0])
    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="ole.o'brien@example.dk")
    assert user.username == "ole.obrien@example.dk"
    assert landscape.public.memberships.filter(user=user).exists()
    assert str(logged_in_user_id(client)) == str(user.pk)


@pytest.mark.django_db
def test_invitee_whose_email_is_someone_elses_username_gets_a_free_one(
    today, landscape, client, mailoutbox, send_mail_on_commit
):
    """If another user's username happens to be the invitee's email, the new account gets a
    numbered username instead of failing."""
    landscape.outsider.username = "nina@landmaend.example"
    landscape.outsider.save(update_fields=["username"])
    invite_through_page(client, send_mail_on_commit, landscape)
    link = link_in(mailoutbox[0])
    response = client.post(link, {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD})
    assert response.status_code == 302
    user = User.objects.get(email="nina@landmaend.example")
    assert user.username == "nina@landmaend.example-2"
    assert user != landscape.outsider
    assert landscape.public.memberships.filter(user=user, role=MemberRole.PARTNER).exists()
