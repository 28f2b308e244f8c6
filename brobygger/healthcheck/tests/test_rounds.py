"""Rounds and the parties' answers: who opens and answers, one answer per party, the deadline
that closes a round on time whatever runs, reminders, and the party's own answer as the
foundation's record the value balance reads."""

import datetime
import io

import pytest
import time_machine
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import call_command
from django.utils import timezone

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import MemberRole, Party, ValueAnswer
from brobygger.core.models import AuditRecord
from brobygger.healthcheck import services
from brobygger.healthcheck.models import ParticipationAnswer, Response, Round, StatementAnswer
from brobygger.healthcheck.tests.helpers import BASE_URL, answer, answers, open_round
from brobygger.testing.audit import records_of
from conftest import make_user

# Today is fixed: rounds run in days, and the regions change on 1 January 2027.
NOW = datetime.datetime(2026, 12, 4, 10, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(NOW, tick=False):
        yield


def parties(alliance) -> dict[str, Party]:
    return {p.organisation.name: p for p in Party.objects.filter(alliance=alliance).select_related("organisation")}


def second_partner(landscape, alliance, username="partner2"):
    """Another representative of the company's party."""
    user = make_user(username, landscape.company)
    alliance_services.membership_add(
        actor=landscape.coordinator,
        alliance=alliance,
        user=user,
        role=MemberRole.PARTNER,
        party=parties(alliance)["Mejeriet A/S"],
    )
    return user


@pytest.mark.django_db
def test_a_coordinator_opens_a_round_and_every_representative_is_invited(
    landscape, mailoutbox, django_capture_on_commit_callbacks
):
    alliance = landscape.internal
    with django_capture_on_commit_callbacks(execute=True):
        round_ = open_round(landscape.coordinator, alliance, days=10)
    assert round_.number == 1
    assert round_.last_day == datetime.date(2026, 12, 14)
    # Closes at the end of the last day, Danish time.
    assert timezone.localtime(round_.closes_at).isoformat() == "2026-12-15T00:00:00+01:00"
    # The coordinator (for Lejre) and the partner (for the company); the observer answers for nobody.
    assert sorted(message.to[0] for message in mailoutbox) == sorted(
        [landscape.coordinator.email, landscape.partner.email]
    )
    assert all(f"/alliancer/{alliance.slug}/sundhed/runder/1/svar/" in m.body for m in mailoutbox)
    assert records_of(round_)[0].action == "oprettet"


@pytest.mark.django_db
def test_only_coordinators_open_rounds_and_only_one_at_a_time(landscape):
    alliance = landscape.internal
    with pytest.raises(PermissionDenied, match="Kun alliancens koordinatorer kan åbne en runde"):
        open_round(landscape.partner, alliance)
    open_round(landscape.coordinator, alliance)
    with pytest.raises(ValidationError, match="allerede en åben runde"):
        open_round(landscape.coordinator, alliance)
    assert Round.objects.filter(alliance=alliance).count() == 1


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("last_day", "message"),
    [
        (datetime.date(2026, 12, 3), "kan ikke ligge før i dag"),
        (datetime.date(2027, 6, 1), "højst vare 92 dage"),
    ],
)
def test_a_deadline_in_the_past_or_far_ahead_is_refused(landscape, last_day, message):
    with pytest.raises(ValidationError, match=message):
        services.round_open(actor=landscape.coordinator, alliance=landscape.internal, last_day=last_day, base_url=BASE_URL)
    assert not Round.objects.exists()


@pytest.mark.django_db
def test_a_party_answers_once_and_its_representatives_share_the_answer(landscape):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    company = parties(alliance)["Mejeriet A/S"]
    colleague = second_partner(landscape, alliance)
    answer(landscape.partner, round_, company, value=2, position=20)
    answer(colleague, round_, company, value=4, position=20)
    response = Response.objects.get(round=round_, party=company)
    assert set(StatementAnswer.objects.filter(response=response).values_list("value", flat=True)) == {4}
    assert response.updated_by == colleague
    # Who changed what: the second save names its changes and its author.
    change = records_of(response).last()
    assert change.actor == colleague
    assert any(key.startswith("Udsagn:") and pair == ["2", "4"] for key, pair in change.changes.items())


@pytest.mark.django_db
def test_an_unchanged_answer_leaves_no_record(landscape):
    round_ = open_round(landscape.coordinator, landscape.internal)
    company = parties(landscape.internal)["Mejeriet A/S"]
    answer(landscape.partner, round_, company)
    before = AuditRecord.objects.count()
    answer(landscape.partner, round_, company)
    assert AuditRecord.objects.count() == before


