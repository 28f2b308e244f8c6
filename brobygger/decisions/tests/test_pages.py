"""The pages that run a decision: the alliance's list, the decision's page for everyone who
may read it, and the deciders' page for each step. Bad input answers 400 with the Danish
message next to the field and saves nothing; two people saving from the same page are told
what the other changed (409); query counts do not grow with the data."""

import datetime
import re

import pytest
from django.urls import reverse

from brobygger.alliances.models import Party
from brobygger.decisions import services
from brobygger.decisions.models import Decision, Expectation, Hearing, Response
from brobygger.decisions.taxonomy import HEARING_PROMISE, Stance, Status
from brobygger.testing import budgets
from conftest import make_user

from .helpers import (
    BASE_URL,
    answer_all,
    communicated,
    decide,
    draft,
    expect,
    in_hearing,
    party_response,
    public_response,
    refreshed,
)

pytestmark = pytest.mark.django_db


def url(name: str, decision: Decision, **kwargs) -> str:
    return reverse(f"decisions:{name}", kwargs={"pk": decision.pk, **kwargs})


def list_url(alliance, query: str = "") -> str:
    return reverse("decisions:alliance_list", kwargs={"slug": alliance.slug}) + query


def company_party(landscape, alliance) -> Party:
    return Party.objects.get(alliance=alliance, organisation=landscape.company)


def page_of(response) -> str:
    return response.content.decode()


def error_next_to(page: str, field: str, message: str) -> bool:
    """The message is in the error text tied to the field (DKFDS: <span id="id_<field>-error">)."""
    match = re.search(rf'id="id_{field}-error">(.*?)</span>\s*(?:</span>)?', page, re.DOTALL)
    return match is not None and message in page[match.start() : match.start() + 600]


def revision_on(page: str) -> str:
    return re.search(r'name="revision" value="(\d+)"', page).group(1)


# --- The alliance's list ---------------------------------------------------------------------


