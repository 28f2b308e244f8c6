"""The leadership capability in a real browser: a leader answers the self-assessment with the
keyboard only, a coordinator closes a gap in the role plan, and axe checks every page of the
capability (empty forms and forms with errors too). Screenshots are named "leadership-…"."""

import re

import pytest
from playwright.sync_api import expect

from brobygger.leadership import instrument, services
from brobygger.leadership.dimensions import Dimension
from brobygger.leadership.models import Assessment, TeamKind

from .conftest import DESKTOP, PHONE, log_in, screenshot
from .test_accessibility import Audit

pytestmark = pytest.mark.browser

STATEMENTS = instrument.interleaved(instrument.current_version())
# The answer to the n-th statement as the questionnaire asks them: every value of the scale,
# in a pattern that gives the dimensions different scores.
ANSWERS = {statement.key: (number * 3) % 5 + 1 for number, statement in enumerate(STATEMENTS)}
SKIPPED = 20  # the statement (0-based, in the questionnaire's order) first left unanswered
MAX_TABS = 80


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


def choose_with_arrows(page, statement_key: str, value: int) -> None:
    """In a radio group with nothing chosen, focus is on its first radio button: the arrow
    keys move the choice (ArrowDown then ArrowUp picks the first value)."""
    now = focused(page)
    assert now["type"] == "radio" and now["name"] == statement_key, now
    if value == 1:
        page.keyboard.press("ArrowDown")
        page.keyboard.press("ArrowUp")
    else:
        for _ in range(value - 1):
            page.keyboard.press("ArrowDown")
    expect(page.locator(f'input[name="{statement_key}"]:checked')).to_have_value(str(value))


def complete_answers(step: int = 0) -> dict[str, int]:
    return {statement.key: (number + step) % 5 + 1 for number, statement in enumerate(STATEMENTS)}


def check_at_phone_width(audit, name: str) -> None:
    """axe again at phone width, where wide tables stack or scroll (screenshots are already
    taken at both widths by the desktop check)."""
    audit.page.set_viewport_size(PHONE)
    audit.check(f"{name}-phone-width", shoot=False)
    audit.page.set_viewport_size(DESKTOP)


# --- 1. The questionnaire with the keyboard only ---------------------------------------------


def test_a_leader_answers_the_self_assessment_with_the_keyboard_only(page, people):
    leader = people.coordinator
    log_in(page, leader)
    page.goto("/selvevaluering/")
    tab_until(
        page,
        lambda el: el["tag"] == "A" and el["text"] == "Start selvevalueringen",
        "The start link",
    )
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/selvevaluering/besvar/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Besvar selvevalueringen")

    # Tab to the first statement, then each statement in turn; one is passed by unanswered.
    first = STATEMENTS[0].key
    tab_until(page, lambda el: el["type"] == "radio" and el["name"] == first, "The first statement")
    for number, statement in enumerate(STATEMENTS):
        if number > 0:
            page.keyboard.press("Tab")
        now = focused(page)
        assert now["type"] == "radio" and now["name"] == statement.key, (number, now)
        if number != SKIPPED:
            choose_with_arrows(page, statement.key, ANSWERS[statement.key])
    page.keyboard.press("Tab")
    assert focused(page)["text"] == "Afslut og se min profil", focused(page)

    # Finishing with one statement unanswered: a 400 page that says so, and nothing saved.
    with page.expect_response(
        lambda r: r.request.method == "POST" and "/selvevaluering/besvar/" in r.url
    ) as sent:
        page.keyboard.press("Enter")
    assert sent.value.status == 400
    summary = page.locator('[data-module="error-summary"]')
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Du mangler at svare på 1 udsagn")
    missing = STATEMENTS[SKIPPED]
    group = page.locator("fieldset.form-error")
    expect(group).to_have_count(1)
    expect(group).to_contain_text("Besvar dette udsagn, før du afslutter.")
    expect(group.locator("legend")).to_contain_text(f"{SKIPPED + 1}.")
    assert not Assessment.objects.filter(user=leader).exists()
    # The answers given are still there.
    expect(page.locator('input[type="radio"]:checked')).to_have_count(len(STATEMENTS) - 1)

    # The summary's link takes focus to the statement; answer it and finish.
    tab_until(
        page,
        lambda el: el["tag"] == "A" and el["text"].startswith(f"{SKIPPED + 1}."),
        "The summary's link",
    )
    page.keyboard.press("Enter")
    expect(page.locator(f"#id_{missing.key}_0")).to_be_focused()
    choose_with_arrows(page, missing.key, ANSWERS[missing.key])
    tab_until(
        page, lambda el: el["tag"] == "BUTTON" and el["text"] == "Afslut og se min profil", "Afslut"
    )
    page.keyboard.press("Enter")

    expect(page).to_have_url(re.compile(r"/selvevaluering/\d+/$"))
    expect(page.get_by_role("status")).to_contain_text("Tak. Din profil er klar.")
    expect(
        page.get_by_role("img", name=re.compile("Din score for hver rolle og udfordring"))
    ).to_be_visible()

    assessment = Assessment.objects.get(user=leader)
    assert assessment.completed_at is not None
    expected = instrument.scores(assessment.version, ANSWERS)
    table = page.get_by_role("table", name=re.compile("^Dine scorer"))
    expect(table).to_be_visible()
    shown = {
        row.locator("th").inner_text().strip(): row.locator("td").first.inner_text().strip()
        for row in table.locator("tbody tr").all()
    }
    assert shown == {str(Dimension(d).label): str(score) for d, score in expected.items()}
    screenshot(page, "leadership-profile-after-keyboard")


