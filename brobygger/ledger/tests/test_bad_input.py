"""Bad input to every ledger form: empty, oversized and malformed values, NUL bytes,
impossible dates, numbers that are not numbers or are absurd. Every form answers 400 (never
500), shows a Danish message next to the field, keeps what the user typed, and writes
nothing: no entry and no line in the change log."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest

from brobygger.alliances.tests.test_bad_input import (
    HUGE,
    HUGE_NUMBER,
    INVALID_CHOICE,
    INVALID_DATE,
    INVALID_URL,
    NUL,
    REQUIRED,
    PageReader,
    normalised,
    read,
    too_long,
)
from brobygger.ledger.models import Contribution, Result, ValueGoal

from .helpers import (
    DATE_RANGE,
    FUTURE_RESULT,
    MISSING_EVIDENCE,
    NEGATIVE,
    NOT_ZERO,
    PERIOD_ORDER,
    TOO_LARGE,
    add_contribution,
    add_goal,
    add_result,
    ledger_records,
    ledger_rows,
    party,
)

BAD_DATE = "2026-13-45"
NOT_A_NUMBER = "Skriv et tal, fx 1.250,50."
TOO_MANY_DECIMALS = "Skriv højst 2 decimaler."


@dataclass
class Entries:
    landscape: object
    company: object
    contribution: Contribution
    goal: ValueGoal
    result: Result

    def url(self, path: str) -> str:
        return f"/alliancer/{self.landscape.public.slug}/vaerdi/{path}"


@pytest.fixture
def entries(today, landscape) -> Entries:
    company = party(landscape.public, landscape.company)
    goal = add_goal(company, landscape.partner)
    return Entries(
        landscape=landscape,
        company=company,
        contribution=add_contribution(company, landscape.partner),
        goal=goal,
        result=add_result(goal, landscape.partner),
    )


@dataclass
class Form:
    url: Callable[[Entries], str]
    valid: dict


# Days of expertise carry their own estimate (hours are valued by the alliance's rate:
# test_new_bad_input.py).
CONTRIBUTION = {
    "kind": "ekspertise",
    "description": "To sygeplejersker fire dage om måneden",
    "quantity": "1.250,50",
    "unit": "dage",
    "estimated_value": "60.000",
    "period_start": "2026-01-01",
    "period_end": "2026-12-31",
    "visibility": "offentlig",
}
GOAL = {
    "title": "Flere borgere i praktik hos os",
    "indicator": "antal borgere i praktik",
    "target": "15 borgere om året",
    "direction": "mere",
    "reading": "seneste",
    "target_date": "2027-06-30",
    "visibility": "offentlig",
}
RESULT = {
    "achieved_on": "2026-11-01",
    "description": "Fire borgere kom i praktik.",
    "measured_value": "-3,5",
    "estimated_value": "2.500",
    "evidence_url": "https://mejeriet.example/rapport",
    "evidence_note": "",
    "visibility": "offentlig",
}

FORMS = {
    "contribution_add": Form(lambda e: e.url(f"parter/{e.company.pk}/bidrag/ny/"), CONTRIBUTION),
    "contribution_edit": Form(
        lambda e: e.url(f"bidrag/{e.contribution.pk}/rediger/"), CONTRIBUTION
    ),
    "goal_add": Form(lambda e: e.url(f"parter/{e.company.pk}/maal/ny/"), GOAL),
    "goal_edit": Form(lambda e: e.url(f"maal/{e.goal.pk}/rediger/"), GOAL),
    "result_add": Form(lambda e: e.url(f"maal/{e.goal.pk}/resultater/ny/"), RESULT),
    "result_edit": Form(lambda e: e.url(f"resultater/{e.result.pk}/rediger/"), RESULT),
}


@dataclass
class Case:
    form: str
    changes: dict  # field -> value
    errors: dict  # field -> the Danish message expected in "<field id>-error"
    note: str = ""


# Who reads an entry: one of three levels, nothing else.
VISIBILITY_CASES = [
    ({"visibility": ""}, {"visibility": REQUIRED}, "no reading level"),
    ({"visibility": "hemmelig"}, {"visibility": INVALID_CHOICE}, ""),
    ({"visibility": "fortrolig\x00"}, {"visibility": INVALID_CHOICE}, ""),
    ({"visibility": HUGE}, {"visibility": INVALID_CHOICE}, ""),
]

CONTRIBUTION_CASES = [
    (
        {"kind": "", "description": "", "quantity": "", "unit": "", "period_start": ""},
        {
            "kind": REQUIRED,
            "description": REQUIRED,
            "quantity": REQUIRED,
            "unit": REQUIRED,
            "period_start": REQUIRED,
        },
        "everything empty",
    ),
    ({"description": HUGE}, {"description": too_long(500)}, ""),
    ({"description": "Timer\x00"}, {"description": NUL}, ""),
    ({"kind": "rumfart"}, {"kind": INVALID_CHOICE}, ""),
    ({"kind": HUGE}, {"kind": INVALID_CHOICE}, ""),
    ({"kind": "penge\x00"}, {"kind": INVALID_CHOICE}, ""),
    ({"unit": "lysår"}, {"unit": INVALID_CHOICE}, ""),
    ({"quantity": "abc"}, {"quantity": NOT_A_NUMBER}, ""),
    ({"quantity": "1e5"}, {"quantity": NOT_A_NUMBER}, ""),
    ({"quantity": "NaN"}, {"quantity": NOT_A_NUMBER}, ""),
    ({"quantity": "Infinity"}, {"quantity": NOT_A_NUMBER}, ""),
    ({"quantity": "12,5,6"}, {"quantity": NOT_A_NUMBER}, ""),
    ({"quantity": "1\x00"}, {"quantity": NOT_A_NUMBER}, ""),
    ({"quantity": HUGE}, {"quantity": NOT_A_NUMBER}, ""),
    ({"quantity": "-5"}, {"quantity": NEGATIVE}, ""),
    ({"quantity": "0"}, {"quantity": NOT_ZERO}, ""),
    ({"quantity": "0,00"}, {"quantity": NOT_ZERO}, ""),
    ({"quantity": "1,234"}, {"quantity": TOO_MANY_DECIMALS}, ""),
    ({"quantity": HUGE_NUMBER}, {"quantity": TOO_LARGE}, ""),
    ({"quantity": "1" + "0" * 200}, {"quantity": TOO_LARGE}, ""),
    ({"quantity": "1.000.000.001"}, {"quantity": TOO_LARGE}, "one over a milliard"),
    ({"estimated_value": "-1"}, {"estimated_value": NEGATIVE}, ""),
    ({"estimated_value": "abc"}, {"estimated_value": NOT_A_NUMBER}, ""),
    ({"estimated_value": HUGE_NUMBER}, {"estimated_value": TOO_LARGE}, ""),
    ({"period_start": BAD_DATE}, {"period_start": INVALID_DATE}, ""),
    ({"period_start": "2026-02-30"}, {"period_start": INVALID_DATE}, ""),
    ({"period_start": "2026-01-01\x00"}, {"period_start": INVALID_DATE}, ""),
    ({"period_start": HUGE}, {"period_start": INVALID_DATE}, ""),
    ({"period_start": "1999-12-31"}, {"period_start": DATE_RANGE}, ""),
    ({"period_end": "2101-01-01"}, {"period_end": DATE_RANGE}, ""),
    ({"period_end": "9999-12-31"}, {"period_end": DATE_RANGE}, ""),
    ({"period_end": "2025-12-31"}, {"period_end": PERIOD_ORDER}, "ends before it starts"),
    (
        {"quantity": "0", "estimated_value": "-1", "period_end": "2025-12-31"},
        {"quantity": NOT_ZERO, "estimated_value": NEGATIVE, "period_end": PERIOD_ORDER},
        "three errors at once",
    ),
]

GOAL_CASES = [
    (
        {"title": "", "indicator": "", "target": "", "target_date": ""},
        {"title": REQUIRED, "indicator": REQUIRED, "target": REQUIRED, "target_date": REQUIRED},
        "everything empty",
    ),
    ({"title": HUGE}, {"title": too_long(300)}, ""),
    ({"indicator": HUGE}, {"indicator": too_long(300)}, ""),
    ({"target": HUGE}, {"target": too_long(300)}, ""),
    ({"title": "Mål\x00"}, {"title": NUL}, ""),
    ({"target": "\x00"}, {"target": NUL}, ""),
    ({"target_date": BAD_DATE}, {"target_date": INVALID_DATE}, ""),
    ({"target_date": HUGE}, {"target_date": INVALID_DATE}, ""),
    ({"target_date": "2027-06-30\x00"}, {"target_date": INVALID_DATE}, ""),
    ({"target_date": "1999-12-31"}, {"target_date": DATE_RANGE}, ""),
    ({"target_date": "2200-01-01"}, {"target_date": DATE_RANGE}, ""),
    # The numeric target's fields are tried in test_new_bad_input.py.
    ({"direction": "", "reading": ""}, {"direction": REQUIRED, "reading": REQUIRED}, "no direction or reading"),
    ({"direction": HUGE, "reading": "seneste\x00"}, {"direction": INVALID_CHOICE, "reading": INVALID_CHOICE}, ""),
]

RESULT_CASES = [
    (
        {"achieved_on": "", "description": ""},
        {"achieved_on": REQUIRED, "description": REQUIRED},
        "everything empty",
    ),
    ({"achieved_on": "2026-11-24"}, {"achieved_on": FUTURE_RESULT}, "tomorrow"),
    ({"achieved_on": BAD_DATE}, {"achieved_on": INVALID_DATE}, ""),
    ({"achieved_on": "2026-02-29"}, {"achieved_on": INVALID_DATE}, "no leap day in 2026"),
    ({"achieved_on": HUGE}, {"achieved_on": INVALID_DATE}, ""),
    ({"achieved_on": "\x00"}, {"achieved_on": INVALID_DATE}, ""),
    ({"achieved_on": "1999-12-31"}, {"achieved_on": DATE_RANGE}, ""),
    ({"description": HUGE}, {"description": too_long(2000)}, ""),
    ({"description": "Resultat\x00"}, {"description": NUL}, ""),
    ({"measured_value": "abc"}, {"measured_value": NOT_A_NUMBER}, ""),
    ({"measured_value": "1e5"}, {"measured_value": NOT_A_NUMBER}, ""),
    ({"measured_value": "1,001"}, {"measured_value": TOO_MANY_DECIMALS}, ""),
    ({"measured_value": HUGE_NUMBER}, {"measured_value": TOO_LARGE}, ""),
    ({"measured_value": "-" + HUGE_NUMBER}, {"measured_value": TOO_LARGE}, ""),
    ({"measured_value": "-1.000.000.001"}, {"measured_value": TOO_LARGE}, ""),
    ({"estimated_value": "-5"}, {"estimated_value": NEGATIVE}, ""),
    ({"estimated_value": "5.000.000.000"}, {"estimated_value": TOO_LARGE}, ""),
    ({"evidence_url": "ikke et link"}, {"evidence_url": INVALID_URL}, ""),
    ({"evidence_url": "javascript:alert(1)"}, {"evidence_url": INVALID_URL}, ""),
    ({"evidence_url": "https://" + "x" * 600 + ".dk/"}, {"evidence_url": too_long(500, 612)}, ""),
    ({"evidence_url": "https://mejeriet.example/\x00"}, {"evidence_url": NUL}, ""),
    ({"evidence_url": "", "evidence_note": ""}, {"evidence_note": MISSING_EVIDENCE}, "no evidence"),
    (
        {"evidence_url": " ", "evidence_note": "   "},
        {"evidence_note": MISSING_EVIDENCE},
        "blank evidence",
    ),
    ({"evidence_note": HUGE}, {"evidence_note": too_long(2000)}, ""),
    ({"evidence_note": "Note\x00"}, {"evidence_note": NUL}, ""),
]

CASES = [
    Case(form, changes, errors, note)
    for forms, cases in (
        (("contribution_add", "contribution_edit"), CONTRIBUTION_CASES + VISIBILITY_CASES),
        (("goal_add", "goal_edit"), GOAL_CASES + VISIBILITY_CASES),
        (("result_add", "result_edit"), RESULT_CASES + VISIBILITY_CASES),
    )
    for form in forms
    for changes, errors, note in cases
]


def case_id(case: Case) -> str:
    described = ",".join(
        f"{name}={'HUGE' if value == HUGE else value!r}"[:40]
        for name, value in case.changes.items()
    )
    return f"{case.form}:{case.note or described}"


def assert_kept(reader: PageReader, posted: dict, name: str):
    """The control shows what the user posted (oversized values and ticks excepted)."""
    value = posted[name]
    if len(value) > 1000:
        return
    controls = reader.controls.get(name)
    assert controls, f"no control named {name!r} in the re-rendered form"
    first = controls[0]
    if first["kind"] == "radio":
        # The posted choice stays chosen; a choice that does not exist chooses none.
        checked = [control["value"] for control in controls if control["checked"]]
        offered = [control["value"] for control in controls]
        assert checked == ([value] if value in offered else []), (name, checked, value)
    elif first["kind"] == "select":
        expected = [value] if value in first["options"] else []
        assert first["selected"] == expected, (name, first["selected"], value)
    elif first["kind"] == "textarea":
        assert first["value"].removeprefix("\n").removeprefix("\r\n") == value, name
    else:
        assert (first["value"] or "") == value, (name, first["value"], value)


@pytest.mark.parametrize("case", CASES, ids=[case_id(c) for c in CASES])
def test_bad_input_is_refused_in_danish_and_writes_nothing(case, entries, client):
    """Bad input answers 400 with a Danish message in the field's error element, tied to
    the field, the typed values are shown again, and no entry or log line changes."""
    form = FORMS[case.form]
    client.force_login(entries.landscape.partner)
    posted = {**form.valid, **case.changes}
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
        assert_kept(reader, posted, name)
    assert ledger_rows() == before


@pytest.mark.parametrize("name", sorted(FORMS))
def test_each_form_accepts_its_valid_values(name, entries, client):
    """The values the cases above spoil are valid themselves: each form saves them and
    sends the user back to the party's ledger, with a line in the change log."""
    client.force_login(entries.landscape.partner)
    changes = ledger_records().count()
    response = client.post(FORMS[name].url(entries), FORMS[name].valid)
    assert response.status_code == 302, response.content.decode()[:3000]
    assert response["Location"] == entries.url(f"parter/{entries.company.pk}/")
    assert ledger_records().count() == changes + 1


