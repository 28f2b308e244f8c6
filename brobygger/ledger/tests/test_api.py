"""The value ledger's API: contributions, value goals, results and hour kinds under
/api/v1/alliances/<slug>/. Reading shows exactly the entries the pages show the caller;
writing goes through the pages' services, with their validation, permissions and audit."""

import datetime
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.conf import settings
from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brobygger.api.services import token_create
from brobygger.core.models import AuditAction, AuditRecord
from brobygger.ledger import selectors, services
from brobygger.ledger.models import Contribution, HourKind, Result, ValueGoal
from brobygger.ledger.rules import read_scope
from brobygger.testing import budgets
from brobygger.testing.audit import records_of

from . import helpers
from .helpers import LEDGER_DENIED, client_for, ledger_rows

SHARED_DENIED = "Kun alliancens koordinatorer kan ændre alliancens fælles mål og timesatser."
PROBLEM = "application/problem+json"


# --- The data ------------------------------------------------------------------------------


@dataclass
class Book:
    landscape: object
    company: object
    association: object
    # name -> entry: "<kind>:<level>" for the company's, "assoc:conf" etc. for the association's.
    entries: dict
    hour_kind: HourKind
    other_hour_kind: HourKind

    @property
    def alliance(self):
        return self.landscape.public


@pytest.fixture
def book(landscape, today) -> Book:
    """In the public alliance: a contribution, a goal and a result of each level for the
    company (written by its partner), a confidential one of each for the association
    (written by the coordinator on its behalf), a members' shared goal with a result, and
    an hour kind; and an hour kind of the internal alliance."""
    alliance = landscape.public
    company = helpers.party(alliance, landscape.company)
    association = helpers.party(alliance, landscape.association)
    hour_kind = services.hour_kind_create(actor=landscape.coordinator, alliance=alliance, name="Frivillige timer", rate=Decimal("200"))
    other = services.hour_kind_create(actor=landscape.coordinator, alliance=landscape.internal, name="Andre timer", rate=Decimal("300"))
    entries = {}
    for level in ("offentlig", "medlemmer", "fortrolig"):
        entries[f"contribution:{level}"] = helpers.add_contribution(
            company, landscape.partner, description=f"Bidrag {level}", visibility=level
        )
        goal = entries[f"goal:{level}"] = helpers.add_goal(
            company,
            landscape.partner,
            title=f"Mål {level}",
            target_value=Decimal("12"),
            target_unit="borgere",
            visibility=level,
        )
        entries[f"result:{level}"] = helpers.add_result(
            goal, landscape.partner, description=f"Resultat {level}", visibility=level
        )
    entries["contribution:hours"] = helpers.add_contribution(
        company,
        landscape.partner,
        kind="arbejdstimer",
        description="Timer",
        quantity=Decimal("10"),
        unit="timer",
        hour_kind=hour_kind,
        visibility="offentlig",
    )
    # A public result on a confidential goal is as confidential as its goal.
    entries["result:pubonconf"] = helpers.add_result(
        entries["goal:fortrolig"], landscape.partner, description="Resultat pubonconf", visibility="offentlig"
    )
    entries["assoc:contribution"] = helpers.add_contribution(
        association, landscape.coordinator, description="Foreningens bidrag", visibility="fortrolig"
    )
    entries["assoc:goal"] = helpers.add_goal(
        association, landscape.coordinator, title="Foreningens mål", visibility="fortrolig"
    )
    entries["shared:goal"] = services.shared_goal_create(
        actor=landscape.coordinator,
        alliance=alliance,
        title="Færre ensomme ældre",
        indicator="Antal",
        target="Under 100",
        target_date=datetime.date(2027, 12, 31),
        visibility="medlemmer",
    )
    entries["shared:result"] = helpers.add_result(
        entries["shared:goal"], landscape.coordinator, description="Fælles resultat", visibility="medlemmer"
    )
    return Book(landscape, company, association, entries, hour_kind, other)


def url(name: str, alliance, **kwargs) -> str:
    return reverse(f"api:{name}", kwargs={"slug": alliance.slug, **kwargs})


def names(response, field: str) -> set[str]:
    assert response.status_code == 200, response.content
    return {row[field] for row in response.json()["results"]}


# Which of the book's entries each kind of user reads.
PUBLIC = {"contribution:offentlig", "contribution:hours", "goal:offentlig", "result:offentlig"}
MEMBERS = PUBLIC | {"contribution:medlemmer", "goal:medlemmer", "result:medlemmer", "shared:goal", "shared:result"}
COMPANY = MEMBERS | {"contribution:fortrolig", "goal:fortrolig", "result:fortrolig", "result:pubonconf"}
EVERYTHING = COMPANY | {"assoc:contribution", "assoc:goal"}
READS = {
    "anonymous": PUBLIC,
    "outsider": PUBLIC,
    "public_employee": PUBLIC,
    "observer": MEMBERS,
    "partner": COMPANY,
    "coordinator": EVERYTHING,
    "staff": EVERYTHING,
}


def user_of(landscape, kind: str):
    return None if kind == "anonymous" else getattr(landscape, kind)


# --- Reading -------------------------------------------------------------------------------


