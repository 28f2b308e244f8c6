"""axe-core checks the rendered pages against WCAG 2.1 A and AA (the level Danish public
web solutions must meet), and every page checked is saved as a screenshot at desktop and
phone width in test-artifacts/screenshots/ for a person to look at."""

import re

import pytest
from playwright.sync_api import expect

from brobygger.alliances import services
from conftest import make_user

from .conftest import AXE_PATH, PHONE, SCREENSHOT_DIR, log_in, screenshot

pytestmark = pytest.mark.browser

AXE_OPTIONS = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


class Audit:
    """Runs axe on one page after another and collects what it finds, so one test run
    reports every page's problems at once."""

    def __init__(self, page):
        if not AXE_PATH.exists():
            pytest.fail(f"axe-core is missing at {AXE_PATH}: run `npm ci` (or `make setup`).")
        self.page = page
        self.findings: list[str] = []
        self.checked: list[str] = []

    def check(self, name: str, *, shoot: bool = True) -> None:
        page = self.page
        page.wait_for_load_state("load")
        if shoot:
            screenshot(page, name)
        if not page.evaluate("typeof window.axe !== 'undefined'"):
            page.add_script_tag(path=str(AXE_PATH))
        result = page.evaluate("options => axe.run(document, options)", AXE_OPTIONS)
        self.checked.append(name)
        for violation in result["violations"]:
            targets = "; ".join(
                " ".join(node["target"])
                if isinstance(node["target"], list)
                else str(node["target"])
                for node in violation["nodes"][:8]
            )
            self.findings.append(
                f"{name} ({page.url}): {violation['id']} [{violation['impact']}] "
                f"{violation['help']} -> {targets}"
            )

    def assert_clean(self) -> None:
        assert not self.findings, (
            f"axe found WCAG 2.1 AA violations on {len(self.findings)} page(s) "
            f"of {len(self.checked)} checked:\n" + "\n".join(self.findings)
        )


def test_pages_anyone_can_see(page, people):
    audit = Audit(page)
    page.goto("/")
    audit.check("front-anonymous")
    page.goto("/alliancer/")
    audit.check("alliance-list-anonymous")
    page.goto(people.public.get_absolute_url())
    audit.check("alliance-detail-anonymous")
    page.goto("/konto/login/")
    audit.check("login")
    page.get_by_label("Brugernavn eller e-mail").fill("ingen")
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_label("Adgangskode").press("Enter")
    expect(page.get_by_role("alert")).to_be_visible()
    audit.check("login-error")
    page.goto("/organisationer/")
    audit.check("organisation-list")
    page.goto(people.lejre.get_absolute_url())
    audit.check("organisation-detail-municipality")
    page.goto(people.company.get_absolute_url())
    audit.check("organisation-detail-company")
    page.goto("/privatliv/")
    audit.check("privacy")
    page.goto("/cookies/")
    audit.check("cookies")
    page.goto("/findes-ikke/")
    audit.check("not-found")
    page.goto("/api/v1/docs")
    audit.check("api-docs")

    # The phone menu, open.
    page.set_viewport_size(PHONE)
    page.goto("/")
    page.get_by_role("button", name="Menu", exact=True).click()
    expect(page.locator(".mobile-drawer")).to_be_visible()
    audit.check("front-phone-menu-open", shoot=False)
    page.screenshot(path=SCREENSHOT_DIR / "front-menu-open-phone.png")
    audit.assert_clean()


