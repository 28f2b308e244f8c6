"""The decisions' share of the demo (registered as `registry.DemoData`): an involvement plan
and decisions at every step of their life in the organic milk alliance, one decision in the
telemedicine alliance, and a change process inside Lejre Kommune (demo_data.py tells the
stories).

Everything goes through the services, each write by the person who would make it, at the
moment it would have happened (time_machine travels there: a hearing takes responses only
while it is open, and a decision is made only after it has closed), so the audit and the
fair-process figures read as in use. Idempotent: only alliances the foundation's demo created
in this run are filled, and the change process is made once.

Like the health check's demo, the services queue their usual emails (invitations, answers to
responses, the decision communicated) once each write commits; every address they go to is at
the reserved .example domain, and the citizens in the demo give no address.
"""

import datetime

from django.utils import timezone

from brobygger.accounts.models import User
from brobygger.alliances.models import Alliance, MemberRole, Membership, Party

from . import demo_data as data
from . import services
from .models import (
    ChangeProcess,
    Decision,
    Expectation,
    Hearing,
    Invitation,
    InvolvementGroup,
    Response,
)
from .rules import ADD_PROCESS


def _travel(when: datetime.datetime):
    import time_machine  # only when the demo is loaded

    return time_machine.travel(when, tick=True)


def _moment(now: datetime.datetime, days_ago: int, *, minute: int = 0) -> datetime.datetime:
    """10 o'clock (Danish time) `days_ago` days before `now`, plus `minute` minutes."""
    day = timezone.localdate(now) - datetime.timedelta(days=days_ago)
    return timezone.make_aware(datetime.datetime.combine(day, datetime.time(10))) + datetime.timedelta(minutes=minute)


def _day(now: datetime.datetime, days_from_now: int) -> datetime.date:
    return timezone.localdate(now) + datetime.timedelta(days=days_from_now)