def test_the_list_shows_each_decisions_figures_and_flags_a_weak_process(landscape, client, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    draft(coordinator, alliance, question="Skal vi have et fælles logo?")
    closing = in_hearing(coordinator, alliance, question="Skal mælken være økologisk?", days=3)
    client.force_login(landscape.observer)
    page = page_of(client.get(list_url(alliance)))
    assert "Skal mælken være økologisk?" in page
    # A draft is the deciders' own.
    assert "Skal vi have et fælles logo?" not in page
    assert "Ny beslutning" not in page
    assert reverse("decisions:alliance_plan", kwargs={"slug": alliance.slug}) in page
    # Three parties invited, none has answered, the hearing closes soon: flagged with the reason.
    assert "Svag proces – mens der endnu er tid til at rette op" in page
    assert "0 af 3 inviterede har svaret, og sidste svardag er 26. november 2026." in page
    assert "til og med 26. november 2026" in page
    client.force_login(coordinator)
    page = page_of(client.get(list_url(alliance)))
    assert "Ny beslutning" in page and "Skal vi have et fælles logo?" in page
    page = page_of(client.get(list_url(alliance, "?status=hoering")))
    assert closing.question in page and "Skal vi have et fælles logo?" not in page
    # An unknown status shows them all rather than failing.
    assert client.get(list_url(alliance, "?status=<script>")).status_code == 200


def test_outsiders_do_not_find_an_alliances_decisions(landscape, client, today):
    decision = in_hearing(landscape.coordinator, landscape.public)
    client.force_login(landscape.company_outsider)
    assert client.get(list_url(landscape.public)).status_code == 404
    assert client.get(url("detail", decision)).status_code == 404


# --- Creating, editing, deleting ------------------------------------------------------------------


def test_a_coordinator_creates_a_decision_and_bad_input_saves_nothing(landscape, client, today):
    alliance = landscape.internal
    create = reverse("decisions:alliance_create", kwargs={"slug": alliance.slug})
    client.force_login(landscape.coordinator)
    page = page_of(client.get(create))
    assert "Mejeriet A/S" in page and 'name="affected_parties"' in page and "<legend" in page
    response = client.post(create, {"question": "  ", "phase": "", "background": ""})
    assert response.status_code == 400
    page = page_of(response)
    assert error_next_to(page, "question", "Skriv det spørgsmål, der skal besluttes.")
    assert error_next_to(page, "phase", "Vælg den fase, beslutningen hører til.")
    response = client.post(create, {"question": "Skal vi mødes oftere?", "phase": "drift"})
    assert response.status_code == 400
    assert error_next_to(
        page_of(response), "affected_parties", "Sig, hvem beslutningen berører: mindst én part, gruppe eller offentligheden."
    )
    response = client.post(create, {"question": "x" * 301, "phase": "drift", "affects_public": "on"})
    assert response.status_code == 400
    assert "Teksten kan højst have 300 tegn, men har 301." in page_of(response)
    response = client.post(create, {"question": "Skal vi mødes oftere?", "phase": "drift", "affected_parties": ["999999"]})
    assert response.status_code == 400
    assert not Decision.objects.exists()
    party = company_party(landscape, alliance)
    response = client.post(create, {"question": "Skal vi mødes oftere?", "phase": "drift", "affected_parties": [party.pk]})
    decision = Decision.objects.get()
    assert response.status_code == 302 and response["Location"] == url("detail", decision)
    assert list(decision.affected_parties.all()) == [party] and decision.status == Status.DRAFT


def test_a_partner_may_not_create_a_decision(landscape, client, today):
    client.force_login(landscape.partner)
    response = client.get(reverse("decisions:alliance_create", kwargs={"slug": landscape.internal.slug}))
    assert response.status_code == 403
    assert "Kun alliancens koordinatorer" in page_of(response)


def test_a_decision_in_a_change_process_for_a_verified_employee(landscape, client, today):
    employee = make_user("medarbejder", landscape.lejre)
    process = services.change_process_create(
        actor=employee, organisation=landscape.lejre, title="Sammenlægning af to plejecentre"
    )
    create = reverse("decisions:process_decision_create", kwargs={"pk": process.pk})
    client.force_login(employee)
    page = page_of(client.get(create))
    # No groups in the plan yet: the page says so and leads to the plan.
    assert "inddragelsesplan har ingen grupper endnu" in page
    assert reverse("decisions:process_plan", kwargs={"pk": process.pk}) in page
    assert 'name="affected_parties"' not in page
    group = services.group_add(actor=employee, owner=process, name="Medarbejdere")
    page = page_of(client.get(create))
    assert 'name="affected_groups"' in page and "Medarbejdere" in page
    response = client.post(
        create, {"question": "Hvem leder det nye center?", "phase": "etablering", "affected_groups": [group.pk]}
    )
    decision = Decision.objects.get()
    assert response.status_code == 302 and decision.change_process == process
    services.hearing_open(
        actor=employee, decision=decision, level="konsultation", level_reason="Vi vil høre jer først.",
        last_day=today + datetime.timedelta(days=10), emails=["ansat@example.dk"], base_url=BASE_URL,
    )
    response = client.get(url("detail", decision))
    assert response.status_code == 200
    page = page_of(response)
    # Crumbs: the organisation, its change process, the decision.
    assert landscape.lejre.get_absolute_url() in page and process.get_absolute_url() in page
    assert "Sammenlægning af to plejecentre" in page and "Hvem leder det nye center?" in page
    assert "ansat@example.dk" in page  # the deciders see whom they invited
    client.force_login(landscape.outsider)
    assert client.get(url("detail", decision)).status_code == 404
    # Deleting a change process's draft leads back to the process.
    client.force_login(employee)
    second = draft(employee, process, question="Skal vi flytte?", groups=[group])
    response = client.post(url("delete", second))
    assert response.status_code == 302 and response["Location"] == process.get_absolute_url()


def test_editing_a_draft_and_deleting_it(landscape, client, today):
    alliance = landscape.internal
    decision = draft(landscape.coordinator, alliance)
    client.force_login(landscape.coordinator)
    page = page_of(client.get(url("edit", decision)))
    assert f'name="revision" value="{decision.revision}"' in page
    response = client.post(
        url("edit", decision),
        {"revision": decision.revision, "question": "", "phase": "drift", "affects_public": "on"},
    )
    assert response.status_code == 400
    assert error_next_to(page_of(response), "question", "Skriv det spørgsmål, der skal besluttes.")
    assert refreshed(decision).question == decision.question
    response = client.post(
        url("edit", decision),
        {"revision": decision.revision, "question": "Skal mælken være kold?", "phase": "drift", "affects_public": "on"},
    )
    assert response.status_code == 302
    assert refreshed(decision).question == "Skal mælken være kold?"
    assert "Slet kladden?" in page_of(client.get(url("delete", decision)))
    response = client.post(url("delete", decision))
    assert response.status_code == 302 and response["Location"] == list_url(alliance)
    assert not Decision.objects.exists()


def test_a_decision_in_hearing_keeps_who_it_affects(landscape, client, today):
    decision = in_hearing(landscape.coordinator, landscape.internal)
    client.force_login(landscape.coordinator)
    page = page_of(client.get(url("edit", decision)))
    assert "de berørte er inviteret" in page and "disabled" in page
    before = set(decision.affected_parties.values_list("pk", flat=True))
    response = client.post(
        url("edit", decision),
        {"revision": decision.revision, "question": "Skal mælken leveres om morgenen?", "phase": "drift", "affected_parties": []},
    )
    assert response.status_code == 302
    assert set(refreshed(decision).affected_parties.values_list("pk", flat=True)) == before
    # A hearing's decision is not deleted.
    response = client.post(url("delete", decision))
    assert response.status_code == 400 and "Kun en kladde kan slettes." in page_of(response)
    assert Decision.objects.filter(pk=decision.pk).exists()


# --- Two people saving from the same page ---------------------------------------------------------


def test_the_second_of_two_edits_from_the_same_page_is_shown_what_changed(landscape, client, today):
    alliance = landscape.internal
    decision = draft(landscape.coordinator, alliance)
    loaded = decision.revision
    form = {"revision": loaded, "phase": "etablering", "affects_public": "on"}
    client.force_login(landscape.coordinator)
    response = client.post(url("edit", decision), {**form, "question": "Skal mælken være økologisk?", "background": decision.background})
    assert response.status_code == 302
    client.force_login(landscape.staff)
    mine = {**form, "question": decision.question, "background": "Personalets egen baggrund."}
    response = client.post(url("edit", decision), mine)
    assert response.status_code == 409
    page = page_of(response)
    assert 'id="conflict"' in page
    assert "Spørgsmål" in page and "»Skal mælken være økologisk?«" in page
    assert "gemt af Koordinator Testesen, 23. november 2026" in page
    # What the staff member typed is still there; the revision is the current one.
    assert "Personalets egen baggrund." in page
    now = refreshed(decision)
    assert revision_on(page) == str(now.revision) != str(loaded)
    assert (now.question, now.background) == ("Skal mælken være økologisk?", "Skolerne vil gerne have frisk mælk oftere.")
    # Saving again from the conflict page is a knowing overwrite.
    response = client.post(url("edit", decision), {**mine, "revision": revision_on(page)})
    assert response.status_code == 302
    assert refreshed(decision).background == "Personalets egen baggrund."


def test_an_edit_after_the_draft_went_to_hearing_names_the_hearing_in_danish(landscape, client, today):
    decision = draft(landscape.coordinator, landscape.internal)
    loaded = decision.revision
    services.hearing_open(
        actor=landscape.staff, decision=decision, level="konsultation", level_reason="Vi spørger først.",
        last_day=today + datetime.timedelta(days=10), base_url=BASE_URL,
    )
    client.force_login(landscape.coordinator)
    response = client.post(
        url("edit", decision),
        {"revision": loaded, "question": "Skal mælken være kold?", "phase": "drift", "affects_public": "on"},
    )
    assert response.status_code == 409
    page = page_of(response)
    assert "<strong>Status</strong>: »I høring«" in page
    assert "<strong>Sidste svardag</strong>: »3. december 2026«" in page
    assert "closes_at" not in page
    assert refreshed(decision).question == "Skal mælken leveres to gange om ugen?"


def test_two_deciders_writing_the_outcome_at_once(landscape, client, today):
    decision = in_hearing(landscape.coordinator, landscape.internal)
    services.hearing_close(actor=landscape.coordinator, decision=decision)
    decision = refreshed(decision)
    loaded = decision.revision
    client.force_login(landscape.coordinator)
    response = client.post(
        url("decide", decision), {"revision": loaded, "outcome": "Ja, fra februar.", "reasons": "Skolerne ønsker det."}
    )
    assert response.status_code == 302
    client.force_login(landscape.staff)
    response = client.post(url("decide", decision), {"revision": loaded, "outcome": "Nej.", "reasons": "For dyrt."})
    assert response.status_code == 409
    page = page_of(response)
    assert "»Ja, fra februar.«" in page and "For dyrt." in page
    assert refreshed(decision).outcome == "Ja, fra februar."


# --- The decision's page ------------------------------------------------------------------------


def test_citizens_names_are_shown_only_to_the_deciders(landscape, client, today):
    alliance = landscape.internal
    decision = in_hearing(landscape.coordinator, alliance)
    party_response(landscape.partner, decision, company_party(landscape, alliance), stance=Stance.DISAGREE)
    public_response(decision, name="Karen Borgersen", email="karen@example.dk", text="Husk de små skoler.")
    client.force_login(landscape.observer)
    page = page_of(client.get(url("detail", decision)))
    assert "Borger (svar 2)" in page and "Husk de små skoler." in page and "Mejeriet A/S" in page
    assert "Karen" not in page and "karen@example.dk" not in page
    client.force_login(landscape.coordinator)
    page = page_of(client.get(url("detail", decision)))
    assert "Karen Borgersen" in page and "karen@example.dk (ikke bekræftet)" in page


def test_the_page_shows_the_hearing_the_steps_and_the_fair_process_figures(landscape, client, today, settings):
    settings.BROBYGGER_PRIVACY_THRESHOLD = 3
    alliance = landscape.internal
    decision = in_hearing(landscape.coordinator, alliance)
    party_response(landscape.partner, decision, company_party(landscape, alliance))
    public_response(decision)
    client.force_login(landscape.observer)
    page = page_of(client.get(url("detail", decision)))
    assert 'aria-current="step"' in page and "Nu: I høring" in page
    assert str(HEARING_PROMISE["konsultation"]) in page
    assert reverse("decisions:public_hearing", kwargs={"token": decision.hearing.token}) in page
    assert "1 af 3 inviterede har svaret (33 %)" in page
    assert "1 svar på den offentlige side" in page
    assert "for få svar til at vise (mindst 3)" in page
    # Readers see no buttons for the deciders.
    assert url("hearing_close", decision) not in page and url("edit", decision) not in page
    decision = communicated(landscape.coordinator, decision)
    services.decision_correct(
        actor=landscape.coordinator, decision=decision, revision=decision.revision, outcome="Tre gange om ugen.",
        reasons="Skolerne bad om det.", review_on=None, note="Antallet var forkert.", base_url=BASE_URL,
    )
    page = page_of(client.get(url("detail", decision)))
    assert "2 af 2 høringssvar er besvaret (100 %)" in page
    assert "1 af 1 forventninger har ansvarlig og dato (100 %)" in page
    assert "Ja, tydelig" in page and "Aftal leveringsdage med skolerne." in page
    assert page.index("Version 2") < page.index("Version 1") and "Antallet var forkert." in page
    assert "0 dage fra spørgsmål til beslutning" in page
    assert "30 dage fra beslutning til første handling (planlagt)" in page


def test_the_deciders_see_the_actions_of_each_step(landscape, client, today):
    coordinator, alliance = landscape.coordinator, landscape.internal
    client.force_login(coordinator)
    decision = draft(coordinator, alliance)
    page = page_of(client.get(url("detail", decision)))
    assert url("hearing_open", decision) in page and url("delete", decision) in page
    decision = in_hearing(coordinator, alliance, question="Skal vi også levere ost?")
    page = page_of(client.get(url("detail", decision)))
    assert url("hearing_close", decision) in page and url("hearing_deadline", decision) in page
    assert url("decide", decision) not in page
    party_response(landscape.partner, decision, company_party(landscape, alliance))
    decision = decide(coordinator, decision)
    page = page_of(client.get(url("detail", decision)))
    assert url("communicate", decision) in page and url("reply", decision, number=1) in page
    assert "1 høringssvar mangler jeres svar." in page
    assert "Mindst én forventning skal have både en ansvarlig og en dato." in page
    answer_all(coordinator, decision)
    expect(coordinator, decision)
    decision = services.decision_communicate(actor=coordinator, decision=refreshed(decision), base_url=BASE_URL)
    page = page_of(client.get(url("detail", decision)))
    assert url("correct", decision) in page and url("communicate", decision) not in page
    expectation = Expectation.objects.get(decision=decision)
    assert url("expectation_edit", decision, expectation_id=expectation.pk) in page
    assert url("expectation_delete", decision, expectation_id=expectation.pk) not in page


def test_a_party_answers_from_the_page_and_is_asked_whether_it_felt_heard(landscape, client, today):
    alliance = landscape.internal
    decision = in_hearing(landscape.coordinator, alliance)
    client.force_login(landscape.partner)
    page = page_of(client.get(url("detail", decision)))
    assert url("respond", decision) in page and "Afgiv jeres høringssvar" in page
    # The observer speaks for no party.
    client.force_login(landscape.observer)
    assert url("respond", decision) not in page_of(client.get(url("detail", decision)))
    party_response(landscape.partner, decision, company_party(landscape, alliance))
    decision = communicated(landscape.coordinator, decision)
    client.force_login(landscape.partner)
    page = page_of(client.get(url("detail", decision)))
    form = page[page.index('id="hoert"') - 200 : page.index('id="hoert"') + 3000]
    assert f'action="{url("felt_heard", decision)}"' in form
    assert "<fieldset" in form and "Følte I jer hørt?</legend>" in form
    assert form.count('name="felt_heard"') == 5 and 'type="radio"' in form


# --- The deciders' pages -------------------------------------------------------------------------


def test_sending_a_draft_to_hearing_on_the_page(landscape, client, today):
    decision = draft(landscape.coordinator, landscape.internal)
    group = services.group_add(actor=landscape.coordinator, owner=landscape.internal, name="Forældre")
    client.force_login(landscape.coordinator)
    page = page_of(client.get(url("hearing_open", decision)))
    for promise in HEARING_PROMISE.values():
        assert str(promise) in page
    assert "<legend" in page and "Forældre" in page and 'name="emails"' not in page
    response = client.post(url("hearing_open", decision), {"level_reason": "", "last_day": "2026-11-20"})
    assert response.status_code == 400
    page = page_of(response)
    assert error_next_to(page, "level", "Vælg, hvor meget indflydelse høringen giver.")
    assert error_next_to(page, "level_reason", "Forklar, hvorfor høringen giver netop denne indflydelse.")
    response = client.post(
        url("hearing_open", decision),
        {"level": "konsultation", "level_reason": "Vi vil høre jer.", "last_day": "2026-11-20"},
    )
    assert response.status_code == 400
    assert error_next_to(page_of(response), "last_day", "Høringens sidste dag kan ikke ligge før i dag.")
    assert not Hearing.objects.exists() and refreshed(decision).status == Status.DRAFT
    response = client.post(
        url("hearing_open", decision),
        {"level": "konsultation", "level_reason": "Vi vil høre jer.", "last_day": "2026-12-07", "is_public": "on", "groups": [group.pk]},
    )
    assert response.status_code == 302
    hearing = Hearing.objects.get()
    assert hearing.last_day == datetime.date(2026, 12, 7) and hearing.is_public and list(hearing.groups.all()) == [group]


def test_a_change_process_hearing_refuses_a_bad_address(landscape, client, today):
    employee = make_user("medarbejder", landscape.lejre)
    process = services.change_process_create(actor=employee, organisation=landscape.lejre, title="Ny struktur")
    decision = draft(employee, process, public=True)
    client.force_login(employee)
    response = client.post(
        url("hearing_open", decision),
        {"level": "information", "level_reason": "Det er besluttet.", "last_day": "2026-12-01", "emails": "a@example.dk\nikke-en-adresse"},
    )
    assert response.status_code == 400
    assert error_next_to(page_of(response), "emails", "»ikke-en-adresse« er ikke en gyldig e-mailadresse.")
    assert not Hearing.objects.exists()


def test_moving_the_deadline_and_closing_the_hearing(landscape, client, today):
    decision = in_hearing(landscape.coordinator, landscape.internal)
    client.force_login(landscape.coordinator)
    assert client.get(url("hearing_deadline", decision)).status_code == 200
    response = client.post(url("hearing_deadline", decision), {"last_day": "ikke en dato"})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "last_day", "Skriv datoen som dag, måned og år.")
    response = client.post(url("hearing_deadline", decision), {"last_day": "2026-11-01"})
    assert response.status_code == 400
    assert "Høringens sidste dag kan ikke ligge før i dag." in page_of(response)
    assert refreshed(decision).hearing.last_day == datetime.date(2026, 12, 7)
    assert client.post(url("hearing_deadline", decision), {"last_day": "2026-12-10"}).status_code == 302
    assert refreshed(decision).hearing.last_day == datetime.date(2026, 12, 10)
    # Closing asks first.
    page = page_of(client.get(url("hearing_close", decision)))
    assert "Luk høringen nu?" in page and "<form" in page
    assert refreshed(decision).hearing.is_open()
    response = client.post(url("hearing_close", decision))
    assert response.status_code == 302
    assert not refreshed(decision).hearing.is_open()
    # Closed already: said plainly, nothing changes.
    response = client.post(url("hearing_close", decision))
    assert response.status_code == 400 and "Høringen er allerede lukket." in page_of(response)


