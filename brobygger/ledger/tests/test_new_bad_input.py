"""Bad input to the ledger's newer fields and forms: hour kinds on contributions, payments,
numeric targets on goals, shared goals, results of measurable goals, the alliance's hour
rates and a party's own answer. Each answers 400 with the Danish message next to its
field, keeps what the user typed and writes nothing (no entry, no hour kind, no answer, no
line in the change log)."""

import datetime
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from brobygger.alliances.tests.test_bad_input import (
    HUGE,
    HUGE_NUMBER,
    INVALID_CHOICE,
    INVALID_DATE,
    NUL,
    REQUIRED,
    PageReader,
    normalised,
    read,
    too_long,
)
from brobygger.ledger import services

from .helpers import (
    DATE_RANGE,
    NEGATIVE,
    NOT_ZERO,
    TOO_LARGE,
    add_contribution,
    add_goal,
    ledger_rows,
    party,
)

BAD_DATE = "2026-13-45"
NOT_A_NUMBER = "Skriv et tal, fx 1.250,50."
HOURS_HAVE_A_RATE = "Timer får deres værdi fra alliancens timesats."
HOUR_KIND_ONLY_FOR_HOURS = "En timetype hører kun til bidrag i timer."
PAYMENT_IN_KRONER = "En betaling er et beløb i kroner."
UNIT_WITHOUT_TARGET = "Skriv et måltal, eller lad enheden stå tom."
SUM_ONLY_MORE = "En sum kan kun vokse"
START_ONLY_FOR_SUM = "En startdato bruges kun, når fremdriften læses som en sum."
START_AFTER_TARGET = "Målet kan ikke begynde at tælle efter måldatoen."
PAYMENT_AMOUNT = "Skriv beløbet, parten fik betalt."
NAME_TAKEN = "Alliancen har allerede en timetype med det navn."


@dataclass
class Entries:
    landscape: object
    company: object
    hour_kind: object
    free_kind: object
    foreign_kind: object
    hours: object
    goal: object
    shared_goal: object

    def url(self, path: str) -> str:
        return f"/alliancer/{self.landscape.public.slug}/vaerdi/{path}"


@pytest.fixture
def entries(today, landscape) -> Entries:
    coordinator = landscape.coordinator
    company = party(landscape.public, landscape.company)
    hour_kind = services.hour_kind_create(
        actor=coordinator, alliance=landscape.public, name="Medarbejdertimer", rate=Decimal("450")
    )
    return Entries(
        landscape=landscape,
        company=company,
        hour_kind=hour_kind,
        free_kind=services.hour_kind_create(actor=coordinator, alliance=landscape.public, name="Frivillige timer"),
        foreign_kind=services.hour_kind_create(
            actor=coordinator, alliance=landscape.private, name="Konsulenttimer", rate=Decimal("1000")
        ),
        hours=add_contribution(
            company,
            landscape.partner,
            kind="arbejdstimer",
            quantity=Decimal("40"),
            unit="timer",
            hour_kind=hour_kind,
        ),
        goal=add_goal(company, landscape.partner, target_value=Decimal("12"), target_unit="borgere"),
        shared_goal=services.shared_goal_create(
            actor=coordinator,
            alliance=landscape.public,
            title="Færre ensomme ældre",
            indicator="Andel ældre, der føler sig ensomme",
            target="Under 10 %",
            target_date=datetime.date(2027, 12, 31),
            target_value=Decimal("10"),
            target_unit="%",
            direction="mindre",
            visibility="offentlig",
        ),
    )


CONTRIBUTION = {
    "kind": "arbejdstimer",
    "description": "To sygeplejersker fire timer om ugen",
    "quantity": "120",
    "unit": "timer",
    "estimated_value": "",
    "period_start": "2026-01-01",
    "period_end": "2026-12-31",
    "hour_kind": "{hour_kind}",
    "visibility": "offentlig",
}
GOAL = {
    "title": "Flere borgere i praktik hos os",
    "indicator": "antal borgere i praktik",
    "target": "15 borgere om året",
    "target_value": "15",
    "target_unit": "borgere",
    "direction": "mere",
    "reading": "sum",
    "start_date": "2026-01-01",
    "target_date": "2027-06-30",
    "visibility": "offentlig",
}
RESULT = {
    "achieved_on": "2026-11-01",
    "description": "Fire borgere kom i praktik.",
    "measured_value": "4",
    "estimated_value": "2.500",
    "evidence_url": "https://mejeriet.example/rapport",
    "evidence_note": "",
    "visibility": "offentlig",
}
HOUR_KIND = {"name": "Konsulenttimer", "rate": "1.100,50", "description": "Alliancens aftalte sats for konsulenter."}
ANSWER = {"answer": "delvist", "comment": "Vi har fået praktikanter, men mangler stadig data."}


