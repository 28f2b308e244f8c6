"""The value ledger's part of the permission matrix (registered in apps.py): its pages, its
write endpoints and its API endpoint, built on the foundation's helpers.

The ledger's entry pages are asked about a public, a members' and a confidential entry in
each alliance (subjects such as "internal:priv", "private:conf"): a members' entry is 404 for
everyone outside the alliance, a confidential one also for members who do not write for the
company (the observer). `extend_world` gives the company's party those entries in each
alliance.

The same goal and result pages are asked about the alliance's shared goals too (subjects
"<visibility>:sharedpub" and ":sharedpriv"): coordinators and staff change them. The
alliance's hour kinds (one in use, one not) and the company's own answer page complete it.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from brobygger.alliances.models import Party, ValueAnswer
from brobygger.alliances.tests.matrix import (
    MANAGERS,
    MEMBERS,
    ON_ALLIANCES,
    SEES,
    World,
    alliance_url,
    company_party_id,
    read_alliance,
)
from brobygger.core.models import AuditRecord
from brobygger.ledger import services
from brobygger.ledger.models import Contribution, HourKind, Result, ValueGoal
from brobygger.testing.matrix import (
    ANONYMOUS,
    CREATED,
    DELETED,
    DONE,
    LOGIN,
    NOT_FOUND,
    OK,
    UNAUTHORIZED,
    UPDATED,
    VISIBILITIES,
    Expect,
    PostRoute,
    Route,
    forbidden,
)

# The value ledger: members and staff read the members' entries; the company's
# partner-repræsentant, the coordinator and staff edit the company's entries and read its
# confidential ones.
READS_PRIVATE_ENTRIES = MEMBERS | {"staff"}
EDITS_COMPANY_LEDGER = MANAGERS | {"partner"}
READS_CONFIDENTIAL_ENTRIES = EDITS_COMPANY_LEDGER
# The subjects' reading levels: public, the alliance's members, confidential.
LEVEL_OF = {"pub": "offentlig", "priv": "medlemmer", "conf": "fortrolig"}
LEDGER_DENIED = (
    "Kun partens egne repræsentanter og alliancens koordinatorer kan ændre partens værdiregnskab."
)
# The alliance's shared goals and hour rates: its coordinators and staff.
SHARED_DENIED = "Kun alliancens koordinatorer kan ændre alliancens fælles mål og timesatser."
# A party's own answer: its own representatives, never on its behalf.
ANSWER_DENIED = "Kun partens egne repræsentanter kan svare på, om parten får nok ud af alliancen."
# The shared goals' subjects and their reading levels (a shared goal is never confidential).
SHARED_LEVEL_OF = {"sharedpub": "offentlig", "sharedpriv": "medlemmer"}


# --- Expectations ------------------------------------------------------------------------


def edit_company_ledger(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    """Add to the company's ledger: its partner-repræsentant, the coordinator and staff."""
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in SEES[visibility]:
        return NOT_FOUND
    if kind not in EDITS_COMPANY_LEDGER:
        return forbidden(LEDGER_DENIED)
    return allowed


