"""Everyday use on a phone and a desktop (issue 12): logging out from the header, a member's
own party, pending invitations, where a page sits, prose fields and destructive buttons."""

import re

import pytest
from playwright.sync_api import expect

from brobygger.alliances import services
from brobygger.alliances.models import MemberRole, Party

from .conftest import PHONE, log_in
from .test_accessibility import Audit

pytestmark = pytest.mark.browser


def test_log_af_is_in_the_header_on_a_desktop_and_in_the_menu_on_a_phone(page, people):
    log_in(page, people.partner)
    page.goto("/")
    header = page.locator("header")
    expect(header.get_by_role("button", name="Log af")).to_be_visible()
    page.set_viewport_size(PHONE)
    page.goto("/")
    expect(page.locator(".header-user")).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    drawer = page.get_by_role("dialog", name="Menu")
    expect(drawer.get_by_role("button", name="Log af")).to_be_visible()
    drawer.get_by_role("button", name="Log af").click()
    page.goto("/konto/")
    expect(page).to_have_url(re.compile("/konto/login/"))


def test_a_coordinator_handles_invitations_and_finds_their_party_on_a_phone(page, people):
    """At phone width: "Din part" leads to the party's ledger; a pending invitation can be
    withdrawn by keyboard; the member-removal page's button looks destructive."""
    lejre = Party.objects.get(alliance=people.public, organisation=people.lejre)
    services.invitation_create(
        actor=people.coordinator,
        alliance=people.public,
        email="ny@landmaend.example",
        name="Nina Ny",
        role=MemberRole.PARTNER,
        party=lejre,
        base_url="http://testserver/",
    )
    audit = Audit(page)
    page.set_viewport_size(PHONE)
    log_in(page, people.coordinator)
    page.goto(people.public.get_absolute_url())
    expect(page.get_by_role("heading", name="Din part: Lejre Kommune")).to_be_visible()
    audit.check("alliance-detail-own-party-and-invitations")
    withdraw = page.get_by_role("button", name="Træk tilbage (Nina Ny)")
    withdraw.focus()
    page.keyboard.press("Enter")
    expect(page.get_by_text("Invitationen til Nina Ny er trukket tilbage")).to_be_visible()
    expect(page.get_by_text("ny@landmaend.example")).to_have_count(0)
    page.get_by_role("link", name="Partens værdiregnskab").click()
    expect(page.get_by_role("heading", name="Værdiregnskab for Lejre Kommune")).to_be_visible()

    membership = people.public.memberships.get(user=people.observer)
    page.goto(f"{people.public.get_absolute_url()}medlemmer/{membership.pk}/fjern/")
    button = page.get_by_role("button", name="Ja, fjern medlemmet")
    expect(button).to_have_class("button button-warning")
    audit.check("member-remove-destructive")
    audit.assert_clean()


def test_prose_fields_are_wide_enough_to_read(page, people):
    """On a desktop the purpose field is as wide as a line of reading text, not a short input."""
    log_in(page, people.coordinator)
    page.goto(f"{people.public.get_absolute_url()}rediger/")
    purpose = page.get_by_label("Formål – det fælles hvorfor")
    title = page.get_by_label("Titel")
    assert purpose.bounding_box()["width"] >= 2 * title.bounding_box()["width"] * 0.9
    assert purpose.bounding_box()["height"] >= 200
    expect(page.locator(".breadcrumbs")).to_contain_text("Redigér")


def test_the_alliance_tabs_line_runs_the_width_of_the_page(page, people):
    """The line under the alliance's tabs does not stop halfway across a desktop page."""
    page.goto(people.public.get_absolute_url())
    line = page.locator(".alliance-nav ul").bounding_box()
    main = page.locator("main").bounding_box()
    assert line["width"] >= 0.95 * main["width"]


def test_what_a_visitor_and_a_politician_see(page, people):
    """A visitor sees the phase history without names or notes, the lead party's role in
    English when reading in English, and a privacy page whose addresses are links; a
    politician (observer) is offered no edit that would be refused."""
    services.alliance_change_phase(
        actor=people.coordinator, alliance=people.public, to_phase="afklaring", note="Besluttet i styregruppen."
    )
    page.goto(people.public.get_absolute_url())
    history = page.locator("#phase-section")
    expect(history).to_contain_text("fra Idé til Afklaring")
    expect(history).not_to_contain_text("Koordinator Testesen")
    expect(history).not_to_contain_text("Besluttet i styregruppen.")
    page.goto("/privatliv/")
    expect(page.get_by_role("link", name="Datatilsynet")).to_have_attribute("href", "https://www.datatilsynet.dk/")
    log_in(page, people.observer)
    page.goto(people.public.get_absolute_url())
    expect(page.get_by_role("link", name=re.compile("^Redigér oplysninger om"))).to_have_count(0)
    expect(page.locator("#phase-section")).to_contain_text("Besluttet i styregruppen.")