@dataclass
class Form:
    url: Callable[[Entries], str]
    valid: dict
    # Who fills it in: the company's partner, or the coordinator for the alliance's own.
    user: str = "partner"
    # Where a valid post sends the user.
    done: Callable[[Entries], str] = lambda e: e.url(f"parter/{e.company.pk}/")


def _shared(e: Entries) -> str:
    return e.url("faelles-maal/")


def _rates(e: Entries) -> str:
    return e.url("timesatser/")


FORMS = {
    "contribution_add": Form(lambda e: e.url(f"parter/{e.company.pk}/bidrag/ny/"), CONTRIBUTION),
    "contribution_edit": Form(lambda e: e.url(f"bidrag/{e.hours.pk}/rediger/"), CONTRIBUTION),
    "goal_add": Form(lambda e: e.url(f"parter/{e.company.pk}/maal/ny/"), GOAL),
    "goal_edit": Form(lambda e: e.url(f"maal/{e.goal.pk}/rediger/"), GOAL),
    "shared_goal_add": Form(lambda e: e.url("faelles-maal/ny/"), GOAL, "coordinator", _shared),
    "shared_goal_edit": Form(lambda e: e.url(f"maal/{e.shared_goal.pk}/rediger/"), GOAL, "coordinator", _shared),
    "result_add": Form(lambda e: e.url(f"maal/{e.goal.pk}/resultater/ny/"), RESULT),
    "hour_kind_add": Form(lambda e: e.url("timesatser/ny/"), HOUR_KIND, "coordinator", _rates),
    "hour_kind_edit": Form(lambda e: e.url(f"timesatser/{e.free_kind.pk}/rediger/"), HOUR_KIND, "coordinator", _rates),
    "value_answer": Form(lambda e: e.url(f"parter/{e.company.pk}/svar/"), ANSWER),
}

CONTRIBUTION_CASES = [
    ({"estimated_value": "60.000"}, {"estimated_value": HOURS_HAVE_A_RATE}, "hours with their own value"),
    ({"kind": "penge", "unit": "kr"}, {"hour_kind": HOUR_KIND_ONLY_FOR_HOURS}, "kroner with an hour kind"),
    ({"hour_kind": "{foreign_kind}"}, {"hour_kind": INVALID_CHOICE}, "another alliance's hour kind"),
    ({"hour_kind": "abc"}, {"hour_kind": INVALID_CHOICE}, ""),
    ({"hour_kind": "1\x00"}, {"hour_kind": NUL}, ""),
    ({"hour_kind": HUGE}, {"hour_kind": INVALID_CHOICE}, ""),
    ({"is_payment": "on"}, {"is_payment": PAYMENT_IN_KRONER}, "a payment in hours"),
    (
        {"estimated_value": "1", "is_payment": "on"},
        {"estimated_value": HOURS_HAVE_A_RATE, "is_payment": PAYMENT_IN_KRONER},
        "two errors at once",
    ),
]

GOAL_CASES = [
    ({"target_value": "", "target_unit": "borgere"}, {"target_unit": UNIT_WITHOUT_TARGET}, "a unit without a number"),
    ({"direction": "mindre", "reading": "sum"}, {"reading": SUM_ONLY_MORE}, "less is better as a sum"),
    ({"reading": "seneste"}, {"start_date": START_ONLY_FOR_SUM}, "a start date for the latest value"),
    ({"start_date": "2027-07-01"}, {"start_date": START_AFTER_TARGET}, "starts after its target date"),
    ({"target_value": "-1"}, {"target_value": NEGATIVE}, ""),
    ({"target_value": "0"}, {"target_value": NOT_ZERO}, "zero when more is better"),
    ({"target_value": "abc"}, {"target_value": NOT_A_NUMBER}, ""),
    ({"target_value": HUGE_NUMBER}, {"target_value": TOO_LARGE}, ""),
    ({"target_value": "1\x00"}, {"target_value": NOT_A_NUMBER}, ""),
    ({"target_unit": HUGE}, {"target_unit": too_long(40)}, ""),
    ({"target_unit": "%\x00"}, {"target_unit": NUL}, ""),
    ({"direction": "op"}, {"direction": INVALID_CHOICE}, ""),
    ({"direction": ""}, {"direction": REQUIRED}, ""),
    ({"reading": HUGE}, {"reading": INVALID_CHOICE}, ""),
    ({"reading": "sum\x00"}, {"reading": INVALID_CHOICE}, ""),
    ({"start_date": BAD_DATE}, {"start_date": INVALID_DATE}, ""),
    ({"start_date": "1999-12-31"}, {"start_date": DATE_RANGE}, ""),
]
# A shared goal is the whole alliance's: the form does not even offer confidential.
SHARED_GOAL_CASES = [({"visibility": "fortrolig"}, {"visibility": INVALID_CHOICE}, "a confidential shared goal")]

