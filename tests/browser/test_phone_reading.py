"""What a reader must read on a phone (375 px) fits the screen and is as large as the body
text: the value-balance chart, the figures per party, a party's ledger and the organisations
list. A table a phone cannot show side by side stacks each row, every cell under its column's
name, instead of hiding columns off the right edge."""

import datetime
from decimal import Decimal

import pytest
from playwright.sync_api import expect

from brobygger.ledger import services as ledger_services

from .conftest import PHONE, log_in, screenshot
from .test_accessibility import Audit

pytestmark = pytest.mark.browser

COMPANY = "Mejeriet A/S"

# Every non-empty cell of every row of the table: inside the screen, with its column's name
# written above it (the DKFDS responsive table's data-title) unless it is the row's heading.
CELLS_OUTSIDE = """table => {
  const width = document.documentElement.clientWidth;
  const problems = [];
  for (const cell of table.querySelectorAll('tbody td, tbody th, tfoot td')) {
    if (!cell.textContent.trim()) continue;
    const box = cell.getBoundingClientRect();
    if (box.width === 0 || box.left < 0 || box.right > width + 0.5) problems.push(cell.textContent.trim() + ' at ' + box.left + '–' + box.right);
    if (cell.tagName === 'TD' && cell.dataset.title) {
      const label = getComputedStyle(cell, '::before').content;
      if (!label.includes(cell.dataset.title)) problems.push(cell.textContent.trim() + ' has no label');
    }
  }
  return problems;
}"""

# The smallest text the chart draws, in CSS pixels as shown, and the body text's size.
CHART_TEXT = """svg => {
  const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
  const sizes = [...svg.querySelectorAll('text')].map(t => parseFloat(getComputedStyle(t).fontSize) * scale);
  const right = Math.max(...[...svg.querySelectorAll('text, rect')].map(e => e.getBoundingClientRect().right));
  return {smallest: Math.min(...sizes), body: parseFloat(getComputedStyle(document.body).fontSize),
          right, width: document.documentElement.clientWidth};
}"""


def within_the_screen(locator) -> None:
    expect(locator).to_be_visible()
    box = locator.bounding_box()
    assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box


def test_the_value_balance_a_ledger_and_the_organisations_read_on_a_phone(page, people):
    alliance = people.public
    party = alliance.parties.select_related("organisation").get(organisation__name=COMPANY)
    ledger_services.contribution_create(
        party=party,
        actor=people.partner,
        kind="penge",
        description="Tilskud til kørsel",
        quantity=Decimal("1250.50"),
        unit="kr",
        estimated_value=None,
        period_start=datetime.date(2024, 9, 16),
        period_end=None,
        visibility="offentlig",
    )
    log_in(page, people.partner)
    page.set_viewport_size(PHONE)
    audit = Audit(page)  # axe at phone width, where the tables are stacked

    page.goto(f"/alliancer/{alliance.slug}/vaerdi/")
    expect(page.locator("svg.balance-chart__wide")).to_be_hidden()
    chart = page.locator("svg.balance-chart__narrow")
    expect(chart).to_be_visible()
    text = chart.evaluate(CHART_TEXT)
    assert text["right"] <= text["width"], f"the chart runs off the screen: {text}"
    assert text["smallest"] >= text["body"] - 0.01, f"the chart's text is smaller than the body text: {text}"
    for table in ("#gives-table", "#gets-table"):
        assert page.locator(table).evaluate(CELLS_OUTSIDE) == [], table
    within_the_screen(page.locator("#gives-table td", has_text="1.251 kr.").first)
    screenshot(page, "phone-value-balance")
    audit.check("phone-value-balance-axe", shoot=False)

    page.goto(f"/alliancer/{alliance.slug}/vaerdi/parter/{party.pk}/")
    contributions = page.get_by_role("table", name="Det, Mejeriet A/S lægger i alliancen")
    assert contributions.evaluate(CELLS_OUTSIDE) == []
    assert page.get_by_role("table", name="Bidragene lagt sammen").evaluate(CELLS_OUTSIDE) == []
    within_the_screen(contributions.get_by_text("16. september 2024 – løbende"))
    screenshot(page, "phone-party-ledger")
    audit.check("phone-party-ledger-axe", shoot=False)

    page.goto("/organisationer/?q=Mejeriet")
    organisations = page.locator("main table")
    assert organisations.evaluate(CELLS_OUTSIDE) == []
    within_the_screen(organisations.get_by_text("47165067"))
    page.goto("/organisationer/")
    expect(page.get_by_text("Side 1 af 3")).to_be_visible()
    expect(page.get_by_role("link", name="Næste side")).to_be_visible()
    screenshot(page, "phone-organisations")
    audit.check("phone-organisations-axe", shoot=False)

    page.goto(f"/alliancer/{alliance.slug}/")
    members = page.locator("section", has=page.get_by_role("heading", name="Medlemmer")).locator("table")
    assert members.evaluate(CELLS_OUTSIDE) == []
    audit.assert_clean()
