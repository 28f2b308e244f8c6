"""The health check's share of `brobygger demo` and `brobygger generate`."""

import datetime
import itertools
from collections import defaultdict
from io import StringIO

import pytest
from django.core.management import call_command
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.alliances.models import Alliance, MemberRole, Membership, Sector, ValueAnswer
from brobygger.core import registry
from brobygger.core.models import AuditAction, AuditRecord
from brobygger.healthcheck import demo, generate, selectors
from brobygger.healthcheck.models import (
    Dilemma,
    ParticipationAnswer,
    Response,
    Round,
    StatementAnswer,
    TensionAnswer,
)
from brobygger.healthcheck.taxonomy import Criterion

DEMO_HOOK = registry.DemoData(key="healthcheck", order=40, load=demo.load)
GENERATED_HOOK = registry.GeneratedData(key="healthcheck", order=40, generate=generate.generate)


def run_demo() -> str:
    out = StringIO()
    with registry.demo_data.temporarily(DEMO_HOOK):
        call_command("demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def loaded(today, db):
    return run_demo()


def rounds_of(title_start: str) -> list[Round]:
    alliance = Alliance.objects.get(title__startswith=title_start)
    return list(Round.objects.filter(alliance=alliance).select_related("version").order_by("number"))


def counts() -> dict:
    models = (Round, Response, StatementAnswer, TensionAnswer, ParticipationAnswer, ValueAnswer, Dilemma, Membership, User)
    return {model.__name__: model.objects.count() for model in models}


@pytest.mark.parametrize("title", ["Økologisk mælk", "Telemedicin"])
def test_three_closed_rounds_and_an_open_one_some_parties_have_answered(loaded, today, title):
    rounds = rounds_of(title)
    assert [round_.is_open() for round_ in rounds] == [False, False, False, True]
    # About eight, five and two months ago; the open round closes in ten days.
    months_ago = [round((today - round_.opened_at.date()).days / 30) for round_ in rounds[:3]]
    assert months_ago == [8, 5, 2]
    assert (rounds[-1].last_day - today).days == 10
    for round_ in rounds[:3]:
        results = selectors.round_results(round_)
        assert all(row.answered for row in results.parties)
        assert {row.sector for row in results.answered} == set(Sector.values)
    current = selectors.round_results(rounds[-1])
    assert 0 < len(current.answered) < len(current.parties)


def test_the_latest_closed_round_shows_where_the_sectors_diverge_and_what_improved(loaded):
    rounds = rounds_of("Økologisk mælk")
    results = selectors.round_results(rounds[2])
    flagged = {row.key for row in results.divergent if hasattr(row, "key")}
    assert {Criterion.FAIR_PROCESS, Criterion.PACE} <= flagged
    assert len(flagged) <= 3
    # The municipality sees far more of the alliance's own rules and facilitation.
    tensions = {row.scale.key: row for row in results.tensions}
    for key in ("system-or-alliance", "head-or-facilitating"):
        by_sector = {row.sector: row.mean for row in tensions[key].spread.by_sector}
        assert by_sector[Sector.PUBLIC] - max(by_sector[Sector.PRIVATE], by_sector[Sector.CIVIL]) >= 25
    assert any(comment for row in results.tensions for comment in row.comments.values())
    assert StatementAnswer.objects.filter(response__round__in=rounds, value__isnull=True).exists()
    assert results.benefits and results.costs and all(row.spread.answered for row in results.benefits)
    trend = selectors.trend(rounds[0].alliance)
    improving = {row.key for row in trend.criteria if row.cells[2].value > row.cells[0].value}
    assert {Criterion.RESULTS_HOME, Criterion.RELATIONS, Criterion.WHY} <= improving


def test_the_demo_logins_are_where_a_visitor_needs_them(loaded, today):
    milk = Alliance.objects.get(title__startswith="Økologisk mælk")
    koordinator = User.objects.get(username="koordinator")
    assert Membership.objects.filter(alliance=milk, user=koordinator, role=MemberRole.COORDINATOR).exists()
    current = rounds_of("Økologisk mælk")[-1]
    partner = Membership.objects.get(alliance=milk, user__username="partner")
    assert not Response.objects.filter(round=current, party=partner.party).exists()
    # Their party answered the closed rounds, and the front page asks them to answer this one.
    assert Response.objects.filter(party=partner.party).count() == 3
    items = selectors.attention_items(partner.user, day=today)
    assert any(item.subject == milk and "Runde 4" in item.message for item in items)
    topleder = User.objects.get(username="topleder")
    assert any("Runde 4" in item.message for item in selectors.attention_items(topleder, day=today))


def test_the_register_has_dilemmas_on_different_scales_and_one_is_overdue(loaded, today):
    dilemmas = list(Dilemma.objects.select_related("scale"))
    assert 4 <= len(dilemmas) <= 6
    assert len({dilemma.scale.key for dilemma in dilemmas}) == len(dilemmas)
    assert all(dilemma.met_on <= today and dilemma.situation and dilemma.stance and dilemma.reason for dilemma in dilemmas)
    milk = Alliance.objects.get(title__startswith="Økologisk mælk")
    due = selectors.dilemmas_due([milk.pk], day=today)
    assert len(due) == 1 and due[0].scale.key == "head-or-facilitating"
    koordinator = User.objects.get(username="koordinator")
    assert any("dilemma" in item.message for item in selectors.attention_items(koordinator, day=today))


def test_everything_is_written_through_the_services(loaded):
    for model in (Round, Response, Dilemma):
        recorded = set(
            AuditRecord.objects.filter(content_type__app_label=model._meta.app_label, content_type__model=model._meta.model_name).values_list("object_id", flat=True)
        )
        assert set(model.objects.values_list("pk", flat=True)) <= recorded, model
    # Each answer is the party's own value answer, given by one of its representatives.
    for response in Response.objects.select_related("value_answer"):
        assert response.value_answer.party_id == response.party_id
        assert Membership.objects.filter(user=response.updated_by, party=response.party).exclude(role=MemberRole.OBSERVER).exists()
        assert abs(response.value_answer.answered_at - response.created_at) < datetime.timedelta(minutes=1)


def test_the_value_balance_keeps_the_ledgers_latest_answers(loaded):
    """The ledger's demo tells the latest word of the dairy and the patients' association; the
    health check's answers come before it."""
    kol = ValueAnswer.objects.filter(party__organisation__name__startswith="KOL-patienternes").first()
    assert kol.answer == "nej" and not hasattr(kol, "health_response")
    assert ValueAnswer.objects.filter(party__organisation__name__startswith="KOL-patienternes", health_response__isnull=False).count() == 3


def test_a_second_run_adds_nothing(loaded):
    first = counts()
    output = run_demo()
    assert counts() == first
    assert "0 health_rounds" in output


# --- generate -------------------------------------------------------------------------------------


def run_generate(seed: str) -> str:
    out = StringIO()
    with registry.generated_data.temporarily(GENERATED_HOOK):
        call_command("generate", "--scale", "small", "--seed", seed, stdout=out)
    return out.getvalue()


def generated() -> dict:
    return {
        "rounds": list(Round.objects.order_by("pk").values_list("alliance__slug", "number", "closes_at")),
        "responses": list(Response.objects.order_by("pk").values_list("round__alliance__slug", "party__organisation__name", "value_answer__answer")),
        "statements": list(StatementAnswer.objects.order_by("pk").values_list("value", flat=True)[:2000]),
        "tensions": list(TensionAnswer.objects.order_by("pk").values_list("position", "comment")[:500]),
        "dilemmas": list(Dilemma.objects.order_by("pk").values_list("alliance__slug", "scale__key", "met_on", "review_on")),
    }


@pytest.mark.django_db
def test_a_generated_country_has_rounds_answers_and_dilemmas_with_their_records(today):
    with transaction.atomic():
        output = run_generate("3")
        first = generated()
        alliances = Alliance.objects.count()
        with_rounds = Round.objects.values("alliance").distinct().count()
        assert alliances * 0.7 < with_rounds < alliances * 0.95
        assert Round.objects.count() == 1000
        by_alliance = defaultdict(list)
        for round_ in Round.objects.order_by("alliance", "number"):
            by_alliance[round_.alliance_id].append(round_)
        # Rounds one after the other, only the latest ever open, and in some alliances it is.
        for rounds in by_alliance.values():
            assert [round_.number for round_ in rounds] == list(range(1, len(rounds) + 1))
            assert all(before.closes_at < after.opened_at for before, after in itertools.pairwise(rounds))
            assert not any(round_.is_open() for round_ in rounds[:-1])
        assert 0 < sum(rounds[-1].is_open() for rounds in by_alliance.values()) < len(by_alliance) / 4
        assert max(len(rounds) for rounds in by_alliance.values()) > 3
        responses = Response.objects.count()
        assert responses > with_rounds * 2
        # Every answer is complete, its party's own value answer, and inside its round.
        assert StatementAnswer.objects.count() == responses * 26
        assert TensionAnswer.objects.count() == responses * 6
        assert ParticipationAnswer.objects.filter(value_answer__health_response__isnull=False).count() == responses * 8
        assert not Response.objects.exclude(value_answer__party=F("party")).exists()
        for model in (Round, Response, Dilemma):
            assert AuditRecord.objects.filter(
                content_type__app_label=model._meta.app_label,
                content_type__model=model._meta.model_name,
                action=AuditAction.CREATED,
            ).count() == model.objects.count()
        # Rounds near or past their deadline were reminded, each with its record, as the job does.
        reminded = Round.objects.filter(reminded_at__isnull=False)
        assert reminded.count() > 900
        assert AuditRecord.objects.filter(content_type__model="round", action=AuditAction.CHANGED).count() == reminded.count()
        assert AuditRecord.objects.filter(
            content_type__model="valueanswer", object_id__in=Response.objects.values("value_answer")
        ).count() == responses
        assert Dilemma.objects.filter(review_on__lt=today).exists()
        # The latest closed round (the latest by deadline may be open, with no answers yet).
        latest = Round.objects.filter(closes_at__lte=timezone.now()).order_by("-closes_at").first()
        results = selectors.round_results(latest)
        assert results.answered and results.health_score is not None
        assert "health_rounds" in output
        transaction.set_rollback(True)
    with transaction.atomic():
        run_generate("3")
        assert generated() == first
        transaction.set_rollback(True)
    with transaction.atomic():
        run_generate("4")
        assert generated() != first
        transaction.set_rollback(True)
