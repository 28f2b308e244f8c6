"""The value ledger's share of the demo (registered as `registry.DemoData`): contributions,
goals and results for the alliances the foundation's demo created in this run, each
written by the party's own representative where it has one, else by the coordinator."""

import datetime
from decimal import Decimal

from django.utils import timezone

from brobygger.alliances.models import MemberRole, Party

from . import services
from .demo_data import LEDGERS
from .models import EntryVisibility


def _level(public: bool | str) -> str:
    """demo_data says True (public), False (members) or a level by name."""
    if isinstance(public, str):
        return public
    return EntryVisibility.PUBLIC if public else EntryVisibility.MEMBERS


def _writer(party: Party, coordinator):
    membership = party.memberships.exclude(role=MemberRole.OBSERVER).select_related("user").first()
    return membership.user if membership else coordinator


def load(context) -> None:
    today = timezone.localdate()
    for title in context.shared.get("alliances", {}):
        parties = context.shared["parties"][title]
        coordinator = context.shared["coordinators"][title]
        for party_key, entries in LEDGERS.get(title, {}).items():
            party = parties[party_key]
            actor = _writer(party, coordinator)
            for kind, description, quantity, unit, value, start, end, public in entries["contributions"]:
                services.contribution_create(
                    actor=actor,
                    party=party,
                    kind=kind,
                    description=description,
                    quantity=Decimal(quantity),
                    unit=unit,
                    estimated_value=Decimal(value) if value else None,
                    period_start=datetime.date.fromisoformat(start),
                    period_end=datetime.date.fromisoformat(end) if end else None,
                    visibility=_level(public),
                )
            for goal_spec in entries["goals"]:
                goal = services.goal_create(
                    actor=actor,
                    party=party,
                    title=goal_spec["title"],
                    indicator=goal_spec["indicator"],
                    target=goal_spec["target"],
                    target_date=datetime.date.fromisoformat(goal_spec["target_date"]),
                    visibility=_level(goal_spec["public"]),
                )
                for days_ago, description, measured, value, url, note, public in goal_spec["results"]:
                    services.result_create(
                        actor=actor,
                        goal=goal,
                        achieved_on=today - datetime.timedelta(days=days_ago),
                        description=description,
                        measured_value=Decimal(measured) if measured else None,
                        estimated_value=Decimal(value) if value else None,
                        evidence_url=url,
                        evidence_note=note,
                        visibility=_level(public),
                    )
