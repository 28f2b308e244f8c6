"""The value ledger's part of the permission matrix (registered in apps.py): its pages, its
write endpoints and its API endpoint, built on the foundation's helpers.

The ledger's entry pages are asked about a public, a members' and a confidential entry in
each alliance (subjects such as "internal:priv", "private:conf"): a members' entry is 404 for
everyone outside the alliance, a confidential one also for members who do not write for the
company (the observer). `extend_world` gives the company's party those entries in each
alliance.
"""

import datetime
from collections.abc import Callable
from decimal import Decimal

from django.contrib.contenttypes.models import ContentType
from django.urls import reverse

from brobygger.alliances.models import Party
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
from brobygger.ledger.models import Contribution, Result, ValueGoal
from brobygger.testing.matrix import (
    ANONYMOUS,
    DONE,
    LOGIN,
    NOT_FOUND,
    OK,
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


def edit_company_entry(kind: str, subject: str, allowed: Expect = OK) -> Expect:
    """Edit or delete one of the company's entries ("<visibility>:pub", ":priv", ":conf", or
    for results ":pubonpriv", ":pubonconf"): an entry does not exist for those who may not
    read it."""
    visibility, publicity = subject.split(":")
    if kind == ANONYMOUS:
        return LOGIN
    if kind not in SEES[visibility]:
        return NOT_FOUND
    if publicity != "pub" and kind not in READS_PRIVATE_ENTRIES:
        return NOT_FOUND
    if "conf" in publicity and kind not in READS_CONFIDENTIAL_ENTRIES:
        return NOT_FOUND
    if kind not in EDITS_COMPANY_LEDGER:
        return forbidden(LEDGER_DENIED)
    return allowed


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


def extend_world(world: World) -> None:
    """The company's ledger entries in each alliance, e.g. entries(world)["private"]["goal:priv"]."""
    world.extras["ledger"] = {
        visibility: _company_ledger(world.landscape, visibility) for visibility in VISIBILITIES
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
        entry_url("ledger:goal_edit", "goal"), edit_company_entry, ON_ENTRIES
    ),
    # A goal with results shows why it cannot be deleted (200); POST_ROUTES deletes one without.
    "ledger:goal_delete": Route(
        entry_url("ledger:goal_delete", "goal"), edit_company_entry, ON_ENTRIES
    ),
    "ledger:result_add": Route(
        entry_url("ledger:result_add", "goal", key="goal_id"), edit_company_entry, ON_ENTRIES
    ),
    "ledger:result_edit": Route(
        entry_url("ledger:result_edit", "result"), edit_company_entry, ON_RESULTS
    ),
    "ledger:result_delete": Route(
        entry_url("ledger:result_delete", "result"), edit_company_entry, ON_RESULTS
    ),
}


# --- Write endpoints ------------------------------------------------------------------------


def _entry_ledger_page(world: World, subject: str) -> str:
    return company_ledger_url(world, subject.split(":")[0])


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
    "target_date": "2027-06-30",
    "visibility": "medlemmer",
}
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
        # "pubonpriv", "pubonconf": a public result on a stricter goal.
        return {**data, "visibility": "offentlig" if publicity.startswith("pubon") else LEVEL_OF[publicity]}

    return build


def _ledger_post(name, entry_name, data, state, subjects=ON_ENTRIES, key="pk") -> PostRoute:
    """A write to one of the company's entries: allowed users change it and log the change."""
    return PostRoute(
        entry_url(name, entry_name, key=key),
        _keeping_level(data),
        lambda kind, subject: edit_company_entry(kind, subject, DONE),
        lambda world, subject: (
            state(world, entry(world, subject, entry_name)),
            company_log(world, subject.split(":")[0]),
        ),
        _entry_ledger_page,
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
        "ledger:goal_edit", "goal", GOAL_DATA, _values(ValueGoal, "title", "target", "visibility")
    ),
    # Goals without results: the ones that may be deleted.
    "ledger:goal_delete": _ledger_post(
        "ledger:goal_delete", "empty_goal", {}, _values(ValueGoal, "pk")
    ),
    "ledger:result_add": _ledger_post(
        "ledger:result_add",
        "goal",
        RESULT_DATA,
        lambda world, goal: Result.objects.filter(goal=goal).count(),
        key="goal_id",
    ),
    "ledger:result_edit": _ledger_post(
        "ledger:result_edit",
        "result",
        RESULT_DATA,
        _values(Result, "achieved_on", "description", "visibility"),
        ON_RESULTS,
    ),
    "ledger:result_delete": _ledger_post(
        "ledger:result_delete", "result", {}, _values(Result, "pk"), ON_RESULTS
    ),
}
