"""Fair process by email: invitations, reminders, answers to responses and the communicated
decision. Every mail is queued when the write commits and sent by the task worker (the test
settings' immediate backend runs the task at once, so it lands in Django's test outbox), and
a citizen's address gets nothing but its confirmation until it has been confirmed."""

import datetime
import re
from io import StringIO

import pytest
from django.core.management import call_command
from django_tasks import TaskResultStatus
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from brobygger.alliances.models import Party
from brobygger.decisions import services
from brobygger.decisions.models import Invitation
from brobygger.decisions.taxonomy import Stance, Usage

from .helpers import (
    BASE_URL,
    answer_all,
    decide,
    expect,
    in_hearing,
    party_response,
    public_response,
    refreshed,
)

pytestmark = pytest.mark.django_db


def copenhagen(year, month, day, hour=9) -> datetime.datetime:
    return datetime.datetime(year, month, day, hour, tzinfo=datetime.timezone(datetime.timedelta(hours=1)))


def party_of(alliance, organisation) -> Party:
    return Party.objects.get(alliance=alliance, organisation=organisation)


def refreshed_response(response):
    return type(response).objects.get(pk=response.pk)


def recipients(outbox) -> list[str]:
    return sorted(address for message in outbox for address in message.to)


def test_invitations_wait_for_the_commit_and_reach_the_representatives(landscape, mailoutbox, django_capture_on_commit_callbacks, today):
    with django_capture_on_commit_callbacks() as callbacks:
        decision = in_hearing(landscape.coordinator, landscape.internal, days=14)
        # Nothing leaves inside the transaction: a rolled-back hearing would invite no one.
        assert mailoutbox == []
    for callback in callbacks:
        callback()
    # The representatives of the invited parties: the coordinator speaks for Lejre, the partner
    # for the company; the observer represents no one, and the association has no representative.
    assert recipients(mailoutbox) == [landscape.coordinator.email, landscape.partner.email]
    body = mailoutbox[0].body
    assert decision.question in body and "Konsultation" in body and "07.12.2026" in body
    assert f"{BASE_URL}/beslutninger/{decision.pk}/" in body


def test_the_database_queue_holds_the_mail_until_the_worker_sends_it(
    landscape, mailoutbox, django_capture_on_commit_callbacks, settings, today
):
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    with django_capture_on_commit_callbacks(execute=True):
        in_hearing(landscape.coordinator, landscape.internal)
    queued = list(DBTaskResult.objects.ready())
    assert len(queued) == 2 and mailoutbox == []
    worker = Worker(
        queue_names=["default"], interval=0, batch=True, backend_name="default", startup_delay=False,
        max_tasks=None, worker_id="test-worker", excluded_queue_names=[],
    )
    for task_result in queued:
        worker.run_task(task_result)
    assert recipients(mailoutbox) == [landscape.coordinator.email, landscape.partner.email]
    assert set(DBTaskResult.objects.values_list("status", flat=True)) == {TaskResultStatus.SUCCESSFUL}


def test_a_change_process_invites_people_by_email_each_with_their_own_link(landscape, mailoutbox, django_capture_on_commit_callbacks, today):
    process = services.change_process_create(actor=landscape.coordinator, organisation=landscape.lejre, title="Nyt køkken")
    with django_capture_on_commit_callbacks(execute=True):
        decision = in_hearing(landscape.coordinator, process, public=False, emails=["Anna@Example.dk", "bo@example.dk"])
    assert recipients(mailoutbox) == ["anna@example.dk", "bo@example.dk"]
    for message in mailoutbox:
        token = Invitation.objects.get(hearing=decision.hearing, email=message.to[0]).token
        assert f"{BASE_URL}/hoering/{token}/" in message.body


def test_reminders_go_once_per_deadline_only_to_invited_parties_that_have_not_answered(
    landscape, mailoutbox, django_capture_on_commit_callbacks, today
):
    alliance, coordinator = landscape.internal, landscape.coordinator
    decision = in_hearing(coordinator, alliance, days=10)  # the last day is 3 December 2026
    party_response(coordinator, decision, party_of(alliance, landscape.lejre))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        # More than three days before the deadline: too early.
        assert services.reminders_send(now=copenhagen(2026, 11, 29)) == 0
        # Within three days: once, however often the command runs.
        assert services.reminders_send(now=copenhagen(2026, 12, 1)) == 1
        assert services.reminders_send(now=copenhagen(2026, 12, 1, 14)) == 0
        assert services.reminders_send(now=copenhagen(2026, 12, 3, 20)) == 0
    # Lejre has answered; the company's partner is reminded; the association has no one to remind.
    assert recipients(mailoutbox) == [landscape.partner.email]
    assert "lukker snart" in mailoutbox[0].body and "03.12.2026" in mailoutbox[0].body

    # A new deadline is a new chance to be reminded, near the new deadline.
    services.hearing_change_deadline(actor=coordinator, decision=refreshed(decision), last_day=datetime.date(2026, 12, 10))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=copenhagen(2026, 12, 2)) == 0
        assert services.reminders_send(now=copenhagen(2026, 12, 8)) == 1
    assert recipients(mailoutbox) == [landscape.partner.email]
    assert "10.12.2026" in mailoutbox[0].body

    # After the deadline nobody is reminded.
    assert services.reminders_send(now=copenhagen(2026, 12, 12)) == 0


