"""The health check in a real browser: a coordinator opens a round, a partner answers it for
their party (a tension slider moved with the keyboard only), the coordinator reads the
party's answer in the results; a missing answer is refused with the message next to the
field; and axe checks every page of the capability (forms empty and with errors too).
Screenshots are named "healthcheck-…"."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import MemberRole, Party
from brobygger.alliances.rules import membership_in
from brobygger.healthcheck import services
from brobygger.healthcheck.models import (
    Dilemma,
    ParticipationItem,
    Response,
    Round,
    Statement,
    TensionScale,
)
from brobygger.healthcheck.tests.helpers import answer, open_round
from conftest import make_user

from .conftest import DESKTOP, PHONE, log_in, screenshot
from .test_accessibility import Audit

pytestmark = pytest.mark.browser

MAX_TABS = 80
PRESSES = 3  # ArrowRight on a slider of step 5: 50 -> 65
SENTENCE = "Vi får nye kunder, men møderne tager meget tid."
SLIDER_COMMENT = "Vi følger stadig mest vores egne regler."
PICK_ONE = "Vælg et svar fra 1 til 5, eller »ved ikke«."
NO_SENTENCE = "Skriv en sætning om, hvad I får ud af alliancen."


def health_url(alliance) -> str:
    return f"/alliancer/{alliance.slug}/sundhed/"


def answer_url(alliance, number: int = 1) -> str:
    return f"{health_url(alliance)}runder/{number}/svar/"


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName, type: el.type || '', name: el.name || '', id: el.id || '',
                    value: el.value || '', text: (el.textContent || '').trim()};
        }"""
    )


def tab_until(page, wanted, what: str) -> dict:
    """Press Tab until the focused element is what `wanted` accepts (at most MAX_TABS times)."""
    for _ in range(MAX_TABS):
        page.keyboard.press("Tab")
        now = focused(page)
        if wanted(now):
            return now
    pytest.fail(f"{what} was not reached with Tab; focus ended on {focused(page)}")


def questions(round_: Round):
    return (
        list(Statement.objects.filter(version_id=round_.version_id)),
        list(TensionScale.objects.filter(version_id=round_.version_id)),
        list(ParticipationItem.objects.filter(version_id=round_.version_id)),
    )


def answer_radios(page, round_: Round, *, skip: Statement | None = None) -> None:
    """Every statement "4", every benefit and cost "ved ikke" (one statement left out if
    asked), and "delvist"."""
    statements, _scales, items = questions(round_)
    for statement in statements:
        if statement != skip:
            page.check(f'input[name="statement_{statement.pk}"][value="4"]')
    for item in items:
        page.check(f'input[name="item_{item.pk}"][value="ved_ikke"]')
    page.check('input[name="answer"][value="delvist"]')


def party_of(user, alliance) -> Party | None:
    membership = membership_in(user, alliance)
    return membership.party if membership is not None else None


def check_at_phone_width(audit, name: str) -> None:
    audit.page.set_viewport_size(PHONE)
    audit.check(f"{name}-phone-width", shoot=False)
    audit.page.set_viewport_size(DESKTOP)


# --- 1. The journey: open, answer (slider by keyboard), read ---------------------------------


