"""Decisions with fair process in a real browser: a citizen answers a public hearing without an
account (with the keyboard only, after an empty submit showed the errors next to the fields);
the coordinator closes the hearing, writes the decision, answers every response, adds an
expectation and communicates it, with the page saying what still blocks until it can; and the
citizen's answer, with the coordinator's, appears on the public page without the citizen's
name. axe checks every page the journey passes and the plan, the list and a change process.
Screenshots are named "decisions-…"."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brobygger.decisions import services
from brobygger.decisions.models import Decision, Expectation, Invitation, Response
from brobygger.decisions.taxonomy import HearingLevel, Stance, Status, Usage
from brobygger.decisions.tests.helpers import (
    BASE_URL,
    communicated,
    decide,
    draft,
    in_hearing,
    party_response,
    public_response,
    refreshed,
)

from .conftest import DESKTOP, PHONE, log_in
from .test_accessibility import Audit

pytestmark = pytest.mark.browser

MAX_TABS = 80
QUESTION = "Skal skolemælken leveres to gange om ugen?"
CITIZEN_NAME = "Birgit Borgersen"
CITIZEN_TEXT = "Det bliver for dyrt for de små skoler, og mælken står alligevel i køleskabet."
PARTY_TEXT = "Vi kan godt køre to gange, hvis ruterne samles."
OUTCOME = "Mælken leveres to gange om ugen fra februar, på samlede ruter."
REASONS = "Friskheden vejede tungest; ruterne samles, så prisen for skolerne ikke stiger."
REPLY_TO_CITIZEN = "Vi samler ruterne, så de små skoler ikke betaler mere end i dag."
REPLY_TO_PARTY = "Ruterne samles, som I foreslog."
ACTION = "Aftal leveringsdage med skolerne"
ACTION_OWNER = "Mejeriet A/S"

NO_STANCE = "Vælg, om du er enig, delvis enig, uenig eller ikke ved det."
NO_TEXT = "Skriv dit høringssvar."
NO_CONSENT = "Sæt kryds for at give samtykke, før du sender dit svar."


def hearing_url(decision: Decision) -> str:
    return f"/hoering/{decision.hearing.token}/"


def detail_url(decision: Decision) -> str:
    return f"/beslutninger/{decision.pk}/"


def focused(page) -> dict:
    return page.evaluate(
        """() => {
            const el = document.activeElement;
            return {tag: el.tagName, type: el.type || '', name: el.name || '', id: el.id || '',
                    value: el.value || '', checked: !!el.checked, text: (el.textContent || '').trim()};
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


def check_at_phone_width(audit, name: str) -> None:
    audit.page.set_viewport_size(PHONE)
    audit.check(f"{name}-phone-width", shoot=False)
    audit.page.set_viewport_size(DESKTOP)


def no_horizontal_scroll(page) -> None:
    """At phone width nothing makes the whole page scroll sideways (a wide table scrolls in
    its own wrapper)."""
    page.set_viewport_size(PHONE)
    overflow = page.evaluate("() => document.documentElement.scrollWidth - document.documentElement.clientWidth")
    # What sticks out, innermost last, to say where to look.
    culprits = page.evaluate(
        """() => {
            const width = document.documentElement.clientWidth;
            return [...document.querySelectorAll('main *')]
                .filter(el => el.getBoundingClientRect().right > width + 1)
                .slice(-6)
                .map(el => `${el.tagName.toLowerCase()}.${[...el.classList].join('.')} `
                           + `(${Math.round(el.getBoundingClientRect().right)}px)`);
        }"""
    )
    page.set_viewport_size(DESKTOP)
    assert overflow <= 0, f"{page.url} scrolls sideways by {overflow}px at phone width: {culprits}"


def submit_expecting(page, button_name: str, status: int) -> None:
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name=button_name, exact=True).click()
    assert sent.value.status == status


# --- 1. The journey ----------------------------------------------------------------------------


