"""What people do in a real browser: a coordinator sets up and runs an alliance, someone
makes mistakes in a form, someone uses only the keyboard, someone uses a phone."""

import re

import pytest
from django.core import mail
from playwright.sync_api import expect

from brobygger.alliances import services
from brobygger.alliances.models import Alliance, Invitation, Organisation, Phase
from conftest import make_user

from .conftest import DESKTOP, PASSWORD, PHONE, log_in

pytestmark = pytest.mark.browser


def create_alliance(page, title: str) -> None:
    page.goto("/alliancer/ny/")
    fill_alliance_form(page, title)


def fill_alliance_form(page, title: str) -> None:
    page.get_by_label("Titel").fill(title)
    page.get_by_label("Kort resumé").fill("Lokale landmænd leverer økologisk mælk til plejehjem.")
    page.get_by_label("Formål – det fælles hvorfor").fill(
        "Kommunen, landmændene og mejeriet får sammen mere økologi på bordet."
    )
    page.get_by_label("Velfærdsområde").select_option(label="Ældre")
    page.get_by_label("Ledende offentlige organisation").select_option(
        label="Lejre Kommune (kommune)"
    )
    page.get_by_label("Offentlig – alle kan læse alliancens side").check()
    page.get_by_role("button", name="Opret alliance").click()


def test_coordinator_creates_and_runs_an_alliance(page, people):
    log_in(page, people.coordinator)
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goddag")

    # Create the alliance and land on its page.
    create_alliance(page, "Grøn mælk i Lejre")
    expect(page).to_have_url(re.compile(r"/alliancer/groen-maelk-i-lejre/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Grøn mælk i Lejre")
    expect(page.get_by_role("status")).to_contain_text("Alliancen er oprettet")
    alliance = Alliance.objects.get(title="Grøn mælk i Lejre")
    assert alliance.visibility == "offentlig"
    assert alliance.lead_organisation.name == "Lejre Kommune"

    # Add a party that is a new company.
    page.get_by_role("link", name="Tilføj part").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(
        "Tilføj part til Grøn mælk i Lejre"
    )
    page.get_by_label("Opret en ny organisation").check()
    page.get_by_label("Den nye organisations navn").fill("Lejre Mejeri ApS")
    page.get_by_label("Type", exact=True).select_option(label="Virksomhed")
    page.get_by_label("CVR-nummer").fill("32654142")
    page.get_by_label("Partens rolle i alliancen").fill("Tapper mælken og kører den ud.")
    page.get_by_role("button", name="Tilføj part").click()
    expect(page).to_have_url(re.compile(r"/alliancer/groen-maelk-i-lejre/$"))
    expect(page.get_by_role("status")).to_contain_text("Lejre Mejeri ApS er nu part i alliancen")
    parties = page.locator("section", has=page.locator("#parties-heading"))
    expect(parties.get_by_role("link", name="Lejre Mejeri ApS", exact=True)).to_be_visible()
    assert Organisation.objects.get(name="Lejre Mejeri ApS").cvr == "32654142"

    # Add a party that already exists in Brobygger.
    page.get_by_role("link", name="Tilføj part").click()
    page.get_by_label("Vælg en organisation, der allerede findes i Brobygger").check()
    page.get_by_label("Eksisterende organisation").select_option(
        label="Landmændenes Forening (frivillig forening)"
    )
    page.get_by_label("Partens rolle i alliancen").fill("Landmændene leverer råmælken.")
    page.get_by_role("button", name="Tilføj part").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Landmændenes Forening er nu part i alliancen"
    )
    expect(parties.get_by_role("link", name="Landmændenes Forening", exact=True)).to_be_visible()
    assert Organisation.objects.filter(name="Landmændenes Forening").count() == 1
    assert alliance.parties.count() == 3

    # Invite a member by email.
    page.get_by_role("link", name="Invitér medlem").click()
    page.get_by_label("Navn", exact=True).fill("Mette Mælkebøtte")
    page.get_by_label("E-mail").fill("mette@mejeri.example.dk")
    page.get_by_label("Partner-repræsentant").check()
    page.get_by_label("Part", exact=True).select_option(label="Lejre Mejeri ApS")
    page.get_by_role("button", name="Send invitation").click()
    expect(page.get_by_role("status")).to_contain_text(
        "Invitationen er sendt til mette@mejeri.example.dk"
    )
    expect(page.get_by_text("Mette Mælkebøtte (mette@mejeri.example.dk)")).to_be_visible()
    invitation = Invitation.objects.get(alliance=alliance)
    assert invitation.email == "mette@mejeri.example.dk"
    # The live server runs in this process and the test task backend runs tasks at once.
    sent = [message for message in mail.outbox if message.to == ["mette@mejeri.example.dk"]]
    assert len(sent) == 1
    assert "Grøn mælk i Lejre" in sent[0].subject
    assert "/konto/invitation/" in sent[0].body