@pytest.mark.parametrize("kind", sorted(READS))
def test_each_reader_reads_exactly_the_entries_the_pages_show(book, kind):
    client = client_for(user_of(book.landscape, kind))
    readable = READS[kind]
    for list_name, detail_name, prefix in (
        ("contribution_list", "contribution_detail", ("contribution:", "assoc:contribution")),
        ("goal_list", "goal_detail", ("goal:", "assoc:goal", "shared:goal")),
        ("result_list", "result_detail", ("result:", "shared:result")),
    ):
        mine = {name: entry for name, entry in book.entries.items() if name.startswith(prefix)}
        listed = names(client.get(url(list_name, book.alliance)), "id")
        assert listed == {entry.pk for name, entry in mine.items() if name in readable}, (kind, list_name)
        for name, entry in mine.items():
            response = client.get(url(detail_name, book.alliance, pk=entry.pk))
            if name in readable:
                assert response.status_code == 200, (kind, name)
                assert response.json()["id"] == entry.pk
            else:
                assert response.status_code == 404, (kind, name)
                assert response["Content-Type"] == PROBLEM


def test_the_lists_match_the_pages_selectors(book):
    """The party's ledger page and the API list the same contributions and goals."""
    for kind in ("observer", "partner", "outsider"):
        user = user_of(book.landscape, kind)
        ledger = selectors.party_ledger(
            party=book.company, reader=user, scope=read_scope(user, book.alliance), with_changes=False
        )
        client = client_for(user)
        contributions = client.get(url("contribution_list", book.alliance), {"party": book.company.pk}).json()
        assert [row["id"] for row in contributions["results"]] == [entry.pk for entry in ledger.contributions]
        goals = client.get(url("goal_list", book.alliance), {"party": book.company.pk}).json()["results"]
        assert [row["id"] for row in goals] == [goal.pk for goal in ledger.goals]
        for row, goal in zip(goals, ledger.goals, strict=True):
            progress = goal.progress
            assert row["progress"] == {
                "state": progress.state,
                "met_on": progress.met_on and progress.met_on.isoformat(),
                "value": None if progress.value is None else f"{progress.value:.2f}",
                "percent": progress.percent,
                "results": progress.result_count,
            }


@pytest.mark.parametrize(("kind", "visibility"), [("anonymous", "private"), ("outsider", "internal"), ("public_employee", "private")])
def test_an_unseen_alliance_is_404_on_every_endpoint(landscape, kind, visibility):
    alliance = getattr(landscape, visibility)
    client = client_for(user_of(landscape, kind))
    for name in ("contribution_list", "goal_list", "result_list", "hour_kind_list"):
        response = client.get(url(name, alliance))
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
        assert alliance.title not in response.content.decode()


def test_a_contribution_shows_its_fields_and_its_value_in_kroner(book):
    entry = book.entries["contribution:hours"]
    data = client_for(None).get(url("contribution_detail", book.alliance, pk=entry.pk)).json()
    assert data == {
        "id": entry.pk,
        "party": book.company.pk,
        "organisation": "Mejeriet A/S",
        "kind": "arbejdstimer",
        "description": "Timer",
        "quantity": "10.00",
        "unit": "timer",
        "estimated_value": None,
        "kroner": "2000.00",
        "period_start": "2026-01-01",
        "period_end": "2026-12-31",
        "hour_kind": book.hour_kind.pk,
        "hour_kind_name": "Frivillige timer",
        "is_payment": False,
        "visibility": "offentlig",
        "created_at": data["created_at"],
        "updated_at": data["updated_at"],
    }


def test_a_goal_shows_its_progress(book):
    goal = book.entries["goal:offentlig"]
    data = client_for(None).get(url("goal_detail", book.alliance, pk=goal.pk)).json()
    assert (data["party"], data["organisation"], data["shared"]) == (book.company.pk, "Mejeriet A/S", False)
    assert (data["target_value"], data["target_unit"], data["direction"], data["reading"]) == ("12.00", "borgere", "mere", "seneste")
    # One result measured 4 of 12.
    assert data["progress"] == {"state": "undervejs", "met_on": None, "value": "4.00", "percent": 33, "results": 1}
    shared = client_for(book.landscape.observer).get(url("goal_detail", book.alliance, pk=book.entries["shared:goal"].pk)).json()
    assert (shared["party"], shared["organisation"], shared["shared"]) == (None, None, True)
    assert shared["progress"]["state"] == "undervejs"


def test_filters(book):
    client = client_for(book.landscape.coordinator)
    company, association = book.company.pk, book.association.pk
    by_party = client.get(url("contribution_list", book.alliance), {"party": association}).json()
    assert [row["id"] for row in by_party["results"]] == [book.entries["assoc:contribution"].pk]
    shared = names(client.get(url("goal_list", book.alliance), {"shared": "true"}), "id")
    assert shared == {book.entries["shared:goal"].pk}
    own = names(client.get(url("goal_list", book.alliance), {"shared": "false"}), "party")
    assert own == {company, association}
    goal = book.entries["goal:medlemmer"]
    assert names(client.get(url("result_list", book.alliance), {"goal": goal.pk}), "id") == {book.entries["result:medlemmer"].pk}
    assert names(client.get(url("result_list", book.alliance), {"party": association}), "id") == set()
    for name, params, field in (
        ("contribution_list", {"party": "mejeriet"}, "party"),
        ("goal_list", {"shared": "ja"}, "shared"),
        ("result_list", {"goal": "0"}, "goal"),
    ):
        response = client.get(url(name, book.alliance), params)
        assert response.status_code == 400
        assert response["Content-Type"] == PROBLEM
        assert [error["field"] for error in response.json()["errors"]] == [field]


