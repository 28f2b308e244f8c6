"""The decisions' share of `brobygger demo` and `brobygger generate`."""

import datetime
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import Count, Q
from django.urls import reverse
from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.alliances.models import Alliance, Membership
from brobygger.core import registry
from brobygger.core.models import AuditRecord
from brobygger.decisions import demo, generate, selectors
from brobygger.decisions.models import (
    ChangeProcess,
    Decision,
    DecisionVersion,
    Expectation,
    Hearing,
    Invitation,
    InvolvementGroup,
    PlanCell,
    Response,
)
from brobygger.decisions.taxonomy import Participation, Stance, Status

DEMO_HOOK = registry.DemoData(key="decisions", order=50, load=demo.load)
GENERATED_HOOK = registry.GeneratedData(key="decisions", order=50, generate=generate.generate)

MILK = "Økologisk mælk"


def run_demo() -> str:
    out = StringIO()
    with registry.demo_data.temporarily(DEMO_HOOK):
        call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(today, db):
    return run_demo()


def milk() -> Alliance:
    return Alliance.objects.get(title__startswith=MILK)


def milk_decision(start: str) -> Decision:
    return Decision.objects.select_related("hearing").get(alliance__title__startswith=MILK, question__startswith=start)


def counts() -> dict:
    models = (ChangeProcess, InvolvementGroup, PlanCell, Decision, Hearing, Invitation, Response, Expectation, DecisionVersion, AuditRecord)
    return {model.__name__: model.objects.count() for model in models}


def test_the_alliances_have_decisions_at_every_step_spread_over_months(loaded, today):
    decisions = list(Decision.objects.filter(alliance=milk()).select_related("hearing").order_by("created_at"))
    assert [decision.status for decision in decisions] == [
        Status.COMMUNICATED, Status.COMMUNICATED, Status.DECIDED, Status.HEARING, Status.DRAFT
    ]
    assert (today - decisions[0].created_at.date()).days > 200
    assert (today - decisions[0].decided_at.date()).days > 90
    for decision in decisions[:3]:
        assert not decision.hearing.is_open()
        assert decision.created_at < decision.hearing.opened_at < decision.decided_at
    for decision in decisions[:2]:
        assert decision.decided_at < decision.communicated_at < timezone.now()
    # The open hearing runs a few days past the demo's today; the draft has none.
    assert decisions[3].hearing.is_open() and (decisions[3].hearing.last_day - today).days == 9
    assert not Hearing.objects.filter(decision=decisions[4]).exists()

    # The farm visits were corrected: a second version, the first kept.
    farm_visits = milk_decision("Hvordan deler vi")
    versions = list(DecisionVersion.objects.filter(decision=farm_visits).order_by("number"))
    assert [version.number for version in versions] == [1, 2]
    assert "1.200 kroner" in versions[0].outcome and "1.800 kroner" in versions[1].outcome
    assert versions[1].note and farm_visits.outcome == versions[1].outcome

    # Telemedicine: few respondents, so "did you feel heard?" stays out of sight.
    telemedicine = Decision.objects.select_related("hearing").get(alliance__title__startswith="Telemedicin")
    score = selectors.fair_process(telemedicine)
    assert telemedicine.status == Status.COMMUNICATED
    assert score.responses == score.answered == 3
    assert score.disagreeing.count == 1 and not score.disagreeing.shown


def test_the_care_homes_decision_shows_fair_process_done_well_and_its_overdue_action(loaded, today):
    care_homes = milk_decision("Skal alliancen også")
    score = selectors.fair_process(care_homes)
    assert care_homes.hearing.is_public
    # Every invited party answered, citizens too, and every response has its answer.
    assert (score.invited, score.invited_answered) == (3, 3)
    assert score.public_responses >= 6
    assert score.explanation == 1.0 and score.expectation_clarity == 1.0
    responses = Response.objects.filter(hearing__decision=care_homes)
    assert not responses.filter(Q(reply_text="") | Q(reply_usage="")).exists()
    assert {response.stance for response in responses} >= {Stance.AGREE, Stance.PARTLY, Stance.DISAGREE}
    # Those who disagreed still felt heard, and both groups pass the privacy threshold.
    assert score.disagreeing.shown and score.agreeing.shown
    assert score.disagreeing.count == 3 and score.disagreeing.mean >= 3.5
    # What happens next: one action done, one overdue (the process is weak there), one to come.
    expectations = list(care_homes.expectations.all())
    assert len([e for e in expectations if e.done_on]) == 1
    assert len([e for e in expectations if e.due_on < today and not e.done_on]) == 1
    assert score.weak == ["1 forventning er ikke indfriet til tiden."]
    assert score.days_to_decision == 120


