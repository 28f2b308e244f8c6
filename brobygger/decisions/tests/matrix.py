"""Decisions' part of the permission matrix (registered in apps.py).

An alliance's decisions, hearings, responses and involvement plan are for its members and
staff; for everyone else they do not exist (404), on the public alliance too. Coordinators and
staff run them; the other members are refused with the reason (403). A party answers a hearing
through its own representatives: the partner (Mejeriet A/S) and the coordinator (Lejre
Kommune); the observer and staff answer for nobody (403). A draft is seen only by those who run
decisions.

A change process belongs to Lejre Kommune: its verified employees (the coordinator, the
observer and the public employee) and staff read and run it; for everyone else it is not there.
The public hearing and a respondent's own link need no account: anyone with the address gets
the page.

`extend_world` gives each alliance a draft, a decision in an open public hearing (with the
partner's response and a citizen's), a decided one whose hearing has closed (with a response to
answer), and a communicated one (with an expectation and the partner's response); and Lejre a
change process with a plan group.
"""

import datetime

from django.urls import reverse
from django.utils import timezone

from brobygger.alliances.tests.matrix import MEMBERS, ON_ALLIANCES, World, alliance_url
from brobygger.decisions import services
from brobygger.decisions.models import (
    Decision,
    Expectation,
    Hearing,
    InvolvementGroup,
    PlanCell,
    Response,
)
from brobygger.decisions.rules import ADD_PROCESS  # noqa: F401  (documents which rule the process pages use)
from brobygger.decisions.taxonomy import Stance
from brobygger.testing.matrix import (
    ANONYMOUS,
    DONE,
    LOGIN,
    NOT_ALLOWED,
    NOT_FOUND,
    OK,
    Expect,
    PostRoute,
    Route,
    everyone,
    forbidden,
)

from .helpers import BASE_URL, decide, draft, expect, in_hearing, party_response, public_response
from .matrix_api import API_GET_ROUTES, API_POST_ROUTES

READERS = MEMBERS | {"staff"}
MANAGERS = {"coordinator", "staff"}
REPRESENTATIVES = {"partner", "coordinator"}
# Verified for Lejre Kommune, whose change process the world holds.
LEJRE = {"coordinator", "observer", "public_employee", "staff"}

MANAGE_DENIED = (
    "Kun alliancens koordinatorer eller organisationens bekræftede medarbejdere kan oprette og træffe beslutninger her."
)
RESPOND_DENIED = "Kun partens egne repræsentanter kan afgive partens høringssvar."
PROCESS_DENIED = "Kun organisationens bekræftede medarbejdere kan starte en forandringsproces i den."


# --- Expectations ------------------------------------------------------------------------------


def read_decisions(kind: str, visibility: str) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    return OK if kind in READERS else NOT_FOUND


def _members_page(allowed_kinds: set[str], denied: str, allowed: Expect):
    def expect(kind: str, visibility: str) -> Expect:
        if kind == ANONYMOUS:
            return LOGIN
        if kind not in READERS:
            return NOT_FOUND
        return allowed if kind in allowed_kinds else forbidden(denied)

    return expect


def manage(allowed: Expect = OK):
    return _members_page(MANAGERS, MANAGE_DENIED, allowed)


def manage_draft(allowed: Expect = OK):
    """A draft is the deciders' own: the other members do not see it at all."""

    def expect(kind: str, visibility: str) -> Expect:
        if kind == ANONYMOUS:
            return LOGIN
        return allowed if kind in MANAGERS else NOT_FOUND

    return expect


def respond(allowed: Expect = OK):
    return _members_page(REPRESENTATIVES, RESPOND_DENIED, allowed)


def lejre_process(allowed: Expect = OK):
    def expect(kind: str, subject: str) -> Expect:
        if kind == ANONYMOUS:
            return LOGIN
        return allowed if kind in LEJRE else NOT_FOUND

    return expect


def start_process(allowed: Expect = OK):
    """The organisation's page is public; starting a change process in it is for its own."""

    def expect(kind: str, subject: str) -> Expect:
        if kind == ANONYMOUS:
            return LOGIN
        return allowed if kind in LEJRE else forbidden(PROCESS_DENIED)

    return expect


def post_only_members(kind: str, visibility: str) -> Expect:
    if kind == ANONYMOUS:
        return LOGIN
    return NOT_ALLOWED


# --- The world ---------------------------------------------------------------------------------