def test_an_answered_hearing_reminds_no_one(landscape, mailoutbox, django_capture_on_commit_callbacks, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    decision = in_hearing(coordinator, alliance, days=2)
    party_response(coordinator, decision, party_of(alliance, landscape.lejre))
    party_response(landscape.partner, decision, party_of(alliance, landscape.company))
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        assert services.reminders_send(now=copenhagen(2026, 11, 24)) == 0
    assert mailoutbox == []


def test_the_send_reminders_command_includes_the_hearings(
    landscape, mailoutbox, django_capture_on_commit_callbacks, settings, today
):
    settings.BROBYGGER_BASE_URL = "https://brobygger.example"
    decision = in_hearing(landscape.coordinator, landscape.internal, days=2)
    mailoutbox.clear()
    output = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=output)
        call_command("send_reminders", stdout=output)
    lines = [line for line in output.getvalue().splitlines() if line.startswith("hearings:")]
    assert lines == ["hearings: 2 reminder(s) queued.", "hearings: 0 reminder(s) queued."]
    assert recipients(mailoutbox) == [landscape.coordinator.email, landscape.partner.email]
    # Links in mails sent outside a request point at the installation's own address.
    assert all(f"https://brobygger.example/beslutninger/{decision.pk}/" in message.body for message in mailoutbox)


def test_answers_and_the_decision_reach_respondents_with_a_confirmed_address_only(
    landscape, mailoutbox, django_capture_on_commit_callbacks, today
):
    alliance, coordinator = landscape.internal, landscape.coordinator
    with django_capture_on_commit_callbacks(execute=True):
        decision = in_hearing(coordinator, alliance, public=True)
        party_response(landscape.partner, decision, party_of(alliance, landscape.company), stance=Stance.DISAGREE)
        confirmed = public_response(decision, email="bekraeftet@example.dk", stance=Stance.AGREE)
        public_response(decision, email="ubekraeftet@example.dk", stance=Stance.DISAGREE)
        public_response(decision, stance=Stance.PARTLY)  # no address at all
    services.response_confirm_email(response=confirmed)
    # So far each citizen's address has had its confirmation mail and nothing else.
    citizens = [message for message in mailoutbox if message.to[0].endswith("kraeftet@example.dk")]
    assert sorted(message.to[0] for message in citizens) == ["bekraeftet@example.dk", "ubekraeftet@example.dk"]
    assert all(message.subject == "Bekræft din e-mail til høringen" for message in citizens)

    decision = decide(coordinator, decision)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer_all(coordinator, decision, usage=Usage.PARTLY_USED)
    assert recipients(mailoutbox) == ["bekraeftet@example.dk", landscape.partner.email]
    assert {message.subject for message in mailoutbox} == {"Dit høringssvar er besvaret"}
    citizen_mail = next(message for message in mailoutbox if message.to == ["bekraeftet@example.dk"])
    assert "Delvist brugt: Tak, det har vi taget med." in citizen_mail.body
    assert f"{BASE_URL}/hoering/svar/{confirmed.manage_token}/" in citizen_mail.body
    partner_mail = next(message for message in mailoutbox if message.to == [landscape.partner.email])
    assert f"{BASE_URL}/beslutninger/{decision.pk}/" in partner_mail.body

    # Changing an answer already given does not mail again.
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.response_reply(
            actor=coordinator, response=refreshed_response(confirmed), usage=Usage.USED, text="Vi har brugt det hele.",
            base_url=BASE_URL,
        )
    assert mailoutbox == []

    expect(coordinator, decision)
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_communicate(actor=coordinator, decision=refreshed(decision), base_url=BASE_URL)
    assert recipients(mailoutbox) == ["bekraeftet@example.dk", landscape.partner.email]
    assert all(message.subject.startswith("Beslutningen er truffet") for message in mailoutbox)
    assert all("Mælken leveres to gange om ugen fra februar." in message.body for message in mailoutbox)
    assert all("følte dig hørt" in message.body for message in mailoutbox)


def test_an_invited_persons_own_address_hears_back_without_confirming(
    landscape, mailoutbox, django_capture_on_commit_callbacks, today
):
    coordinator = landscape.coordinator
    process = services.change_process_create(actor=coordinator, organisation=landscape.lejre, title="Nyt køkken")
    decision = in_hearing(coordinator, process, public=False, emails=["anna@example.dk"])
    invitation = Invitation.objects.get(hearing=decision.hearing)
    services.invitee_response_save(invitation=invitation, stance=Stance.DISAGREE, text="For tidligt.", consent=True)
    decision = decide(coordinator, decision)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer_all(coordinator, decision, usage=Usage.NOT_USED)
        expect(coordinator, decision)
        services.decision_communicate(actor=coordinator, decision=refreshed(decision), base_url=BASE_URL)
    assert [message.to for message in mailoutbox] == [["anna@example.dk"], ["anna@example.dk"]]
    assert all(f"{BASE_URL}/hoering/{invitation.token}/" in message.body for message in mailoutbox)


def test_a_correction_tells_the_respondents_what_changed(landscape, mailoutbox, django_capture_on_commit_callbacks, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    decision = in_hearing(coordinator, alliance, public=True)
    citizen = public_response(decision, email="borger@example.dk")
    services.response_confirm_email(response=citizen)
    public_response(decision, email="tavs@example.dk")
    decision = decide(coordinator, decision)
    answer_all(coordinator, decision)
    expect(coordinator, decision)
    decision = services.decision_communicate(actor=coordinator, decision=refreshed(decision), base_url=BASE_URL)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.decision_correct(
            actor=coordinator, decision=decision, revision=decision.revision, outcome="Tre gange om ugen.",
            reasons="Skolerne bad om det.", review_on=None, note="Antallet af leveringer var forkert.", base_url=BASE_URL,
        )
    assert [message.to for message in mailoutbox] == [["borger@example.dk"]]
    assert "version 2" in mailoutbox[0].body and "Antallet af leveringer var forkert." in mailoutbox[0].body
    assert re.search(r"/hoering/svar/[\w-]+/", mailoutbox[0].body)
