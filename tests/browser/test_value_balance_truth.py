"""The value balance tells the truth in a real browser: every kind of entry it can show
(a met goal, one on the way with its progress bar, a late one, volunteer hours without a
rate, a payment, a shared goal and a party's own "nej") passes axe-core's WCAG 2.1 AA
checks for a member and for an anonymous visitor, at desktop and phone width; so do the
pages and forms around it. A party's representative answers "Får I nok ud af alliancen?"
with the keyboard alone, and hours of a kind with an agreed rate count in kroner."""

import datetime
import re
from decimal import Decimal

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from brobygger.alliances.models import ValueAnswer
from brobygger.alliances.services import value_answer_create
from brobygger.ledger import services as ledger_services

from .conftest import DESKTOP, PHONE, log_in
from .test_accessibility import Audit

pytestmark = pytest.mark.browser

COMPANY = "Mejeriet A/S"  # the partner's party in the landscape
NO_COMMENT = "Vi har ikke fået de praktikanter, vi blev lovet."
ERROR_SUMMARY = '[data-module="error-summary"]'


# --- Helpers ---------------------------------------------------------------------------------


def today() -> datetime.date:
    # The live server runs in this process, so "today" is the server's date too.
    return timezone.localdate()


def days(count: int) -> datetime.date:
    return today() + datetime.timedelta(days=count)


def company_party(alliance):
    return alliance.parties.select_related("organisation").get(organisation__name=COMPANY)


def balance_url(alliance) -> str:
    return f"/alliancer/{alliance.slug}/vaerdi/"


def ledger_url(alliance, party) -> str:
    return f"/alliancer/{alliance.slug}/vaerdi/parter/{party.pk}/"


def answer_url(alliance, party) -> str:
    return f"/alliancer/{alliance.slug}/vaerdi/parter/{party.pk}/svar/"


def shared_goals_url(alliance) -> str:
    return f"/alliancer/{alliance.slug}/vaerdi/faelles-maal/"


def hour_kinds_url(alliance) -> str:
    return f"/alliancer/{alliance.slug}/vaerdi/timesatser/"


def party_row(page, table_id: str, name: str):
    """One party's row in one of the balance's two tables, found by its row header."""
    # By the row header's link: at phone width the responsive headers put the column's
    # name ("Part") in front of the row header's accessible name.
    return page.locator(f"#{table_id} tbody tr").filter(
        has=page.locator("th[scope='row']").get_by_role("link", name=name, exact=True)
    )


def kroner_pattern(whole: int) -> re.Pattern:
    """A whole amount in kroner as the Danish pages write it, e.g. 4500 → "4.500 kr."
    (a thousands separator of a dot, or of a space of some width)."""
    digits = f"{whole:,}".replace(",", r"[.\s\u00a0\u202f]?")
    return re.compile(rf"^\s*{digits}\s*kr\.\s*$")