def test_lists_are_paged_with_the_primary_key_last(book):
    client = client_for(book.landscape.staff)
    first = client.get(url("contribution_list", book.alliance), {"page_size": 2}).json()
    second = client.get(url("contribution_list", book.alliance), {"page_size": 2, "page": 2}).json()
    assert first["count"] == 5 and first["next"] and first["previous"] is None
    assert not {row["id"] for row in first["results"]} & {row["id"] for row in second["results"]}
    # Same period start: newest first by pk, as the model orders them.
    ids = [row["id"] for row in client.get(url("contribution_list", book.alliance)).json()["results"]]
    assert ids == list(Contribution.objects.filter(party__alliance=book.alliance).order_by("-period_start", "-pk").values_list("pk", flat=True))


def test_hour_kinds_show_the_rates_and_what_the_reader_reads(book):
    for user, count in ((None, 1), (book.landscape.coordinator, 1)):
        data = client_for(user).get(url("hour_kind_list", book.alliance)).json()
        assert data["results"] == [
            {
                "id": book.hour_kind.pk,
                "name": "Frivillige timer",
                "rate": "200.00",
                "description": "",
                "contribution_count": count,
                "hours": "10.00",
            }
        ]


# --- Writing -------------------------------------------------------------------------------


CONTRIBUTION = {
    "kind": "penge",
    "description": "Tilskud til kaffen",
    "quantity": "1250.50",
    "unit": "kr",
    "period_start": "2026-01-01",
    "visibility": "medlemmer",
}
GOAL = {
    "title": "Flere borgere i praktik",
    "indicator": "Antal borgere",
    "target": "12 om året",
    "target_value": "12",
    "target_unit": "borgere",
    "direction": "mere",
    "reading": "sum",
    "start_date": "2026-01-01",
    "target_date": "2027-06-30",
    "visibility": "offentlig",
}
RESULT = {
    "achieved_on": "2026-06-01",
    "description": "Tre borgere kom i praktik.",
    "measured_value": "3",
    "evidence_url": "https://mejeriet.example/praktik",
    "visibility": "medlemmer",
}


def post(client, address: str, data):
    return client.post(address, data, content_type="application/json")


def created_exactly_once(response, model, client, detail: str, alliance):
    """The 201 answer is the object as its detail endpoint shows it, with one audit record."""
    assert response.status_code == 201, response.content
    data = response.json()
    entry = model.objects.get(pk=data["id"])
    assert response["Location"].endswith(url(detail, alliance, pk=entry.pk))
    assert client.get(url(detail, alliance, pk=entry.pk)).json() == data
    records = list(records_of(entry))
    assert [record.action for record in records] == [AuditAction.CREATED]
    return entry, data, records[0]


def test_a_partner_registers_a_contribution_for_its_party(book):
    client = client_for(book.landscape.partner)
    before = AuditRecord.objects.count()
    response = post(client, url("contribution_list", book.alliance), {**CONTRIBUTION, "party": book.company.pk})
    entry, data, record = created_exactly_once(response, Contribution, client, "contribution_detail", book.alliance)
    assert AuditRecord.objects.count() == before + 1
    assert (entry.party, entry.quantity, entry.created_by) == (book.company, Decimal("1250.50"), book.landscape.partner)
    assert (data["quantity"], data["kroner"], data["period_end"], data["is_payment"]) == ("1250.50", "1250.50", None, False)
    assert (record.actor, record.on_behalf) == (book.landscape.partner, False)


def test_hours_are_registered_with_the_alliances_hour_kind(book):
    client = client_for(book.landscape.coordinator)
    response = post(
        client,
        url("contribution_list", book.alliance),
        {**CONTRIBUTION, "kind": "arbejdstimer", "unit": "timer", "quantity": "3", "hour_kind": book.hour_kind.pk, "party": book.company.pk},
    )
    entry, data, record = created_exactly_once(response, Contribution, client, "contribution_detail", book.alliance)
    assert (entry.hour_kind, data["kroner"]) == (book.hour_kind, "600.00")
    # The coordinator wrote on the company's behalf, and the record says so.
    assert record.on_behalf


def test_a_goal_and_a_shared_goal_are_registered(book):
    client = client_for(book.landscape.coordinator)
    response = post(client, url("goal_list", book.alliance), {**GOAL, "party": book.company.pk})
    goal, data, _record = created_exactly_once(response, ValueGoal, client, "goal_detail", book.alliance)
    assert (goal.party, data["shared"], data["progress"]["state"]) == (book.company, False, "ikke_forfalden")
    response = post(client, url("goal_list", book.alliance), {**GOAL, "party": None})
    shared, data, record = created_exactly_once(response, ValueGoal, client, "goal_detail", book.alliance)
    assert (shared.party, shared.alliance, data["shared"]) == (None, book.alliance, True)
    assert record.party_id is None
    # Without the key at all, too.
    body = dict(GOAL)
    response = post(client, url("goal_list", book.alliance), body)
    created_exactly_once(response, ValueGoal, client, "goal_detail", book.alliance)


def test_a_result_is_registered_against_a_goal(book):
    client = client_for(book.landscape.partner)
    goal = book.entries["goal:medlemmer"]
    response = post(client, url("result_list", book.alliance), {**RESULT, "goal": goal.pk})
    result, data, _record = created_exactly_once(response, Result, client, "result_detail", book.alliance)
    assert (result.goal, data["goal"], data["party"], data["measured_value"]) == (goal, goal.pk, book.company.pk, "3.00")