def extend_world(world: World) -> None:
    landscape = world.landscape
    coordinator = landscape.coordinator
    decisions: dict[str, dict[str, Decision]] = {}
    for visibility in ON_ALLIANCES:
        alliance = world.alliance(visibility)
        company = world.party(visibility, "company")
        hearing = in_hearing(coordinator, alliance, question="Skal vi dele ruterne?")
        party_response(landscape.partner, hearing, company, stance=Stance.PARTLY, text="Kun om sommeren.")
        public_response(hearing, email="borger@example.dk", name="Bo Borger")
        decided = in_hearing(coordinator, alliance, question="Skal vi købe en kølebil?")
        party_response(landscape.partner, decided, company)
        decided = decide(coordinator, decided)
        done = in_hearing(coordinator, alliance, question="Skal vi mødes hver måned?")
        party_response(landscape.partner, done, company, stance=Stance.DISAGREE, text="Hver anden.")
        party_response(coordinator, done, world.party(visibility, "lejre"), text="Hver måned passer os.")
        done = decide(coordinator, done)
        for response in Response.objects.filter(hearing__decision=done):
            services.response_reply(actor=coordinator, response=response, usage="delvist", text="Vi prøver.", base_url=BASE_URL)
        expect(coordinator, done)
        done = services.decision_communicate(actor=coordinator, decision=done, base_url=BASE_URL)
        group = services.group_add(actor=coordinator, owner=alliance, name="Borgere")
        decisions[visibility] = {
            "draft": draft(coordinator, alliance, question="Skal vi have et fælles logo?"),
            "hearing": hearing,
            "decided": decided,
            "communicated": done,
            "group": group,
        }
    process = services.change_process_create(
        actor=coordinator, organisation=landscape.lejre, title="Sammenlægning af to plejecentre"
    )
    process_group = services.group_add(actor=coordinator, owner=process, name="Medarbejdere")
    process_decision = draft(coordinator, process, question="Hvem leder det nye center?", groups=[process_group])
    process_hearing = services.hearing_open(
        actor=coordinator, decision=process_decision, level="konsultation", level_reason="Vi vil høre jer først.",
        last_day=timezone.localdate() + datetime.timedelta(days=10), emails=["ansat@example.dk"], base_url=BASE_URL,
    )
    world.extras["decisions"] = {
        "alliances": decisions,
        "process": process,
        "process_group": process_group,
        "process_hearing": process_hearing,
        "invitation": process_hearing.invitations.get(),
    }


def _extras(world: World) -> dict:
    return world.extras["decisions"]


def _decision(stage: str):
    return lambda world, visibility: _extras(world)["alliances"][visibility][stage]


def _decision_url(name: str, stage: str, **extra):
    def build(world: World, visibility: str) -> str:
        kwargs = {"pk": _decision(stage)(world, visibility).pk}
        kwargs.update({key: make(world, visibility) for key, make in extra.items()})
        return reverse(name, kwargs=kwargs)

    return build


def _group_url(name: str, **extra):
    def build(world: World, visibility: str) -> str:
        return reverse(name, kwargs={"pk": _extras(world)["alliances"][visibility]["group"].pk, **extra})

    return build


def _process_url(name: str):
    return lambda world, subject: reverse(name, kwargs={"pk": _extras(world)["process"].pk})


def _first_response_number(world: World, visibility: str) -> int:
    return Response.objects.filter(hearing__decision=_decision("decided")(world, visibility)).order_by("number").first().number


def _expectation_id(world: World, visibility: str) -> int:
    return Expectation.objects.filter(decision=_decision("communicated")(world, visibility)).first().pk


def _public_hearing(world: World, visibility: str) -> str:
    return reverse("decisions:public_hearing", kwargs={"token": _decision("hearing")(world, visibility).hearing.token})


def _citizen_response(world: World, visibility: str) -> str:
    response = Response.objects.filter(hearing__decision=_decision("hearing")(world, visibility), party__isnull=True).first()
    return reverse("decisions:my_response", kwargs={"token": response.manage_token})