def every_case(alliance, people) -> dict:
    """Everything the balance can show, as public entries so an anonymous visitor of a
    public alliance sees it too: a met goal, a goal on the way (with a progress bar), a late
    goal, volunteer hours without a rate, a payment, a shared goal and a party's "nej"."""
    party = company_party(alliance)
    partner, coordinator = people.partner, people.coordinator
    public = "offentlig"

    met = ledger_services.goal_create(
        actor=partner,
        party=party,
        title="Ti plejehjem køber mælken",
        indicator="antal plejehjem",
        target="10 plejehjem",
        target_date=days(200),
        target_value=Decimal("10"),
        target_unit="plejehjem",
        visibility=public,
    )
    ledger_services.result_create(
        actor=partner,
        goal=met,
        achieved_on=days(-5),
        description="Tolv plejehjem har skrevet under.",
        measured_value=Decimal("12"),
        estimated_value=Decimal("60000"),
        evidence_note="Kontrakterne i mappen.",
        visibility=public,
    )
    on_the_way = ledger_services.goal_create(
        actor=partner,
        party=party,
        title="Hundrede borgere får frisk mælk",
        indicator="antal borgere",
        target="100 borgere",
        target_date=days(300),
        target_value=Decimal("100"),
        target_unit="borgere",
        reading="sum",
        visibility=public,
    )
    ledger_services.result_create(
        actor=partner,
        goal=on_the_way,
        achieved_on=days(-10),
        description="De første 40 borgere.",
        measured_value=Decimal("40"),
        evidence_note="Leverancelisten.",
        visibility=public,
    )
    ledger_services.goal_create(
        actor=partner,
        party=party,
        title="Ny kølebil på vejen",
        indicator="kølebil i drift",
        target="Én kølebil",
        target_date=days(-30),
        visibility=public,
    )
    volunteers = ledger_services.hour_kind_create(
        actor=coordinator,
        alliance=alliance,
        name="Frivillige timer",
        rate=None,
        description="Timer uden aftalt sats.",
    )
    ledger_services.contribution_create(
        actor=partner,
        party=party,
        kind="arbejdstimer",
        description="Frivillige kører mælken ud",
        quantity=Decimal("20"),
        unit="timer",
        period_start=days(-60),
        hour_kind=volunteers,
        visibility=public,
    )
    ledger_services.contribution_create(
        actor=partner,
        party=party,
        kind="penge",
        description="Tilskud til kørsel",
        quantity=Decimal("25000"),
        unit="kr",
        period_start=days(-60),
        visibility=public,
    )
    ledger_services.contribution_create(
        actor=partner,
        party=party,
        kind="penge",
        description="Betaling for mælk til plejehjem",
        quantity=Decimal("8000"),
        unit="kr",
        period_start=days(-30),
        is_payment=True,
        visibility=public,
    )
    shared = ledger_services.shared_goal_create(
        actor=coordinator,
        alliance=alliance,
        title="Færre ældre mangler kalk",
        indicator="andel ældre med mangel",
        target="Under 10 %",
        target_date=days(365),
        target_value=Decimal("10"),
        target_unit="%",
        direction="mindre",
        visibility=public,
    )
    ledger_services.result_create(
        actor=coordinator,
        goal=shared,
        achieved_on=days(-3),
        description="Målingen i foråret.",
        measured_value=Decimal("18"),
        evidence_note="Kommunens sundhedsprofil.",
        visibility=public,
    )
    value_answer_create(
        actor=partner, party=party, answer="nej", comment=NO_COMMENT
    )
    return {"party": party, "shared": shared}


def tab_until(page, predicate: str, *, limit: int = 120) -> None:
    """Press Tab until the focused element matches a JavaScript predicate on `el`."""
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(
            f"(() => {{ const el = document.activeElement; return !!(el && ({predicate})); }})()"
        ):
            return
    raise AssertionError(f"Tab never reached an element where {predicate}")


# --- 1. axe on every case ------------------------------------------------------------------