def test_only_coordinators_and_staff_add_shared_goals(book):
    before = ledger_rows()
    for user in (book.landscape.partner, book.landscape.observer):
        response = post(client_for(user), url("goal_list", book.alliance), GOAL)
        assert response.status_code == 403
        assert response["Content-Type"] == PROBLEM
        assert response.json()["detail"] == SHARED_DENIED
    assert ledger_rows() == before


def test_a_partner_cannot_write_for_another_party(book):
    before = ledger_rows()
    client = client_for(book.landscape.partner)
    for name, body in (
        ("contribution_list", {**CONTRIBUTION, "party": book.association.pk}),
        ("goal_list", {**GOAL, "party": book.association.pk}),
    ):
        response = post(client, url(name, book.alliance), body)
        assert response.status_code == 403, name
        assert response.json()["detail"] == LEDGER_DENIED
    # The shared goal's results are the coordinators'.
    response = post(client, url("result_list", book.alliance), {**RESULT, "goal": book.entries["shared:goal"].pk})
    assert (response.status_code, response.json()["detail"]) == (403, SHARED_DENIED)
    # The association's confidential goal does not exist for the partner: the body names no
    # goal of the alliance, as if the number were made up.
    response = post(client, url("result_list", book.alliance), {**RESULT, "goal": book.entries["assoc:goal"].pk})
    made_up = post(client, url("result_list", book.alliance), {**RESULT, "goal": 987654})
    assert response.status_code == made_up.status_code == 400
    assert response.json() == made_up.json()
    assert response.json()["errors"][0]["field"] == "goal"
    assert ledger_rows() == before


@pytest.mark.parametrize("name", ["contribution_list", "goal_list", "result_list"])
def test_anonymous_writes_are_401_and_outsiders_find_nothing(book, name):
    body = {**CONTRIBUTION, **GOAL, **RESULT, "party": book.company.pk, "goal": book.entries["goal:offentlig"].pk}
    before = ledger_rows()
    response = post(Client(), url(name, book.alliance), body)
    assert response.status_code == 401
    assert response["Content-Type"] == PROBLEM
    assert response["WWW-Authenticate"].startswith("Bearer")
    private = book.landscape.private
    response = post(client_for(book.landscape.outsider), url(name, private), body)
    assert response.status_code == 404
    assert private.title not in response.content.decode()
    assert ledger_rows() == before


