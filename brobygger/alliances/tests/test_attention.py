"""What the front page says needs a coordinator's or top leader's attention."""

import datetime

import time_machine

from brobygger.alliances import selectors, services
from brobygger.alliances.models import MemberRole, Organisation


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