@pytest.mark.parametrize("name", sorted(FORMS))
def test_post_without_any_field_is_400(name, entries, client):
    """A post with only the CSRF token (as a browser sends when nothing is filled in) or
    with no fields at all is refused without writing anything."""
    client.force_login(entries.landscape.partner)
    before = ledger_rows()
    for data in ({"csrfmiddlewaretoken": "ikke-kontrolleret"}, {}):
        response = client.post(FORMS[name].url(entries), data)
        assert response.status_code == 400, data
        errors = [text for key, text in read(response).texts.items() if key.endswith("-error")]
        assert any(REQUIRED in normalised(text) for text in errors), (name, data)
    assert ledger_rows() == before


@pytest.mark.parametrize("name", sorted(FORMS))
def test_a_coordinators_bad_input_is_refused_alike(name, entries, client):
    """Editing on the party's behalf goes through the same checks."""
    client.force_login(entries.landscape.coordinator)
    before = ledger_rows()
    bad = {"quantity": "-5"} if "contribution" in name else {"target_date": BAD_DATE}
    if "result" in name:
        bad = {"achieved_on": "2027-01-01"}
    response = client.post(FORMS[name].url(entries), {**FORMS[name].valid, **bad})
    assert response.status_code == 400
    assert ledger_rows() == before


