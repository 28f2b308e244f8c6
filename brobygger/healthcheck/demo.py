"""The health check's share of the demo (registered as `registry.DemoData`): rounds with the
parties' answers and a register of dilemmas in the demo alliances that span all three
sectors (demo_data.py tells their stories).

Everything goes through the services, each write by the person who would make it, at the
moment it would have happened (time_machine travels there: a round only takes answers
while it is open), so the audit reads as in use. Idempotent: only alliances the foundation's
demo created in this run are filled, and people who exist are reused.
"""

import datetime

from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.accounts.services import user_create
from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Membership

from . import demo_data as data
from . import selectors, services
from .models import ParticipationItem, Round, Statement, TensionScale

# What a statement, scale or item the demo's strings do not cover is answered with (a later
# instrument version may add some).
_NEUTRAL = 3
_MIDDLE = 50


def _travel(when: datetime.datetime):
    import time_machine  # only when the demo is loaded

    return time_machine.travel(when, tick=True)


def _moment(now: datetime.datetime, days_ago: int, *, minute: int = 0) -> datetime.datetime:
    """10 o'clock (Danish time) `days_ago` days before `now`, plus `minute` minutes."""
    day = timezone.localdate(now) - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))) + datetime.timedelta(minutes=minute)


def _users(context) -> dict[str, User]:
    users = dict(context.shared.get("users", {}))
    for username in ("koordinator", "partner", "topleder", "louise.brandt", "lone.munk"):
        if username not in users:
            found = User.objects.filter(username=username).first()
            if found is not None:
                users[username] = found
    for username, spec in data.USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(username=username, email=spec["email"], full_name=spec["name"], password=None)
            # As if they had followed the confirmation link: verified where the domain is registered.
            alliance_services.affiliation_verify_by_domain(user=user)
        users[username] = user
    return users


def _values(text: str) -> list[int | None]:
    return [None if char == "x" else int(char) for char in text.replace(" ", "")]


def _statement_values(text: str) -> dict[str, int | None]:
    groups = text.split()
    if len(groups) != len(data.STATEMENT_GROUPS):
        raise ValueError(f"Expected {len(data.STATEMENT_GROUPS)} groups of answers: {text!r}")
    values = {}
    for group, (_criterion, keys) in zip(groups, data.STATEMENT_GROUPS, strict=True):
        values.update(zip(keys, _values(group), strict=True))
    return values


def _answer_arguments(round_: Round, spec: dict) -> dict:
    """The service's arguments for an answer: the version's ids mapped from the demo's keys."""
    statement_values = _statement_values(spec["statements"])
    positions = dict(zip(data.SCALES, spec["positions"], strict=True))
    item_values = dict(zip(data.ITEMS, _values(spec["items"]), strict=True))
    answer, comment = spec["value"]
    return {
        "statements": {
            statement.pk: statement_values.get(statement.key, _NEUTRAL)
            for statement in Statement.objects.filter(version_id=round_.version_id)
        },
        "tensions": {
            scale.pk: (positions.get(scale.key, _MIDDLE), spec["comments"].get(scale.key, ""))
            for scale in TensionScale.objects.filter(version_id=round_.version_id)
        },
        "items": {
            item.pk: item_values.get(item.key, _NEUTRAL)
            for item in ParticipationItem.objects.filter(version_id=round_.version_id)
        },
        "answer": answer,
        "comment": comment,
    }


def _events(spec: dict, now: datetime.datetime) -> list[tuple[datetime.datetime, tuple]]:
    """The alliance's rounds, answers and dilemmas as (moment, event), oldest first."""
    events = []
    for index, round_spec in enumerate(spec["rounds"]):
        events.append((_moment(now, round_spec["opened"]), ("open", index, round_spec)))
        for order, answer_spec in enumerate(round_spec["answers"], start=1):
            events.append((_moment(now, answer_spec["days_ago"], minute=order), ("answer", index, answer_spec)))
    for order, dilemma_spec in enumerate(spec["dilemmas"]):
        # Written into the register the day after the alliance met it.
        events.append((_moment(now, dilemma_spec["days_ago"] - 1, minute=30 + order), ("dilemma", dilemma_spec)))
    return sorted(events, key=lambda event: event[0])


def _fill(context, title: str, spec: dict, users: dict[str, User], now: datetime.datetime) -> tuple[int, int, int]:
    alliance = context.shared["alliances"][title]
    coordinator = context.shared["coordinators"][title]
    parties = context.shared["parties"][title]
    base_url = context.options.get("base_url", "http://127.0.0.1:8000/")

    with _travel(_moment(now, spec["members_days_ago"])):
        for username, role, party_key in spec["members"]:
            if not Membership.objects.filter(alliance=alliance, user=users[username]).exists():
                alliance_services.membership_add(
                    actor=coordinator, alliance=alliance, user=users[username], role=role, party=parties[party_key]
                )

    rounds: dict[int, Round] = {}
    answers = dilemmas = 0
    for when, event in _events(spec, now):
        with _travel(when):
            if event[0] == "open":
                _kind, index, round_spec = event
                rounds[index] = services.round_open(
                    actor=coordinator,
                    alliance=alliance,
                    last_day=timezone.localdate(now) - datetime.timedelta(days=round_spec["last_day"]),
                    base_url=base_url,
                )
            elif event[0] == "answer":
                _kind, index, answer_spec = event
                services.response_save(
                    actor=users[answer_spec["by"]],
                    round_=rounds[index],
                    party=parties[answer_spec["party"]],
                    **_answer_arguments(rounds[index], answer_spec),
                )
                answers += 1
            else:
                dilemma_spec = event[1]
                met_on = timezone.localdate(now) - datetime.timedelta(days=dilemma_spec["days_ago"])
                review_in = dilemma_spec["review_in"]
                services.dilemma_create(
                    actor=coordinator,
                    alliance=alliance,
                    scale=next(scale for scale in selectors.current_scales() if scale.key == dilemma_spec["scale"]),
                    met_on=met_on,
                    situation=dilemma_spec["situation"],
                    stance=dilemma_spec["stance"],
                    reason=dilemma_spec["reason"],
                    review_on=None if review_in is None else timezone.localdate(now) + datetime.timedelta(days=review_in),
                )
                dilemmas += 1
    return len(rounds), answers, dilemmas


def load(context) -> None:
    now = timezone.now()
    created = context.shared.get("alliances", {})
    rounds = answers = dilemmas = 0
    if any(title in created for title in data.ALLIANCES):
        users = _users(context)
        for title, spec in data.ALLIANCES.items():
            if title not in created:
                continue
            made = _fill(context, title, spec, users, now)
            rounds, answers, dilemmas = rounds + made[0], answers + made[1], dilemmas + made[2]
    context.shared.setdefault("counts", {}).update(
        health_rounds=rounds, health_answers=answers, dilemmas=dilemmas
    )
