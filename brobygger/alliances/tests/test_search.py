"""Searching alliances through the database's own full-text index (search.py): what a user
who types in the search field finds, on SQLite (FTS5) and on PostgreSQL (a Danish search
vector), and that the index follows the alliances as they change."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.urls import reverse

from .. import selectors, services
from ..models import Organisation

pytestmark = pytest.mark.django_db


def _create(actor, title: str, *, summary: str = "Et resumé.", purpose: str = "Et formål.", visibility="offentlig"):
    return services.alliance_create(
        actor=actor,
        title=title,
        summary=summary,
        purpose=purpose,
        welfare_area="aeldre",
        lead_organisation=Organisation.objects.get(name="Lejre Kommune"),
        visibility=visibility,
    )


def _found(text: str, user=None) -> set[str]:
    filters = selectors.AllianceFilters(search=text)
    return set(selectors.alliance_list(user=user or AnonymousUser(), filters=filters).values_list("title", flat=True))


@pytest.fixture
def gardens(landscape):
    actor = landscape.coordinator
    _create(actor, "Byhaver på tagene", summary="Grøntsager dyrket af beboerne.", purpose="Mere fællesskab i byen.")
    _create(actor, "Café for ensomme ældre", summary="Et mødested hver tirsdag.", purpose="Færre ensomme.")
    _create(actor, "Motion i parken", summary="Gåture for pensionister.", purpose="Bedre helbred og nye venner.")
    _create(actor, "Hemmelige haver", summary="Kun for medlemmer.", purpose="Intet.", visibility="privat")
    return landscape


def test_every_word_must_occur_in_the_title_summary_or_purpose(gardens):
    assert _found("byhaver") == {"Byhaver på tagene"}
    assert _found("grøntsager fællesskab") == {"Byhaver på tagene"}  # summary and purpose
    assert _found("ensomme tirsdag") == {"Café for ensomme ældre"}
    assert _found("ensomme tagene") == set()
    assert _found("BYHAVER") == {"Byhaver på tagene"}


def test_a_word_is_found_from_its_start(gardens):
    assert _found("byhav") == {"Byhaver på tagene"}
    assert _found("pension") == {"Motion i parken"}
    # Not from inside a compound word: the index holds whole words.
    assert "Byhaver på tagene" not in _found("haver")


def test_only_what_the_reader_may_see_is_found(gardens):
    assert _found("hemmelige haver") == set()
    assert _found("hemmelige haver", gardens.coordinator) == {"Hemmelige haver"}


def test_a_partys_organisation_is_found_by_part_of_its_name(gardens):
    # The landscape's alliances have Mejeriet A/S as a confirmed party; the public one shows.
    assert gardens.public.title in _found("mejeri")


def test_search_syntax_typed_by_the_user_is_read_as_words(gardens, client):
    for typed in ['"', "*", "byhaver OR motion", "NOT byhaver", "byhaver:*", "(byhaver", "NEAR(a b)", "-byhaver", "a & | ! b"]:
        response = client.get(reverse("alliances:list"), {"q": typed})
        assert response.status_code == 200, typed
    # "OR" is a word like any other: no alliance holds all three.
    assert _found("byhaver OR motion") == set()
    assert _found("(byhaver") == {"Byhaver på tagene"}
    # Nothing but punctuation: no words to look for, and no organisation is named so.
    assert _found("!!!") == set()


def test_the_index_follows_the_alliance_when_it_changes(gardens):
    alliance = selectors.alliance_list(user=gardens.coordinator).get(title="Motion i parken")
    services.alliance_update(
        actor=gardens.coordinator,
        alliance=alliance,
        title="Svømning i havnen",
        summary=alliance.summary,
        purpose=alliance.purpose,
        welfare_area=alliance.welfare_area,
        lead_organisation=alliance.lead_organisation,
        visibility=alliance.visibility,
    )
    assert _found("svømning") == {"Svømning i havnen"}
    assert _found("parken") == set()
    assert _found("pensionister") == {"Svømning i havnen"}


@pytest.mark.skipif(connection.vendor != "postgresql", reason="Danish stemming is PostgreSQL's")
def test_postgresql_finds_other_forms_of_a_danish_word(gardens):
    # "haverne" and "haver" share their stem; so do "venner" and "ven".
    assert _found("hemmelige haverne", gardens.coordinator) == {"Hemmelige haver"}
    assert _found("ven") >= {"Motion i parken"}


@pytest.mark.skipif(connection.vendor != "sqlite", reason="SQLite's FTS5 folds accents")
def test_sqlite_folds_accents_but_keeps_the_word_as_typed(gardens):
    assert _found("cafe") == {"Café for ensomme ældre"}
    assert _found("haverne", gardens.coordinator) == set()