def test_a_token_acts_as_its_user_and_a_read_only_token_only_reads(book):
    partner = book.landscape.partner
    _token, secret = token_create(actor=partner, name="Regnskab", read_only=False)
    _reader, read_secret = token_create(actor=partner, name="Læser", read_only=True)
    address = url("contribution_list", book.alliance)
    body = {**CONTRIBUTION, "party": book.company.pk}
    before = ledger_rows()
    response = Client().post(address, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {read_secret}")
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert "Nøglen må kun læse" in response.json()["detail"]
    assert ledger_rows() == before
    # The read-only token reads what its user reads.
    listed = Client().get(address, HTTP_AUTHORIZATION=f"Bearer {read_secret}").json()["results"]
    assert book.entries["contribution:fortrolig"].pk in {row["id"] for row in listed}
    response = Client().post(address, body, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 201
    entry = Contribution.objects.get(pk=response.json()["id"])
    assert entry.created_by == partner
    assert records_of(entry).get().actor == partner
    # A token never writes more than its user may.
    response = Client().post(
        address, {**body, "party": book.association.pk}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert (response.status_code, response.json()["detail"]) == (403, LEDGER_DENIED)


def test_a_session_write_needs_the_csrf_token(book):
    client = Client(enforce_csrf_checks=True)
    client.force_login(book.landscape.partner)
    before = ledger_rows()
    address = url("contribution_list", book.alliance)
    body = {**CONTRIBUTION, "party": book.company.pk}
    response = post(client, address, body)
    assert response.status_code == 403
    assert response["Content-Type"] == PROBLEM
    assert "CSRF" in response.json()["detail"]
    assert ledger_rows() == before
    # With the token from the cookie, as the browser sends it, the write goes through.
    client.get(reverse("ledger:contribution_add", kwargs={"slug": book.alliance.slug, "party_id": book.company.pk}))
    token = client.cookies[settings.CSRF_COOKIE_NAME].value
    response = client.post(address, body, content_type="application/json", HTTP_X_CSRFTOKEN=token)
    assert response.status_code == 201


# Bad input: (endpoint, changes to the valid body, the field the problem names).
BAD_INPUT = [
    ("contribution_list", {"description": None}, "description"),
    ("contribution_list", {"drop": "description"}, "description"),
    ("contribution_list", {"quantity": "1.250,50"}, "quantity"),
    ("contribution_list", {"quantity": "abc"}, "quantity"),
    ("contribution_list", {"quantity": "0.001"}, "quantity"),
    ("contribution_list", {"quantity": "0"}, "quantity"),
    ("contribution_list", {"kind": "guld"}, "kind"),
    ("contribution_list", {"period_start": "2026-13-01"}, "period_start"),
    ("contribution_list", {"period_end": "2025-12-31"}, "period_end"),
    ("contribution_list", {"unit": "timer", "estimated_value": "500"}, "estimated_value"),
    ("contribution_list", {"unit": "timer", "hour_kind": "other"}, "hour_kind"),
    ("contribution_list", {"unit": "timer", "hour_kind": 999999}, "hour_kind"),
    ("contribution_list", {"unit": "kr", "hour_kind": "ours"}, "hour_kind"),
    ("contribution_list", {"drop": "party"}, "party"),
    ("contribution_list", {"party": "mejeriet"}, "party"),
    ("goal_list", {"drop": "target_date"}, "target_date"),
    ("goal_list", {"target_value": "tolv"}, "target_value"),
    ("goal_list", {"direction": "mindre"}, "reading"),
    ("goal_list", {"start_date": "2028-01-01"}, "start_date"),
    ("goal_list", {"party": None, "visibility": "fortrolig"}, "visibility"),
    ("result_list", {"goal": "other"}, "goal"),
    ("result_list", {"goal": 999999}, "goal"),
    ("result_list", {"drop": "goal"}, "goal"),
    ("result_list", {"achieved_on": "2027-01-01"}, "achieved_on"),
    ("result_list", {"evidence_url": ""}, "evidence_note"),
    ("result_list", {"measured_value": "abc"}, "measured_value"),
    ("result_list", {"is_payment": True}, "estimated_value"),
]


@pytest.mark.parametrize(("name", "changes", "field"), BAD_INPUT)
def test_bad_input_is_a_400_naming_the_field_and_saves_nothing(book, name, changes, field):
    base = {
        "contribution_list": {**CONTRIBUTION, "party": book.company.pk},
        "goal_list": {**GOAL, "party": book.company.pk},
        "result_list": {**RESULT, "goal": book.entries["goal:medlemmer"].pk},
    }[name]
    body = dict(base)
    changes = dict(changes)
    if "drop" in changes:
        del body[changes.pop("drop")]
    references = {
        "other": {"hour_kind": book.other_hour_kind.pk, "goal": _other_alliance_goal(book)},
        "ours": {"hour_kind": book.hour_kind.pk},
    }
    for key, value in changes.items():
        body[key] = references[value][key] if value in references else value
    before = ledger_rows()
    response = post(client_for(book.landscape.coordinator), url(name, book.alliance), body)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field], errors
    assert errors[0]["pointer"] == f"#/{field}"
    assert errors[0]["detail"]
    assert ledger_rows() == before


def _other_alliance_goal(book) -> int:
    internal = helpers.party(book.landscape.internal, book.landscape.company)
    return helpers.add_goal(internal, book.landscape.partner, title="Et andet mål").pk


def test_the_services_messages_are_the_pages(book):
    """The problem's detail is the service's Danish sentence."""
    body = {**CONTRIBUTION, "party": book.company.pk, "period_end": "2025-01-01"}
    response = post(client_for(book.landscape.partner), url("contribution_list", book.alliance), body)
    assert response.json()["errors"] == [
        {"field": "period_end", "pointer": "#/period_end", "detail": helpers.PERIOD_ORDER}
    ]


def test_a_body_that_is_not_an_object_is_400(book):
    response = post(client_for(book.landscape.partner), url("contribution_list", book.alliance), [1, 2])
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


# --- Changing and deleting ----------------------------------------------------------------


def patch(client, address: str, data):
    return client.patch(address, data, content_type="application/json")


def detail_of(book, name: str) -> str:
    """The API address of one of the book's entries."""
    entry = book.entries[name]
    detail = {Contribution: "contribution_detail", ValueGoal: "goal_detail", Result: "result_detail"}[type(entry)]
    return url(detail, book.alliance, pk=entry.pk)


def row(entry) -> dict:
    return type(entry).objects.filter(pk=entry.pk).values().get()


# (entry, who changes it, the changes, what the answer then shows)
CHANGES = [
    (
        "contribution:hours",
        "partner",
        {"quantity": "20", "description": "Rettede timer"},
        {"quantity": "20.00", "description": "Rettede timer", "kroner": "4000.00", "unit": "timer"},
    ),
    (
        "goal:fortrolig",
        "partner",
        {"target_value": "20", "title": "Rettet mål"},
        {"target_value": "20.00", "title": "Rettet mål", "target_unit": "borgere", "visibility": "fortrolig"},
    ),
    ("shared:goal", "coordinator", {"target_date": "2028-06-30"}, {"target_date": "2028-06-30", "shared": True}),
    (
        "result:medlemmer",
        "coordinator",
        {"measured_value": "6", "achieved_on": "2026-09-30"},
        {"measured_value": "6.00", "achieved_on": "2026-09-30", "description": "Resultat medlemmer"},
    ),
]


@pytest.mark.parametrize(("name", "kind", "changes", "shown"), CHANGES)
def test_a_patch_changes_only_the_given_fields_and_leaves_one_record(book, name, kind, changes, shown):
    entry = book.entries[name]
    client = client_for(getattr(book.landscape, kind))
    before = row(entry)
    records = AuditRecord.objects.count()
    response = patch(client, detail_of(book, name), changes)
    assert response.status_code == 200, response.content
    data = response.json()
    # The answer is the entry as GET shows it.
    assert data == client.get(detail_of(book, name)).json()
    assert {field: data[field] for field in shown} == shown
    after = row(entry)
    assert {field for field in before if before[field] != after[field]} - {"updated_at", "updated_by_id"} == set(changes)
    assert after["updated_by_id"] == getattr(book.landscape, kind).pk
    assert AuditRecord.objects.count() == records + 1
    record = records_of(entry).last()
    assert (record.action, record.actor) == (AuditAction.CHANGED, getattr(book.landscape, kind))
    assert set(record.changes) == set(changes)


def test_a_patch_clears_a_field_with_null_and_keeps_the_hour_kind(book):
    entry = book.entries["contribution:hours"]
    response = patch(client_for(book.landscape.partner), detail_of(book, "contribution:hours"), {"period_end": None})
    assert response.status_code == 200, response.content
    assert (response.json()["period_end"], response.json()["hour_kind"]) == (None, book.hour_kind.pk)
    entry.refresh_from_db()
    assert (entry.period_end, entry.hour_kind) == (None, book.hour_kind)


@pytest.mark.parametrize("name", ["contribution:medlemmer", "goal:medlemmer", "shared:goal", "result:medlemmer"])
def test_a_patch_that_changes_nothing_writes_nothing(book, name):
    client = client_for(book.landscape.coordinator)
    shown = client.get(detail_of(book, name)).json()
    before = ledger_rows()
    for changes in ({}, {"description": shown.get("description", "")} if "description" in shown else {"title": shown["title"]}):
        response = patch(client, detail_of(book, name), changes)
        assert response.status_code == 200, response.content
        assert response.json() == shown
    assert ledger_rows() == before


# Bad changes: (entry, the changes, the field the problem names).
BAD_CHANGES = [
    ("contribution:medlemmer", {"quantity": "abc"}, "quantity"),
    ("contribution:medlemmer", {"quantity": "0"}, "quantity"),
    ("contribution:medlemmer", {"quantity": "0.001"}, "quantity"),
    ("contribution:medlemmer", {"description": None}, "description"),
    ("contribution:medlemmer", {"description": "x" * 501}, "description"),
    ("contribution:medlemmer", {"kind": "guld"}, "kind"),
    ("contribution:medlemmer", {"period_end": "2025-12-31"}, "period_end"),
    ("contribution:medlemmer", {"unit": "timer", "estimated_value": "500"}, "estimated_value"),
    ("contribution:medlemmer", {"hour_kind": "ours"}, "hour_kind"),
    ("contribution:medlemmer", {"hour_kind": 999999}, "hour_kind"),
    ("contribution:hours", {"unit": "kr"}, "hour_kind"),
    ("contribution:medlemmer", {"party": "association"}, "party"),
    ("contribution:medlemmer", {"party": "company"}, "party"),
    ("goal:medlemmer", {"target_date": "2026-13-01"}, "target_date"),
    ("goal:medlemmer", {"target_value": "tolv"}, "target_value"),
    ("goal:medlemmer", {"direction": "mindre", "reading": "sum"}, "reading"),
    ("goal:medlemmer", {"party": None}, "party"),
    ("shared:goal", {"visibility": "fortrolig"}, "visibility"),
    ("result:medlemmer", {"goal": "other"}, "goal"),
    ("result:medlemmer", {"achieved_on": "2027-01-01"}, "achieved_on"),
    ("result:medlemmer", {"evidence_url": ""}, "evidence_note"),
    ("result:medlemmer", {"measured_value": "abc"}, "measured_value"),
    ("result:medlemmer", {"evidence_url": "ikke et link"}, "evidence_url"),
]


@pytest.mark.parametrize(("name", "changes", "field"), BAD_CHANGES)
def test_bad_changes_are_a_400_naming_the_field_and_save_nothing(book, name, changes, field):
    references = {
        "ours": book.hour_kind.pk,
        "association": book.association.pk,
        "company": book.company.pk,
        "other": book.entries["goal:offentlig"].pk,
    }
    body = {key: references.get(value, value) if isinstance(value, str) else value for key, value in changes.items()}
    before = ledger_rows()
    response = patch(client_for(book.landscape.coordinator), detail_of(book, name), body)
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == PROBLEM
    errors = response.json()["errors"]
    assert [error["field"] for error in errors] == [field], errors
    assert errors[0]["pointer"] == f"#/{field}"
    assert errors[0]["detail"]
    assert ledger_rows() == before


def test_a_fixed_field_is_named_with_the_other_wrong_fields(book):
    body = {"party": book.company.pk, "quantity": "abc"}
    response = patch(client_for(book.landscape.partner), detail_of(book, "contribution:medlemmer"), body)
    assert response.status_code == 400
    errors = {error["field"]: error["detail"] for error in response.json()["errors"]}
    assert set(errors) == {"party", "quantity"}
    assert errors["party"].startswith("Et bidrag kan ikke flyttes til en anden part.")
    response = patch(client_for(book.landscape.partner), detail_of(book, "contribution:medlemmer"), [1, 2])
    assert response.status_code == 400
    assert response["Content-Type"] == PROBLEM


def test_who_may_not_change_an_entry_is_told_why_and_nothing_changes(book):
    landscape = book.landscape
    # A members' entry of the association: the company's partner reads it, but does not write
    # for the association.
    book.entries["assoc:members"] = helpers.add_contribution(
        book.association, landscape.coordinator, description="Foreningens lokaler", visibility="medlemmer"
    )
    before = ledger_rows()
    for user, name, reason in (
        (landscape.partner, "assoc:members", LEDGER_DENIED),
        (landscape.observer, "contribution:offentlig", LEDGER_DENIED),
        (landscape.outsider, "contribution:offentlig", LEDGER_DENIED),
        (landscape.partner, "shared:goal", SHARED_DENIED),
        (landscape.partner, "shared:result", SHARED_DENIED),
    ):
        client = client_for(user)
        for response in (
            patch(client, detail_of(book, name), {"description": "Ændret", "title": "Ændret"}),
            client.delete(detail_of(book, name)),
        ):
            assert response.status_code == 403, (name, response.content)
            assert response["Content-Type"] == PROBLEM
            assert response.json()["detail"] == reason
    assert ledger_rows() == before


@pytest.mark.parametrize("kind", ["outsider", "public_employee", "observer"])
def test_an_entry_the_caller_may_not_read_is_404_like_one_that_does_not_exist(book, kind):
    client = client_for(getattr(book.landscape, kind))
    unread = sorted(set(book.entries) - READS[kind])
    assert unread
    before = ledger_rows()
    made_up = patch(client, url("contribution_detail", book.alliance, pk=987654), {"description": "Ændret"})
    assert made_up.status_code == 404
    for name in unread:
        for response in (patch(client, detail_of(book, name), {"description": "Ændret"}), client.delete(detail_of(book, name))):
            assert response.status_code == 404, (kind, name)
            assert response["Content-Type"] == PROBLEM
            assert response.json() == made_up.json()
    assert ledger_rows() == before


def test_an_entry_in_an_alliance_the_outsider_does_not_see_is_404(book):
    internal = book.landscape.internal
    hidden = helpers.add_contribution(helpers.party(internal, book.landscape.company), book.landscape.partner)
    client = client_for(book.landscape.outsider)
    before = ledger_rows()
    address = url("contribution_detail", internal, pk=hidden.pk)
    for response in (patch(client, address, {"description": "Ændret"}), client.delete(address)):
        assert response.status_code == 404
        assert response["Content-Type"] == PROBLEM
        assert internal.title not in response.content.decode()
    assert ledger_rows() == before


def test_anonymous_changes_are_401_and_a_read_only_token_only_reads(book):
    partner = book.landscape.partner
    _reader, read_secret = token_create(actor=partner, name="Læser", read_only=True)
    _token, secret = token_create(actor=partner, name="Regnskab", read_only=False)
    address = detail_of(book, "contribution:medlemmer")
    before = ledger_rows()
    for method in ("patch", "delete"):
        response = getattr(Client(), method)(address, {"description": "Ændret"}, content_type="application/json")
        assert response.status_code == 401
        assert response["Content-Type"] == PROBLEM
        assert response["WWW-Authenticate"].startswith("Bearer")
        response = getattr(Client(), method)(
            address, {"description": "Ændret"}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {read_secret}"
        )
        assert response.status_code == 403
        assert "Nøglen må kun læse" in response.json()["detail"]
    assert ledger_rows() == before
    # A token that may write acts as its user.
    response = Client().patch(
        address, {"description": "Ændret"}, content_type="application/json", HTTP_AUTHORIZATION=f"Bearer {secret}"
    )
    assert (response.status_code, response.json()["description"]) == (200, "Ændret")
    assert records_of(book.entries["contribution:medlemmer"]).last().actor == partner


@pytest.mark.parametrize(
    ("name", "kind"),
    [
        ("contribution:fortrolig", "partner"),
        ("assoc:goal", "coordinator"),
        ("result:medlemmer", "partner"),
        ("shared:result", "coordinator"),
    ],
)
def test_delete_removes_the_entry_and_leaves_one_record(book, name, kind):
    entry = book.entries[name]
    user = getattr(book.landscape, kind)
    client = client_for(user)
    records = AuditRecord.objects.count()
    response = client.delete(detail_of(book, name))
    assert response.status_code == 204, response.content
    assert response.content == b""
    assert not type(entry).objects.filter(pk=entry.pk).exists()
    assert AuditRecord.objects.count() == records + 1
    record = records_of(entry).last()
    assert (record.action, record.actor) == (AuditAction.DELETED, user)
    assert client.get(detail_of(book, name)).status_code == 404
    assert client.delete(detail_of(book, name)).status_code == 404


def test_a_goal_with_results_is_not_deleted(book):
    before = ledger_rows()
    for name, kind in (("goal:medlemmer", "partner"), ("shared:goal", "coordinator")):
        response = client_for(getattr(book.landscape, kind)).delete(detail_of(book, name))
        assert response.status_code == 409, response.content
        assert response["Content-Type"] == PROBLEM
        assert response.json() == {
            "type": "about:blank",
            "title": "Konflikt",
            "status": 409,
            "detail": services.goal_deletion_refusal(1),
        }
    # In the language the caller asks for.
    response = client_for(book.landscape.partner).delete(detail_of(book, "goal:medlemmer"), HTTP_ACCEPT_LANGUAGE="en")
    assert (response.status_code, response.json()["title"]) == (409, "Conflict")
    assert ledger_rows() == before
    # Once its result is gone, it goes.
    client = client_for(book.landscape.partner)
    assert client.delete(detail_of(book, "result:medlemmer")).status_code == 204
    assert client.delete(detail_of(book, "goal:medlemmer")).status_code == 204


@pytest.mark.parametrize("name", ["contribution:offentlig", "goal:offentlig", "result:offentlig"])
def test_put_is_not_offered(book, name):
    before = ledger_rows()
    for user in (None, book.landscape.coordinator):
        response = client_for(user).put(detail_of(book, name), {"description": "Ændret"}, content_type="application/json")
        assert response.status_code == 405
        assert response["Content-Type"] == PROBLEM
        assert set(response["Allow"].split(", ")) == {"GET", "HEAD", "PATCH", "DELETE", "OPTIONS"}
    assert ledger_rows() == before


# --- Query counts --------------------------------------------------------------------------

# Session and user, the rate limit's count (6 in the database cache), the alliance, the
# reader's membership, then the endpoint's own: a page's count and rows (and for goals their
# results' facts).
BUDGETS = {
    "contribution_list": 12,
    "goal_list": 13,
    "result_list": 12,
    "hour_kind_list": 12,
    "contribution_detail": 11,
    "goal_detail": 12,
    "result_detail": 11,
}


KEPT_LISTS = {"contribution_list", "goal_list", "result_list"}


def _grow(book, size: int) -> None:
    landscape = book.landscape
    for index in range(size):
        goal = helpers.add_goal(book.company, landscape.partner, title=f"Mål {index}", visibility="medlemmer")
        helpers.add_result(goal, landscape.partner, description=f"Resultat {index}", visibility="medlemmer")
        helpers.add_contribution(
            book.company,
            landscape.partner,
            kind="arbejdstimer",
            unit="timer",
            quantity=Decimal("2"),
            hour_kind=book.hour_kind,
            description=f"Bidrag {index}",
        )
        services.hour_kind_create(actor=landscape.coordinator, alliance=book.alliance, name=f"Timer {index}", rate=Decimal("100"))


@pytest.mark.parametrize("size", [0, 30])
def test_reads_take_a_fixed_number_of_queries(book, size, django_assert_max_num_queries):
    _grow(book, size)
    client = client_for(book.landscape.partner)
    addresses = {
        "contribution_list": url("contribution_list", book.alliance),
        "goal_list": url("goal_list", book.alliance),
        "result_list": url("result_list", book.alliance),
        "hour_kind_list": url("hour_kind_list", book.alliance),
        "contribution_detail": url("contribution_detail", book.alliance, pk=book.entries["contribution:hours"].pk),
        "goal_detail": url("goal_detail", book.alliance, pk=book.entries["goal:fortrolig"].pk),
        "result_detail": url("result_detail", book.alliance, pk=book.entries["result:pubonconf"].pk),
    }
    for name, address in addresses.items():
        # A list's page is kept (registry.alliance_fragments): read cold, it also reads its
        # entries whole by id and keeps them; read again, it reads the alliance's version and
        # the kept page (two rows of the cache table) instead of its entries.
        kept = name in KEPT_LISTS
        with django_assert_max_num_queries(BUDGETS[name] + (1 + budgets.kept_markup() if kept else 0), info=name):
            response = client.get(address)
        assert response.status_code == 200, name
        with django_assert_max_num_queries(BUDGETS[name] + (2 if kept else 0), info=name):
            again = client.get(address)
        assert again.json() == response.json(), name
    assert client.get(addresses["goal_list"]).json()["count"] == 4 + size


def test_writes_take_a_fixed_number_of_queries(book):
    """A write costs the same whatever the alliance holds (the service's own checks and the
    audit record included)."""
    client = client_for(book.landscape.partner)
    counts = []
    for size in (0, 20):
        _grow(book, size)
        with CaptureQueriesContext(connection) as queries:
            response = post(client, url("result_list", book.alliance), {**RESULT, "goal": book.entries["goal:medlemmer"].pk})
        assert response.status_code == 201
        counts.append(len(queries))
    assert counts[0] == counts[1], counts


def test_a_field_the_endpoint_does_not_take_is_refused_not_ignored(book):
    """A misspelt field must not pass as "nothing to change": 400 naming it, nothing saved."""
    client = client_for(book.landscape.partner)
    before = ledger_rows()
    response = post(client, url("contribution_list", book.alliance), {**CONTRIBUTION, "party": book.company.pk, "beskrivelse": "x"})
    assert response.status_code == 400
    assert [error["field"] for error in response.json()["errors"]] == ["beskrivelse"]
    entry = book.entries["contribution:hours"]
    unchanged = row(entry)
    response = patch(client, detail_of(book, "contribution:hours"), {"quantiy": "99"})
    assert response.status_code == 400
    assert response.json()["errors"][0]["field"] == "quantiy"
    assert row(entry) == unchanged
    assert ledger_rows() == before


@pytest.mark.parametrize("first_reader", ["partner", "observer", "coordinator", None])
def test_kept_pages_of_entries_are_never_shared_between_readers_who_read_differently(book, first_reader):
    """Each reader's page read after the others' is what they would read with nothing kept; a
    new entry shows at once."""
    landscape = book.landscape
    readers = [first_reader, *(reader for reader in ["partner", "observer", "coordinator", None] if reader != first_reader)]
    addresses = [url(name, book.alliance) for name in ("contribution_list", "goal_list", "result_list")]

    def read_all() -> dict:
        return {
            (reader, address): client_for(getattr(landscape, reader) if reader else None).get(address).json()
            for reader in readers
            for address in addresses
        }

    kept = read_all()
    cache.clear()
    alone = {key: client_for(getattr(landscape, key[0]) if key[0] else None).get(key[1]).json() for key in kept}
    assert kept == alone
    # The partner's company and the association's confidential entries are not everyone's.
    assert kept["partner", addresses[0]]["count"] > kept[None, addresses[0]]["count"]
    helpers.add_contribution(book.company, landscape.partner, description="Nyt bidrag", visibility="offentlig")
    listed = client_for(None).get(addresses[0]).json()
    assert "Nyt bidrag" in [row["description"] for row in listed["results"]]
