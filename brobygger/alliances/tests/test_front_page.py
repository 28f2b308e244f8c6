"""The foundation's sections of the front page: the public alliances for a visitor, and the
user's own alliances for a logged-in member."""

import pytest
from django.test import Client


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


def test_front_page_for_anonymous_shows_public_alliances_and_login(landscape):
    """An anonymous visitor's front page shows the public alliance, none of the others,
    and a link to log in."""
    response = Client().get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert landscape.public.title in body
    assert landscape.internal.title not in body
    assert landscape.private.title not in body
    assert 'href="/konto/login/' in body
    assert "Mine alliancer" not in body


@pytest.mark.parametrize("kind", ["coordinator", "partner", "observer"])
def test_front_page_for_a_member_shows_their_alliances(landscape, kind):
    """A logged-in member's front page says "Mine alliancer" and lists every alliance they
    are a member of, private ones included."""
    response = client_for(getattr(landscape, kind)).get("/")
    assert response.status_code == 200
    body = response.content.decode()
    assert "Mine alliancer" in body
    for alliance in (landscape.public, landscape.internal, landscape.private):
        assert alliance.title in body
        assert f'href="{alliance.get_absolute_url()}"' in body


def test_front_page_for_a_non_member_lists_no_alliances(landscape):
    """A logged-in user who is a member of nothing gets "Mine alliancer" with no alliance
    in it — not the internal alliance they may read, and never the private one."""
    body = client_for(landscape.public_employee).get("/").content.decode()
    assert "Mine alliancer" in body
    assert "Du er ikke medlem af nogen alliance endnu." in body
    assert landscape.private.title not in body


def test_front_page_mine_only_lists_memberships(landscape):
    """When a member leaves the private alliance, it disappears from their front page."""
    from brobygger.alliances.models import Membership

    Membership.objects.filter(alliance=landscape.private, user=landscape.observer).delete()
    body = client_for(landscape.observer).get("/").content.decode()
    assert landscape.internal.title in body
    assert landscape.private.title not in body


# --- Errors -------------------------------------------------------------------------------




def test_the_figures_say_what_they_count_in_the_readers_language(landscape, settings):
    """The alliance figure counts every alliance and says how many of them anyone may read;
    the figures are cached as numbers, so a reader of the other language reads them in theirs."""
    danish = " ".join(Client().get("/").content.decode().split())
    assert '<span class="number">3</span> alliancer' in danish
    assert "1 af dem er offentlig; de andre kan kun deres medlemmer læse." in danish
    assert "Offentlig sektor: 1 · privat sektor: 1 · civilsamfundet: 1." in danish
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = " ".join(english.get("/").content.decode().split())
    assert "1 of them is public; only their members can read the others." in page