def test_a_partner_answers_a_round_and_the_coordinator_reads_it(page, context, people):
    alliance = people.internal
    # The partner represents Mejeriet A/S in the alliance, which the coordinator coordinates.
    partner_membership = membership_in(people.partner, alliance)
    assert partner_membership.role == MemberRole.PARTNER
    party = partner_membership.party
    assert party.organisation == people.company
    assert membership_in(people.coordinator, alliance).role == MemberRole.COORDINATOR

    # The coordinator opens round 1 on the page.
    log_in(page, people.coordinator)
    page.goto(health_url(alliance))
    expect(page.get_by_text("Alliancen har ikke holdt et sundhedstjek endnu.")).to_be_visible()
    page.get_by_role("link", name="Åbn en ny runde").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Åbn en runde af sundhedstjekket")
    last_day = timezone.localdate() + datetime.timedelta(days=10)
    page.get_by_label("Sidste svardag").fill(last_day.isoformat())
    page.get_by_role("button", name="Åbn runden").click()
    expect(page).to_have_url(re.compile(rf"/alliancer/{alliance.slug}/sundhed/runder/1/$"))
    expect(page.get_by_role("status")).to_contain_text("Runde 1 er åbnet.")
    round_ = Round.objects.get(alliance=alliance)
    assert round_.number == 1 and round_.last_day == last_day

    # The partner finds the round and answers for the party.
    context.clear_cookies()
    log_in(page, people.partner)
    page.goto(health_url(alliance))
    status = page.locator("#own-party-status")
    expect(status).to_contain_text("Mejeriet A/S har ikke svaret i denne runde.")
    status.get_by_role("link", name="Svar for jeres part").click()
    expect(page).to_have_url(re.compile(rf"{answer_url(alliance)}$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Jeres svar i runde 1")
    expect(page.get_by_text("For Mejeriet A/S")).to_be_visible()

    # The first tension slider, with the keyboard only: Tab to it, ArrowRight three times.
    statements, scales, items = questions(round_)
    slider = page.locator('input[type="range"]').first
    slider_name = slider.get_attribute("name")
    moved = next(scale for scale in scales if f"tension_{scale.pk}" == slider_name)
    shown = page.locator(f"#id_tension_{moved.pk}-value")
    expect(shown).to_have_text("50")
    tab_until(page, lambda el: el["type"] == "range", "The first tension slider")
    assert focused(page)["name"] == slider_name
    for _ in range(PRESSES):
        page.keyboard.press("ArrowRight")
    expect(slider).to_have_value(str(50 + 5 * PRESSES))
    expect(shown).to_have_text(str(50 + 5 * PRESSES))
    expect(slider).to_have_attribute("aria-valuetext", str(50 + 5 * PRESSES))
    # Its comment, then the rest of the form with the mouse.
    page.keyboard.press("Tab")
    assert focused(page)["name"] == f"{slider_name}_comment", focused(page)
    page.keyboard.type(SLIDER_COMMENT)

    answer_radios(page, round_)
    page.get_by_label("Sig det med én sætning").fill(SENTENCE)
    page.get_by_role("button", name="Send jeres svar").click()

    expect(page).to_have_url(re.compile(rf"/alliancer/{alliance.slug}/sundhed/runder/1/$"))
    expect(page.get_by_role("status")).to_contain_text("Svaret fra Mejeriet A/S i runde 1 er gemt.")
    expect(page.locator("#own-party-status")).to_contain_text("Mejeriet A/S har svaret i denne runde.")

    saved = Response.objects.get(round=round_, party=party)
    positions = dict(saved.tension_answers.values_list("scale_id", "position"))
    assert positions[moved.pk] == 50 + 5 * PRESSES
    assert {pk: position for pk, position in positions.items() if pk != moved.pk} == {
        scale.pk: 50 for scale in scales if scale.pk != moved.pk
    }
    assert saved.tension_answers.get(scale=moved).comment == SLIDER_COMMENT
    assert saved.value_answer.answer == "delvist"
    assert saved.value_answer.comment == SENTENCE
    assert set(saved.statement_answers.values_list("value", flat=True)) == {4}
    assert saved.statement_answers.count() == len(statements)
    assert set(saved.value_answer.participation_answers.values_list("value", flat=True)) == {None}

    # The coordinator sees the party as answered, and its answer in the tables.
    context.clear_cookies()
    log_in(page, people.coordinator)
    page.goto(health_url(alliance))
    rounds = page.get_by_role("navigation", name="Runder")
    expect(rounds).to_contain_text("Runde 1")
    expect(rounds).to_contain_text("1 part har svaret")
    expect(page.locator("#round-heading + p")).to_contain_text("1 af ")
    parties_table = page.locator("#groups-parties-table")
    expect(parties_table.locator("thead")).to_contain_text("Mejeriet A/S")
    expect(parties_table.locator("thead")).to_contain_text("Privat")
    tensions = page.get_by_role("table", name="Hver parts placering og kommentar")
    expect(tensions.locator("thead")).to_contain_text("Mejeriet A/S")
    row = tensions.locator("tbody tr").filter(has_text=f"{moved.left} ↔ {moved.right}")
    expect(row.locator("td").first).to_contain_text(str(50 + 5 * PRESSES))
    expect(row.locator("td").first).to_contain_text(f"»{SLIDER_COMMENT}«")
    participation = page.get_by_role("table", name=re.compile("^Parternes svar fra 1"))
    own_answer = participation.locator("tbody tr").filter(has_text="Partens eget svar")
    expect(own_answer).to_contain_text("Delvist")
    expect(own_answer).to_contain_text(f"»{SENTENCE}«")
    expect(page.get_by_role("heading", name="Hvor parterne ser forskelligt på alliancen")).to_be_visible()
    screenshot(page, "healthcheck-results-after-answer")


# --- 2. A missing answer ---------------------------------------------------------------------


def test_a_missing_answer_is_shown_next_to_the_field_and_nothing_is_saved(page, people):
    alliance = people.internal
    round_ = open_round(people.coordinator, alliance)
    statements, _scales, _items = questions(round_)
    skipped = statements[len(statements) // 2]
    log_in(page, people.partner)
    page.goto(answer_url(alliance))
    answer_radios(page, round_, skip=skipped)
    # The sentence is left empty too.
    with page.expect_response(lambda r: r.request.method == "POST" and "/svar/" in r.url) as sent:
        page.get_by_role("button", name="Send jeres svar").click()
    assert sent.value.status == 400

    summary = page.locator('[data-module="error-summary"]')
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Svaret mangler 2 steder")
    expect(summary).to_contain_text("Intet er gemt endnu.")
    expect(summary.get_by_role("link")).to_have_count(2)
    # The summary names each place by the start of its question; the message stands at the field.
    skipped_start = " ".join(skipped.text.split()[:4])
    expect(summary.get_by_role("link").first).to_contain_text(skipped_start)
    expect(summary.get_by_role("link").last).to_have_text("Sig det med én sætning")

    group = page.locator("fieldset.form-error")
    expect(group).to_have_count(1)
    expect(group.locator("legend")).to_contain_text(skipped.text)
    expect(page.locator(f"#id_statement_{skipped.pk}-error")).to_have_text(f"Fejl: {PICK_ONE}")
    expect(page.locator("#id_comment-error")).to_have_text(f"Fejl: {NO_SENTENCE}")
    # The answers given are still there; nothing is saved.
    expect(page.locator(f'input[name="statement_{statements[0].pk}"][value="4"]')).to_be_checked()
    assert not Response.objects.filter(round=round_).exists()

    # The summary's link takes focus to the statement.
    summary.get_by_role("link", name=re.compile(re.escape(skipped_start))).click()
    expect(page.locator(f"#id_statement_{skipped.pk}_0")).to_be_focused()
    screenshot(page, "healthcheck-answer-missing")


# --- 3. axe on every page --------------------------------------------------------------------


def answered_by_three(people, alliance) -> Round:
    """Round 1 (closed) and round 2 (open), each answered by the three parties (one of each
    sector), who see some points differently: the results with a trend."""
    association_party = alliance.parties.get(organisation=people.association)
    member = make_user("forening", people.association)
    alliance_services.membership_add(
        actor=people.coordinator, alliance=alliance, user=member, role=MemberRole.PARTNER, party=association_party
    )
    lejre_party = party_of(people.coordinator, alliance)
    assert lejre_party is not None and lejre_party.organisation == people.lejre
    respondents = [
        (people.coordinator, lejre_party, {"value": 2, "position": 20, "item_value": 4}),
        (people.partner, party_of(people.partner, alliance), {"value": 4, "position": 80, "item_value": 2}),
        (member, association_party, {"value": 5, "position": 55, "item_value": 3, "comment": "Svært at sige."}),
    ]
    first = open_round(people.coordinator, alliance)
    for user, party, kwargs in respondents:
        answer(user, first, party, **kwargs)
    # Test data: round 1 closed five days ago, so round 2 can open.
    now = timezone.now()
    Round.objects.filter(pk=first.pk).update(
        opened_at=now - datetime.timedelta(days=20), closes_at=now - datetime.timedelta(days=5)
    )
    second = open_round(people.coordinator, alliance)
    for user, party, kwargs in respondents:
        kwargs = {**kwargs, "value": min(5, kwargs["value"] + 1)}
        answer(user, second, party, **kwargs)
    return second


def test_results_pages_are_accessible(page, people):
    alliance = people.internal
    answered_by_three(people, alliance)
    audit = Audit(page)
    log_in(page, people.coordinator)
    page.goto(health_url(alliance))
    expect(page.get_by_role("heading", name="Runde 2", exact=True)).to_be_visible()
    expect(page.get_by_role("table", name="Resultat og ændring per runde")).to_be_visible()
    expect(page.locator("#groups-parties-table thead")).to_contain_text("Landmændenes Forening")
    audit.check("healthcheck-results")
    check_at_phone_width(audit, "healthcheck-results")

    page.goto(f"{health_url(alliance)}?visning=dimensioner")
    expect(page.get_by_role("heading", name="Samarbejdets fem dimensioner")).to_be_visible()
    audit.check("healthcheck-results-dimensions", shoot=False)

    page.goto(f"{health_url(alliance)}runder/1/")
    expect(page.get_by_text("Runden lukkede efter")).to_be_visible()
    audit.check("healthcheck-results-closed-round")
    audit.assert_clean()


def test_answer_pages_are_accessible(page, people):
    alliance = people.internal
    round_ = open_round(people.coordinator, alliance)
    audit = Audit(page)
    log_in(page, people.partner)
    page.goto(answer_url(alliance))
    expect(page.locator('input[type="range"]')).to_have_count(len(questions(round_)[1]))
    audit.check("healthcheck-answer")

    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name="Send jeres svar").click()
    assert sent.value.status == 400
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("healthcheck-answer-errors")

    answer_radios(page, round_)
    page.get_by_label("Sig det med én sætning").fill(SENTENCE)
    page.get_by_role("button", name="Send jeres svar").click()
    expect(page.get_by_role("status")).to_contain_text("er gemt")
    page.goto(answer_url(alliance))
    expect(page.get_by_role("button", name="Gem ændringerne")).to_be_visible()
    audit.check("healthcheck-answer-filled")
    audit.assert_clean()


def test_round_forms_are_accessible(page, people):
    alliance = people.internal
    audit = Audit(page)
    log_in(page, people.coordinator)
    page.goto(f"{health_url(alliance)}runder/ny/")
    expect(page.get_by_label("Sidste svardag")).to_be_visible()
    audit.check("healthcheck-round-form")
    page.get_by_label("Sidste svardag").fill("")
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name="Åbn runden").click()
    assert sent.value.status == 400
    expect(page.locator(".form-error-message")).to_contain_text("Vælg den sidste dag, parterne kan svare.")
    audit.check("healthcheck-round-form-errors")

    open_round(people.coordinator, alliance)
    page.goto(f"{health_url(alliance)}runder/1/frist/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Flyt fristen for runde 1")
    audit.check("healthcheck-deadline-form")
    # The results of an open round nobody has answered yet.
    page.goto(health_url(alliance))
    expect(page.get_by_text("Ingen parter har svaret endnu.")).to_be_visible()
    audit.check("healthcheck-results-no-answers", shoot=False)
    audit.assert_clean()


