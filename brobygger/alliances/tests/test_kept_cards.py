"""Alliance cards and their summary lines kept rendered in the shared cache
(registry.alliance_fragments, cards.py): read again they cost no computing, and whatever a
service changes, whoever reads, in whichever language and on whichever day, the card tells
what it would tell if it were rendered now."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from brobygger.core import registry

from .. import services
from ..models import Alliance, Organisation
from ..rules import members_only_alliance_ids

pytestmark = pytest.mark.django_db

LIST = reverse("alliances:list")


@pytest.fixture
def summary_calls():
    """A card summary for members only, saying the reader's relation and the alliance's title as
    the database has it now; records each alliance it was computed for."""
    calls: list[int] = []

    def compute(alliances, user):
        readable = members_only_alliance_ids(user)
        calls.extend(alliance.pk for alliance in alliances)
        titles = dict(Alliance.objects.filter(pk__in=[a.pk for a in alliances]).values_list("pk", "title"))
        return {
            alliance.pk: {"title": titles[alliance.pk]}
            for alliance in alliances
            if readable is None or alliance.pk in readable
        }

    hook = registry.AllianceSummary(
        key="probe", template_name="tests/probe_summary.html", compute=compute, queries=1
    )
    with registry.alliance_summaries.temporarily(hook):
        yield calls


@pytest.fixture(autouse=True)
def probe_template(settings, tmp_path):
    (tmp_path / "tests").mkdir()
    (tmp_path / "tests" / "probe_summary.html").write_text(
        '{% load i18n %}<p class="probe">{% translate "Kun for medlemmer" %}: {{ data.title }}</p>'
    )
    settings.TEMPLATES = [
        {**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}
    ]


def _list(client, **query) -> str:
    response = client.get(LIST, query)
    assert response.status_code == 200
    return response.content.decode()


def test_a_card_read_again_is_not_computed_again(client, landscape, summary_calls, django_assert_max_num_queries):
    client.force_login(landscape.observer)
    first = _list(client)
    assert "Kun for medlemmer: Offentlig mælk" in first
    computed = len(summary_calls)
    assert computed == 3  # the three alliances the observer is a member of
    # The relations, the versions, the cards, the filters' markup and their version: besides
    # the session, the user and the list's own two queries.
    with django_assert_max_num_queries(2 + 2 + 5):
        second = _list(client)
    assert len(summary_calls) == computed
    assert second.count('class="card"') == first.count('class="card"') == 3


def test_a_change_written_by_a_service_shows_at_once(client, landscape, summary_calls):
    client.force_login(landscape.observer)
    assert "Kun for medlemmer: Offentlig mælk" in _list(client)
    services.alliance_update(
        actor=landscape.coordinator,
        alliance=landscape.public,
        title="Offentlig mælk og brød",
        summary=landscape.public.summary,
        purpose=landscape.public.purpose,
        welfare_area=landscape.public.welfare_area,
        lead_organisation=landscape.lejre,
        visibility=landscape.public.visibility,
    )
    page = _list(client)
    assert "Kun for medlemmer: Offentlig mælk og brød" in page
    # Only the changed alliance was computed again.
    assert summary_calls[3:] == [landscape.public.pk]


def test_a_new_party_counts_on_the_card_at_once(client, landscape):
    assert "3 parter" in _list(client, q="offentlig")  # the lead, the company, the association
    party = services.party_add(
        actor=landscape.coordinator,
        alliance=landscape.public,
        organisation=landscape.roskilde,
        role_description="Stiller lokaler til rådighed.",
    )
    services.party_answer(actor=landscape.staff, party=party, confirm=True)
    assert "4 parter" in _list(client, q="offentlig")


def test_an_organisations_new_name_shows_on_every_card(client, landscape):
    """A record that belongs to no alliance (an organisation's name) renews every card."""
    client.force_login(landscape.observer)
    assert "Ledes af Lejre Kommune" in _list(client)
    Organisation.objects.filter(pk=landscape.lejre.pk).update(name="Lejre Kommune (ny)")
    # Written without a service, nothing says the data changed: the kept card stands...
    assert "Ledes af Lejre Kommune (ny)" not in _list(client)
    company = landscape.company
    services.organisation_update(actor=landscape.staff, organisation=company, name="Mejeriet Nord A/S", cvr=company.cvr)
    # ...until a service's record (here about another organisation) renews every version.
    assert _list(client).count("Ledes af Lejre Kommune (ny)") == 3


def test_members_and_others_never_see_each_others_cards(client, landscape, summary_calls):
    client.force_login(landscape.observer)
    assert "Kun for medlemmer" in _list(client)
    client.force_login(landscape.company_outsider)  # sees the public alliance, is no member
    page = _list(client)
    assert "Offentlig mælk" in page and "Kun for medlemmer" not in page
    client.logout()
    assert "Kun for medlemmer" not in _list(client)
    client.force_login(landscape.partner)  # a member for a party: a relation of their own
    assert _list(client).count("Kun for medlemmer") == 3


def test_a_member_who_leaves_sees_the_card_of_a_visitor(client, landscape, summary_calls):
    client.force_login(landscape.observer)
    assert "Kun for medlemmer" in _list(client, q="offentlig")
    membership = landscape.public.memberships.get(user=landscape.observer)
    services.membership_remove(actor=landscape.coordinator, membership=membership)
    assert "Kun for medlemmer" not in _list(client, q="offentlig")


def test_each_language_has_its_own_cards(client, landscape, settings):
    client.force_login(landscape.observer)
    assert "Ledes af Lejre Kommune" in _list(client)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    english = _list(client)
    assert "Led by Lejre Kommune" in english and "Ledes af" not in english


def test_a_new_day_renders_the_cards_again(client, landscape, summary_calls):
    client.force_login(landscape.observer)
    with time_machine.travel(datetime.datetime(2026, 11, 23, 22, 0, tzinfo=datetime.UTC), tick=False) as traveller:
        _list(client)
        computed = len(summary_calls)
        _list(client)
        assert len(summary_calls) == computed
        traveller.shift(datetime.timedelta(hours=2))  # past midnight in Copenhagen
        _list(client)
        assert len(summary_calls) == 2 * computed


def test_the_alliance_page_and_the_front_page_keep_the_summaries_too(client, landscape, summary_calls):
    client.force_login(landscape.observer)
    detail = reverse("alliances:detail", kwargs={"slug": landscape.public.slug})
    assert "Kun for medlemmer: Offentlig mælk" in client.get(detail).content.decode()
    assert summary_calls == [landscape.public.pk]
    client.get(detail)
    front = client.get(reverse("core:front")).content.decode()
    assert front.count("Kun for medlemmer") == 3
    # The public alliance's lines came from the alliance page's read.
    assert sorted(summary_calls[1:]) == sorted([landscape.internal.pk, landscape.private.pk])


# --- The alliance page's body ----------------------------------------------------------------


def _page(client, alliance) -> str:
    response = client.get(reverse("alliances:detail", args=[alliance.slug]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_alliance_pages_body_is_kept_until_a_service_changes_it(client, landscape):
    alliance = landscape.public
    client.force_login(landscape.observer)
    assert "Stiller lokaler til rådighed." not in _page(client, alliance)
    Alliance.objects.filter(pk=alliance.pk).update(purpose="Skrevet uden om tjenesterne.")
    # Kept: a write past the services is not seen...
    assert "Skrevet uden om tjenesterne." not in _page(client, alliance)
    services.party_add(
        actor=landscape.coordinator, alliance=alliance, organisation=landscape.roskilde,
        role_description="Stiller lokaler til rådighed.",
    )
    # ...until a service's record renews the alliance's version.
    page = _page(client, alliance)
    assert "Stiller lokaler til rådighed." in page and "Skrevet uden om tjenesterne." in page


@pytest.mark.parametrize("first_reader", ["observer", "partner", "company_outsider"])
def test_readers_of_the_alliance_page_never_share_what_only_some_may_see(client, landscape, first_reader):
    alliance = landscape.public
    company_party = alliance.parties.get(organisation=landscape.company)
    edit = reverse("alliances:party_edit", args=[alliance.slug, company_party.pk])
    pages = {}
    for reader in [first_reader, *({"observer", "partner", "company_outsider"} - {first_reader})]:
        client.force_login(getattr(landscape, reader))
        pages[reader] = _page(client, alliance)
    # The party's representative may edit it; the observer only reads; an outsider sees no members.
    assert edit in pages["partner"]
    assert edit not in pages["observer"] and edit not in pages["company_outsider"]
    assert 'id="members-heading"' in pages["observer"] and 'id="members-heading"' not in pages["company_outsider"]


def test_those_who_run_the_alliance_get_their_forms_on_every_read(client, landscape):
    client.force_login(landscape.coordinator)
    for _ in range(2):
        page = _page(client, landscape.public)
        assert 'name="to_phase"' in page and "csrfmiddlewaretoken" in page