def test_balance_with_every_case_is_accessible(page, people):
    alliance = people.public
    case = every_case(alliance, people)
    party = case["party"]
    audit = Audit(page)

    # A member (the coordinator), desktop then phone, with the explanation open too.
    log_in(page, people.coordinator)
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(balance_url(alliance))
        gets = party_row(page, "gets-table", COMPANY)
        expect(gets).to_contain_text("Nej")
        expect(gets).to_contain_text(NO_COMMENT)
        expect(page.locator("#answer-warning")).to_contain_text(COMPANY)
        expect(page.locator("#shared-heading")).to_be_visible()
        expect(page.locator(".shared-goals")).to_contain_text("Færre ældre mangler kalk")
        gives = party_row(page, "gives-table", COMPANY)
        expect(gives).to_contain_text("uden timesats")
        expect(page.locator("#gives-table thead")).to_contain_text("Betalt for leverancer")
        # One pair of screenshots (desktop and phone) is enough; axe runs at both widths.
        audit.check(
            "truth-balance-member" if size == "desktop" else "truth-balance-member-at-phone-width",
            shoot=size == "desktop",
        )
        page.locator("#how-to-read summary").click()
        expect(page.locator("#how-to-read")).to_have_attribute("open", "")
        audit.check(f"truth-balance-member-explained-{size}", shoot=False)
    page.set_viewport_size(DESKTOP)

    # The party's own ledger: a met goal, one on the way with its bar, a late one.
    page.goto(ledger_url(alliance, party))
    expect(page.locator(".goal-progress__bar").first).to_be_attached()
    expect(page.get_by_text("Forsinket").first).to_be_visible()
    expect(page.get_by_text("Nået", exact=True).first).to_be_visible()
    audit.check("truth-party-ledger")
    page.set_viewport_size(PHONE)
    audit.check("truth-party-ledger-phone", shoot=False)
    page.set_viewport_size(DESKTOP)

    page.goto(shared_goals_url(alliance))
    expect(page.get_by_text("Færre ældre mangler kalk").first).to_be_visible()
    audit.check("truth-shared-goals")
    page.goto(hour_kinds_url(alliance))
    expect(page.get_by_role("rowheader", name="Frivillige timer")).to_be_visible()
    audit.check("truth-hour-kinds")

    # The coordinator's forms with an error.
    page.goto(f"{shared_goals_url(alliance)}ny/")
    audit.check("truth-shared-goal-form", shoot=False)
    page.get_by_role("button", name="Registrér fælles mål").click()
    expect(page.locator(ERROR_SUMMARY)).to_be_visible()
    audit.check("truth-shared-goal-form-errors")
    page.goto(f"{hour_kinds_url(alliance)}ny/")
    audit.check("truth-hour-kind-form", shoot=False)
    page.get_by_label("Navn").fill("Frivillige timer")  # taken: the service refuses it
    page.get_by_label("Timesats i kroner").fill("ikke et tal")
    page.get_by_role("button", name="Registrér timetype").click()
    expect(page.locator(ERROR_SUMMARY)).to_be_visible()
    audit.check("truth-hour-kind-form-errors")

    # The answer form, as the party's own representative: empty, then submitted empty.
    page.context.clear_cookies()
    log_in(page, people.partner)
    page.goto(answer_url(alliance, party))
    expect(page.get_by_role("heading", level=1)).to_have_text("Får I nok ud af alliancen?")
    audit.check("truth-answer-form")
    page.get_by_role("button", name="Gem svaret").click()
    expect(page.locator(ERROR_SUMMARY)).to_be_visible()
    audit.check("truth-answer-form-errors")
    page.set_viewport_size(PHONE)
    audit.check("truth-answer-form-errors-phone", shoot=False)
    page.set_viewport_size(DESKTOP)

    # An anonymous visitor of the public alliance: desktop and phone.
    page.context.clear_cookies()
    for size, viewport in (("desktop", DESKTOP), ("phone", PHONE)):
        page.set_viewport_size(viewport)
        page.goto(balance_url(alliance))
        expect(page.locator("#gives-table")).to_be_attached()
        expect(page.locator(".shared-goals")).to_contain_text("Færre ældre mangler kalk")
        # One pair of screenshots (desktop and phone) is enough; axe runs at both widths.
        audit.check(
            "truth-balance-anonymous"
            if size == "desktop"
            else "truth-balance-anonymous-at-phone-width",
            shoot=size == "desktop",
        )
        page.locator("#how-to-read summary").click()
        audit.check(f"truth-balance-anonymous-explained-{size}", shoot=False)
    page.set_viewport_size(DESKTOP)
    page.goto(ledger_url(alliance, party))
    audit.check("truth-party-ledger-anonymous", shoot=False)
    page.goto(shared_goals_url(alliance))
    audit.check("truth-shared-goals-anonymous", shoot=False)
    page.goto(hour_kinds_url(alliance))
    audit.check("truth-hour-kinds-anonymous", shoot=False)
    audit.assert_clean()


# --- 2. The party's answer, with the keyboard alone ----------------------------------------