def test_phase_changes_in_place(page, people):
    log_in(page, people.coordinator)
    page.goto(people.public.get_absolute_url())
    page.evaluate("window.loadedOnce = true")  # gone if the page reloads
    section = page.locator("#phase-section")

    section.get_by_label("Ny fase").select_option(label="Afklaring")
    section.get_by_label("Begrundelse").fill("Parterne er enige om at gå videre.")
    section.get_by_role("button", name="Skift fase").click()

    section = page.locator("#phase-section")
    expect(section.get_by_role("status")).to_have_text("Fasen er ændret til Afklaring.")
    history = section.locator("h3:has-text('Historik') + ul")
    expect(history).to_contain_text("fra Idé til Afklaring")
    expect(history).to_contain_text("Parterne er enige om at gå videre.")
    expect(section.locator("ol strong")).to_have_text("Afklaring")
    # The facts at the top of the page follow the change too.
    expect(page.locator("#alliance-phase")).to_have_text("Afklaring")
    assert page.evaluate("window.loadedOnce") is True, "the page reloaded instead of swapping"
    assert page.locator("#phase-section").count() == 1
    people.public.refresh_from_db()
    assert people.public.phase == Phase.CLARIFICATION

    # The swapped form works again, and a wrong choice is answered in place.
    section.get_by_role("button", name="Skift fase").click()
    expect(section.locator(".form-error-message")).to_contain_text("allerede i denne fase")
    # brobygger.js starts the design system's error summary in the swapped content.
    expect(section.locator('[data-module="error-summary"]')).to_be_focused()
    assert page.evaluate("window.loadedOnce") is True


def test_alliance_list_filters_swap_the_results(page, people):
    from brobygger.alliances import services

    services.alliance_change_phase(
        alliance=people.internal, to_phase=Phase.OPERATION, actor=people.coordinator
    )
    log_in(page, people.coordinator)
    page.goto("/alliancer/")
    page.evaluate("window.loadedOnce = true")
    results = page.locator("#alliance-results")
    expect(results.get_by_role("heading", level=2)).to_contain_text("3 alliancer")

    page.get_by_label("Fase", exact=True).select_option(label="Drift")
    expect(results.get_by_role("heading", level=2)).to_contain_text("1 alliance")
    expect(results.get_by_role("link", name="Intern mælk")).to_be_visible()
    expect(results.get_by_role("link", name="Offentlig mælk")).to_have_count(0)
    expect(page).to_have_url(re.compile(r"/alliancer/\?.*fase=drift"))
    assert page.locator("#alliance-results").count() == 1, "the results were nested, not replaced"

    page.get_by_label("Fase", exact=True).select_option(label="Alle faser")
    expect(results.get_by_role("heading", level=2)).to_contain_text("3 alliancer")
    page.get_by_label("Søg", exact=True).fill("Hemmelig")
    page.get_by_label("Søg", exact=True).press("Enter")
    expect(results.get_by_role("heading", level=2)).to_contain_text("1 alliance")
    expect(results.get_by_role("link", name="Hemmelig mælk")).to_be_visible()
    expect(page).to_have_url(re.compile(r"q=Hemmelig"))
    assert page.evaluate("window.loadedOnce") is True, "the page reloaded instead of swapping"

    # The pushed address is a real page: loading it shows the same result.
    page.reload()
    expect(page.locator("#alliance-results").get_by_role("heading", level=2)).to_contain_text(
        "1 alliance"
    )
    expect(page.get_by_label("Søg", exact=True)).to_have_value("Hemmelig")


