"""The value ledger's share of the demo (registered as `registry.DemoData`): contributions,
goals and results for the alliances the foundation's demo created in this run, each
written by the party's own representative where it has one, else by the coordinator."""

import datetime
from decimal import Decimal

from django.utils import timezone

from brobygger.alliances.models import MemberRole, Party
from brobygger.alliances.services import value_answer_create

from . import services
from .demo_data import ANSWERS, HOUR_KINDS, LEDGERS, SHARED_GOALS
from .models import EntryVisibility, GoalDirection, ProgressReading, Unit


def _level(public: bool | str) -> str:
    """demo_data says True (public), False (members) or a level by name."""
    if isinstance(public, str):
        return public
    return EntryVisibility.PUBLIC if public else EntryVisibility.MEMBERS


def _writer(party: Party, coordinator):
    membership = party.memberships.exclude(role=MemberRole.OBSERVER).select_related("user").first()
    return membership.user if membership else coordinator


def _day(value, today: datetime.date) -> datetime.date | None:
    """A date as written in demo_data: ISO text, or days from today."""
    if value is None:
        return None
    if isinstance(value, int):
        return today + datetime.timedelta(days=value)
    return datetime.date.fromisoformat(value)


def _decimal(value) -> Decimal | None:
    return Decimal(value) if value else None


def _goal_values(spec: dict, today: datetime.date) -> dict:
    return {
        "title": spec["title"],
        "indicator": spec["indicator"],
        "target": spec["target"],
        "target_value": _decimal(spec.get("target_value")),
        "target_unit": spec.get("target_unit", ""),
        "direction": spec.get("direction", GoalDirection.MORE),
        "reading": spec.get("reading", ProgressReading.LATEST),
        "start_date": _day(spec.get("start_date"), today),
        "target_date": _day(spec["target_date"], today),
        "visibility": _level(spec["public"]),
    }


def _results(goal, specs, actor, today: datetime.date) -> None:
    for days_ago, description, measured, value, url, note, public, *flags in specs:
        flags = flags[0] if flags else set()
        services.result_create(
            actor=actor,
            goal=goal,
            achieved_on=today - datetime.timedelta(days=days_ago),
            description=description,
            measured_value=_decimal(measured),
            meets_goal="naaet" in flags,
            estimated_value=_decimal(value),
            is_payment="betaling" in flags,
            evidence_url=url,
            evidence_note=note,
            visibility=_level(public),
        )


def _representative(party: Party):
    membership = party.memberships.exclude(role=MemberRole.OBSERVER).select_related("user").first()
    return membership.user if membership else None


def load(context) -> None:
    today = timezone.localdate()
    for title in context.shared.get("alliances", {}):
        alliance = context.shared["alliances"][title]
        parties = context.shared["parties"][title]
        coordinator = context.shared["coordinators"][title]
        kinds = {
            name: services.hour_kind_create(
                actor=coordinator, alliance=alliance, name=name, rate=_decimal(rate), description=description
            )
            for name, rate, description in HOUR_KINDS.get(title, [])
        }
        for party_key, entries in LEDGERS.get(title, {}).items():
            party = parties[party_key]
            actor = _writer(party, coordinator)
            for kind, description, quantity, unit, value, start, end, public, *flags in entries["contributions"]:
                hours = unit == Unit.HOURS
                services.contribution_create(
                    actor=actor,
                    party=party,
                    kind=kind,
                    description=description,
                    quantity=Decimal(quantity),
                    unit=unit,
                    estimated_value=None if hours else _decimal(value),
                    hour_kind=kinds[value] if hours and value else None,
                    is_payment="betaling" in flags,
                    period_start=datetime.date.fromisoformat(start),
                    period_end=datetime.date.fromisoformat(end) if end else None,
                    visibility=_level(public),
                )
            for goal_spec in entries["goals"]:
                goal = services.goal_create(actor=actor, party=party, **_goal_values(goal_spec, today))
                _results(goal, goal_spec["results"], actor, today)
        for goal_spec in SHARED_GOALS.get(title, []):
            goal = services.shared_goal_create(actor=coordinator, alliance=alliance, **_goal_values(goal_spec, today))
            _results(goal, goal_spec["results"], coordinator, today)
        for party_key, answers in ANSWERS.get(title, {}).items():
            party = parties[party_key]
            representative = _representative(party)
            if representative is None:
                continue
            for days_ago, answer, comment in answers:
                entry = value_answer_create(actor=representative, party=party, answer=answer, comment=comment)
                # The demo's history: the answer was given that many days ago.
                entry.answered_at = timezone.now() - datetime.timedelta(days=days_ago)
                entry.save(update_fields=["answered_at"])