GET_ROUTES: dict[str, Route] = {
    # --- an alliance's decisions and plan
    "decisions:alliance_list": Route(alliance_url("decisions:alliance_list"), read_decisions, ON_ALLIANCES),
    "decisions:alliance_create": Route(alliance_url("decisions:alliance_create"), manage(), ON_ALLIANCES),
    "decisions:alliance_plan": Route(alliance_url("decisions:alliance_plan"), read_decisions, ON_ALLIANCES),
    "decisions:alliance_plan_start": Route(alliance_url("decisions:alliance_plan_start"), post_only_members, ON_ALLIANCES),
    "decisions:alliance_group_add": Route(alliance_url("decisions:alliance_group_add"), manage(), ON_ALLIANCES),
    "decisions:group_edit": Route(_group_url("decisions:group_edit"), manage(), ON_ALLIANCES),
    "decisions:group_remove": Route(_group_url("decisions:group_remove"), manage(), ON_ALLIANCES),
    "decisions:cell_edit": Route(_group_url("decisions:cell_edit", phase="etablering"), manage(), ON_ALLIANCES),
    # --- one decision
    "decisions:detail": Route(_decision_url("decisions:detail", "hearing"), read_decisions, ON_ALLIANCES),
    "decisions:edit": Route(_decision_url("decisions:edit", "draft"), manage_draft(), ON_ALLIANCES),
    "decisions:delete": Route(_decision_url("decisions:delete", "draft"), manage_draft(), ON_ALLIANCES),
    "decisions:hearing_open": Route(_decision_url("decisions:hearing_open", "draft"), manage_draft(), ON_ALLIANCES),
    "decisions:hearing_deadline": Route(_decision_url("decisions:hearing_deadline", "hearing"), manage(), ON_ALLIANCES),
    "decisions:hearing_close": Route(_decision_url("decisions:hearing_close", "hearing"), manage(), ON_ALLIANCES),
    "decisions:decide": Route(_decision_url("decisions:decide", "decided"), manage(), ON_ALLIANCES),
    "decisions:reply": Route(
        _decision_url("decisions:reply", "decided", number=_first_response_number), manage(), ON_ALLIANCES
    ),
    "decisions:expectation_add": Route(_decision_url("decisions:expectation_add", "decided"), manage(), ON_ALLIANCES),
    "decisions:expectation_edit": Route(
        _decision_url("decisions:expectation_edit", "communicated", expectation_id=_expectation_id), manage(), ON_ALLIANCES
    ),
    "decisions:expectation_delete": Route(
        _decision_url("decisions:expectation_delete", "decided", expectation_id=lambda w, v: 0), manage(NOT_FOUND), ON_ALLIANCES
    ),
    "decisions:communicate": Route(_decision_url("decisions:communicate", "decided"), manage(), ON_ALLIANCES),
    "decisions:correct": Route(_decision_url("decisions:correct", "communicated"), manage(), ON_ALLIANCES),
    # --- a party answers
    "decisions:respond": Route(_decision_url("decisions:respond", "hearing"), respond(), ON_ALLIANCES),
    "decisions:withdraw": Route(_decision_url("decisions:withdraw", "hearing"), respond(), ON_ALLIANCES),
    "decisions:felt_heard": Route(_decision_url("decisions:felt_heard", "communicated"), post_only_members, ON_ALLIANCES),
    # --- without an account
    "decisions:public_hearing": Route(_public_hearing, everyone(OK), ON_ALLIANCES, subject_title_public=True),
    "decisions:my_response": Route(_citizen_response, everyone(OK), ON_ALLIANCES, subject_title_public=True),
    # --- Lejre Kommune's change process
    "decisions:process_create": Route(
        lambda world, subject: reverse("decisions:process_create", kwargs={"organisation_id": world.landscape.lejre.pk}),
        start_process(),
    ),
    "decisions:process_detail": Route(_process_url("decisions:process_detail"), lejre_process()),
    "decisions:process_edit": Route(_process_url("decisions:process_edit"), lejre_process()),
    "decisions:process_decision_create": Route(_process_url("decisions:process_decision_create"), lejre_process()),
    "decisions:process_plan": Route(_process_url("decisions:process_plan"), lejre_process()),
    "decisions:process_plan_start": Route(_process_url("decisions:process_plan_start"), lejre_process(NOT_ALLOWED)),
    "decisions:process_group_add": Route(_process_url("decisions:process_group_add"), lejre_process()),
    **API_GET_ROUTES,
}


# --- Writes with valid data ----------------------------------------------------------------------


def _decisions(world: World, visibility: str):
    return sorted(Decision.objects.filter(alliance=world.alliance(visibility)).values_list("pk", "status", "question", "revision"))


def _groups(world: World, visibility: str):
    return sorted(InvolvementGroup.objects.filter(alliance=world.alliance(visibility)).values_list("pk", "name"))


def _cells(world: World, visibility: str):
    return sorted(PlanCell.objects.filter(group__alliance=world.alliance(visibility)).values_list("pk", "level", "affected"))


def _responses(world: World, visibility: str):
    return sorted(
        Response.objects.filter(hearing__decision__alliance=world.alliance(visibility)).values_list(
            "pk", "stance", "text", "reply_text", "felt_heard"
        )
    )


def _hearings(world: World, visibility: str):
    return sorted(Hearing.objects.filter(decision__alliance=world.alliance(visibility)).values_list("pk", "closes_at"))


def _expectations(world: World, visibility: str):
    return sorted(Expectation.objects.filter(decision__alliance=world.alliance(visibility)).values_list("pk", "action", "done_on"))


def _detail(stage: str, anchor: str = ""):
    return lambda world, visibility: reverse("decisions:detail", kwargs={"pk": _decision(stage)(world, visibility).pk}) + anchor


def _newest_group(world: World, visibility: str) -> InvolvementGroup:
    return InvolvementGroup.objects.filter(alliance=world.alliance(visibility)).order_by("-pk").first()