def test_empty_create_form_shows_danish_errors(page, people):
    log_in(page, people.coordinator)
    page.goto("/alliancer/ny/")
    page.get_by_role("button", name="Opret alliance").click()

    summary = page.locator('[data-module="error-summary"]')
    expect(summary).to_be_visible()
    expect(summary).to_contain_text("Der er fejl i formularen")
    expect(summary).to_be_focused()
    for label in ("Titel", "Kort resumé", "Velfærdsområde", "Ledende offentlige organisation"):
        field = page.get_by_label(label, exact=True)
        expect(field).to_have_attribute("aria-invalid", "true")
        described_by = field.get_attribute("aria-describedby").split()
        error_id = next(id_ for id_ in described_by if id_.endswith("-error"))
        expect(page.locator(f"#{error_id}")).to_have_text("Fejl: Dette felt er påkrævet.")
    assert Alliance.objects.count() == 3

    # A link in the summary moves focus to its field.
    summary.get_by_role("link", name=re.compile("^Kort resumé")).click()
    expect(page.get_by_label("Kort resumé")).to_be_focused()
    summary.get_by_role("link", name=re.compile("^Ledende offentlige organisation")).click()
    expect(page.get_by_label("Ledende offentlige organisation")).to_be_focused()

    # Filling in the same form afterwards works.
    fill_alliance_form(page, "Efter fejlene")
    expect(page.get_by_role("heading", level=1)).to_have_text("Efter fejlene")


def test_skip_link_is_the_first_tab_stop(page, people):
    page.goto("/")
    page.keyboard.press("Tab")
    skip = page.locator("a.skipnav")
    expect(skip).to_be_focused()
    expect(skip).to_have_text("Gå til sidens indhold")
    expect(skip).to_be_in_viewport()
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"#main-content$"))
    expect(page.locator("#main-content")).to_be_focused()
    # The next Tab goes on from the content, not from the top of the page.
    page.keyboard.press("Tab")
    assert page.evaluate("document.getElementById('main-content').contains(document.activeElement)")