def test_pages_of_a_coordinator(page, people):
    services.invitation_create(
        alliance=people.public,
        email="ny@example.dk",
        name="Ny Person",
        role="observator",
        party=people.public.parties.first(),
        actor=people.coordinator,
        base_url="http://testserver/",
    )
    audit = Audit(page)
    log_in(page, people.coordinator)
    audit.check("front-coordinator")
    page.goto("/alliancer/")
    audit.check("alliance-list-coordinator")
    detail = people.public.get_absolute_url()
    page.goto(detail)
    expect(page.locator("#members-heading")).to_be_visible()
    expect(page.locator("#phase-section form")).to_be_visible()
    audit.check("alliance-detail-coordinator")

    # The phase section after htmx swapped in a success, then an error.
    section = page.locator("#phase-section")
    section.get_by_label("Ny fase").select_option(label="Afklaring")
    section.get_by_role("button", name="Skift fase").click()
    expect(section.get_by_role("status")).to_be_visible()
    audit.check("alliance-detail-phase-changed", shoot=False)
    section.get_by_role("button", name="Skift fase").click()
    expect(section.locator(".form-error-message")).to_be_visible()
    audit.check("alliance-detail-phase-error")

    page.goto(f"{detail}rediger/")
    audit.check("alliance-edit")
    page.goto(f"{people.lejre.get_absolute_url()}rediger/")
    expect(page.get_by_role("heading", level=1)).not_to_contain_text("adgang")
    audit.check("organisation-edit")
    page.goto("/konto/")
    audit.check("profile")
    # A new API token, shown once; then the question before it is revoked.
    page.goto("/konto/api-noegler/")
    page.get_by_role("button", name="Lav nøgle").click()
    expect(page.locator(".form-error-message")).to_be_visible()
    audit.check("api-tokens-error")
    page.get_by_label("Navn").fill("Kommunens BI")
    page.get_by_role("button", name="Lav nøgle").click()
    expect(page.get_by_label("Nøgle", exact=True)).to_have_value(re.compile("^bbg_"))
    audit.check("api-tokens-new")
    page.get_by_role("link", name="Træk tilbage Kommunens BI").click()
    audit.check("api-token-revoke")
    page.get_by_role("button", name="Ja, træk nøglen tilbage").click()
    expect(page.get_by_text("er trukket tilbage og virker ikke længere")).to_be_visible()
    audit.assert_clean()


def test_forms_empty_and_with_errors(page, people):
    audit = Audit(page)
    log_in(page, people.coordinator)

    page.goto("/alliancer/ny/")
    audit.check("alliance-create")
    page.get_by_role("button", name="Opret alliance").click()
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("alliance-create-errors")

    party_add = f"{people.public.get_absolute_url()}parter/ny/"
    page.goto(party_add)
    audit.check("party-add")
    page.get_by_label("Opret en ny organisation").check()
    expect(page.get_by_label("Den nye organisations navn")).to_be_visible()
    audit.check("party-add-new-organisation", shoot=False)
    page.get_by_label("CVR-nummer").fill("1234")
    page.get_by_role("button", name="Tilføj part").click()
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("party-add-errors")

    invite = f"{people.public.get_absolute_url()}medlemmer/inviter/"
    page.goto(invite)
    audit.check("member-invite")
    page.get_by_label("E-mail").fill("ikke en adresse")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("member-invite-errors")
    audit.assert_clean()


def test_pages_of_who_works_where(page, people):
    """The staff's view of an organisation (its domains, a request, a refused domain) and
    the review page; a user's own "Min organisation" with a search."""
    services.organisation_domain_add(organisation=people.lejre, domain="lejre.dk", actor=people.staff)
    hopeful = make_user("haabefuld", None)
    services.affiliation_request(actor=hopeful, organisation=people.lejre, base_url="http://testserver/")
    audit = Audit(page)
    log_in(page, people.staff)
    page.goto(people.lejre.get_absolute_url())
    expect(page.get_by_role("heading", name="E-maildomæner")).to_be_visible()
    audit.check("organisation-detail-staff")
    page.get_by_label("E-maildomæne").fill("gmail.com")
    page.get_by_role("button", name="Registrér domæne").click()
    expect(page.locator('[data-module="error-summary"]')).to_be_visible()
    audit.check("organisation-domain-error")
    page.goto("/personale/tilknytninger/")
    audit.check("affiliation-review")

    page.context.clear_cookies()
    log_in(page, people.partner)
    page.goto("/min-organisation/")
    audit.check("affiliation-verified")
    page.goto("/min-organisation/?q=lejre")
    expect(page.get_by_role("button", name="Det er min organisation (Lejre Kommune)")).to_be_visible()
    audit.check("affiliation-search")
    page.get_by_role("button", name="Det er min organisation (Lejre Kommune)").click()
    expect(page.get_by_text("Din anmodning er sendt")).to_be_visible()
    audit.check("affiliation-requested")
    audit.assert_clean()


