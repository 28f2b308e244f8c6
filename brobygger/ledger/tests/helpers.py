"""Entries for the ledger's tests, made through the services as a user would make them."""

import datetime
from decimal import Decimal

from django.test import Client

from brobygger.alliances.models import Alliance, Organisation, Party, ValueAnswer
from brobygger.ledger import services
from brobygger.ledger.models import Contribution, HourKind, Result, ValueGoal
from brobygger.testing.html import Element as Element
from brobygger.testing.html import main as main
from brobygger.testing.html import page as page

# Danish messages of the services and forms (the start of each is enough).
REQUIRED = "Dette felt er påkrævet."
NEGATIVE = "Tallet kan ikke være negativt."
NOT_ZERO = "Tallet skal være større end 0."
TOO_LARGE = "Tallet er urealistisk stort."
PERIOD_ORDER = "Perioden kan ikke slutte, før den begynder."
FUTURE_RESULT = "Et resultat kan ikke være opnået i fremtiden."
MISSING_EVIDENCE = "Dokumentér resultatet: indsæt et link, eller skriv en note"
DATE_RANGE = "Datoen skal ligge mellem år 2000 og år 2100."
LEDGER_DENIED = (
    "Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens værdiregnskab."
)
PUBLIC_ONLY_NOTE = "Du ser kun de poster, parterne har gjort offentlige."
PARTY_PUBLIC_ONLY_NOTE = "Du ser kun de poster, parten har gjort offentlige."


def party(alliance: Alliance, organisation: Organisation) -> Party:
    return Party.objects.select_related("organisation", "alliance").get(
        alliance=alliance, organisation=organisation
    )


def add_contribution(party: Party, user, **overrides) -> Contribution:
    values = {
        "kind": "penge",
        "description": "Tilskud til mælken",
        "quantity": Decimal("10000"),
        "unit": "kr",
        "estimated_value": None,
        "period_start": datetime.date(2026, 1, 1),
        "period_end": datetime.date(2026, 12, 31),
        "visibility": "offentlig",
    }
    values.update(overrides)
    return services.contribution_create(party=party, actor=user, **values)


def add_goal(party: Party, user, **overrides) -> ValueGoal:
    values = {
        "title": "Flere borgere i praktik hos os",
        "indicator": "antal borgere i praktik",
        "target": "12 borgere om året",
        "target_date": datetime.date(2027, 6, 30),
        "visibility": "offentlig",
    }
    values.update(overrides)
    return services.goal_create(party=party, actor=user, **values)


def add_result(goal: ValueGoal, user, **overrides) -> Result:
    values = {
        "achieved_on": datetime.date(2026, 10, 1),
        "description": "Fire borgere kom i praktik.",
        "measured_value": Decimal("4"),
        "estimated_value": Decimal("2500"),
        "evidence_url": "https://mejeriet.example/praktik",
        "evidence_note": "",
        "visibility": "offentlig",
    }
    values.update(overrides)
    return services.result_create(goal=goal, actor=user, **values)


def ledger_rows() -> dict:
    """Every row of the ledger's tables and the audit, so a half-saved or changed row shows up."""
    from brobygger.core.models import AuditRecord

    return {
        model.__name__: list(model.objects.order_by("pk").values())
        for model in (Contribution, ValueGoal, Result, HourKind, ValueAnswer, AuditRecord)
    }


def client_for(user) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


# --- Reading pages (the parser is brobygger.testing.html) ---------------------------------


def ledger_records(**filters):
    """The audit records of ledger entries (what the party's history shows), oldest first."""
    from django.contrib.contenttypes.models import ContentType

    from brobygger.core.models import AuditRecord

    types = ContentType.objects.get_for_models(Contribution, ValueGoal, Result).values()
    return AuditRecord.objects.filter(content_type__in=types, **filters).order_by("pk")
