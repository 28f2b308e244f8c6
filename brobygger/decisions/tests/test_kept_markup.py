"""An alliance's list of decisions and a decision's page (all but the reader's own part in the
hearing) are kept rendered in the shared cache (registry.kept_alliance_markup): read again
they are not rendered again, and whatever a service changes shows on the next read, for
decisions in an alliance and in an organisation's change process alike. Those who run the
decisions and those who only read them never share markup."""

import pytest
from django.urls import reverse

from brobygger.alliances.models import Party
from brobygger.decisions import services
from brobygger.decisions.models import Decision, Expectation, Response
from brobygger.decisions.taxonomy import Stance, Usage
from conftest import make_user

from .helpers import BASE_URL, decide, draft, in_hearing, public_response

pytestmark = pytest.mark.django_db


def read_in_turn(client, landscape, first_reader: str, read) -> dict[str, str]:
    """The coordinator's and the observer's page, `first_reader` reading first."""
    pages = {}
    for reader in [first_reader, *({"coordinator", "observer"} - {first_reader})]:
        client.force_login(getattr(landscape, reader))
        pages[reader] = read()
    return pages


def detail(client, decision) -> str:
    response = client.get(reverse("decisions:detail", kwargs={"pk": decision.pk}))
    assert response.status_code == 200
    return response.content.decode()


def test_responses_read_again_are_not_rendered_again_until_a_service_changes_them(landscape, client, today):
    decision = in_hearing(landscape.coordinator, landscape.internal, question="Kept")
    first = public_response(decision, text="Første tekst", name="Birgit Borgersen")
    client.force_login(landscape.coordinator)
    assert "Første tekst" in detail(client, decision)
    # Changed behind the services' back (no audit record, so no new version): what was kept
    # is what the page shows, which is how we know it was not rendered again.
    Response.objects.filter(pk=first.pk).update(text="Ændret uden om tjenesterne")
    assert "Første tekst" in detail(client, decision)
    # A response through the service is a new version of the alliance's data: both show.
    public_response(decision, text="Anden tekst")
    page = detail(client, decision)
    assert "2 høringssvar" in page
    assert "Ændret uden om tjenesterne" in page and "Anden tekst" in page


def test_a_reply_shows_at_once(landscape, client, today):
    decision = in_hearing(landscape.coordinator, landscape.internal, question="Svar")
    response = public_response(decision, text="Mælken er for dyr.")
    decision = decide(landscape.coordinator, decision)
    client.force_login(landscape.coordinator)
    assert "Ikke besvaret endnu." in detail(client, decision)
    services.response_reply(
        actor=landscape.coordinator, response=Response.objects.get(pk=response.pk), usage=Usage.USED, text="Vi samler ruterne.", base_url=BASE_URL
    )
    page = detail(client, decision)
    assert "Vi samler ruterne." in page and "Ikke besvaret endnu." not in page


def test_the_readers_own_part_in_the_hearing_is_never_kept(landscape, client, today):
    decision = in_hearing(landscape.coordinator, landscape.internal, question="Egen del")
    party = Party.objects.get(alliance=landscape.internal, organisation=landscape.company)
    client.force_login(landscape.partner)
    assert "Afgiv jeres høringssvar" in detail(client, decision)
    # The party's response written behind the services' back: the kept part of the page does
    # not know of it yet, but the reader's own part is read for every request.
    Response.objects.create(hearing=decision.hearing, number=1, party=party, author=landscape.partner, stance=Stance.AGREE, text="Skjult")
    page = detail(client, decision)
    assert "Se og ret jeres svar" in page and "Afgiv jeres høringssvar" not in page
    assert "Skjult" not in page


def test_an_expectation_and_a_new_version_show_at_once(landscape, client, today):
    decision = decide(landscape.coordinator, in_hearing(landscape.coordinator, landscape.internal, question="Fremad"))
    client.force_login(landscape.coordinator)
    assert "Der er ikke skrevet nogen forventninger endnu." in detail(client, decision)
    services.expectation_create(actor=landscape.coordinator, decision=decision, action="Ring til skolerne.", owner="Lejre Kommune", due_on=today)
    page = detail(client, decision)
    assert "Ring til skolerne." in page and Expectation.objects.filter(decision=decision).count() == 1


