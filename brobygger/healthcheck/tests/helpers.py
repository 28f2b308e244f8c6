"""Test data for the health check: rounds and whole answers, written through the services."""

import datetime

from django.utils import timezone

from brobygger.alliances.models import Party
from brobygger.healthcheck import selectors, services
from brobygger.healthcheck.models import ParticipationItem, Round, Statement, TensionScale

BASE_URL = "http://testserver"


def open_round(actor, alliance, *, days: int = 14) -> Round:
    return services.round_open(
        actor=actor, alliance=alliance, last_day=timezone.localdate() + datetime.timedelta(days=days), base_url=BASE_URL
    )


def answers(round_: Round, *, value=4, position=50, comment="", item_value=3, overrides=None) -> dict:
    """A whole answer for the round: every statement `value`, every scale at `position`, every
    benefit and cost `item_value`; `overrides` maps a statement key or scale key to its own."""
    overrides = overrides or {}
    statements = Statement.objects.filter(version_id=round_.version_id)
    scales = TensionScale.objects.filter(version_id=round_.version_id)
    items = ParticipationItem.objects.filter(version_id=round_.version_id)
    return {
        "statements": {s.pk: overrides.get(s.key, value) for s in statements},
        "tensions": {s.pk: (overrides.get(s.key, position), comment) for s in scales},
        "items": {i.pk: overrides.get(i.key, item_value) for i in items},
        "answer": "delvist",
        "comment": "Vi får noget ud af det, men det tager tid.",
    }


def answer(actor, round_: Round, party: Party, **kwargs):
    return services.response_save(actor=actor, round_=round_, party=party, **answers(round_, **kwargs))


def results(round_: Round):
    return selectors.round_results(Round.objects.select_related("version").get(pk=round_.pk))