def edit_shared(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    """Add a shared goal or an hour kind, or change an hour kind: coordinators and staff."""
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in SEES[visibility]:
        return NOT_FOUND
    if kind not in MANAGERS:
        return forbidden(SHARED_DENIED)
    return allowed


def answer_for_company(kind: str, visibility: str, allowed: Expect = OK) -> Expect:
    """The company's own answer: its partner-repræsentant only. The answers are the members'
    business, so the page does not exist for anyone but members and staff."""
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in SEES[visibility] or kind not in READS_PRIVATE_ENTRIES:
        return NOT_FOUND
    if kind != "partner":
        return forbidden(ANSWER_DENIED)
    return allowed


def edit_company_entry(kind: str, subject: str, allowed: Expect = OK) -> Expect:
    """Edit or delete one of the company's entries ("<visibility>:pub", ":priv", ":conf", or
    for results ":pubonpriv", ":pubonconf"), or one of the alliance's shared goals and their
    results (":sharedpub", ":sharedpriv"): an entry does not exist for those who may not read
    it."""
    visibility, publicity = subject.split(":")
    if kind == ANONYMOUS:
        return LOGIN
    if publicity in SHARED_LEVEL_OF:
        if kind not in SEES[visibility] or (publicity == "sharedpriv" and kind not in READS_PRIVATE_ENTRIES):
            return NOT_FOUND
        return allowed if kind in MANAGERS else forbidden(SHARED_DENIED)
    if kind not in SEES[visibility]:
        return NOT_FOUND
    if publicity != "pub" and kind not in READS_PRIVATE_ENTRIES:
        return NOT_FOUND
    if "conf" in publicity and kind not in READS_CONFIDENTIAL_ENTRIES:
        return NOT_FOUND
    if kind not in EDITS_COMPANY_LEDGER:
        return forbidden(LEDGER_DENIED)
    return allowed


def read_entry(kind: str, subject: str) -> Expect:
    """Read one of the company's entries or the alliance's shared goals and their results
    (the API's detail endpoints): as on the pages, an entry does not exist for those who may
    not read it."""
    visibility, publicity = subject.split(":")
    if kind not in SEES[visibility]:
        return NOT_FOUND
    if publicity in SHARED_LEVEL_OF:
        return OK if publicity == "sharedpub" or kind in READS_PRIVATE_ENTRIES else NOT_FOUND
    if publicity != "pub" and kind not in READS_PRIVATE_ENTRIES:
        return NOT_FOUND
    if "conf" in publicity and kind not in READS_CONFIDENTIAL_ENTRIES:
        return NOT_FOUND
    return OK


def api_write(expect: Callable[..., Expect], success: Expect = CREATED) -> Callable[[str, str], Expect]:
    """A page's write expectation as the API answers it: `success` (201 for an addition, 200
    for a change, 204 for a deletion) where the page saves, 401 where the page sends an
    anonymous visitor to log in (404 and 403 are the same)."""

    def api_expect(kind: str, subject: str) -> Expect:
        answer = expect(kind, subject, success)
        return UNAUTHORIZED if answer == LOGIN else answer

    return api_expect


def api_write_naming(expect: Callable[..., Expect]) -> Callable[[str, str], Expect]:
    """The same for a write whose body names the entry it is about (a result's goal): where the
    caller sees the alliance but not the entry, the body is wrong, a 400 naming the field, like
    a goal that does not exist."""
    api_expect = api_write(expect)

    def naming_expect(kind: str, subject: str) -> Expect:
        answer = api_expect(kind, subject)
        if answer == NOT_FOUND and read_alliance(kind, subject.split(":")[0]) == OK:
            return Expect(400)
        return answer

    return naming_expect


# --- The company's entries ----------------------------------------------------------------


def _company_ledger(landscape, visibility: str) -> dict[str, object]:
    """A public and a private contribution, goal with a result, and goal without results,
    and a public result on the private goal, all written by the company's partner."""
    company = Party.objects.get(
        alliance=getattr(landscape, visibility), organisation=landscape.company
    )
    partner = landscape.partner
    entries = {}
    for publicity, level in LEVEL_OF.items():
        entries[f"contribution:{publicity}"] = services.contribution_create(
            party=company,
            actor=partner,
            kind="penge",
            description=f"Bidrag ({publicity})",
            quantity=Decimal("1000"),
            unit="kr",
            period_start=datetime.date(2025, 1, 1),
            visibility=level,
        )
        for key, title in (("goal", "Mål"), ("empty_goal", "Mål uden resultat")):
            entries[f"{key}:{publicity}"] = services.goal_create(
                party=company,
                actor=partner,
                title=f"{title} ({publicity})",
                indicator="Antal borgere",
                target="10 om året",
                target_date=datetime.date(2027, 1, 1),
                visibility=level,
            )
    for key, goal, level in (
        ("result:pub", entries["goal:pub"], "offentlig"),
        ("result:priv", entries["goal:priv"], "medlemmer"),
        ("result:conf", entries["goal:conf"], "fortrolig"),
        ("result:pubonpriv", entries["goal:priv"], "offentlig"),
        ("result:pubonconf", entries["goal:conf"], "offentlig"),
    ):
        entries[key] = services.result_create(
            goal=goal,
            actor=partner,
            achieved_on=datetime.date(2025, 1, 15),
            description=f"Resultat ({key})",
            evidence_note="Referat fra styregruppen.",
            visibility=level,
        )
    return entries


def _shared_ledger(landscape, visibility: str) -> dict[str, object]:
    """A public and a members' shared goal with a result and one without, written by the
    coordinator; an hour kind the company's hours use and one nobody uses."""
    alliance, coordinator = getattr(landscape, visibility), landscape.coordinator
    entries = {}
    for publicity, level in SHARED_LEVEL_OF.items():
        for key, title in (("goal", "Fælles mål"), ("empty_goal", "Fælles mål uden resultat")):
            entries[f"{key}:{publicity}"] = services.shared_goal_create(
                alliance=alliance,
                actor=coordinator,
                title=f"{title} ({publicity})",
                indicator="Antal ensomme ældre",
                target="Færre end 100",
                target_date=datetime.date(2027, 1, 1),
                visibility=level,
            )
        entries[f"result:{publicity}"] = services.result_create(
            goal=entries[f"goal:{publicity}"],
            actor=coordinator,
            achieved_on=datetime.date(2025, 1, 15),
            description=f"Resultat ({publicity})",
            evidence_note="Referat fra styregruppen.",
            visibility=level,
        )
    entries["hour_kind:used"] = services.hour_kind_create(
        actor=coordinator, alliance=alliance, name="Medarbejdertimer", rate=Decimal("450")
    )
    entries["hour_kind:unused"] = services.hour_kind_create(actor=coordinator, alliance=alliance, name="Frivillige timer")
    company = Party.objects.get(alliance=alliance, organisation=landscape.company)
    services.contribution_create(
        party=company,
        actor=landscape.partner,
        kind="arbejdstimer",
        description="Timer til projektet",
        quantity=Decimal("10"),
        unit="timer",
        hour_kind=entries["hour_kind:used"],
        period_start=datetime.date(2025, 1, 1),
        visibility="offentlig",
    )
    return entries


def extend_world(world: World) -> None:
    """The company's ledger entries in each alliance, e.g. entries(world)["private"]["goal:priv"],
    and the alliance's shared goals and hour kinds, e.g. entries(world)["public"]["goal:sharedpub"]."""
    world.extras["ledger"] = {
        visibility: {**_company_ledger(world.landscape, visibility), **_shared_ledger(world.landscape, visibility)}
        for visibility in VISIBILITIES
    }


def entries(world: World) -> dict[str, dict[str, object]]:
    return world.extras["ledger"]


def entry(world: World, subject: str, name: str):
    """One of the company's entries; the subject is "<visibility>:<publicity>"."""
    visibility, publicity = subject.split(":")
    return entries(world)[visibility][f"{name}:{publicity}"]


# --- URL builders -------------------------------------------------------------------------


def entry_url(name: str, entry_name: str, key: str = "pk") -> Callable[[World, str], str]:
    """The address of one of the company's entries; the subject is "<visibility>:<publicity>"."""

    def build(world: World, subject: str) -> str:
        target = entry(world, subject, entry_name)
        slug = world.alliance(subject.split(":")[0]).slug
        return reverse(name, kwargs={"slug": slug, key: target.pk})

    return build


def company_ledger_url(world: World, visibility: str) -> str:
    return reverse(
        "ledger:party",
        kwargs={
            "slug": world.alliance(visibility).slug,
            "party_id": company_party_id(world, visibility),
        },
    )


# An entry of each level in each alliance; results also a public one on a members' goal and
# on a confidential goal.
ON_ENTRIES = tuple(f"{visibility}:{publicity}" for visibility in VISIBILITIES for publicity in LEVEL_OF)
ON_RESULTS = ON_ENTRIES + tuple(
    f"{visibility}:{publicity}" for visibility in VISIBILITIES for publicity in ("pubonpriv", "pubonconf")
)
# The alliance's shared goals and their results, of each level in each alliance.
ON_SHARED = tuple(f"{visibility}:{publicity}" for visibility in VISIBILITIES for publicity in SHARED_LEVEL_OF)
# An hour kind some contribution uses and one none does, in each alliance.
ON_HOUR_KINDS = tuple(f"{visibility}:{use}" for visibility in VISIBILITIES for use in ("used", "unused"))


def hour_kind_url(name: str) -> Callable[[World, str], str]:
    def build(world: World, subject: str) -> str:
        visibility = subject.split(":")[0]
        return reverse(name, kwargs={"slug": world.alliance(visibility).slug, "pk": entry(world, subject, "hour_kind").pk})

    return build


def on_alliance_of(expect: Callable[..., Expect]) -> Callable[..., Expect]:
    """An expectation about an alliance, asked with a subject "<visibility>:<anything>"."""
    return lambda kind, subject, *allowed: expect(kind, subject.split(":")[0], *allowed)


GET_ROUTES: dict[str, Route] = {
    # Public entries only for readers outside the alliance; 404 JSON for unseen alliances.
    "api:value_balance": Route(alliance_url("api:value_balance"), read_alliance, ON_ALLIANCES),
    # Anyone who sees the alliance reads its value balance and a party's ledger.
    "ledger:balance": Route(alliance_url("ledger:balance"), read_alliance, ON_ALLIANCES),
    "ledger:party": Route(
        alliance_url("ledger:party", party_id=company_party_id), read_alliance, ON_ALLIANCES
    ),
    "ledger:contribution_add": Route(
        alliance_url("ledger:contribution_add", party_id=company_party_id),
        edit_company_ledger,
        ON_ALLIANCES,
    ),
    "ledger:goal_add": Route(
        alliance_url("ledger:goal_add", party_id=company_party_id),
        edit_company_ledger,
        ON_ALLIANCES,
    ),
    "ledger:contribution_edit": Route(
        entry_url("ledger:contribution_edit", "contribution"), edit_company_entry, ON_ENTRIES
    ),
    "ledger:contribution_delete": Route(
        entry_url("ledger:contribution_delete", "contribution"), edit_company_entry, ON_ENTRIES
    ),
    "ledger:goal_edit": Route(
        entry_url("ledger:goal_edit", "goal"), edit_company_entry, ON_ENTRIES + ON_SHARED
    ),
    # A goal with results shows why it cannot be deleted (200); POST_ROUTES deletes one without.
    "ledger:goal_delete": Route(
        entry_url("ledger:goal_delete", "goal"), edit_company_entry, ON_ENTRIES + ON_SHARED
    ),
    "ledger:result_add": Route(
        entry_url("ledger:result_add", "goal", key="goal_id"), edit_company_entry, ON_ENTRIES + ON_SHARED
    ),
    "ledger:result_edit": Route(
        entry_url("ledger:result_edit", "result"), edit_company_entry, ON_RESULTS + ON_SHARED
    ),
    "ledger:result_delete": Route(
        entry_url("ledger:result_delete", "result"), edit_company_entry, ON_RESULTS + ON_SHARED
    ),
    # Anyone who sees the alliance reads its shared goals and its agreed hour rates.
    "ledger:shared_goals": Route(alliance_url("ledger:shared_goals"), read_alliance, ON_ALLIANCES),
    "ledger:shared_goal_add": Route(alliance_url("ledger:shared_goal_add"), edit_shared, ON_ALLIANCES),
    "ledger:hour_kinds": Route(alliance_url("ledger:hour_kinds"), read_alliance, ON_ALLIANCES),
    "ledger:hour_kind_add": Route(alliance_url("ledger:hour_kind_add"), edit_shared, ON_ALLIANCES),
    "ledger:hour_kind_edit": Route(
        hour_kind_url("ledger:hour_kind_edit"), on_alliance_of(edit_shared), ON_HOUR_KINDS
    ),
    # A kind in use shows why it cannot be deleted (200); POST_ROUTES deletes the unused one.
    "ledger:hour_kind_delete": Route(
        hour_kind_url("ledger:hour_kind_delete"), on_alliance_of(edit_shared), ON_HOUR_KINDS
    ),
    "ledger:value_answer": Route(
        alliance_url("ledger:value_answer", party_id=company_party_id), answer_for_company, ON_ALLIANCES
    ),
    # The API's lists show everyone who sees the alliance the entries they read; an entry
    # they may not read does not exist. POST_ROUTES adds to the lists.
    "api:contribution_list": Route(alliance_url("api:contribution_list"), read_alliance, ON_ALLIANCES),
    "api:contribution_detail": Route(entry_url("api:contribution_detail", "contribution"), read_entry, ON_ENTRIES),
    "api:goal_list": Route(alliance_url("api:goal_list"), read_alliance, ON_ALLIANCES),
    "api:goal_detail": Route(entry_url("api:goal_detail", "goal"), read_entry, ON_ENTRIES + ON_SHARED),
    "api:result_list": Route(alliance_url("api:result_list"), read_alliance, ON_ALLIANCES),
    "api:result_detail": Route(entry_url("api:result_detail", "result"), read_entry, ON_RESULTS + ON_SHARED),
    "api:hour_kind_list": Route(alliance_url("api:hour_kind_list"), read_alliance, ON_ALLIANCES),
}


# --- Write endpoints ------------------------------------------------------------------------


def _entry_ledger_page(world: World, subject: str) -> str:
    """Where a write to an entry sends the user: the company's ledger, or the shared goals."""
    visibility, publicity = subject.split(":")
    if publicity in SHARED_LEVEL_OF:
        return reverse("ledger:shared_goals", kwargs={"slug": world.alliance(visibility).slug})
    return company_ledger_url(world, visibility)


def company_log(world: World, visibility: str) -> int:
    """How many changes to the company's ledger the audit holds."""
    types = ContentType.objects.get_for_models(Contribution, ValueGoal, Result).values()
    return AuditRecord.objects.filter(
        party_id=company_party_id(world, visibility), content_type__in=types
    ).count()


CONTRIBUTION_DATA = {
    "kind": "arbejdstimer",
    "description": "Fire timer om ugen",
    "quantity": "1.250,50",
    "unit": "timer",
    "estimated_value": "",
    "period_start": "2026-01-01",
    "period_end": "",
    "visibility": "medlemmer",
}
GOAL_DATA = {
    "title": "Flere borgere i praktik",
    "indicator": "Antal borgere",
    "target": "12 om året",
    "target_value": "12",
    "target_unit": "borgere",
    "direction": "mere",
    "reading": "sum",
    "start_date": "2026-01-01",
    "target_date": "2027-06-30",
    "visibility": "medlemmer",
}
HOUR_KIND_DATA = {"name": "Konsulenttimer", "rate": "1.100", "description": "Alliancens aftalte sats."}
ANSWER_DATA = {"answer": "delvist", "comment": "Vi har fået praktikanter, men mangler data."}
RESULT_DATA = {
    "achieved_on": "2025-06-01",
    "description": "Tre borgere kom i praktik.",
    "measured_value": "3",
    "estimated_value": "",
    "evidence_url": "https://mejeriet.example/praktik",
    "evidence_note": "",
    "visibility": "medlemmer",
}


def _keeping_level(data: dict) -> Callable[[World, str], dict]:
    """Edit data that keeps the entry at the level of its subject (":conf" stays confidential)."""

    def build(world: World, subject: str) -> dict:
        publicity = subject.split(":")[1]
        if not data:
            return {}
        # "pubonpriv", "pubonconf": a public result on a stricter goal (LEVEL_OF lacks them).
        level = SHARED_LEVEL_OF.get(publicity) or LEVEL_OF.get(publicity, "offentlig")
        return {**data, "visibility": level}

    return build


def _ledger_post(name, entry_name, data, state, subjects=ON_ENTRIES, key="pk") -> PostRoute:
    """A write to one of the company's entries: allowed users change it and log the change."""
    return PostRoute(
        entry_url(name, entry_name, key=key),
        _keeping_level(data),
        lambda kind, subject: edit_company_entry(kind, subject, DONE),
        lambda world, subject: (
            state(world, entry(world, subject, entry_name)),
            entry_log(world, subject),
        ),
        _entry_ledger_page,
        subjects,
    )


def alliance_log(world: World, visibility: str) -> int:
    """How many changes to the alliance's own ledger (shared goals, their results, hour
    kinds) the audit holds."""
    types = ContentType.objects.get_for_models(ValueGoal, Result, HourKind).values()
    return AuditRecord.objects.filter(
        alliance_id=world.alliance(visibility).pk, party_id=None, content_type__in=types
    ).count()


def entry_log(world: World, subject: str) -> int:
    visibility, publicity = subject.split(":")
    return alliance_log(world, visibility) if publicity in SHARED_LEVEL_OF else company_log(world, visibility)


def _hour_kinds_page(world: World, subject: str) -> str:
    return reverse("ledger:hour_kinds", kwargs={"slug": world.alliance(subject.split(":")[0]).slug})


def _hour_kind_post(name: str, data: dict, subjects: tuple[str, ...]) -> PostRoute:
    def state(world: World, subject: str):
        kind = entry(world, subject, "hour_kind")
        return (
            list(HourKind.objects.filter(pk=kind.pk).values_list("name", "rate", "description")),
            alliance_log(world, subject.split(":")[0]),
        )

    return PostRoute(
        hour_kind_url(name),
        lambda world, subject: data,
        lambda kind, subject: edit_shared(kind, subject.split(":")[0], DONE),
        state,
        _hour_kinds_page,
        subjects,
    )


def _values(model, *fields):
    return lambda world, target: list(model.objects.filter(pk=target.pk).values_list(*fields))


POST_ROUTES: dict[str, PostRoute] = {
    "ledger:contribution_add": PostRoute(
        alliance_url("ledger:contribution_add", party_id=company_party_id),
        lambda world, visibility: CONTRIBUTION_DATA,
        lambda kind, visibility: edit_company_ledger(kind, visibility, DONE),
        lambda world, visibility: (
            Contribution.objects.filter(party_id=company_party_id(world, visibility)).count(),
            company_log(world, visibility),
        ),
        company_ledger_url,
        ON_ALLIANCES,
    ),
    "ledger:goal_add": PostRoute(
        alliance_url("ledger:goal_add", party_id=company_party_id),
        lambda world, visibility: GOAL_DATA,
        lambda kind, visibility: edit_company_ledger(kind, visibility, DONE),
        lambda world, visibility: (
            ValueGoal.objects.filter(party_id=company_party_id(world, visibility)).count(),
            company_log(world, visibility),
        ),
        company_ledger_url,
        ON_ALLIANCES,
    ),
    "ledger:contribution_edit": _ledger_post(
        "ledger:contribution_edit",
        "contribution",
        CONTRIBUTION_DATA,
        _values(Contribution, "kind", "description", "quantity", "visibility"),
    ),
    "ledger:contribution_delete": _ledger_post(
        "ledger:contribution_delete", "contribution", {}, _values(Contribution, "pk")
    ),
    "ledger:goal_edit": _ledger_post(
        "ledger:goal_edit",
        "goal",
        GOAL_DATA,
        _values(ValueGoal, "title", "target", "target_value", "visibility"),
        ON_ENTRIES + ON_SHARED,
    ),
    # Goals without results: the ones that may be deleted.
    "ledger:goal_delete": _ledger_post(
        "ledger:goal_delete", "empty_goal", {}, _values(ValueGoal, "pk"), ON_ENTRIES + ON_SHARED
    ),
    "ledger:result_add": _ledger_post(
        "ledger:result_add",
        "goal",
        RESULT_DATA,
        lambda world, goal: Result.objects.filter(goal=goal).count(),
        ON_ENTRIES + ON_SHARED,
        key="goal_id",
    ),
    "ledger:result_edit": _ledger_post(
        "ledger:result_edit",
        "result",
        RESULT_DATA,
        _values(Result, "achieved_on", "description", "visibility"),
        ON_RESULTS + ON_SHARED,
    ),
    "ledger:result_delete": _ledger_post(
        "ledger:result_delete", "result", {}, _values(Result, "pk"), ON_RESULTS + ON_SHARED
    ),
    "ledger:shared_goal_add": PostRoute(
        alliance_url("ledger:shared_goal_add"),
        lambda world, visibility: GOAL_DATA,
        lambda kind, visibility: edit_shared(kind, visibility, DONE),
        lambda world, visibility: (
            ValueGoal.objects.filter(alliance=world.alliance(visibility), party=None).count(),
            alliance_log(world, visibility),
        ),
        lambda world, visibility: reverse("ledger:shared_goals", kwargs={"slug": world.alliance(visibility).slug}),
        ON_ALLIANCES,
    ),
    "ledger:hour_kind_add": PostRoute(
        alliance_url("ledger:hour_kind_add"),
        lambda world, visibility: HOUR_KIND_DATA,
        lambda kind, visibility: edit_shared(kind, visibility, DONE),
        lambda world, visibility: (
            HourKind.objects.filter(alliance=world.alliance(visibility)).count(),
            alliance_log(world, visibility),
        ),
        lambda world, visibility: _hour_kinds_page(world, visibility),
        ON_ALLIANCES,
    ),
    "ledger:hour_kind_edit": _hour_kind_post("ledger:hour_kind_edit", HOUR_KIND_DATA, ON_HOUR_KINDS),
    # The kind nobody uses: the one that may be deleted.
    "ledger:hour_kind_delete": _hour_kind_post(
        "ledger:hour_kind_delete", {}, tuple(subject for subject in ON_HOUR_KINDS if subject.endswith(":unused"))
    ),
    "ledger:value_answer": PostRoute(
        alliance_url("ledger:value_answer", party_id=company_party_id),
        lambda world, visibility: ANSWER_DATA,
        lambda kind, visibility: answer_for_company(kind, visibility, DONE),
        lambda world, visibility: (
            ValueAnswer.objects.filter(party_id=company_party_id(world, visibility)).count(),
            AuditRecord.objects.filter(party_id=company_party_id(world, visibility)).count(),
        ),
        company_ledger_url,
        ON_ALLIANCES,
    ),
}


# --- The API's writes -----------------------------------------------------------------------

# The pages' data as an API client sends it (JSON numbers as strings, empty fields null).
CONTRIBUTION_JSON = {**CONTRIBUTION_DATA, "quantity": "1250.50", "estimated_value": None, "period_end": None}
GOAL_JSON = GOAL_DATA
RESULT_JSON = {**RESULT_DATA, "estimated_value": None}


def _on_alliance_of_subject(name: str) -> Callable[[World, str], str]:
    """The address of an alliance's list, asked with a subject "<visibility>:<anything>"."""
    return lambda world, subject: alliance_url(name)(world, subject.split(":")[0])


def _no_redirect(world: World, subject: str) -> str:
    return ""


def _company_api_write(name: str, body: dict, model) -> PostRoute:
    """A POST that adds one of the company's entries (its party named in the body)."""
    return PostRoute(
        alliance_url(name),
        lambda world, visibility: {**body, "party": company_party_id(world, visibility)},
        api_write(edit_company_ledger),
        lambda world, visibility: (
            model.objects.filter(party_id=company_party_id(world, visibility)).count(),
            company_log(world, visibility),
        ),
        _no_redirect,
        ON_ALLIANCES,
        json=True,
    )


POST_ROUTES.update(
    {
        "api:contribution_list": _company_api_write("api:contribution_list", CONTRIBUTION_JSON, Contribution),
        "api:goal_list": _company_api_write("api:goal_list", GOAL_JSON, ValueGoal),
        # A result against each of the company's goals and the alliance's shared goals.
        "api:result_list": PostRoute(
            _on_alliance_of_subject("api:result_list"),
            lambda world, subject: {
                **_keeping_level(RESULT_JSON)(world, subject),
                "goal": entry(world, subject, "goal").pk,
            },
            api_write_naming(edit_company_entry),
            lambda world, subject: (
                Result.objects.filter(goal=entry(world, subject, "goal")).count(),
                entry_log(world, subject),
            ),
            _no_redirect,
            ON_ENTRIES + ON_SHARED,
            json=True,
        ),
    }
)


def _entry_api_write(
    name: str, entry_name: str, method: str, body: dict, state, subjects: tuple[str, ...]
) -> tuple[str, PostRoute]:
    """A PATCH or DELETE on one of the company's entries or the alliance's shared goals and
    their results, as its edit or delete page: allowed users change it and log the change."""
    route = PostRoute(
        entry_url(name, entry_name),
        _keeping_level(body),
        api_write(edit_company_entry, UPDATED if method == "patch" else DELETED),
        lambda world, subject: (
            state(world, entry(world, subject, entry_name)),
            entry_log(world, subject),
        ),
        _no_redirect,
        subjects,
        json=True,
        method=method,
    )
    return f"{name}:{method}", route


POST_ROUTES.update(
    dict(
        [
            _entry_api_write(
                "api:contribution_detail",
                "contribution",
                "patch",
                CONTRIBUTION_JSON,
                _values(Contribution, "kind", "description", "quantity", "visibility"),
                ON_ENTRIES,
            ),
            _entry_api_write(
                "api:contribution_detail", "contribution", "delete", {}, _values(Contribution, "pk"), ON_ENTRIES
            ),
            _entry_api_write(
                "api:goal_detail",
                "goal",
                "patch",
                GOAL_JSON,
                _values(ValueGoal, "title", "target", "target_value", "visibility"),
                ON_ENTRIES + ON_SHARED,
            ),
            # Goals without results: the ones that may be deleted (test_api.py asks about the others).
            _entry_api_write(
                "api:goal_detail", "empty_goal", "delete", {}, _values(ValueGoal, "pk"), ON_ENTRIES + ON_SHARED
            ),
            _entry_api_write(
                "api:result_detail",
                "result",
                "patch",
                RESULT_JSON,
                _values(Result, "achieved_on", "description", "visibility"),
                ON_RESULTS + ON_SHARED,
            ),
            _entry_api_write(
                "api:result_detail", "result", "delete", {}, _values(Result, "pk"), ON_RESULTS + ON_SHARED
            ),
        ]
    )
)
