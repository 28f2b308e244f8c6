import datetime
from .test_value_ledger import company_party, register_value, write_agreement, ledger_url, agreement_url, balance_url
from .conftest import log_in

def test_debug(page, people):
    alliance = people.public
    party = company_party(alliance)
    register_value(alliance, party, people.partner, public=False)
    write_agreement(alliance, people.coordinator, people.partner)
    log_in(page, people.partner)
    page.goto(ledger_url(alliance, party))
    print(page.locator("main").aria_snapshot())
    page.goto(agreement_url(alliance))
    print(page.locator("main").aria_snapshot())
    page.goto(balance_url(alliance))
    print(page.evaluate("""() => { const f = document.querySelector('.balance-chart'); const s = document.querySelector('.balance-chart svg');
      return [f.outerHTML.slice(0,200), f.scrollWidth, f.clientWidth, getComputedStyle(f).overflowX, s.getBoundingClientRect().width, document.querySelector('main').scrollWidth,
      [...document.querySelectorAll('*')].filter(e => e.scrollWidth > e.clientWidth && getComputedStyle(e).overflowX != 'visible').map(e => e.tagName + '.' + e.className + ' ' + getComputedStyle(e).overflowX)]}"""))