def test_history_pages(page, people):
    """The alliance's history for its coordinator, and every change for staff."""
    services.alliance_change_phase(
        actor=people.coordinator, alliance=people.public, to_phase="afklaring", note="Klar til næste skridt."
    )
    audit = Audit(page)
    log_in(page, people.coordinator)
    page.goto(f"{people.public.get_absolute_url()}historik/")
    expect(page.get_by_role("heading", name="Historik", level=2)).to_be_visible()
    audit.check("alliance-history")
    page.context.clear_cookies()
    log_in(page, people.staff)
    page.goto("/personale/historik/")
    audit.check("all-history")
    audit.assert_clean()


def test_the_audit_reports_what_it_finds(page, reference_data):
    """The checks above are only worth something if axe reports a real problem."""
    page.goto("/privatliv/")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input type=\"text\">')"
    )
    audit = Audit(page)
    audit.check("broken-on-purpose", shoot=False)
    assert any(": label [critical]" in finding for finding in audit.findings), audit.findings
    with pytest.raises(AssertionError, match="input"):
        audit.assert_clean()


def test_consent_and_confidential_entries(page, people):
    """An organisation's answer to being named as a party (staff answers for Andet Firma), and
    the ledger's reading levels: the three choices in the form, chosen by keyboard, and a
    member's view of a party with confidential entries."""
    import datetime
    from decimal import Decimal

    from brobygger.alliances.models import Organisation, Party
    from brobygger.ledger import services as ledger_services

    firm = Organisation.objects.get(name="Andet Firma ApS")
    services.party_add(actor=people.coordinator, alliance=people.public, organisation=firm, role_description="Emballage.")
    audit = Audit(page)
    log_in(page, people.staff)
    page.goto(firm.get_absolute_url())
    expect(page.get_by_role("heading", name="Alliancer, der har angivet organisationen som part")).to_be_visible()
    audit.check("organisation-consent-pending")
    page.get_by_role("button", name=f"Bekræft ({people.public.title})").click()
    expect(page.get_by_text("Ingen alliancer venter på jeres svar.")).to_be_visible()
    audit.check("organisation-consent-answered", shoot=False)

    company = Party.objects.get(alliance=people.public, organisation=people.company)
    ledger_services.contribution_create(
        actor=people.partner,
        party=company,
        kind="ekspertise",
        description="Rådgivning til den aftalte dagspris",
        quantity=Decimal("2"),
        unit="dage",
        estimated_value=Decimal("9500"),
        period_start=datetime.date(2026, 1, 1),
        visibility="fortrolig",
    )
    page.context.clear_cookies()
    log_in(page, people.partner)
    page.goto(f"/alliancer/{people.public.slug}/vaerdi/parter/{company.pk}/bidrag/ny/")
    members = page.get_by_label("Alliancens medlemmer: alle medlemmer, også observatører")
    expect(members).to_be_checked()
    members.focus()
    page.keyboard.press("ArrowDown")
    expect(page.get_by_label("Fortrolig: kun partens egne repræsentanter", exact=False)).to_be_checked()
    audit.check("ledger-contribution-levels")

    page.context.clear_cookies()
    log_in(page, people.observer)
    page.goto(f"/alliancer/{people.public.slug}/vaerdi/parter/{company.pk}/")
    expect(page.get_by_text("Parten har fortrolige poster")).to_be_visible()
    expect(page.get_by_text("Rådgivning til den aftalte dagspris")).to_have_count(0)
    audit.check("ledger-party-confidential-left-out")
    audit.assert_clean()