def test_deciding_replying_and_expectations_refuse_bad_input(landscape, client, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    decision = in_hearing(coordinator, alliance)
    party_response(landscape.partner, decision, company_party(landscape, alliance), text="Vi vil have det om morgenen.")
    client.force_login(coordinator)
    # While the hearing is open, the outcome waits.
    page = page_of(client.get(url("decide", decision)))
    assert "Høringen er stadig åben." in page and 'name="outcome"' not in page
    services.hearing_close(actor=coordinator, decision=decision)
    decision = refreshed(decision)
    response = client.post(url("decide", decision), {"revision": decision.revision, "outcome": "", "reasons": "", "review_on": "31-02-2027"})
    assert response.status_code == 400
    page = page_of(response)
    assert error_next_to(page, "outcome", "Skriv, hvad der er besluttet.")
    assert error_next_to(page, "reasons", "Skriv begrundelsen: hvorfor blev det sådan?")
    assert error_next_to(page, "review_on", "Skriv datoen som dag, måned og år.")
    assert refreshed(decision).status == Status.HEARING
    decision = decide(coordinator, decision)
    # The response is shown on the page that answers it.
    reply = url("reply", decision, number=1)
    page = page_of(client.get(reply))
    assert "Vi vil have det om morgenen." in page and "Mejeriet A/S" in page
    response = client.post(reply, {"usage": "", "text": ""})
    assert response.status_code == 400
    page = page_of(response)
    assert error_next_to(page, "usage", "Vælg, om svaret er brugt, delvist brugt eller ikke brugt.")
    assert error_next_to(page, "text", "Skriv til den, der har svaret: hvordan er svaret brugt, eller hvorfor ikke?")
    assert Response.objects.get().replied_at is None
    assert client.post(reply, {"usage": "delvist", "text": "Leveringen flyttes til kl. 8."}).status_code == 302
    assert Response.objects.get().reply_text == "Leveringen flyttes til kl. 8."
    assert client.get(url("reply", decision, number=9)).status_code == 404
    add = url("expectation_add", decision)
    response = client.post(add, {"action": "", "owner": "", "due_on": "1999-01-01"})
    assert response.status_code == 400
    page = page_of(response)
    assert error_next_to(page, "action", "Skriv, hvad der skal ske.")
    assert not Expectation.objects.exists()
    assert client.post(add, {"action": "Ring til skolerne.", "owner": "", "due_on": ""}).status_code == 302
    expectation = Expectation.objects.get()
    assert not expectation.is_clear
    edit = url("expectation_edit", decision, expectation_id=expectation.pk)
    assert client.post(edit, {"action": "Ring til skolerne.", "owner": "Koordinatoren", "due_on": "2026-12-15", "done_on": ""}).status_code == 302
    assert Expectation.objects.get().is_clear
    page = page_of(client.get(url("expectation_delete", decision, expectation_id=expectation.pk)))
    assert "Slet forventningen?" in page
    assert client.get(url("expectation_delete", decision, expectation_id=999999)).status_code == 404


def test_communicating_is_refused_while_a_response_is_unanswered(landscape, client, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    decision = in_hearing(coordinator, alliance)
    party_response(landscape.partner, decision, company_party(landscape, alliance))
    decision = decide(coordinator, decision)
    expect(coordinator, decision)
    client.force_login(coordinator)
    page = page_of(client.get(url("communicate", decision)))
    assert "1 af 1 høringssvar mangler jeres svar." in page
    assert "1 af dem, der har svaret, får en e-mail" in page
    response = client.post(url("communicate", decision))
    assert response.status_code == 400
    assert "1 høringssvar mangler et svar. Besvar hvert svar, før beslutningen meddeles." in page_of(response)
    assert refreshed(decision).status == Status.DECIDED
    answer_all(coordinator, decision)
    response = client.post(url("communicate", decision))
    assert response.status_code == 302
    assert refreshed(decision).status == Status.COMMUNICATED
    follow = page_of(client.get(response["Location"]))
    assert "Beslutningen er meddelt." in follow


def test_after_communication_only_the_done_day_of_an_expectation_changes(landscape, client, today):
    coordinator = landscape.coordinator
    decision = communicated(coordinator, in_hearing(coordinator, landscape.internal))
    expectation = Expectation.objects.get(decision=decision)
    edit = url("expectation_edit", decision, expectation_id=expectation.pk)
    client.force_login(coordinator)
    page = page_of(client.get(edit))
    assert "Her kan du kun skrive, hvornår handlingen blev gjort." in page
    response = client.post(edit, {"action": "Noget andet", "owner": "", "due_on": "", "done_on": "2026-12-24"})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "done_on", "En handling kan ikke være udført i fremtiden.")
    response = client.post(edit, {"action": "Noget andet", "owner": "", "due_on": "", "done_on": "2026-11-23"})
    assert response.status_code == 302
    saved = Expectation.objects.get()
    assert (saved.action, saved.done_on) == ("Aftal leveringsdage med skolerne.", datetime.date(2026, 11, 23))
    # And a communicated decision's expectation is not deleted.
    response = client.post(url("expectation_delete", decision, expectation_id=expectation.pk))
    assert response.status_code == 400 and Expectation.objects.exists()


def test_correcting_a_communicated_decision_needs_a_note(landscape, client, today):
    coordinator = landscape.coordinator
    decision = communicated(coordinator, in_hearing(coordinator, landscape.internal))
    client.force_login(coordinator)
    page = page_of(client.get(url("correct", decision)))
    assert "Mælken leveres to gange om ugen fra februar." in page and 'name="note"' in page
    assert f'name="revision" value="{decision.revision}"' in page
    page = page_of(client.get(url("expectation_add", decision)))
    assert 'name="action"' in page and 'name="done_on"' not in page
    form = {"revision": decision.revision, "outcome": "Tre gange om ugen.", "reasons": "Skolerne bad om det.", "review_on": ""}
    response = client.post(url("correct", decision), {**form, "note": ""})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "note", "Skriv, hvad der er rettet og hvorfor.")
    assert decision.versions.count() == 1
    response = client.post(url("correct", decision), {**form, "note": "Antallet var forkert."})
    assert response.status_code == 302
    assert list(decision.versions.values_list("number", flat=True)) == [2, 1]
    # Once communicated it is not decided again.
    page = page_of(client.get(url("decide", decision)))
    assert "Ret den med en ny version." in page and 'name="outcome"' not in page


