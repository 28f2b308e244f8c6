"""What the front page says needs a coordinator's or top leader's attention."""

import datetime

import time_machine

from brobygger.alliances import selectors, services
from brobygger.alliances.models import Alliance, MemberRole, Organisation
from brobygger.core import registry


def noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def messages_for(user, day: datetime.date) -> list[str]:
    with time_machine.travel(noon(day), tick=False):
        fresh = type(user).objects.get(pk=user.pk)  # as a new request sees them
        return [item.message for item in selectors.attention_items(fresh, day=day)]


def test_a_region_that_ceases_is_flagged_in_the_months_before(landscape):
    """Region Sjælland ends on 31 December 2026: coordinators are told from September on,
    so they can add Region Østdanmark in time; partners are not told."""
    region = Organisation.objects.get(name="Region Sjælland")
    services.party_add(actor=landscape.coordinator, alliance=landscape.public, organisation=region, role_description="Sygehus.")
    services.membership_add(
        actor=landscape.coordinator,
        alliance=landscape.public, user=landscape.public_employee, role=MemberRole.TOP_LEADER
    )

    def flagged(user, day):
        return any("Region Sjælland ophører" in m for m in messages_for(user, day))

    assert flagged(landscape.coordinator, datetime.date(2026, 11, 23))
    assert flagged(landscape.public_employee, datetime.date(2026, 11, 23))
    assert not flagged(landscape.coordinator, datetime.date(2026, 6, 1))
    assert not flagged(landscape.partner, datetime.date(2026, 11, 23))


def test_an_alliance_past_its_end_date_but_not_closed_is_flagged(landscape):
    """An end date in the past while the phase is still running asks for a phase change."""
    landscape.public.end_date = datetime.date(2026, 1, 31)
    landscape.public.save()
    messages = messages_for(landscape.coordinator, datetime.date(2026, 11, 23))
    assert any("Slutdatoen er passeret" in m for m in messages)

    services.alliance_change_phase(
        alliance=landscape.public, to_phase="afsluttet", actor=landscape.coordinator
    )
    messages = messages_for(landscape.coordinator, datetime.date(2026, 11, 23))
    assert not any("Slutdatoen er passeret" in m for m in messages)


def test_front_page_shows_attention_items_to_the_coordinator(client, landscape, today):
    """The logged-in front page lists the items under "Kræver din opmærksomhed"."""
    client.force_login(landscape.coordinator)
    html = client.get("/").content.decode()
    assert "Kræver din opmærksomhed" in html
    assert "Mangler kontaktperson" in html


# --- Kept in the shared cache (registry.attention_items) --------------------------------------


def front_items(user, day: datetime.date) -> list[str]:
    """What the front page lists, through the registry (kept items and live ones)."""
    with time_machine.travel(noon(day), tick=False):
        fresh = type(user).objects.get(pk=user.pk)
        return [f"{item.subject}: {item.message}" for item in registry.attention_items(fresh, day=day)]


def test_kept_items_are_read_again_until_a_service_changes_their_alliance(landscape):
    day = datetime.date(2026, 11, 23)
    before = front_items(landscape.coordinator, day)
    assert not any("Slutdatoen er passeret" in item for item in before)
    # Written past the services: nothing renews the alliance's version, so the kept items stand.
    Alliance.objects.filter(pk=landscape.public.pk).update(end_date=day - datetime.timedelta(days=30))
    assert front_items(landscape.coordinator, day) == before
    # Any service's record about the alliance renews it, and the items are made again.
    services.party_add(actor=landscape.coordinator, alliance=landscape.public, organisation=landscape.roskilde, role_description="Lokaler.")
    assert any(item.startswith("Offentlig mælk: Slutdatoen er passeret") for item in front_items(landscape.coordinator, day))


def test_an_alliance_the_user_is_no_member_of_asks_for_their_organisations_answer_at_once(landscape):
    day = datetime.date(2026, 11, 23)
    assert front_items(landscape.outsider, day) == []
    services.party_add(actor=landscape.coordinator, alliance=landscape.public, organisation=landscape.roskilde, role_description="Lokaler.")
    assert any("»Offentlig mælk« har angivet Roskilde Kommune som part" in item for item in front_items(landscape.outsider, day))


def test_a_new_membership_brings_its_alliances_items_at_once(landscape):
    day = datetime.date(2026, 11, 23)
    assert not any(item.startswith("Offentlig mælk:") for item in front_items(landscape.public_employee, day))
    services.membership_add(
        actor=landscape.coordinator, alliance=landscape.public, user=landscape.public_employee, role=MemberRole.TOP_LEADER
    )
    assert any(item.startswith("Offentlig mælk:") for item in front_items(landscape.public_employee, day))


def test_each_user_has_their_own_items(landscape):
    day = datetime.date(2026, 11, 23)
    coordinator_items = front_items(landscape.coordinator, day)
    assert coordinator_items
    # The observer is a member of the same alliances but runs none: nothing of the coordinator's.
    assert not set(front_items(landscape.observer, day)) & set(coordinator_items)