@pytest.mark.parametrize("first_reader", ["coordinator", "observer"])
def test_those_who_run_the_decision_and_those_who_read_it_never_share_markup(landscape, client, today, first_reader):
    decision = in_hearing(landscape.coordinator, landscape.internal, question="Navne")
    public_response(decision, text="Jeg er imod.", name="Birgit Borgersen", email="birgit@example.dk")
    pages = read_in_turn(client, landscape, first_reader, lambda: detail(client, decision))
    assert "Birgit Borgersen" in pages["coordinator"] and "birgit@example.dk" in pages["coordinator"]
    assert "Birgit Borgersen" not in pages["observer"] and "birgit@example.dk" not in pages["observer"]
    assert "Borgere og inviterede vises uden navn." in pages["observer"]


def test_a_decision_in_a_change_process_shows_a_new_response_at_once(landscape, client, today):
    employee = make_user("medarbejder", landscape.lejre)
    process = services.change_process_create(actor=employee, organisation=landscape.lejre, title="Ny hjemmepleje")
    decision = in_hearing(employee, process, question="Skal vi samle distrikterne?")
    assert decision.alliance_id is None
    public_response(decision, text="Det første svar")
    client.force_login(employee)
    assert "Det første svar" in detail(client, decision)
    public_response(decision, text="Det andet svar")
    page = detail(client, decision)
    assert "2 høringssvar" in page and "Det andet svar" in page


# --- The alliance's list of decisions -------------------------------------------------------------


def decision_list(client, alliance, query: str = "") -> str:
    response = client.get(reverse("decisions:alliance_list", kwargs={"slug": alliance.slug}) + query)
    assert response.status_code == 200
    return response.content.decode()


def test_the_list_read_again_is_not_rendered_again_and_a_new_decision_shows_at_once(landscape, client, today):
    alliance = landscape.internal
    first = in_hearing(landscape.coordinator, alliance, question="Det første spørgsmål")
    client.force_login(landscape.observer)
    assert "Det første spørgsmål<" in decision_list(client, alliance)
    Decision.objects.filter(pk=first.pk).update(question="Ændret uden om tjenesterne")
    assert "Det første spørgsmål<" in decision_list(client, alliance)
    in_hearing(landscape.coordinator, alliance, question="Det andet spørgsmål")
    page = decision_list(client, alliance)
    assert "2 beslutninger" in page
    assert "Ændret uden om tjenesterne<" in page and "Det andet spørgsmål<" in page


@pytest.mark.parametrize("first_reader", ["coordinator", "observer"])
def test_only_those_who_run_the_decisions_see_a_draft_whoever_read_first(landscape, client, today, first_reader):
    alliance = landscape.internal
    in_hearing(landscape.coordinator, alliance, question="I høring")
    draft(landscape.coordinator, alliance, question="Stadig en kladde")
    pages = read_in_turn(client, landscape, first_reader, lambda: decision_list(client, alliance))
    assert "Stadig en kladde<" in pages["coordinator"] and "2 beslutninger" in pages["coordinator"]
    assert "Stadig en kladde<" not in pages["observer"] and "1 beslutning<" in pages["observer"]


def test_each_status_and_page_is_its_own_list(landscape, client, today):
    alliance = landscape.internal
    in_hearing(landscape.coordinator, alliance, question="Den åbne")
    decide(landscape.coordinator, in_hearing(landscape.coordinator, alliance, question="Den besluttede"))
    client.force_login(landscape.observer)
    everything = decision_list(client, alliance)
    assert "Den åbne<" in everything and "Den besluttede<" in everything
    decided = decision_list(client, alliance, "?status=besluttet")
    assert "Den besluttede<" in decided and "Den åbne<" not in decided
    # A page number that is no number shows the first page, like a missing one.
    not_a_number = decision_list(client, alliance, "?side=x")
    assert "Den åbne<" in not_a_number and "Den besluttede<" in not_a_number