def test_representative_answers_no_with_the_keyboard(page, people):
    alliance = people.public
    party = company_party(alliance)
    log_in(page, people.partner)
    page.goto(ledger_url(alliance, party))
    expect(page.get_by_role("heading", name="Får parten nok ud af alliancen?")).to_be_visible()

    # Tab to the link and follow it with Enter.
    tab_until(page, "el.tagName === 'A' && el.textContent.trim() === 'Svar for parten'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/svar/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Får I nok ud af alliancen?")

    # Into the radio group (nothing chosen yet, so Tab lands on the first), then the arrow
    # keys, as a radio group is used, down to "Nej".
    tab_until(page, "el.type === 'radio'")
    for _ in range(3):
        if page.get_by_label("Nej", exact=True).is_checked():
            break
        page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Nej", exact=True)).to_be_checked()
    expect(page.get_by_label("Nej", exact=True)).to_be_focused()

    tab_until(page, "el.tagName === 'TEXTAREA'")
    page.keyboard.type(NO_COMMENT)
    tab_until(page, "el.tagName === 'BUTTON' && el.textContent.trim() === 'Gem svaret'")
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(rf"{re.escape(ledger_url(alliance, party))}$"))

    answer = ValueAnswer.objects.get(party=party)
    assert (answer.answer, answer.comment, answer.answered_by) == (
        "nej",
        NO_COMMENT,
        people.partner,
    )
    section = page.locator("section[aria-labelledby='answer-heading']")
    expect(section).to_contain_text("Nej")
    expect(section).to_contain_text(NO_COMMENT)
    expect(page.get_by_text("Partens svar er gemt")).to_be_visible()

    # The coordinator sees the "nej" on the balance.
    page.context.clear_cookies()
    log_in(page, people.coordinator)
    page.goto(balance_url(alliance))
    warning = page.locator("#answer-warning")
    expect(warning).to_contain_text("En part svarer, at den ikke får nok ud af alliancen")
    expect(warning).to_contain_text(f"{COMPANY}: »{NO_COMMENT}«")
    row = party_row(page, "gets-table", COMPANY)
    expect(row.locator(".party-answer--nej")).to_have_text("Nej")
    expect(row).to_contain_text(NO_COMMENT)


# --- 3. Hours at an agreed rate count in kroner ---------------------------------------------


def test_hours_of_a_kind_with_a_rate_count_in_kroner(page, people):
    alliance = people.public
    party = company_party(alliance)

    # The coordinator agrees a rate.
    log_in(page, people.coordinator)
    page.goto(hour_kinds_url(alliance))
    page.get_by_role("link", name="Ny timetype").click()
    page.get_by_label("Navn").fill("Chaufførtimer")
    page.get_by_label("Timesats i kroner").fill("450")
    page.get_by_label("Hvad satsen dækker").fill("Løn med pension til en chauffør.")
    page.get_by_role("button", name="Registrér timetype").click()
    page.wait_for_url(re.compile(r"/timesatser/$"))
    row = page.locator("tbody tr").filter(has=page.get_by_role("rowheader", name="Chaufførtimer"))
    expect(row).to_contain_text("450,00 kr. i timen")

    # The party's representative registers ten hours of the kind.
    page.context.clear_cookies()
    log_in(page, people.partner)
    page.goto(ledger_url(alliance, party))
    page.get_by_role("link", name=re.compile(r"^Registrér bidrag")).first.click()
    page.get_by_label("Type bidrag").select_option(label="Arbejdstimer")
    page.get_by_label("Beskrivelse").fill("En chauffør kører mælken ud")
    page.get_by_label("Mængde").fill("10")
    page.get_by_label("Enhed").select_option(label="timer")
    page.get_by_label("Fra", exact=True).fill(days(-14).isoformat())
    page.get_by_label("Timetype").select_option(label="Chaufførtimer (450,00 kr. i timen)")
    page.get_by_role("button", name="Registrér bidrag").click()
    page.wait_for_url(re.compile(rf"{re.escape(ledger_url(alliance, party))}$"))
    expect(page.get_by_text("Bidraget er registreret.")).to_be_visible()

    # The balance: 10 hours × 450 kr. = 4.500 kr. given.
    page.goto(balance_url(alliance))
    gives = party_row(page, "gives-table", COMPANY)
    expect(gives.locator("td[data-title='Giver i alt']")).to_have_text(kroner_pattern(10 * 450))
    expect(gives.locator("td[data-title='Timer']")).to_contain_text("Chaufførtimer: 10 timer")
    expect(gives.locator("td[data-title='Timer']")).to_contain_text("à 450,00 kr.")
    expect(page.locator("#gives-table tfoot td[data-title='Giver i alt']")).to_have_text(
        kroner_pattern(4500)
    )