# --- 2. The role plan: a gap closes ----------------------------------------------------------


def test_a_coordinator_fills_a_cell_and_a_gap_closes(page, people):
    log_in(page, people.coordinator)
    page.goto(f"/alliancer/{people.public.slug}/roller/")
    plan = page.get_by_role("table", name=re.compile("^Rolleplanen"))
    gaps = plan.get_by_text("Mangler", exact=True)
    before = gaps.count()
    assert before > 0

    page.get_by_role("link", name="Redigér Brobyggeren i fasen Idé").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Brobyggeren i fasen Idé")
    page.get_by_label(re.compile(r"^Koordinator Testesen")).check()
    page.get_by_role("button", name="Gem", exact=True).click()

    expect(page).to_have_url(re.compile(rf"/alliancer/{people.public.slug}/roller/#fase-ide$"))
    expect(page.get_by_role("status")).to_contain_text("Brobyggeren i fasen Idé er gemt.")
    expect(gaps).to_have_count(before - 1)
    row = plan.locator("#fase-ide")
    expect(row.locator('td[data-title="Brobyggeren"]')).to_contain_text("Koordinator Testesen")
    expect(row.locator('td[data-title="Brobyggeren"]')).not_to_contain_text("Mangler")
    screenshot(page, "leadership-role-plan-gap-closed")


# --- 3. axe on every page --------------------------------------------------------------------


def test_role_plan_pages_are_accessible(page, people):
    audit = Audit(page)
    log_in(page, people.coordinator)
    plan = f"/alliancer/{people.public.slug}/roller/"
    page.goto(plan)
    expect(page.get_by_role("heading", name="Rolleplan")).to_be_visible()
    audit.check("leadership-role-plan")
    check_at_phone_width(audit, "leadership-role-plan")

    page.goto(f"{plan}ide/brobygger/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Brobyggeren i fasen Idé")
    audit.check("leadership-cell-edit")
    reason = page.get_by_label("Alliancens egen begrundelse")
    too_long = "Begrundelse " * 30  # 360 characters
    reason.fill(too_long)
    if len(reason.input_value()) <= 300:
        # Django gives the textarea maxlength="300", so the browser stops typing at 300: set
        # the value as a script (or an old browser) would, so the server's check answers.
        reason.evaluate(
            "(el, text) => { el.removeAttribute('maxlength'); el.value = text; }", too_long
        )
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name="Gem", exact=True).click()
    assert sent.value.status == 400
    summary = page.locator('[data-module="error-summary"]')
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Alliancens egen begrundelse")
    expect(page.locator(".form-error-message")).to_contain_text("300")
    audit.check("leadership-cell-edit-errors")

    page.goto(f"{plan}historik/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Rolleplanen ved faseskift")
    audit.check("leadership-plan-history")
    audit.assert_clean()


