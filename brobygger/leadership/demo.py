"""The leadership capability's share of the demo (registered as `registry.DemoData`): role
plans for the alliances the foundation's demo created in this run (with gaps, the alliances'
own say and a plan kept at a phase change), the demo logins' self-assessments and two teams.

Everything goes through the services, each write by the person who would make it, at the
moment it would have happened (time_machine travels there), so the audit reads as in use.
Idempotent: people who exist are reused, and assessments and teams are made only once.
"""

import contextlib
import datetime

from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.accounts.services import user_create
from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Alliance, Membership, Organisation

from . import demo_data as data
from . import instrument, services
from .dimensions import CHALLENGES, ROLES
from .models import Assessment, Team, TeamKind

_ORDER = (*ROLES, *CHALLENGES)
# How the answers vary around a person's level, statement by statement (sums to nothing).
_VARIATION = (0, 1, -1, 0)


def _travel(when: datetime.datetime | None):
    """Do what follows at `when` (None: now)."""
    if when is None:
        return contextlib.nullcontext()
    import time_machine  # only when the demo is loaded

    return time_machine.travel(when, tick=True)


def _at(day: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.combine(datetime.date.fromisoformat(day), datetime.time(10)))


def _past(day: str | None, now: datetime.datetime) -> datetime.datetime | None:
    """The day as a moment, if it has come; else None (now)."""
    if day is None:
        return None
    moment = _at(day)
    return moment if moment < now else None


def _users(context) -> dict[str, User]:
    users = dict(context.shared.get("users", {}))
    for username, spec in data.USERS.items():
        user = User.objects.filter(username=username).first()
        if user is None:
            user = user_create(
                username=username, email=spec["email"], full_name=spec["name"], password=None
            )
            # As if they had followed the confirmation link: verified where the domain is registered.
            alliance_services.affiliation_verify_by_domain(user=user)
        users[username] = user
    return users


# --- Role plans ---------------------------------------------------------------------------------


def _plans(context, users: dict[str, User], now: datetime.datetime) -> int:
    cells = 0
    for title, alliance in context.shared.get("alliances", {}).items():
        spec = data.PLANS.get(title)
        if spec is None:
            continue
        coordinator = context.shared["coordinators"][title]
        parties = context.shared["parties"][title]
        with _travel(_past(spec.get("filled"), now)):
            for username, role, party_key in spec.get("members", []):
                alliance_services.membership_add(
                    actor=coordinator, alliance=alliance, user=users[username], role=role, party=parties[party_key]
                )
            memberships = {m.user.username: m for m in Membership.objects.filter(alliance=alliance).select_related("user")}
            for item in spec["cells"]:
                written = services.role_plan_cell_update(
                    actor=users[item["by"]] if item["by"] else coordinator,
                    alliance=alliance,
                    phase=item["phase"],
                    role=item["role"],
                    leaders=[memberships[username] for username in item["leaders"]],
                    needed=item["needed"],
                    reason=item["reason"],
                )
                cells += written is not None
        if spec.get("then"):
            to_phase, day, note = spec["then"]
            when = _past(day, now)
            if when is not None:
                # After the plan was written: the phase change keeps it in the history.
                with _travel(when):
                    alliance_services.alliance_change_phase(
                        actor=coordinator, alliance=Alliance.objects.get(pk=alliance.pk), to_phase=to_phase, note=note, when=when
                    )
    return cells


# --- Self-assessments and teams --------------------------------------------------------------------


def _answers(levels: tuple, *, complete: bool) -> dict[str, int]:
    level_of = dict(zip(_ORDER, levels, strict=True))
    seen: dict[str, int] = {}
    answers = {}
    for statement in instrument.statements(instrument.current_version()):
        index = seen.get(statement.dimension, 0)
        seen[statement.dimension] = index + 1
        shift = _VARIATION[(index + _ORDER.index(statement.dimension)) % len(_VARIATION)]
        leaning = min(instrument.HIGHEST, max(instrument.LOWEST, level_of[statement.dimension] + shift))
        # A reversed statement is answered the other way round by the same leaning.
        answers[statement.key] = instrument.keyed(statement, leaning)
    if not complete:
        asked = instrument.interleaved(instrument.current_version())
        keep = {statement.key for statement in asked[: len(asked) // 2]}
        answers = {key: value for key, value in answers.items() if key in keep}
    return answers


def _team_step(team_spec: dict, teams: dict[str, int], users: dict[str, User], username: str, what: str) -> None:
    actor = users[username]
    name = team_spec["name"]
    # Fetched afresh for each step: a team object remembers who was in it when first asked.
    team = Team.objects.get(pk=teams[name]) if name in teams else None
    if what == "create":
        if team_spec["kind"] == TeamKind.ORGANISATION:
            organisation = Organisation.objects.get(name=team_spec["organisation"])
            teams[name] = services.team_create(
                actor=actor, name=name, kind=TeamKind.ORGANISATION, organisation=organisation
            ).pk
        else:
            alliance = Alliance.objects.get(title=team_spec["alliance"])
            teams[name] = services.team_create(actor=actor, name=name, kind=TeamKind.ALLIANCE, alliance=alliance).pk
    elif what.startswith("invite:"):
        services.team_invite(actor=actor, team=team, user=users[what.removeprefix("invite:")])
    elif what == "accept":
        services.team_answer(actor=actor, team=team, accept=True)
    elif what == "share":
        services.team_set_sharing(actor=actor, team=team, shares=True)


def _people(context, users: dict[str, User], now: datetime.datetime) -> tuple[int, int]:
    """The assessments and teams, in the order they happened. Returns how many of each."""
    events = []
    for username, items in data.ASSESSMENTS.items():
        if Assessment.objects.filter(user__username=username).exists():
            continue
        for days_ago, levels, complete in items:
            events.append((days_ago, ("assessment", username, levels, complete)))
    for team_spec in data.TEAMS:
        if Team.objects.filter(name=team_spec["name"]).exists():
            continue
        if team_spec["kind"] == TeamKind.ALLIANCE and not Alliance.objects.filter(title=team_spec["alliance"]).exists():
            continue
        for days_ago, username, what in team_spec["steps"]:
            events.append((days_ago, ("team", team_spec, username, what)))
    # Oldest first; steps on the same day keep their order, a minute apart.
    events.sort(key=lambda event: -event[0])
    teams: dict[str, int] = {}
    assessments = 0
    for index, (days_ago, event) in enumerate(events):
        when = now - datetime.timedelta(days=days_ago) + datetime.timedelta(minutes=index)
        with _travel(when):
            if event[0] == "assessment":
                _kind, username, levels, complete = event
                services.assessment_save(actor=users[username], answers=_answers(levels, complete=complete), complete=complete)
                assessments += 1
            else:
                _kind, team_spec, username, what = event
                _team_step(team_spec, teams, users, username, what)
    return assessments, len(teams)


def load(context) -> None:
    now = timezone.now()
    users = _users(context)
    cells = _plans(context, users, now)
    assessments, teams = _people(context, users, now)
    context.shared.setdefault("counts", {}).update(
        role_plan_cells=cells, self_assessments=assessments, leader_teams=teams
    )