def test_log_in_with_the_keyboard_only(page, people):
    page.goto("/konto/login/")
    expect(page.get_by_label("Brugernavn eller e-mail")).to_be_focused()
    page.keyboard.type(people.coordinator.username)
    page.keyboard.press("Tab")
    expect(page.get_by_label("Adgangskode")).to_be_focused()
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page).to_have_url(re.compile(r"/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Goddag")


def test_wrong_password_is_told_in_danish(page, people):
    log_in_page = "/konto/login/"
    page.goto(log_in_page)
    page.get_by_label("Brugernavn eller e-mail").fill(people.coordinator.username)
    page.get_by_label("Adgangskode").fill("forkert")
    page.get_by_label("Adgangskode").press("Enter")
    expect(page.get_by_role("alert")).to_contain_text("brugernavn")
    expect(page).to_have_url(re.compile(log_in_page))


PHONE_PAGES = ["/", "/alliancer/", "/organisationer/", "/konto/login/", "/privatliv/", "/cookies/"]


def assert_no_horizontal_scroll(page) -> None:
    widths = page.evaluate(
        "[document.documentElement.scrollWidth, document.documentElement.clientWidth]"
    )
    assert widths[0] <= widths[1], f"{page.url} scrolls sideways: {widths[0]}px > {widths[1]}px"


def test_phone_width_has_no_horizontal_scroll(page, people):
    page.set_viewport_size(PHONE)
    for path in PHONE_PAGES:
        page.goto(path)
        assert_no_horizontal_scroll(page)
    log_in(page, people.coordinator)
    for path in [
        "/",
        people.public.get_absolute_url(),
        "/alliancer/ny/",
        f"{people.public.get_absolute_url()}parter/ny/",
        f"{people.public.get_absolute_url()}medlemmer/inviter/",
    ]:
        page.goto(path)
        assert_no_horizontal_scroll(page)
    # The members table stacks its rows, so the remove link is on screen without scrolling.
    page.goto(people.public.get_absolute_url())
    remove = page.get_by_role("link", name="Fjern Partner Testesen")
    remove.scroll_into_view_if_needed()
    expect(remove).to_be_in_viewport(ratio=1)


def test_phone_menu_opens_the_drawer(page, people):
    page.set_viewport_size(PHONE)
    page.goto("/")
    drawer = page.locator(".mobile-drawer")
    expect(drawer).to_be_hidden()
    expect(page.locator(".navigation-menu .mainmenu")).to_be_hidden()

    page.get_by_role("button", name="Menu", exact=True).click()
    expect(drawer).to_be_visible()
    expect(drawer).to_have_class(re.compile(r"\bis-visible\b"))
    expect(drawer.get_by_role("link", name="Alliancer")).to_be_in_viewport()
    expect(page.get_by_role("button", name="Luk menu")).to_be_focused()

    page.get_by_role("button", name="Luk menu").click()
    expect(drawer).to_be_hidden()

    page.get_by_role("button", name="Menu", exact=True).click()
    drawer.get_by_role("link", name="Alliancer").click()
    expect(page).to_have_url(re.compile(r"/alliancer/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Alliancer")

    # Back at desktop width the ordinary menu shows and the menu button does not.
    page.set_viewport_size(DESKTOP)
    expect(page.locator(".navigation-menu .mainmenu")).to_be_visible()
    expect(page.get_by_role("button", name="Menu", exact=True)).to_be_hidden()


def test_design_system_styles_load(page, people):
    page.goto("/")
    styles = page.evaluate(
        """() => {
            const skip = document.querySelector('a.skipnav');
            const text = document.createRange();
            text.selectNodeContents(skip);
            return {font: getComputedStyle(document.body).fontFamily,
                    menuDisplay: getComputedStyle(document.querySelector('.navigation-menu')).display,
                    skipTextBottom: text.getBoundingClientRect().bottom};
        }"""
    )
    assert "IBM Plex Sans" in styles["font"], styles  # the browser's default is a serif
    assert styles["skipTextBottom"] <= 0, "the skip link shows before it gets focus"
    icon_status = page.evaluate(
        "fetch(document.querySelector('svg use').getAttribute('href').split('#')[0])"
        ".then(response => response.status)"
    )
    assert icon_status == 200


def test_a_new_employee_confirms_their_organisation_with_the_keyboard(page, people):
    """Staff have registered lejre.dk. A new colleague with an address there asks for Lejre,
    follows the emailed link and confirms, using only the keyboard, and then sees Lejre's
    internal alliance."""
    services.organisation_domain_add(organisation=people.lejre, domain="lejre.dk", actor=people.staff)
    newcomer = make_user("nyansat", None)
    newcomer.email = "ny.ansat@lejre.dk"
    newcomer.set_password(PASSWORD)
    newcomer.save()
    log_in(page, newcomer)
    page.goto(people.internal.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_contain_text("Siden findes ikke")

    page.goto("/min-organisation/")
    page.get_by_role("button", name="Send link og bekræft Lejre Kommune").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Vi har sendt et link til ny.ansat@lejre.dk")
    sent = [message for message in mail.outbox if message.to == ["ny.ansat@lejre.dk"]]
    link = re.search(r"https?://[^/\s]+(/min-organisation/bekraeft/\S+/)", sent[-1].body).group(1)

    page.goto(link)
    page.get_by_role("button", name="Bekræft").focus()
    page.keyboard.press("Enter")
    expect(page.get_by_role("status")).to_contain_text("Du er nu bekræftet som medarbejder i Lejre Kommune")
    page.goto(people.internal.get_absolute_url())
    expect(page.get_by_role("heading", level=1)).to_have_text(people.internal.title)
