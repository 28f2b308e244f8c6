"""`brobygger generate` fills an empty database through the registry, deterministically,
at the proportions of the national data set (a tenth of it at `small`); like `demo` it
refuses the production settings unless told."""

import datetime
from io import StringIO
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.core.management import CommandError, call_command
from django.db import transaction

from brobygger.accounts.models import User
from brobygger.agreements.models import PartVersion
from brobygger.alliances.demo_data import DEMO_PASSWORD
from brobygger.alliances.models import Alliance, Membership, Organisation, Party, ValueAnswer
from brobygger.core.models import AuditRecord
from brobygger.decisions.models import Decision, Expectation
from brobygger.healthcheck.models import Round, StatementAnswer
from brobygger.leadership.models import Assessment
from brobygger.ledger.models import Contribution, HourKind, Result, ValueGoal

# What the tiny data set of seed 1 holds, as the command counts it, and its audit records.
# The same on SQLite and PostgreSQL and at any hour of any day: a generator that draws its
# random numbers in an order the database decides (a query without a fixed order, names in
# the database's collation) or that the hour of the run decides, changes these.
TINY_SEED_1 = {
    "organisations": 55, "users": 60, "alliances": 30, "parties": 153, "memberships": 103,
    "contributions": 600, "value_goals": 200, "shared_goals": 10, "results": 320, "hour_kinds": 60,
    "value_answers": 29, "agreements": 17, "signed_parts": 31, "role_plan_cells": 137, "role_assignments": 148,
    "self_assessments": 200, "health_rounds": 100, "health_answers": 190, "statement_answers": 4940,
    "dilemmas": 11, "decisions": 50, "hearing_responses": 2000, "expectations": 62, "audit_records": 6667,
}  # fmt: skip


def generate(*args) -> str:
    out = StringIO()
    call_command("generate", *args, stdout=out)
    return out.getvalue()


def counted(output: str) -> dict[str, int]:
    """The counts in the command's last line ("Generated (…) in 1 s: 55 organisations, …")."""
    listed = output.strip().split(": ", 1)[1].rstrip(".")
    return {name: int(number) for number, name in (item.split(" ", 1) for item in listed.split(", "))}


def snapshot() -> dict:
    return {
        "alliances": list(Alliance.objects.order_by("slug").values_list("slug", "title", "lead_organisation__name")),
        "parties": Party.objects.count(),
        "contributions": list(Contribution.objects.order_by("pk").values_list("quantity", "unit")[:50]),
    }