def test_deleting_a_goal_with_results_is_400_and_keeps_it(entries, client):
    client.force_login(entries.landscape.partner)
    before = ledger_rows()
    response = client.post(entries.url(f"maal/{entries.goal.pk}/slet/"), {"confirm": "\x00" * 10})
    assert response.status_code == 400
    assert "Målet har et resultat og kan ikke slettes." in normalised(response.content.decode())
    assert ledger_rows() == before


@pytest.mark.parametrize(
    "path",
    [
        "parter/abc/",
        "parter/99999999999999999999/",
        "parter/{foreign_party}/",
        "parter/abc/bidrag/ny/",
        "parter/99999999999999999999/bidrag/ny/",
        "parter/{foreign_party}/maal/ny/",
        "bidrag/abc/rediger/",
        "bidrag/99999999999999999999/rediger/",
        "bidrag/{foreign_contribution}/rediger/",
        "bidrag/{foreign_contribution}/slet/",
        "maal/-1/rediger/",
        "maal/99999999999999999999/slet/",
        "maal/{foreign_goal}/resultater/ny/",
        "resultater/0/rediger/",
        "resultater/{foreign_result}/slet/",
    ],
)
def test_malformed_or_foreign_ids_answer_404(path, entries, client):
    """Non-numeric, huge and unknown ids, and ids of another alliance's entries, answer 404
    to GET and POST, also for the coordinator, and nothing changes."""
    landscape = entries.landscape
    foreign_party = party(landscape.private, landscape.company)
    foreign_goal = add_goal(foreign_party, landscape.partner)
    ids = {
        "foreign_party": foreign_party.pk,
        "foreign_contribution": add_contribution(foreign_party, landscape.partner).pk,
        "foreign_goal": foreign_goal.pk,
        "foreign_result": add_result(foreign_goal, landscape.partner).pk,
    }
    client.force_login(landscape.coordinator)
    url = entries.url(path.format(**ids))
    before = ledger_rows()
    assert client.get(url).status_code == 404
    assert client.post(url, CONTRIBUTION).status_code in {404, 405}
    assert ledger_rows() == before


@pytest.mark.parametrize(
    "url",
    [
        "/api/v1/alliances/findes%00ikke/value-balance/",
        "/api/v1/alliances/findes-ikke/value-balance/",
        "/alliancer/findes-ikke/vaerdi/",
    ],
)
def test_unknown_alliances_answer_404(url, entries, client):
    client.force_login(entries.landscape.staff)
    assert client.get(url).status_code == 404


def test_every_form_is_tried_with_empty_oversized_nul_and_malformed_values():
    """The cases post an empty value, a 100 000-character value and a NUL byte to each form,
    and a malformed number and date to each form that has them."""
    for name, form in FORMS.items():
        values = [v for case in CASES if case.form == name for v in case.changes.values()]
        assert "" in values, name
        assert HUGE in values, name
        assert any("\x00" in value for value in values), name
        assert BAD_DATE in values, name
        if any(field in form.valid for field in ("quantity", "measured_value")):
            assert "abc" in values and "1e5" in values, name
        fields = {field for case in CASES if case.form == name for field in case.changes}
        assert fields == set(form.valid), (name, set(form.valid) - fields)