def test_a_citizen_is_heard_and_reads_how_their_answer_was_used(page, context, people):
    alliance = people.public
    company_party = alliance.parties.get(organisation=people.company)
    decision = in_hearing(people.coordinator, alliance, question=QUESTION)
    assert decision.status == Status.HEARING and decision.hearing.is_public
    assert decision.hearing.level == HearingLevel.CONSULTATION
    # The partner has answered for their party already.
    party_response(people.partner, decision, company_party, stance=Stance.PARTLY, text=PARTY_TEXT)
    audit = Audit(page)

    # A citizen opens the public page; nobody is logged in.
    page.goto(hearing_url(decision))
    expect(page.get_by_role("heading", level=1)).to_have_text(QUESTION)
    expect(page.get_by_text("Konsultation.", exact=True)).to_be_visible()
    expect(page.get_by_role("heading", name="Giv dit svar")).to_be_visible()
    audit.check("decisions-public-hearing")
    check_at_phone_width(audit, "decisions-public-hearing")
    no_horizontal_scroll(page)

    # An empty answer: the errors stand next to the fields and in the summary; nothing is saved.
    submit_expecting(page, "Send dit svar", 400)
    summary = page.locator('[data-module="error-summary"]')
    expect(summary).to_be_visible()
    expect(summary).to_contain_text(f"Hvad mener du om forslaget?: {NO_STANCE}")
    expect(summary).to_contain_text(f"Dit høringssvar: {NO_TEXT}")
    expect(summary).to_contain_text(NO_CONSENT)
    expect(page.locator("#id_stance-error")).to_have_text(f"Fejl: {NO_STANCE}")
    expect(page.locator("#id_text-error")).to_have_text(f"Fejl: {NO_TEXT}")
    expect(page.locator("#id_consent-error")).to_have_text(f"Fejl: {NO_CONSENT}")
    expect(page.locator("fieldset.form-error legend")).to_have_text("Hvad mener du om forslaget?")
    assert not Response.objects.filter(hearing=decision.hearing, party=None).exists()
    # The summary's link takes the focus to the first choice.
    summary.get_by_role("link", name=re.compile("^Hvad mener du om forslaget")).click()
    expect(page.locator("#id_stance_0")).to_be_focused()
    audit.check("decisions-public-hearing-errors")
    check_at_phone_width(audit, "decisions-public-hearing-errors")

    # The answer with the keyboard only: Tab, Space, arrows and typing.
    page.locator("main").focus()
    first = tab_until(page, lambda el: el["type"] == "radio" and el["name"] == "stance", "The stance")
    assert first["value"] == Stance.AGREE
    page.keyboard.press("Space")
    expect(page.locator("#id_stance_0")).to_be_checked()
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    expect(page.locator(f'input[name="stance"][value="{Stance.DISAGREE}"]')).to_be_checked()
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "text", focused(page)
    page.keyboard.type(CITIZEN_TEXT)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "name", focused(page)
    page.keyboard.type(CITIZEN_NAME)
    page.keyboard.press("Tab")
    assert focused(page)["name"] == "email", focused(page)
    # The honeypot is out of the keyboard's way: from the email the next stop is no form field
    # before the consent.
    consent = tab_until(page, lambda el: el["name"] in ("consent", "hjemmeside"), "The consent checkbox")
    assert consent["name"] == "consent", "the honeypot took the keyboard's focus"
    page.keyboard.press("Space")
    expect(page.get_by_label("Jeg har læst, hvordan mine oplysninger bruges")).to_be_checked()
    button = tab_until(page, lambda el: el["tag"] == "BUTTON", "The submit button")
    assert button["text"] == "Send dit svar"
    page.keyboard.press("Space")

    # They land on their own response's page, whose address is theirs alone.
    expect(page).to_have_url(re.compile(r"/hoering/svar/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Dit høringssvar")
    expect(page.get_by_role("status")).to_contain_text("Tak. Dit svar er gemt.")
    own_section = page.get_by_role("region", name="Dit svar")
    expect(own_section).to_contain_text("Uenig")
    expect(own_section).to_contain_text(CITIZEN_TEXT)
    expect(own_section).to_contain_text(CITIZEN_NAME)
    citizen = Response.objects.get(hearing=decision.hearing, party=None)
    assert (citizen.stance, citizen.text, citizen.name, citizen.email) == (Stance.DISAGREE, CITIZEN_TEXT, CITIZEN_NAME, "")
    assert page.url.endswith(f"/hoering/svar/{citizen.manage_token}/")
    own_page = page.url
    audit.check("decisions-own-response")
    check_at_phone_width(audit, "decisions-own-response")

    # The coordinator reads both responses (the citizen by name: they decide) and closes the hearing.
    context.clear_cookies()
    log_in(page, people.coordinator)
    page.goto(detail_url(decision))
    expect(page.get_by_role("heading", level=2, name=QUESTION)).to_be_visible()
    expect(page.locator('[aria-current="step"] strong')).to_have_text("Nu: I høring")
    responses = page.get_by_role("region", name="2 høringssvar")
    expect(responses).to_contain_text(CITIZEN_NAME)
    expect(responses).to_contain_text(CITIZEN_TEXT)
    expect(responses).to_contain_text("Mejeriet A/S")
    expect(page.get_by_role("link", name="Træf beslutningen")).to_have_count(0)
    audit.check("decisions-detail-hearing")
    page.locator("main").get_by_role("link", name="Luk høringen nu").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Luk høringen nu?")
    audit.check("decisions-hearing-close", shoot=False)
    page.get_by_role("button", name="Ja, luk høringen").click()
    expect(page).to_have_url(re.compile(rf"{detail_url(decision)}$"))
    expect(page.get_by_role("status")).to_contain_text("Høringen er lukket. Nu kan beslutningen træffes.")
    expect(page.get_by_role("region", name="Høringen", exact=True)).to_contain_text("Lukket")
    audit.check("decisions-detail-hearing-closed", shoot=False)

    # The decision: an empty form first, then the outcome and the reasons.
    page.locator("main").get_by_role("link", name="Træf beslutningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Træf beslutningen")
    submit_expecting(page, "Træf beslutningen", 400)
    expect(page.locator("#id_outcome-error")).to_have_text("Fejl: Skriv, hvad der er besluttet.")
    expect(page.locator("#id_reasons-error")).to_have_text("Fejl: Skriv begrundelsen: hvorfor blev det sådan?")
    audit.check("decisions-decide-errors")
    page.get_by_label("Beslutningen", exact=True).fill(OUTCOME)
    page.get_by_label("Begrundelsen", exact=True).fill(REASONS)
    page.get_by_role("button", name="Træf beslutningen", exact=True).click()
    expect(page).to_have_url(re.compile(rf"{detail_url(decision)}$"))
    expect(page.get_by_role("status")).to_contain_text("Beslutningen er truffet.")
    expect(page.locator('[aria-current="step"] strong')).to_have_text("Nu: Besluttet")
    outcome = page.get_by_role("region", name="Beslutningen", exact=True)
    expect(outcome).to_contain_text(OUTCOME)
    expect(outcome).to_contain_text(REASONS)
    actions = page.get_by_role("region", name="Det kan du gøre nu")
    expect(actions).to_contain_text("Før beslutningen kan meddeles:")
    expect(actions).to_contain_text("2 høringssvar mangler jeres svar.")
    expect(actions).to_contain_text("Mindst én forventning skal have både en ansvarlig og en dato.")
    audit.check("decisions-detail-decided")

    # The communicate page says what still blocks, and offers no button yet.
    actions.get_by_role("link", name="Meddel beslutningen").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Meddel beslutningen")
    ready = page.get_by_role("region", name="Er alt på plads?")
    expect(ready).to_contain_text("Nej: 2 af 2 høringssvar mangler jeres svar.")
    expect(ready).to_contain_text("Nej: Ingen forventning har både en ansvarlig og en dato.")
    expect(page.get_by_role("button", name="Meddel beslutningen")).to_have_count(0)
    audit.check("decisions-communicate-blocked")

    # The citizen's response gets its answer.
    page.goto(detail_url(decision))
    page.get_by_role("link", name=f"Besvar høringssvar {citizen.number}").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Besvar høringssvar {citizen.number}")
    expect(page.locator("main blockquote")).to_contain_text(CITIZEN_TEXT)
    submit_expecting(page, "Gem svaret", 400)
    expect(page.locator("#id_usage-error")).to_contain_text("Vælg, om svaret er brugt, delvist brugt eller ikke brugt.")
    audit.check("decisions-reply-errors")
    page.get_by_label("Brugt", exact=True).check()
    page.get_by_label("Jeres svar til den, der har svaret").fill(REPLY_TO_CITIZEN)
    page.get_by_role("button", name="Gem svaret").click()
    expect(page.get_by_role("status")).to_contain_text(f"Svaret på høringssvar {citizen.number} er gemt.")
    expect(page.locator(f"#svar-{citizen.number}")).to_contain_text(REPLY_TO_CITIZEN)
    expect(actions).to_contain_text("1 høringssvar mangler jeres svar.")

    # Still one to go: the communicate page says so.
    page.goto(f"{detail_url(decision)}meddel/")
    expect(page.get_by_role("region", name="Er alt på plads?")).to_contain_text("Nej: 1 af 2 høringssvar mangler jeres svar.")

    # The party's response gets its answer too.
    party = Response.objects.get(hearing=decision.hearing, party=company_party)
    page.goto(detail_url(decision))
    page.get_by_role("link", name=f"Besvar høringssvar {party.number}").click()
    page.get_by_label("Delvist brugt", exact=True).check()
    page.get_by_label("Jeres svar til den, der har svaret").fill(REPLY_TO_PARTY)
    page.get_by_role("button", name="Gem svaret").click()
    expect(page.get_by_role("status")).to_contain_text(f"Svaret på høringssvar {party.number} er gemt.")
    expect(actions).not_to_contain_text("mangler jeres svar")
    expect(actions).to_contain_text("Mindst én forventning skal have både en ansvarlig og en dato.")

    # An expectation with an owner and a date.
    due = timezone.localdate() + datetime.timedelta(days=30)
    actions.get_by_role("link", name="Tilføj en forventning").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Ny forventning")
    audit.check("decisions-expectation-form", shoot=False)
    page.get_by_label("Handling", exact=True).fill(ACTION)
    page.get_by_label(re.compile("^Ansvarlig")).fill(ACTION_OWNER)
    page.get_by_label(re.compile("^Senest")).fill(due.isoformat())
    page.get_by_role("button", name="Gem", exact=True).click()
    expect(page.get_by_role("status")).to_contain_text("Forventningen er tilføjet.")
    expectations = page.get_by_role("table", name="Handlinger med ansvarlig og dato")
    row = expectations.locator("tbody tr").filter(has_text=ACTION)
    expect(row).to_contain_text(ACTION_OWNER)
    expect(row).to_contain_text("Ja, tydelig")
    assert Expectation.objects.get(decision=decision).due_on == due
    expect(actions).to_contain_text("Alle høringssvar er besvaret, og mindst én forventning har en ansvarlig og en dato")
    audit.check("decisions-detail-ready")

    # Communicate.
    actions.get_by_role("link", name="Meddel beslutningen").click()
    ready = page.get_by_role("region", name="Er alt på plads?")
    expect(ready).to_contain_text("Ja: Alle 2 høringssvar er besvaret.")
    expect(ready).to_contain_text("Ja: 1 forventning har en ansvarlig og en dato.")
    audit.check("decisions-communicate-ready", shoot=False)
    page.get_by_role("button", name="Meddel beslutningen").click()
    expect(page).to_have_url(re.compile(rf"{detail_url(decision)}$"))
    expect(page.get_by_role("status")).to_contain_text("Beslutningen er meddelt.")
    expect(page.locator('[aria-current="step"] strong')).to_have_text("Nu: Meddelt")
    expect(page.get_by_role("link", name="Ret beslutningen (ny version)")).to_be_visible()
    assert refreshed(decision).status == Status.COMMUNICATED
    audit.check("decisions-detail-communicated")
    no_horizontal_scroll(page)

    # The citizen's public page now shows the outcome and how every answer was used, anonymised.
    context.clear_cookies()
    page.goto(hearing_url(decision))
    expect(page.get_by_role("heading", name="Giv dit svar")).to_have_count(0)
    outcome = page.get_by_role("region", name="Beslutningen", exact=True)
    expect(outcome).to_contain_text(OUTCOME)
    expect(outcome).to_contain_text(REASONS)
    expect(outcome.get_by_role("table")).to_contain_text(ACTION)
    used = page.get_by_role("region", name="Sådan har vi brugt svarene")
    expect(used).to_contain_text("Høringen fik 2 svar.")
    citizen_answer = used.get_by_role("article", name=f"Svar {citizen.number}")
    expect(citizen_answer).to_contain_text("Uenig")
    expect(citizen_answer).to_contain_text(CITIZEN_TEXT)
    expect(citizen_answer).to_contain_text("Vores svar (brugt):")
    expect(citizen_answer).to_contain_text(REPLY_TO_CITIZEN)
    expect(used.get_by_role("article", name=f"Svar {party.number}")).to_contain_text(REPLY_TO_PARTY)
    # No respondent is named: not the citizen anywhere, not the party among the answers.
    expect(page.locator("main")).not_to_contain_text(CITIZEN_NAME)
    expect(used).not_to_contain_text("Mejeriet A/S")
    audit.check("decisions-public-hearing-communicated")
    check_at_phone_width(audit, "decisions-public-hearing-communicated")
    no_horizontal_scroll(page)

    # Their own page shows the answer they got, and asks whether they felt heard.
    page.goto(own_page)
    reply = page.get_by_role("region", name="Svaret på dit høringssvar")
    expect(reply).to_contain_text("Brugt.")
    expect(reply).to_contain_text(REPLY_TO_CITIZEN)
    expect(page.get_by_role("group", name="Følte du dig hørt?")).to_be_visible()
    audit.check("decisions-own-response-communicated")
    audit.assert_clean()


# --- 2. The deciders' other pages --------------------------------------------------------------


def test_the_list_the_draft_and_the_hearing_form_are_accessible(page, people):
    alliance = people.public
    company_party = alliance.parties.get(organisation=people.company)
    communicated(people.coordinator, in_hearing(people.coordinator, alliance, question="Skal der også leveres yoghurt?"))
    # A hearing nobody has answered, closing in two days: a weak process, flagged while there is time.
    in_hearing(people.coordinator, alliance, question="Skal mejeriet hente tomme kasser?", days=2)
    decided = decide(people.coordinator, in_hearing(people.coordinator, alliance, question="Hvem betaler kølerne?"))
    assert decided.status == Status.DECIDED
    waiting = in_hearing(people.coordinator, alliance, question="Skal mælken være økologisk?")
    party_response(people.partner, waiting, company_party, stance=Stance.AGREE, text="Ja, det kan vi levere.")
    public_response(waiting, text="Kun hvis prisen holder.")
    question = "Skal skolerne have mælk i sommerferien?"
    draft_decision = draft(people.coordinator, alliance, question=question)

    audit = Audit(page)
    log_in(page, people.coordinator)
    page.goto(f"/alliancer/{alliance.slug}/beslutninger/")
    expect(page.get_by_role("heading", name="5 beslutninger")).to_be_visible()
    expect(page.get_by_role("heading", name="Svag proces – mens der endnu er tid til at rette op")).to_be_visible()
    table = page.get_by_role("table", name="Beslutninger med status, høringsfrist og fair-proces-tal")
    expect(table.locator("tbody tr")).to_have_count(5)
    expect(table.locator("tbody tr").filter(has_text="Skal mælken være økologisk?")).to_contain_text("1 offentligt svar")
    audit.check("decisions-list")
    check_at_phone_width(audit, "decisions-list")
    page.get_by_role("link", name="Besluttet", exact=True).click()
    expect(table.locator("tbody tr")).to_have_count(1)
    audit.check("decisions-list-filtered", shoot=False)

    page.goto(detail_url(draft_decision))
    expect(page.locator('[aria-current="step"] strong')).to_have_text("Nu: Kladde")
    audit.check("decisions-detail-draft")

    # Sending it to hearing: the form empty, then with errors.
    page.get_by_role("link", name="Send i høring").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Send spørgsmålet i høring")
    audit.check("decisions-hearing-form")
    page.get_by_label("Sidste svardag").fill("")
    submit_expecting(page, "Send i høring", 400)
    summary = page.locator('[data-module="error-summary"]')
    expect(summary).to_contain_text("Vælg, hvor meget indflydelse høringen giver.")
    expect(summary).to_contain_text("Forklar, hvorfor høringen giver netop denne indflydelse.")
    expect(page.locator("#id_last_day-error")).to_contain_text("Vælg den sidste dag, man kan svare i høringen.")
    assert refreshed(draft_decision).status == Status.DRAFT
    audit.check("decisions-hearing-form-errors")
    check_at_phone_width(audit, "decisions-hearing-form-errors")

    # A new decision's form with errors.
    page.goto(f"/alliancer/{alliance.slug}/beslutninger/ny/")
    audit.check("decisions-decision-form", shoot=False)
    submit_expecting(page, "Opret kladden", 400)
    expect(page.locator("#id_question-error")).to_contain_text("Skriv det spørgsmål, der skal besluttes.")
    audit.check("decisions-decision-form-errors", shoot=False)
    audit.assert_clean()


def test_a_party_representative_answers_and_rates_on_the_decision_page(page, people):
    """The partner's side of the same decision: the page offers the party's answer while the
    hearing is open, and "Følte I jer hørt?" after the decision is communicated."""
    alliance = people.public
    company_party = alliance.parties.get(organisation=people.company)
    decision = in_hearing(people.coordinator, alliance, question=QUESTION)
    audit = Audit(page)
    log_in(page, people.partner)
    page.goto(detail_url(decision))
    mine = page.get_by_role("region", name="Mejeriet A/S i høringen")
    expect(mine).to_contain_text("Jeres part er inviteret og har ikke svaret endnu.")
    audit.check("decisions-detail-partner-hearing", shoot=False)
    mine.get_by_role("link", name="Afgiv jeres høringssvar").click()
    expect(page.get_by_role("group", name="Hvad mener jeres part om forslaget?")).to_be_visible()
    audit.check("decisions-respond")
    submit_expecting(page, "Send jeres svar", 400)
    expect(page.locator("#id_text-error")).to_contain_text("Skriv jeres høringssvar.")
    audit.check("decisions-respond-errors", shoot=False)
    page.get_by_label("Enig", exact=True).check()
    page.get_by_label("Jeres høringssvar").fill(PARTY_TEXT)
    page.get_by_role("button", name="Send jeres svar").click()
    expect(page).to_have_url(re.compile(rf"{detail_url(decision)}$"))
    expect(page.get_by_role("status")).to_contain_text("Svaret fra Mejeriet A/S er gemt.")
    expect(mine).to_contain_text("I har svaret.")
    saved = Response.objects.get(hearing=decision.hearing, party=company_party)
    assert (saved.stance, saved.text, saved.author) == (Stance.AGREE, PARTY_TEXT, people.partner)
    communicated(people.coordinator, decision)
    page.goto(detail_url(decision))
    expect(page.get_by_role("group", name="Følte I jer hørt?")).to_be_visible()
    audit.check("decisions-detail-partner-communicated")
    audit.assert_clean()


# --- 3. The plan and a change process ----------------------------------------------------------


def test_the_plan_and_a_change_process_are_accessible(page, people):
    alliance = people.public
    coordinator = people.coordinator
    groups = services.plan_start(actor=coordinator, owner=alliance)
    citizens = next(group for group in groups if group.name.startswith("Borgere"))
    others = [group for group in groups if group != citizens]
    # Citizens are affected in operation without a chosen level (a gap); another group was
    # planned to collaborate in the establishing phase, where a hearing offered them less.
    services.plan_cell_save(actor=coordinator, group=citizens, phase="drift", affected=True)
    services.plan_cell_save(
        actor=coordinator, group=others[0], phase="etablering", affected=True, level="samarbejde", means=["moede", "workshop"]
    )
    services.plan_cell_save(actor=coordinator, group=others[1], phase="etablering", affected=True, level="informere", means=["nyhedsbrev"])
    decision = draft(coordinator, alliance, question="Hvordan fordeles ruterne?")
    services.hearing_open(
        actor=coordinator, decision=decision, level=HearingLevel.CONSULTATION, level_reason="Vi vil høre jer først.",
        last_day=timezone.localdate() + datetime.timedelta(days=14), is_public=True, groups=[others[0], citizens],
        base_url=BASE_URL,
    )

    audit = Audit(page)
    log_in(page, coordinator)
    page.goto(f"/alliancer/{alliance.slug}/inddragelsesplan/")
    expect(page.get_by_role("heading", name="Inddragelsesplan", level=2)).to_be_visible()
    expect(page.get_by_text("Planen har 1 hul:")).to_be_visible()
    plan = page.get_by_role("table", name=re.compile("^Inddragelsesplan for"))
    expect(plan.locator("tbody tr")).to_have_count(len(groups))
    expect(page.locator(f"#felt-{citizens.pk}-drift")).to_contain_text("Hul i planen")
    audit.check("decisions-plan")
    check_at_phone_width(audit, "decisions-plan")
    page.locator(f"#felt-{citizens.pk}-drift").get_by_role("link").first.click()
    audit.check("decisions-plan-cell", shoot=False)

    # A change process inside Lejre Kommune, with a hearing by email.
    process = services.change_process_create(
        actor=coordinator, organisation=people.lejre, title="Sammenlægning af to plejecentre",
        description="Solgården og Egely bliver ét center.",
    )
    staff_group = services.group_add(actor=coordinator, owner=process, name="Medarbejdere")
    process_decision = draft(coordinator, process, question="Hvem leder det nye center?", groups=[staff_group])
    services.hearing_open(
        actor=coordinator, decision=process_decision, level=HearingLevel.CO_CREATION,
        level_reason="Vi former ledelsen sammen.", last_day=timezone.localdate() + datetime.timedelta(days=10),
        emails=["ansat@example.dk", "tillid@example.dk"], groups=[staff_group], base_url=BASE_URL,
    )
    page.goto(f"/forandringer/{process.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sammenlægning af to plejecentre")
    expect(page.get_by_role("heading", name="1 beslutning")).to_be_visible()
    audit.check("decisions-process")
    page.goto(detail_url(process_decision))
    expect(page.get_by_text("2 personer inviteret på e-mail, 0 har svaret")).to_be_visible()
    audit.check("decisions-process-decision")
    page.goto(f"/forandringer/{process.pk}/inddragelsesplan/")
    audit.check("decisions-process-plan", shoot=False)

    # An invited employee's own link, without an account.
    page.context.clear_cookies()
    invitation = Invitation.objects.get(hearing__decision=process_decision, email="ansat@example.dk")
    page.goto(f"/hoering/{invitation.token}/")
    expect(page.get_by_text("Du er inviteret til at svare.")).to_be_visible()
    audit.check("decisions-invited-hearing")
    check_at_phone_width(audit, "decisions-invited-hearing")
    audit.assert_clean()


def test_a_decision_with_many_responses_reads_well_on_a_phone(page, people):
    """A communicated decision with responses of every stance (one of them long) and an
    expectation without owner or date: the public page and the decision's page, checked by axe
    and for sideways scrolling on a phone, and saved for a person to look at."""
    alliance = people.public
    decision = in_hearing(people.coordinator, alliance, question=QUESTION)
    party_response(people.partner, decision, alliance.parties.get(organisation=people.company), stance=Stance.AGREE, text=PARTY_TEXT)
    for stance, text in (
        (Stance.DISAGREE, "For dyrt. " * 40),
        (Stance.DONT_KNOW, "Jeg ved ikke nok om det."),
        (Stance.PARTLY, "Godt, men husk de små skoler på landet, hvor bilen kun kommer om tirsdagen."),
    ):
        public_response(decision, stance=stance, text=text)
    decision = decide(people.coordinator, decision)
    for response in Response.objects.filter(hearing__decision=decision):
        services.response_reply(
            actor=people.coordinator, response=response, usage=Usage.PARTLY_USED, text="Tak; det har vi delvist taget med.",
            base_url=BASE_URL,
        )
    services.expectation_create(
        actor=people.coordinator, decision=decision, action="Aftal leveringsdage med skolerne", owner="Lejre Kommune",
        due_on=timezone.localdate() + datetime.timedelta(days=30),
    )
    services.expectation_create(actor=people.coordinator, decision=decision, action="Fortæl forældrene om ordningen", owner="", due_on=None)
    services.decision_communicate(actor=people.coordinator, decision=refreshed(decision), base_url=BASE_URL)

    audit = Audit(page)
    page.goto(hearing_url(decision))
    expect(page.get_by_role("region", name="Sådan har vi brugt svarene")).to_contain_text("Høringen fik 4 svar.")
    audit.check("decisions-public-many")
    no_horizontal_scroll(page)
    log_in(page, people.coordinator)
    page.goto(detail_url(decision))
    unclear = page.get_by_role("table", name="Handlinger med ansvarlig og dato").locator("tbody tr")
    expect(unclear.filter(has_text="Fortæl forældrene om ordningen")).to_contain_text("Nej: mangler ansvarlig og dato")
    audit.check("decisions-detail-many")
    no_horizontal_scroll(page)
    audit.assert_clean()
