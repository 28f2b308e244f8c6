"""`brobygger generate` fills an empty database through the registry, deterministically,
at the proportions of the national data set (a tenth of it at `small`); like `demo` it
refuses the production settings unless told."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import transaction

from brobygger.accounts.models import User
from brobygger.agreements.models import PartVersion
from brobygger.alliances.demo_data import DEMO_PASSWORD
from brobygger.alliances.models import Alliance, Membership, Organisation, Party, ValueAnswer
from brobygger.core.models import AuditRecord
from brobygger.ledger.models import Contribution, HourKind, Result, ValueGoal


def generate(*args) -> str:
    out = StringIO()
    call_command("generate", *args, stdout=out)
    return out.getvalue()


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