RESULT_CASES = [
    ({"is_payment": "on", "estimated_value": ""}, {"estimated_value": PAYMENT_AMOUNT}, "a payment without an amount"),
]

HOUR_KIND_CASES = [
    ({"name": ""}, {"name": REQUIRED}, ""),
    ({"name": "   "}, {"name": REQUIRED}, "a blank name"),
    ({"name": HUGE}, {"name": too_long(100)}, ""),
    ({"name": "Timer\x00"}, {"name": NUL}, ""),
    ({"name": "medarbejdertimer"}, {"name": NAME_TAKEN}, "a name the alliance has"),
    ({"name": " MEDARBEJDERTIMER "}, {"name": NAME_TAKEN}, "the same name in capitals"),
    ({"rate": "-1"}, {"rate": NEGATIVE}, ""),
    ({"rate": "abc"}, {"rate": NOT_A_NUMBER}, ""),
    ({"rate": "1,001"}, {"rate": "Skriv højst 2 decimaler."}, ""),
    ({"rate": HUGE_NUMBER}, {"rate": TOO_LARGE}, ""),
    ({"rate": "5.000.000.000"}, {"rate": TOO_LARGE}, ""),
    ({"description": HUGE}, {"description": too_long(300)}, ""),
    ({"description": "Sats\x00"}, {"description": NUL}, ""),
]

ANSWER_CASES = [
    ({"answer": "", "comment": ""}, {"answer": REQUIRED, "comment": REQUIRED}, "nothing answered"),
    ({"comment": "   "}, {"comment": REQUIRED}, "a blank sentence"),
    ({"answer": "måske"}, {"answer": INVALID_CHOICE}, ""),
    ({"answer": HUGE}, {"answer": INVALID_CHOICE}, ""),
    ({"answer": "ja\x00"}, {"answer": INVALID_CHOICE}, ""),
    ({"comment": HUGE}, {"comment": too_long(500)}, ""),
    ({"comment": "Ja\x00"}, {"comment": NUL}, ""),
]


@dataclass
class Case:
    form: str
    changes: dict
    errors: dict
    note: str = ""


CASES = [
    Case(form, changes, errors, note)
    for forms, cases in (
        (("contribution_add", "contribution_edit"), CONTRIBUTION_CASES),
        (("goal_add", "goal_edit", "shared_goal_add", "shared_goal_edit"), GOAL_CASES),
        (("shared_goal_add", "shared_goal_edit"), SHARED_GOAL_CASES),
        (("result_add",), RESULT_CASES),
        (("hour_kind_add", "hour_kind_edit"), HOUR_KIND_CASES),
        (("value_answer",), ANSWER_CASES),
    )
    for form in forms
    for changes, errors, note in cases
]


def case_id(case: Case) -> str:
    described = ",".join(
        f"{name}={'HUGE' if value == HUGE else value!r}"[:40] for name, value in case.changes.items()
    )
    return f"{case.form}:{case.note or described}"


def _filled(data: dict, entries: Entries) -> dict:
    ids = {"hour_kind": entries.hour_kind.pk, "foreign_kind": entries.foreign_kind.pk}
    return {name: value.format(**ids) if value.startswith("{") else value for name, value in data.items()}