def test_what_needs_mending_and_the_open_hearing_the_partner_can_try(loaded, today, client):
    bottles = milk_decision("Skal mejeriet levere")
    assert bottles.status == Status.DECIDED
    unanswered = Response.objects.filter(hearing__decision=bottles, replied_at__isnull=True)
    assert [response.stance for response in unanswered] == [Stance.DISAGREE]
    assert selectors.fair_process(bottles).weak == ["1 høringssvar mangler et svar."]
    coordinator = User.objects.get(username="koordinator")
    messages = [item.message for item in selectors.attention_items(coordinator, day=today)]
    assert any(bottles.question in message and "mangler et svar" in message for message in messages)
    summary = selectors.card_summaries([milk()], coordinator)[milk().pk]
    assert summary["weak"] == 2 and summary["in_hearing"] == 1

    school_milk = milk_decision("Skal alle skoleelever")
    partner = User.objects.get(username="partner")
    dairy = Membership.objects.get(alliance=milk(), user=partner).party
    hearing = school_milk.hearing
    assert hearing.is_public and hearing.is_open()
    assert Invitation.objects.filter(hearing=hearing, party=dairy).exists()
    assert not Response.objects.filter(hearing=hearing, party=dairy).exists()
    assert Response.objects.filter(hearing=hearing, party__isnull=True).count() >= 3
    assert Response.objects.filter(hearing=hearing, party__isnull=False).exists()
    messages = [item.message for item in selectors.attention_items(partner, day=today)]
    assert any(school_milk.question in message and "venter på jeres svar" in message for message in messages)
    client.force_login(partner)
    assert client.get(reverse("decisions:respond", kwargs={"pk": school_milk.pk})).status_code == 200
    client.logout()
    assert client.get(reverse("decisions:public_hearing", kwargs={"token": hearing.token})).status_code == 200


def test_the_plans_show_their_gaps_and_the_change_process_hears_people_by_email(loaded):
    rows = selectors.plan_of(milk())
    assert len(rows) == 5
    assert len(selectors.plan_gaps(rows)) == 2
    citizens = next(row for row in rows if row.group.name == "Borgere og pårørende")
    operating = next(slot for slot in citizens.slots if slot.phase == "drift")
    # Three hearings consulted citizens where the plan promised to involve them.
    assert operating.cell.level == Participation.INVOLVE and len(operating.hearings) == 3
    assert operating.below_plan

    process = ChangeProcess.objects.select_related("organisation", "created_by").get()
    assert process.organisation.name == "Lejre Kommune" and process.created_by.username == "koordinator"
    assert len(selectors.plan_gaps(selectors.plan_of(process))) == 1
    decision = Decision.objects.select_related("hearing").get(change_process=process)
    assert decision.status == Status.HEARING and decision.hearing.is_open()
    assert decision.affected_groups.count() == 2
    invited = Invitation.objects.filter(hearing=decision.hearing)
    assert sorted(invitation.email.split("@")[1] for invitation in invited) == ["lejre.example", "lejre.example"]
    assert Response.objects.filter(invitation__in=invited).count() == 1


def test_everything_is_written_through_the_services_at_its_time_and_only_once(loaded):
    for model in (ChangeProcess, Decision, Response, Expectation, PlanCell):
        recorded = set(
            AuditRecord.objects.filter(content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name).values_list("object_id", flat=True)
        )
        assert set(model.objects.values_list("pk", flat=True)) <= recorded, model
    for decision in Decision.objects.all():
        first = AuditRecord.objects.filter(content_type__app_label="decisions", content_type__model="decision", object_id=decision.pk).order_by("at").first()
        assert abs(first.at - decision.created_at) < datetime.timedelta(minutes=1)
    first = counts()
    assert first["Decision"] == 7 and first["ChangeProcess"] == 1
    output = run_demo()
    assert counts() == first
    assert "0 decisions" in output


# --- generate -------------------------------------------------------------------------------------