def test_self_assessment_pages_are_accessible(page, people):
    leader = people.coordinator
    audit = Audit(page)
    log_in(page, leader)
    page.goto("/selvevaluering/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Selvevaluering for ledere")
    audit.check("leadership-assessment-home")

    page.goto("/selvevaluering/besvar/")
    expect(page.locator('input[type="radio"]')).to_have_count(5 * len(STATEMENTS))
    audit.check("leadership-questionnaire")
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name="Afslut og se min profil").click()
    assert sent.value.status == 400
    expect(page.locator('[data-module="error-summary"]')).to_contain_text(
        f"Du mangler at svare på {len(STATEMENTS)} udsagn"
    )
    audit.check("leadership-questionnaire-errors")

    assessment = services.assessment_save(actor=leader, answers=complete_answers(), complete=True)
    page.goto(f"/selvevaluering/{assessment.pk}/")
    expect(
        page.get_by_role("img", name=re.compile("Din score for hver rolle og udfordring"))
    ).to_be_visible()
    audit.check("leadership-profile")
    check_at_phone_width(audit, "leadership-profile")

    # The home page with a completed profile listed.
    page.goto("/selvevaluering/")
    expect(page.get_by_role("link", name=re.compile("^Profil fra"))).to_be_visible()
    audit.check("leadership-assessment-home-completed")
    audit.assert_clean()


def test_team_pages_are_accessible(page, people):
    """The team list, the create form, and a top management team of Lejre Kommune with three members; its page before the three
    share their self-assessments (no profile) and after (the profile is shown)."""
    lejre_leaders = [people.coordinator, people.observer, people.public_employee]
    team = services.team_create(
        actor=people.coordinator,
        name="Lejres topledelse",
        kind=TeamKind.ORGANISATION,
        organisation=people.lejre,
    )
    for number, leader in enumerate(lejre_leaders):
        if leader != people.coordinator:
            services.team_invite(actor=people.coordinator, team=team, user=leader)
            services.team_answer(actor=leader, team=team, accept=True)
        services.assessment_save(actor=leader, answers=complete_answers(number), complete=True)

    audit = Audit(page)
    log_in(page, people.coordinator)
    page.goto("/selvevaluering/hold/")
    expect(page.get_by_role("link", name="Lejres topledelse")).to_be_visible()
    audit.check("leadership-teams")

    page.goto("/selvevaluering/hold/nyt/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Opret et hold")
    audit.check("leadership-team-create")
    with page.expect_response(lambda r: r.request.method == "POST") as sent:
        page.get_by_role("button", name="Opret holdet").click()
    assert sent.value.status == 400
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("leadership-team-create-errors")

    page.goto(f"/selvevaluering/hold/{team.pk}/")
    expect(page.get_by_text("Profilen vises, når mindst 3 medlemmer")).to_be_visible()
    audit.check("leadership-team-without-profile")

    for leader in lejre_leaders:
        services.team_set_sharing(actor=leader, team=team, shares=True)
    page.reload()
    expect(
        page.get_by_role("table", name="Holdets dækning af roller og udfordringer")
    ).to_be_visible()
    audit.check("leadership-team-with-profile")
    check_at_phone_width(audit, "leadership-team-with-profile")
    audit.assert_clean()


def test_knowledge_centre_is_accessible(page, people):
    """/videncenter/ with both figures showing: the role plan gaps of the three alliances in
    Idé, and the profiles of three verified Lejre leaders (the privacy threshold)."""
    for number, leader in enumerate([people.coordinator, people.observer, people.public_employee]):
        services.assessment_save(actor=leader, answers=complete_answers(number), complete=True)
    audit = Audit(page)
    log_in(page, people.coordinator)
    page.goto("/videncenter/")
    expect(page.get_by_role("heading", name="Roller, der mangler i hver fase")).to_be_visible()
    expect(
        page.get_by_role("heading", name="Ledernes profiler efter sektor og slags organisation")
    ).to_be_visible()
    audit.check("leadership-knowledge-centre")
    check_at_phone_width(audit, "leadership-knowledge-centre")
    audit.assert_clean()