class _Loader:
    """Writes the stories of demo_data.py, counting what it made."""

    def __init__(self, context, now: datetime.datetime):
        self.now = now
        self.base_url = context.options.get("base_url", "http://127.0.0.1:8000/")
        self.decisions = 0
        self.responses = 0
        # {(model, pk) of the plan's owner: {the group's name in demo_data: group}}
        self.plans: dict[tuple[type, int], dict[str, InvolvementGroup]] = {}

    def at(self, days_ago: int, minute: int = 0):
        return _travel(_moment(self.now, days_ago, minute=minute))

    @staticmethod
    def user(username: str) -> User | None:
        # Fetched afresh: a user object remembers its memberships, and earlier loaders added some.
        return User.objects.filter(username=username).first()

    def representative(self, username: str, party: Party) -> User | None:
        """The person who writes the party's response, if the demo made them its representative."""
        user = self.user(username)
        speaks = (
            user is not None
            and Membership.objects.filter(user=user, party=party).exclude(role=MemberRole.OBSERVER).exists()
        )
        return user if speaks else None

    # --- The involvement plan ---------------------------------------------------------------

    def plan(self, actor, owner, cells: dict, days_ago: int) -> None:
        names = services.DEFAULT_ALLIANCE_GROUPS if isinstance(owner, Alliance) else services.DEFAULT_PROCESS_GROUPS
        with self.at(days_ago):
            groups = dict(zip(names, services.plan_start(actor=actor, owner=owner), strict=True))
        # Kept by the names the data uses: plan_start names them in the active language.
        self.plans[(type(owner), owner.pk)] = groups
        minute = 1
        for name, phases in cells.items():
            for phase, cell in phases.items():
                with self.at(days_ago, minute):
                    services.plan_cell_save(actor=actor, group=groups[name], phase=phase, **cell)
                minute += 1

    def groups(self, owner, names: list[str]) -> list[InvolvementGroup]:
        """The plan's groups a hearing is placed on (none where the owner has no plan)."""
        plan = self.plans.get((type(owner), owner.pk), {})
        return [plan[name] for name in names if name in plan]

    # --- One alliance decision ----------------------------------------------------------------

    def alliance_decision(self, actor, alliance, parties: dict[str, Party], spec: dict) -> None:
        with self.at(spec["created"]):
            decision = services.decision_create(
                actor=actor, owner=alliance, question=spec["question"], phase=spec["phase"],
                background=spec["background"], affected_parties=[parties[key] for key in spec["affected"]],
                affects_public=spec["affects_public"],
            )
        self.decisions += 1
        if "hearing" not in spec:
            return
        hearing = spec["hearing"]
        with self.at(hearing["opened"]):
            services.hearing_open(
                actor=actor, decision=decision, level=hearing["level"], level_reason=hearing["reason"],
                last_day=_day(self.now, -hearing["last_day"]), is_public=hearing["public"],
                groups=self.groups(alliance, hearing["groups"]), base_url=self.base_url,
            )
        written: list[tuple[dict, Response, User | None]] = []
        for minute, response_spec in enumerate(sorted(spec["responses"], key=lambda r: -r["days_ago"])):
            made = self.response(decision, parties, response_spec, minute)
            if made is not None:
                written.append((response_spec, *made))
        self.finish(actor, decision, spec, written)

    def response(self, decision: Decision, parties: dict[str, Party], spec: dict, minute: int):
        hearing = Hearing.objects.get(decision=decision)
        with self.at(spec["days_ago"], minute):
            if spec["party"] is None:
                response = services.public_response_create(
                    hearing=hearing, stance=spec["stance"], text=spec["text"], consent=True, name=spec["name"],
                    base_url=self.base_url,
                )
                writer = None
            else:
                party = parties[spec["party"]]
                writer = self.representative(spec["by"], party)
                if writer is None:
                    return None
                response = services.response_save(
                    actor=writer, hearing=hearing, party=party, stance=spec["stance"], text=spec["text"]
                )
        self.responses += 1
        return response, writer

    # --- Deciding, answering, communicating, correcting ---------------------------------------

    def finish(self, actor, decision: Decision, spec: dict, written: list) -> None:
        if "decided" not in spec:
            return
        with self.at(spec["decided"]):
            decision = Decision.objects.get(pk=decision.pk)
            review_in = spec.get("review_in")
            decision = services.decision_decide(
                actor=actor, decision=decision, revision=decision.revision, outcome=spec["outcome"],
                reasons=spec["reasons"], review_on=None if review_in is None else _day(self.now, review_in),
            )
        for minute, (response_spec, response, _writer) in enumerate(written):
            if response_spec["reply"] is not None:
                usage, text = response_spec["reply"]
                with self.at(spec["replied"], minute):
                    services.response_reply(
                        actor=actor, response=Response.objects.get(pk=response.pk), usage=usage, text=text,
                        base_url=self.base_url,
                    )
        expectations = []
        for minute, expected in enumerate(spec["expectations"], start=30):
            with self.at(spec["replied"], minute):
                expectations.append(
                    (
                        expected,
                        services.expectation_create(
                            actor=actor, decision=decision, action=expected["action"], owner=expected["owner"],
                            due_on=_day(self.now, expected["due_in"]),
                        ),
                    )
                )
        if "communicated" in spec:
            with self.at(spec["communicated"]):
                services.decision_communicate(
                    actor=actor, decision=Decision.objects.get(pk=decision.pk), base_url=self.base_url
                )
            for minute, (response_spec, response, writer) in enumerate(written):
                if response_spec["felt"] is not None:
                    # Over the days after the decision was communicated.
                    with self.at(spec["felt_heard"] - minute, minute):
                        services.felt_heard_save(
                            actor=writer, response=Response.objects.get(pk=response.pk), value=response_spec["felt"]
                        )
        for expected, made in expectations:
            if expected["done_ago"] is not None:
                with self.at(expected["done_ago"]):
                    services.expectation_update(
                        actor=actor, expectation=Expectation.objects.get(pk=made.pk),
                        done_on=_day(self.now, -expected["done_ago"]),
                    )
        correction = spec.get("correction")
        if correction:
            with self.at(correction["days_ago"]):
                decision = Decision.objects.get(pk=decision.pk)
                services.decision_correct(
                    actor=actor, decision=decision, revision=decision.revision, outcome=correction["outcome"],
                    reasons=correction["reasons"], review_on=decision.review_on, note=correction["note"],
                    base_url=self.base_url,
                )

    # --- The change process ---------------------------------------------------------------------

    def change_process(self, organisation) -> bool:
        spec = data.CHANGE_PROCESS
        actor = self.user(spec["by"])
        if actor is None or not actor.has_perm(ADD_PROCESS, organisation):
            return False
        if ChangeProcess.objects.filter(organisation=organisation, title=spec["title"]).exists():
            return False
        with self.at(spec["created"]):
            process = services.change_process_create(
                actor=actor, organisation=organisation, title=spec["title"], description=spec["description"]
            )
        self.plan(actor, process, spec["cells"], spec["plan_days_ago"])
        decision_spec = spec["decision"]
        with self.at(decision_spec["created"]):
            decision = services.decision_create(
                actor=actor, owner=process, question=decision_spec["question"], phase=decision_spec["phase"],
                background=decision_spec["background"], affected_groups=self.groups(process, decision_spec["groups"]),
            )
        self.decisions += 1
        hearing = decision_spec["hearing"]
        with self.at(hearing["opened"]):
            services.hearing_open(
                actor=actor, decision=decision, level=hearing["level"], level_reason=hearing["reason"],
                last_day=_day(self.now, -hearing["last_day"]), groups=self.groups(process, decision_spec["groups"]),
                emails=hearing["emails"], base_url=self.base_url,
            )
        for minute, answer in enumerate(decision_spec["invitee_responses"]):
            with self.at(answer["days_ago"], minute):
                services.invitee_response_save(
                    invitation=Invitation.objects.get(hearing__decision=decision, email=answer["email"]),
                    stance=answer["stance"], text=answer["text"], consent=True, name=answer["name"],
                )
            self.responses += 1
        return True


def load(context) -> None:
    now = timezone.now()
    created = context.shared.get("alliances", {})
    loader = _Loader(context, now)
    processes = 0
    for title, specs in data.DECISIONS.items():
        if title not in created:
            continue
        alliance = created[title]
        actor = User.objects.get(pk=context.shared["coordinators"][title].pk)
        parties = context.shared["parties"][title]
        plan = data.PLANS.get(title)
        if plan is not None:
            loader.plan(actor, alliance, plan["cells"], plan["days_ago"])
        for spec in specs:
            loader.alliance_decision(actor, alliance, parties, spec)
    if data.MILK in created:
        lejre = context.shared["parties"][data.MILK][data.CHANGE_PROCESS["organisation"]].organisation
        processes += loader.change_process(lejre)
    context.shared.setdefault("counts", {}).update(
        decisions=loader.decisions, hearing_responses=loader.responses, change_processes=processes
    )