def _plan_anchor(anchor):
    """The alliance's plan, at the group or cell just saved."""
    return lambda world, visibility: (
        reverse("decisions:alliance_plan", kwargs={"slug": world.alliance(visibility).slug}) + "#" + anchor(world, visibility)
    )


def _newest_decision(world: World, visibility: str) -> str:
    newest = Decision.objects.filter(alliance=world.alliance(visibility)).order_by("-pk").first()
    return reverse("decisions:detail", kwargs={"pk": newest.pk})


def _in_days(days: int) -> str:
    return (timezone.localdate() + datetime.timedelta(days=days)).isoformat()


def _post(path, data, expect, state, success, **options) -> PostRoute:
    return PostRoute(path, data, expect, state, success, subjects=ON_ALLIANCES, **options)


def _empty_alliance_plan(world: World, visibility: str) -> None:
    InvolvementGroup.objects.filter(alliance=world.alliance(visibility)).delete()


def _process_groups(world: World, subject: str):
    return sorted(InvolvementGroup.objects.filter(change_process=_extras(world)["process"]).values_list("pk", "name"))


POST_ROUTES: dict[str, PostRoute] = {
    "decisions:alliance_create": _post(
        alliance_url("decisions:alliance_create"),
        lambda world, visibility: {
            "question": "Skal vi have en fælles nyhedsmail?",
            "background": "",
            "phase": "drift",
            "affected_parties": [world.party(visibility, "company").pk],
        },
        manage(DONE),
        _decisions,
        _newest_decision,
    ),
    "decisions:edit": _post(
        _decision_url("decisions:edit", "draft"),
        lambda world, visibility: {
            "revision": _decision("draft")(world, visibility).revision,
            "question": "Skal vi have et fælles logo og en fælles farve?",
            "background": "",
            "phase": "etablering",
            "affected_parties": [world.party(visibility, "company").pk],
        },
        manage_draft(DONE),
        _decisions,
        _detail("draft"),
    ),
    "decisions:hearing_close": _post(
        _decision_url("decisions:hearing_close", "hearing"), lambda w, v: {}, manage(DONE), _hearings, _detail("hearing")
    ),
    "decisions:hearing_deadline": _post(
        _decision_url("decisions:hearing_deadline", "hearing"),
        lambda w, v: {"last_day": _in_days(20)},
        manage(DONE),
        _hearings,
        _detail("hearing"),
    ),
    "decisions:reply": _post(
        _decision_url("decisions:reply", "decided", number=_first_response_number),
        lambda w, v: {"usage": "brugt", "text": "Tak, vi køber en brugt kølebil."},
        manage(DONE),
        _responses,
        _detail("decided"),
    ),
    "decisions:expectation_add": _post(
        _decision_url("decisions:expectation_add", "decided"),
        lambda w, v: {"action": "Find tre tilbud.", "owner": "Lejre Kommune", "due_on": _in_days(30), "done_on": ""},
        manage(DONE),
        _expectations,
        _detail("decided"),
    ),
    "decisions:respond": _post(
        _decision_url("decisions:respond", "hearing"),
        lambda w, v: {"stance": "uenig", "text": "Vi har ændret mening."},
        respond(DONE),
        _responses,
        _detail("hearing"),
    ),
    "decisions:felt_heard": _post(
        _decision_url("decisions:felt_heard", "communicated"),
        lambda w, v: {"felt_heard": "4"},
        respond(DONE),
        _responses,
        _detail("communicated", "#hoert"),
    ),
    "decisions:alliance_group_add": _post(
        alliance_url("decisions:alliance_group_add"),
        lambda w, v: {"name": "Pårørende"},
        manage(DONE),
        _groups,
        _plan_anchor(lambda world, visibility: f"gruppe-{_newest_group(world, visibility).pk}"),
    ),
    "decisions:alliance_plan_start": _post(
        alliance_url("decisions:alliance_plan_start"),
        lambda w, v: {},
        manage(DONE),
        _groups,
        lambda world, visibility: reverse("decisions:alliance_plan", kwargs={"slug": world.alliance(visibility).slug}),
        prepare=_empty_alliance_plan,
    ),
    "decisions:process_plan_start": PostRoute(
        _process_url("decisions:process_plan_start"),
        lambda w, s: {},
        lejre_process(DONE),
        _process_groups,
        _process_url("decisions:process_plan"),
        prepare=lambda world, subject: InvolvementGroup.objects.filter(change_process=_extras(world)["process"]).delete(),
    ),
    "decisions:cell_edit": _post(
        _group_url("decisions:cell_edit", phase="etablering"),
        lambda w, v: {"affected": "on", "level": "hoere", "means": ["moede"], "note": ""},
        manage(DONE),
        _cells,
        _plan_anchor(lambda world, visibility: f"felt-{_extras(world)['alliances'][visibility]['group'].pk}-etablering"),
    ),
    **API_POST_ROUTES,
}