def _assert_kept(reader: PageReader, posted: dict, name: str) -> None:
    """The control shows what the user posted (oversized values excepted)."""
    value = posted[name]
    if len(value) > 1000:
        return
    controls = reader.controls.get(name)
    assert controls, f"no control named {name!r} in the re-rendered form"
    first = controls[0]
    if first["kind"] == "radio":
        checked = [control["value"] for control in controls if control["checked"]]
        offered = [control["value"] for control in controls]
        assert checked == ([value] if value in offered else []), (name, checked, value)
    elif first["kind"] == "checkbox":
        assert first["checked"] == bool(value), (name, value)
    elif first["kind"] == "select":
        assert first["selected"] == ([value] if value in first["options"] else []), (name, first["selected"], value)
    elif first["kind"] == "textarea":
        assert first["value"].removeprefix("\n").removeprefix("\r\n") == value, name
    else:
        assert (first["value"] or "") == value, (name, first["value"], value)


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_bad_input_is_refused_next_to_its_field_and_writes_nothing(case, entries, client):
    form = FORMS[case.form]
    client.force_login(getattr(entries.landscape, form.user))
    posted = _filled({**form.valid, **case.changes}, entries)
    before = ledger_rows()

    response = client.post(form.url(entries), posted)

    assert response.status_code == 400, response.content.decode()[:2000]
    reader = read(response)
    for name, message in case.errors.items():
        error_id = f"id_{name}-error"
        assert error_id in reader.texts, f"no element #{error_id}"
        assert message in normalised(reader.texts[error_id]), reader.texts[error_id]
        assert error_id in reader.described_by, f"#{error_id} is not tied to its field"
    for name in posted:
        _assert_kept(reader, posted, name)
    assert ledger_rows() == before


@pytest.mark.parametrize("name", sorted(FORMS))
def test_each_form_accepts_its_valid_values(name, entries, client):
    """The values the cases above spoil are valid themselves: each form saves them, sends the
    user back to the page the entry is shown on, and leaves a line in the change log."""
    form = FORMS[name]
    client.force_login(getattr(entries.landscape, form.user))
    before = ledger_rows()
    response = client.post(form.url(entries), _filled(form.valid, entries))
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == form.done(entries)
    after = ledger_rows()
    assert len(after["AuditRecord"]) == len(before["AuditRecord"]) + 1


@pytest.mark.parametrize("name", sorted(FORMS))
def test_post_without_any_field_is_400(name, entries, client):
    form = FORMS[name]
    client.force_login(getattr(entries.landscape, form.user))
    before = ledger_rows()
    response = client.post(form.url(entries), {})
    assert response.status_code == 400
    errors = [text for key, text in read(response).texts.items() if key.endswith("-error")]
    assert any(REQUIRED in normalised(text) for text in errors), name
    assert ledger_rows() == before


def test_every_new_field_is_spoiled_by_some_case():
    """Each new field of the forms (and every field of the new forms) is posted bad at least once."""
    spoiled = {(case.form, field) for case in CASES for field in case.changes}
    for form, fields in (
        ("contribution_add", ("estimated_value", "hour_kind", "is_payment")),
        ("goal_add", ("target_value", "target_unit", "direction", "reading", "start_date")),
        ("shared_goal_add", ("target_value", "target_unit", "direction", "reading", "start_date", "visibility")),
        ("result_add", ("is_payment",)),
        ("hour_kind_add", tuple(HOUR_KIND)),
        ("value_answer", tuple(ANSWER)),
    ):
        for field in fields:
            assert (form, field) in spoiled, (form, field)


# --- What only a service call can reach ------------------------------------------------------


def test_the_services_refuse_what_the_forms_cannot_post(entries):
    """The forms never offer these, but the services refuse them too, each next to its field:
    another alliance's hour kind, a confidential shared goal (made or edited), and "the goal is
    met" on a goal that has a number to measure by."""
    landscape = entries.landscape
    before = ledger_rows()
    with pytest.raises(ValidationError) as error:
        add_contribution(
            entries.company,
            landscape.partner,
            kind="arbejdstimer",
            unit="timer",
            quantity=Decimal("3"),
            hour_kind=entries.foreign_kind,
        )
    assert error.value.message_dict == {"hour_kind": ["Vælg en af alliancens egne timetyper."]}
    shared = {
        "title": "Færre ensomme ældre",
        "indicator": "Andel",
        "target": "Under 10 %",
        "target_date": datetime.date(2027, 12, 31),
    }
    with pytest.raises(ValidationError) as error:
        services.shared_goal_create(
            actor=landscape.coordinator, alliance=landscape.public, visibility="fortrolig", **shared
        )
    assert list(error.value.message_dict) == ["visibility"]
    with pytest.raises(ValidationError) as error:
        services.goal_update(actor=landscape.coordinator, goal=entries.shared_goal, visibility="fortrolig")
    assert list(error.value.message_dict) == ["visibility"]
    with pytest.raises(ValidationError) as error:
        services.result_create(
            actor=landscape.partner,
            goal=entries.goal,
            achieved_on=datetime.date(2026, 11, 1),
            description="Vi mener, målet er nået.",
            meets_goal=True,
            evidence_note="Referat.",
        )
    assert list(error.value.message_dict) == ["meets_goal"]
    assert ledger_rows() == before