def run_generate(seed: str) -> str:
    out = StringIO()
    with registry.generated_data.temporarily(GENERATED_HOOK):
        call_command("generate", "--scale", "small", "--seed", seed, stdout=out)
    return out.getvalue()


def generated() -> dict:
    """The generated rows by what they say (keys differ between runs on PostgreSQL)."""
    return {
        "decisions": list(
            Decision.objects.order_by("pk").values_list("alliance__slug", "question", "status", "phase", "created_at")
        ),
        "hearings": list(
            Hearing.objects.order_by("pk").values_list("decision__alliance__slug", "level", "is_public", "closes_at")
        ),
        "responses": list(
            Response.objects.order_by("pk").values_list(
                "hearing__decision__alliance__slug", "number", "party__organisation__name", "stance", "text",
                "reply_usage", "felt_heard", "created_at",
            )[:3000]
        ),
        "expectations": list(
            Expectation.objects.order_by("pk").values_list("decision__alliance__slug", "action", "due_on", "done_on")
        ),
        "cells": list(PlanCell.objects.order_by("pk").values_list("group__alliance__slug", "phase", "level")),
    }


@pytest.mark.django_db
def test_a_generated_country_has_decisions_at_every_step_and_the_same_for_the_same_seed(today):
    with transaction.atomic():
        output = run_generate("3")
        first = generated()
        assert Decision.objects.count() == 500
        assert Response.objects.count() == 20_000
        assert "500 decisions" in output and "20000 hearing_responses" in output
        statuses = dict(Decision.objects.values_list("status").annotate(count=Count("pk")))
        assert set(statuses) == set(Status.values) and statuses[Status.COMMUNICATED] > statuses[Status.DRAFT]
        alliances = Alliance.objects.count()
        assert alliances / 4 < Decision.objects.values("alliance").distinct().count() < alliances
        # Every hearing invites its decision's affected parties, and some of them answered.
        assert Invitation.objects.count() == Decision.affected_parties.through.objects.filter(
            decision__hearing__isnull=False
        ).count()
        assert Response.objects.filter(party__isnull=False).exists()
        assert Hearing.objects.filter(is_public=True).exists() and Hearing.objects.filter(closes_at__gt=timezone.now()).exists()
        # The services' rules hold: communicated means every response answered and a clear expectation.
        communicated = Decision.objects.filter(status=Status.COMMUNICATED)
        assert not Response.objects.filter(hearing__decision__in=communicated, replied_at__isnull=True).exists()
        clear = Expectation.objects.filter(due_on__isnull=False).exclude(owner="")
        assert not communicated.exclude(pk__in=clear.values("decision")).exists()
        assert DecisionVersion.objects.filter(number=1).count() == communicated.count()
        assert not Response.objects.exclude(hearing__decision__in=communicated).filter(felt_heard__isnull=False).exists()
        assert Response.objects.filter(felt_heard__isnull=False).count() > 1000
        assert Response.objects.filter(hearing__decision__status=Status.DECIDED, replied_at__isnull=True).exists()
        assert Expectation.objects.filter(due_on__lt=today, done_on__isnull=True).exists()
        assert Expectation.objects.filter(done_on__isnull=False).exists()
        # Plans for some alliances, with gaps, and hearings placed in them.
        planned = InvolvementGroup.objects.values("alliance").distinct().count()
        assert alliances / 5 < planned < alliances / 2
        assert PlanCell.objects.filter(affected=True, level="").exists()
        assert Hearing.groups.through.objects.exists()
        # One record per response, per reply and per step of each decision.
        answered = Response.objects.filter(replied_at__isnull=False).count()
        assert AuditRecord.objects.filter(content_type__app_label="decisions", content_type__model="response").count() >= 20_000 + answered
        assert AuditRecord.objects.filter(content_type__app_label="decisions", content_type__model="decision").count() >= 500
        # The figures read it as they read the services' data.
        sample = list(Decision.objects.select_related("hearing").filter(status=Status.COMMUNICATED)[:50])
        scores = selectors.fair_process_for(sample)
        assert all(scores[decision.pk].explanation in (None, 1.0) for decision in sample)
        transaction.set_rollback(True)
    with transaction.atomic():
        run_generate("3")
        assert generated() == first
        transaction.set_rollback(True)
    with transaction.atomic():
        run_generate("4")
        assert generated() != first
        transaction.set_rollback(True)