@pytest.mark.django_db
def test_small_is_a_tenth_of_the_country_and_the_same_for_the_same_seed():
    """300 alliances of which 30 led by Aarhus, about 1,500 parties, 600 users (one password
    for all), 6,000 contributions, 2,000 goals and 3,000 results, each with its audit
    record, and the demo logins; the same seed gives the same data."""
    with transaction.atomic():
        output = generate("--scale", "small", "--seed", "3")
        first = snapshot()
        assert Alliance.objects.count() == 300
        assert Alliance.objects.filter(lead_organisation__name="Aarhus Kommune").count() >= 30
        assert 1200 <= Party.objects.count() <= 1800
        generated = User.objects.filter(username__startswith="bruger")
        assert generated.count() == 600
        assert generated.values("password").distinct().count() == 1
        assert User.objects.get(username="bruger00001").check_password("generer-brobygger")
        party_goals = ValueGoal.objects.filter(party__isnull=False)
        assert (Contribution.objects.count(), party_goals.count(), Result.objects.filter(goal__in=party_goals).count()) == (
            6000,
            2000,
            3000,
        )
        # Two kinds of hours per alliance, a shared goal in every third, answers from parties.
        assert HourKind.objects.count() == 600
        assert not Contribution.objects.filter(unit="timer", hour_kind__isnull=True).exists()
        assert ValueGoal.objects.filter(party__isnull=True).count() == 100
        assert ValueAnswer.objects.exists()
        assert Membership.objects.filter(role="koordinator", user__in=generated).count() == 300
        assert PartVersion.objects.filter(signed_at__isnull=False).exists()
        assert AuditRecord.objects.count() >= 6000 + 2000 + 3000 + 300
        # A tenth of the spec's 20,000 self-assessments and 10,000 health-check rounds, and of
        # its 100,000 health-check answers (statement answers: about eight times as many).
        assert Assessment.objects.filter(completed_at__isnull=False).count() == 2000
        assert Round.objects.count() == 1000
        assert StatementAnswer.objects.count() > 10_000
        assert "300 alliances" in output
        # The demo logins, with one hash of the demo password; the top leader works for the
        # municipality that leads most alliances, and the others are members of some.
        demo_people = User.objects.exclude(username__startswith="bruger")
        assert sorted(demo_people.values_list("username", flat=True)) == [
            "admin", "koordinator", "partner", "politiker", "topleder",
        ]
        assert demo_people.values("password").distinct().count() == 1
        topleder = demo_people.get(username="topleder")
        assert topleder.check_password(DEMO_PASSWORD)
        assert (topleder.affiliation.organisation.name, topleder.affiliation.status) == ("Aarhus Kommune", "bekraeftet")
        for user in demo_people.filter(is_staff=False):
            assert 0 < Membership.objects.filter(user=user).count() < 20, user
        transaction.set_rollback(True)
    assert not Alliance.objects.exists()
    with transaction.atomic():
        generate("--scale", "small", "--seed", "3")
        assert snapshot() == first
        transaction.set_rollback(True)


def dated() -> dict:
    """What the generators date back from today: the same, to the microsecond, whenever today
    it runs."""
    return {
        "decisions": list(Decision.objects.order_by("pk").values_list("status", "created_at", "decided_at")),
        "expectations": list(Expectation.objects.order_by("pk").values_list("action", "due_on", "done_on")),
        "rounds": list(Round.objects.order_by("pk").values_list("number", "opened_at", "closes_at", "reminded_at")),
    }


@pytest.mark.django_db
def test_a_seed_gives_the_same_data_on_every_database_and_at_any_hour():
    """Just after midnight and just before (Danish time, on the day summer time begins), the
    tiny data set of seed 1 is the same, and counts the same as on the other database."""
    built = []
    for hour in (0, 23):
        moment = datetime.datetime(2026, 3, 29, hour, 30, tzinfo=ZoneInfo("Europe/Copenhagen"))
        with transaction.atomic(), time_machine.travel(moment, tick=False):
            counts = counted(generate("--scale", "tiny", "--seed", "1"))
            assert {**counts, "audit_records": AuditRecord.objects.count()} == TINY_SEED_1
            built.append(dated())
            transaction.set_rollback(True)
    assert built[0] == built[1]


@pytest.mark.django_db
def test_it_fills_only_an_empty_database(landscape):
    before = Organisation.objects.count()
    with pytest.raises(CommandError, match="empty database"):
        generate("--scale", "small")
    assert Organisation.objects.count() == before


@pytest.mark.django_db
@pytest.mark.parametrize("command", ["generate", "demo"])
def test_the_production_settings_are_refused_unless_told(settings, command):
    settings.BROBYGGER_PRODUCTION = True
    with pytest.raises(CommandError, match="production settings"):
        call_command(command, stdout=StringIO())
    assert not User.objects.exists()


@pytest.mark.django_db
def test_the_demo_told_to_run_in_production_gives_no_login_a_password(settings, today):
    """With --allow-production the demo loads, but no account gets the published password,
    the superuser included."""
    settings.BROBYGGER_PRODUCTION = True
    call_command("demo", "--allow-production", stdout=StringIO())
    admin = User.objects.get(username="admin")
    assert not admin.has_usable_password()
    assert not any(user.check_password("demo-brobygger") for user in User.objects.all())