@pytest.mark.django_db
def test_nobody_answers_for_another_party_and_observers_answer_for_none(landscape):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    association = parties(alliance)["Landmændenes Forening"]
    for user in (landscape.partner, landscape.coordinator, landscape.observer, landscape.staff):
        with pytest.raises(PermissionDenied, match="Kun partens egne repræsentanter"):
            answer(user, round_, association)
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_a_round_closes_at_its_deadline_without_any_job_and_late_answers_are_refused(landscape):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance, days=2)
    company = parties(alliance)["Mejeriet A/S"]
    with time_machine.travel(datetime.datetime(2026, 12, 6, 22, 59, tzinfo=datetime.UTC), tick=False):
        # 23:59 Danish time on the last day: still open.
        assert round_.is_open()
        answer(landscape.partner, round_, company, value=3)
    with time_machine.travel(datetime.datetime(2026, 12, 6, 23, 0, tzinfo=datetime.UTC), tick=False):
        assert not round_.is_open()
        with pytest.raises(ValidationError, match="Runden lukkede ved udgangen af 06.12.2026"):
            answer(landscape.partner, round_, company, value=5)
    assert set(StatementAnswer.objects.values_list("value", flat=True)) == {3}


@pytest.mark.django_db
def test_an_incomplete_answer_is_refused_whole(landscape):
    round_ = open_round(landscape.coordinator, landscape.internal)
    company = parties(landscape.internal)["Mejeriet A/S"]
    data = answers(round_)
    first_statement = next(iter(data["statements"]))
    del data["statements"][first_statement]
    scale = next(iter(data["tensions"]))
    data["tensions"][scale] = (140, "")
    with pytest.raises(ValidationError) as refused:
        services.response_save(actor=landscape.partner, round_=round_, party=company, **data)
    assert set(refused.value.message_dict) == {f"statement_{first_statement}", f"tension_{scale}"}
    assert not Response.objects.exists()
    assert not ValueAnswer.objects.exists()


@pytest.mark.django_db
def test_the_rounds_value_answer_is_the_partys_own_record_with_benefits_and_costs(landscape):
    """"Får I nok ud af alliancen?" in a round is the same record the value balance shows, and
    what taking part gives and costs extends it; a change within the round changes it."""
    round_ = open_round(landscape.coordinator, landscape.internal)
    company = parties(landscape.internal)["Mejeriet A/S"]
    answer(landscape.partner, round_, company, item_value=4)
    value_answer = ValueAnswer.objects.get(party=company)
    assert value_answer.health_response.round == round_
    assert ParticipationAnswer.objects.filter(value_answer=value_answer, value=4).count() == 8
    services.response_save(
        actor=landscape.partner, round_=round_, party=company, **{**answers(round_), "answer": "nej", "comment": "For dyrt."}
    )
    assert ValueAnswer.objects.filter(party=company).count() == 1
    assert ValueAnswer.objects.get(party=company).answer == "nej"


@pytest.mark.django_db
def test_a_coordinator_moves_the_deadline_of_an_open_round_only(landscape):
    round_ = open_round(landscape.coordinator, landscape.internal, days=3)
    with pytest.raises(PermissionDenied):
        services.round_change_deadline(actor=landscape.partner, round_=round_, last_day=datetime.date(2026, 12, 20))
    round_ = services.round_change_deadline(
        actor=landscape.coordinator, round_=round_, last_day=datetime.date(2026, 12, 20)
    )
    assert round_.last_day == datetime.date(2026, 12, 20)
    with (
        time_machine.travel(datetime.datetime(2026, 12, 21, 12, 0, tzinfo=datetime.UTC), tick=False),
        pytest.raises(ValidationError, match="Runden er lukket"),
    ):
        services.round_change_deadline(
            actor=landscape.coordinator, round_=round_, last_day=datetime.date(2026, 12, 30)
        )


@pytest.mark.django_db
def test_reminders_go_once_to_the_parties_that_have_not_answered(
    landscape, mailoutbox, django_capture_on_commit_callbacks
):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance, days=10)
    answer(landscape.coordinator, round_, parties(alliance)["Lejre Kommune"])
    mailoutbox.clear()
    # Too early: the deadline is more than three days away.
    with django_capture_on_commit_callbacks(execute=True):
        call_command("send_reminders", stdout=io.StringIO())
    assert mailoutbox == []
    output = io.StringIO()
    with (
        time_machine.travel(datetime.datetime(2026, 12, 12, 9, 0, tzinfo=datetime.UTC), tick=False),
        django_capture_on_commit_callbacks(execute=True),
    ):
        call_command("send_reminders", stdout=output)
        call_command("send_reminders", stdout=output)
    # Each registered reminder reports a line; the health check's are these.
    assert [line for line in output.getvalue().splitlines() if line.startswith("health_rounds:")] == [
        "health_rounds: 1 reminder(s) queued.",
        "health_rounds: 0 reminder(s) queued.",
    ]
    # Only the company's partner: Lejre has answered; and only once however often it runs.
    assert [message.to for message in mailoutbox] == [[landscape.partner.email]]
    assert "lukker efter 14.12.2026" in mailoutbox[0].body
    # After the deadline nothing more is sent.
    with time_machine.travel(datetime.datetime(2026, 12, 16, 9, 0, tzinfo=datetime.UTC), tick=False):
        assert services.reminders_send() == 0