def test_dilemma_pages_are_accessible(page, people):
    alliance = people.internal
    audit = Audit(page)
    log_in(page, people.coordinator)
    register = f"{health_url(alliance)}dilemmaer/"
    page.goto(register)
    expect(page.get_by_role("heading", name="Dilemmaer", exact=True)).to_be_visible()
    audit.check("healthcheck-dilemmas-empty")

    page.locator("main").get_by_role("link", name="Skriv et dilemma").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyt dilemma")
    audit.check("healthcheck-dilemma-form", shoot=False)
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name="Gem", exact=True).click()
    assert sent.value.status == 400
    summary = page.locator('[data-module="error-summary"]')
    expect(summary).to_contain_text("Vælg det spændingsfelt, dilemmaet handler om.")
    expect(summary).to_contain_text("Beskriv kort den situation, alliancen stod i.")
    assert not Dilemma.objects.exists()
    audit.check("healthcheck-dilemma-form-errors")

    scale = TensionScale.objects.filter(version__published_at__isnull=False).order_by("order").first()
    today = timezone.localdate()
    services.dilemma_create(
        actor=people.coordinator,
        alliance=alliance,
        scale=scale,
        met_on=today - datetime.timedelta(days=30),
        situation="Kommunen ville følge sin egen budgetproces.",
        stance="Vi lod alliancen beslutte indkøbet selv.",
        reason="Ellers var sæsonen gået.",
        review_on=today,
    )
    page.goto(register)
    expect(page.get_by_text("Skal ses på igen")).to_be_visible()
    audit.check("healthcheck-dilemmas")
    audit.assert_clean()


def test_instrument_pages_are_accessible(page, people):
    audit = Audit(page)
    log_in(page, people.staff)
    page.goto("/personale/sundhedstjek/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sundhedstjekkets spørgsmål")
    audit.check("healthcheck-instrument")

    page.get_by_role("button", name="Begynd en ny version").click()
    expect(page.get_by_role("heading", name=re.compile(r"^Kladde til version \d+$"))).to_be_visible()
    audit.check("healthcheck-instrument-draft")

    page.get_by_role("link", name="Tilføj udsagn").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Nyt udsagn")
    audit.check("healthcheck-item-form")
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name="Gem i kladden").click()
    assert sent.value.status == 400
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("healthcheck-item-form-errors")

    page.goto("/personale/sundhedstjek/")
    page.get_by_role("link", name=re.compile(r"^Redigér spændingsfeltet")).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Redigér spændingsfeltet")
    audit.check("healthcheck-item-form-scale", shoot=False)
    audit.assert_clean()
