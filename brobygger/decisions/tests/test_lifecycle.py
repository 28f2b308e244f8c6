"""The life of a decision and its guards: kladde → i høring → besluttet → meddelt."""

import datetime

import pytest
from django.core import mail
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from brobygger.alliances.models import Party
from brobygger.decisions import selectors, services
from brobygger.decisions.models import Decision, DecisionVersion, Response
from brobygger.decisions.taxonomy import Stance, Status
from brobygger.testing.audit import records_of

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


def test_a_decision_goes_through_its_whole_life_and_every_step_is_audited(landscape, django_capture_on_commit_callbacks):
    alliance, coordinator = landscape.internal, landscape.coordinator
    with django_capture_on_commit_callbacks(execute=True):
        decision = in_hearing(coordinator, alliance)
    assert decision.status == Status.HEARING
    # Every party is affected; the coordinator speaks for Lejre, the partner for the company.
    assert sorted(m.to[0] for m in mail.outbox) == ["koordinator@example.dk", "partner@example.dk"]
    assert "Konsultation" in mail.outbox[0].body
    company = Party.objects.get(alliance=alliance, organisation=landscape.company)
    party_response(landscape.partner, decision, company, stance=Stance.DISAGREE, text="For dyrt for os.")
    public_response(decision, stance=Stance.AGREE, text="Godt for børnene.")
    decision = decide(coordinator, decision)
    assert decision.status == Status.DECIDED
    with pytest.raises(ValidationError, match="mangler et svar"):
        services.decision_communicate(actor=coordinator, decision=decision, base_url=BASE_URL)
    answer_all(coordinator, decision)
    with pytest.raises(ValidationError, match="forventning"):
        services.decision_communicate(actor=coordinator, decision=refreshed(decision), base_url=BASE_URL)
    expect(coordinator, decision)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        decision = services.decision_communicate(actor=coordinator, decision=refreshed(decision), base_url=BASE_URL)
    assert decision.status == Status.COMMUNICATED
    # The partner wrote the party's response; the citizen gave no address.
    assert [m.to for m in mail.outbox] == [["partner@example.dk"]]
    assert DecisionVersion.objects.get(decision=decision).number == 1
    assert len(records_of(decision)) >= 4


def test_fair_process_score_counts_engagement_explanation_and_clarity(landscape):
    alliance, coordinator = landscape.internal, landscape.coordinator
    decision = in_hearing(coordinator, alliance)
    company = Party.objects.get(alliance=alliance, organisation=landscape.company)
    party_response(landscape.partner, decision, company)
    public_response(decision)
    score = selectors.fair_process(refreshed(decision))
    assert (score.invited, score.invited_answered, score.public_responses) == (3, 1, 1)
    assert score.engagement == pytest.approx(1 / 3)
    decision = decide(coordinator, decision)
    first = Response.objects.filter(hearing__decision=decision).first()
    services.response_reply(actor=coordinator, response=first, usage="brugt", text="Tak.", base_url=BASE_URL)
    services.expectation_create(actor=coordinator, decision=decision, action="Ring til skolerne")
    score = selectors.fair_process(refreshed(decision))
    assert score.explanation == 0.5
    assert score.expectation_clarity == 0.0
    assert "1 høringssvar mangler et svar." in score.weak


def test_felt_heard_is_split_by_stance_and_hidden_below_the_threshold(landscape, settings):
    settings.BROBYGGER_PRIVACY_THRESHOLD = 3
    coordinator = landscape.coordinator
    decision = in_hearing(coordinator, landscape.internal)
    disagreeing = [public_response(decision, stance=Stance.DISAGREE) for _ in range(3)]
    agreeing = [public_response(decision, stance=Stance.AGREE) for _ in range(2)]
    decision = communicated(coordinator, decision)
    for response, value in zip(disagreeing + agreeing, [4, 4, 5, 2, 3], strict=True):
        services.felt_heard_save(response=response, value=value)
    score = selectors.fair_process(refreshed(decision))
    assert score.disagreeing.shown and round(score.disagreeing.mean, 2) == 4.33
    assert not score.agreeing.shown and score.agreeing.count == 2


def test_a_communicated_decision_is_fixed_and_corrected_by_a_new_version(landscape):
    coordinator = landscape.coordinator
    decision = communicated(coordinator, in_hearing(coordinator, landscape.internal))
    with pytest.raises(ValidationError):
        services.decision_decide(actor=coordinator, decision=decision, revision=decision.revision, outcome="x", reasons="y")
    version = services.decision_correct(
        actor=coordinator, decision=decision, revision=decision.revision, outcome="Tre gange om ugen.",
        reasons="Skolerne bad om det.", review_on=None, note="Antallet var forkert.", base_url=BASE_URL,
    )
    assert version.number == 2
    assert list(DecisionVersion.objects.filter(decision=decision).values_list("number", flat=True)) == [2, 1]
    assert DecisionVersion.objects.get(decision=decision, number=1).outcome == "Mælken leveres to gange om ugen fra februar."


def test_the_second_of_two_concurrent_edits_is_refused_with_what_changed(landscape):
    coordinator = landscape.coordinator
    decision = draft(coordinator, landscape.internal)
    loaded = decision.revision
    services.decision_update(actor=coordinator, decision=decision, revision=loaded, question="Skal mælken være økologisk?")
    with pytest.raises(services.EditConflict) as conflict:
        services.decision_update(actor=landscape.staff, decision=decision, revision=loaded, background="Ny baggrund")
    assert conflict.value.changes[0][:2] == ("spørgsmål", "Skal mælken være økologisk?")
    assert refreshed(decision).background == "Skolerne vil gerne have frisk mælk oftere."


def test_only_coordinators_run_decisions_and_only_representatives_answer(landscape):
    alliance = landscape.internal
    with pytest.raises(PermissionDenied):
        draft(landscape.partner, alliance)
    decision = in_hearing(landscape.coordinator, alliance)
    company = Party.objects.get(alliance=alliance, organisation=landscape.company)
    with pytest.raises(PermissionDenied):
        party_response(landscape.observer, decision, company)


def test_a_closed_hearing_takes_no_responses(landscape, time_machine):
    decision = in_hearing(landscape.coordinator, landscape.internal, days=1)
    time_machine.move_to(timezone.now() + datetime.timedelta(days=3))
    with pytest.raises(ValidationError, match="lukkede"):
        public_response(decision)
    assert not Response.objects.filter(hearing__decision=decision).exists()


def test_a_decision_without_anyone_affected_is_refused(landscape):
    with pytest.raises(ValidationError) as error:
        services.decision_create(actor=landscape.coordinator, owner=landscape.internal, question="Hvad?", phase="drift")
    assert "affected_parties" in error.value.message_dict
    assert not Decision.objects.exists()
