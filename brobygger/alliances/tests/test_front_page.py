"""The foundation's sections of the front page: the public alliances for a visitor, and the
user's own alliances for a logged-in member."""

import re

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
    assert "1 af dem er offentlig og kan læses af alle. De 2 andre er interne eller private" in danish
    assert "Offentlig sektor: 1 · privat sektor: 1 · civilsamfundet: 1." in danish
    english = Client()
    english.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    page = " ".join(english.get("/").content.decode().split())
    assert '<span class="number">3</span> alliances' in page


def figures(html: str) -> dict[str, str]:
    """The front page's figures: label → number."""
    items = html.split('id="statistics-heading"', 1)[1].split("</ul>", 1)[0].split("<li>")[1:]
    return {
        re.sub(r"<[^>]+>.*", "", item.split("</span>", 1)[1]).strip(): re.search(r'"number">(\d+)<', item).group(1)
        for item in items
    }


def test_the_figures_beside_the_public_alliances_count_what_a_visitor_may_read(landscape):
    """A visitor reads one public alliance. The figures beside it count the organisations and
    the three-sector alliances among the public ones, not in alliances the visitor may not
    read; the alliance figure says how many are public and what the others are, truthfully
    (an internal alliance is read by more than its members)."""
    from brobygger.alliances import services
    from brobygger.alliances.models import Organisation, Visibility

    other_company = Organisation.objects.get(name="Andet Firma ApS")
    hidden = services.alliance_create(
        actor=landscape.staff,
        title="Skjult samarbejde",
        summary="Resumé",
        purpose="Formål",
        welfare_area="aeldre",
        lead_organisation=landscape.roskilde,
        visibility=Visibility.PRIVATE,
    )
    services.party_add(actor=landscape.staff, alliance=hidden, organisation=other_company, role_description="Emballage.")
    page = " ".join(Client().get("/").content.decode().split())
    assert figures(page) == {
        "alliancer": "4",
        "organisationer med i en offentlig alliance": "3",
        "offentlige alliancer med parter fra alle tre sektorer": "1",
    }
    assert "1 af dem er offentlig og kan læses af alle. De 3 andre er interne eller private og læses kun af dem, de er delt med." in page
    assert "kun deres medlemmer" not in page
    assert "Offentlig sektor: 1 · privat sektor: 1 · civilsamfundet: 1." in page
    assert "Roskilde" not in page and "Andet Firma" not in page