# --- Query counts -------------------------------------------------------------------------------

# The session, the user, their memberships and verified organisation, the decision with its
# owner and hearing, what it affects, its invitations, responses, expectations, versions and
# plan groups, and the fair-process figures' three grouped queries; besides them the
# responses' markup kept in the shared cache (budgets.kept_markup, read cold).
DETAIL_QUERIES = 14
# The session and user, the alliance, the memberships, the page count and the page of
# decisions with their hearings, and the figures' three queries; besides them the list's
# markup kept in the shared cache (budgets.kept_markup, read cold).
LIST_QUERIES = 9


@pytest.mark.parametrize("reader", ["coordinator", "partner", "observer"])
def test_the_decisions_page_reads_in_a_fixed_number_of_queries(landscape, client, today, reader, django_assert_max_num_queries):
    alliance, coordinator = landscape.internal, landscape.coordinator
    small = in_hearing(coordinator, alliance, question="Lille")
    party_response(landscape.partner, small, company_party(landscape, alliance))
    public_response(small)
    large = in_hearing(coordinator, alliance, question="Stor")
    party_response(landscape.partner, large, company_party(landscape, alliance))
    for number in range(39):
        public_response(large, name=f"Borger {number}", text=f"Svar nummer {number}")
    for decision in (small, large):
        decision = decide(coordinator, decision)
        answer_all(coordinator, decision)
        expect(coordinator, decision)
        expect(coordinator, decision, days=40, owner="Mejeriet")
    client.force_login(getattr(landscape, reader))
    for decision, count in ((small, 2), (large, 40)):
        with django_assert_max_num_queries(DETAIL_QUERIES + budgets.kept_markup(), info=f"{reader}, {count} responses"):
            response = client.get(url("detail", decision))
        assert response.status_code == 200
        page = page_of(response)
        assert page.count('class="mt-5 decision-response"') == count
        assert f"{count} af {count} høringssvar er besvaret (100 %)" in page


def test_the_list_reads_in_a_fixed_number_of_queries(landscape, client, today, django_assert_max_num_queries):
    alliance, coordinator = landscape.internal, landscape.coordinator
    first = in_hearing(coordinator, alliance, question="Spørgsmål 0")
    party_response(landscape.partner, first, company_party(landscape, alliance))
    client.force_login(landscape.observer)
    with django_assert_max_num_queries(LIST_QUERIES + budgets.kept_markup(), info="one decision"):
        assert "Spørgsmål 0<" in page_of(client.get(list_url(alliance)))
    for number in range(1, 30):
        decision = in_hearing(coordinator, alliance, question=f"Spørgsmål {number}", days=2 + number % 5)
        public_response(decision)
        if number % 3 == 0:
            answer_all(coordinator, decide(coordinator, decision))
    with django_assert_max_num_queries(LIST_QUERIES + budgets.kept_markup(), info="thirty decisions"):
        page = page_of(client.get(list_url(alliance)))
    assert all(f"Spørgsmål {number}<" in page for number in range(30))
    assert "Svag proces" in page
