"""What the first week of real users would hit (issue 12): pending invitations can be withdrawn
and sent again, the members table names a party only when there is one, the system's own words
follow the reader's language, a company's CVR number is not called optional, and every page
about an alliance or an organisation says where it is."""

import datetime
import re

import pytest
import time_machine
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from brobygger.alliances import services
from brobygger.alliances.models import Invitation, MemberRole
from conftest import make_user

from .test_invitations import link_in, send_mail_on_commit  # noqa: F401  (a fixture)


def client_for(user=None) -> Client:
    client = Client()
    if user is not None:
        client.force_login(user)
    return client


@pytest.fixture
def invited(today, landscape, mailoutbox, send_mail_on_commit):  # noqa: F811
    """The coordinator invited Nina through the page yesterday; the email is in the outbox."""
    client = client_for(landscape.coordinator)
    party = landscape.public.parties.get(organisation=landscape.association)
    with time_machine.travel(timezone.now() - datetime.timedelta(days=1), tick=False):
        send_mail_on_commit(
            client,
            reverse("alliances:member_invite", kwargs={"slug": landscape.public.slug}),
            {"name": "Nina Nielsen", "email": "nina@landmaend.example", "role": MemberRole.PARTNER, "party": party.pk},
        )
    assert len(mailoutbox) == 1
    return Invitation.objects.get(email="nina@landmaend.example")


def test_a_coordinator_withdraws_an_invitation_and_its_link_stops_working(landscape, invited, mailoutbox):
    link = link_in(mailoutbox[0])
    assert Client().get(link).status_code == 200
    client = client_for(landscape.coordinator)
    page = client.get(landscape.public.get_absolute_url()).content.decode()
    assert "Træk tilbage" in page and "Send igen" in page
    response = client.post(
        reverse("alliances:invitation_withdraw", kwargs={"slug": landscape.public.slug, "invitation_id": invited.pk})
    )
    assert response.status_code == 302
    assert Client().get(link).status_code == 404
    page = client.get(landscape.public.get_absolute_url()).content.decode()
    assert "nina@landmaend.example" not in page
    invited.refresh_from_db()
    assert (invited.withdrawn_by, invited.withdrawn_at is not None) == (landscape.coordinator, True)
    # A withdrawn invitation is neither "expired" on the front page nor withdrawn twice.
    again = client.post(
        reverse("alliances:invitation_withdraw", kwargs={"slug": landscape.public.slug, "invitation_id": invited.pk})
    )
    assert again.status_code == 404


def test_a_coordinator_sends_an_invitation_again_with_a_new_link(landscape, invited, mailoutbox, send_mail_on_commit):  # noqa: F811
    old_link = link_in(mailoutbox[0])
    old_expiry = invited.expires_at
    client = client_for(landscape.coordinator)
    url = reverse("alliances:invitation_resend", kwargs={"slug": landscape.public.slug, "invitation_id": invited.pk})
    assert send_mail_on_commit(client, url, {}).status_code == 302
    assert len(mailoutbox) == 2
    new_link = link_in(mailoutbox[1])
    assert new_link != old_link
    assert Client().get(old_link).status_code == 404
    assert Client().get(new_link).status_code == 200
    invited.refresh_from_db()
    assert invited.expires_at > old_expiry
    # Not again within the hour: a clear message, no email.
    response = send_mail_on_commit(client, url, {})
    assert response.status_code == 302
    assert len(mailoutbox) == 2
    page = client.get(response["Location"]).content.decode()
    assert "Vent lidt, før du sender den igen" in page


def test_only_coordinators_are_offered_the_invitation_buttons(landscape, invited):
    page = client_for(landscape.partner).get(landscape.public.get_absolute_url()).content.decode()
    assert "Træk tilbage" not in page and "Send igen" not in page
    response = client_for(landscape.partner).post(
        reverse("alliances:invitation_withdraw", kwargs={"slug": landscape.public.slug, "invitation_id": invited.pk})
    )
    assert response.status_code == 403
    invited.refresh_from_db()
    assert invited.withdrawn_at is None


def test_the_members_table_names_a_party_only_when_the_member_speaks_for_one(landscape):
    """The observer works for Lejre Kommune but speaks for no party: the table says so rather
    than naming Lejre."""
    other = make_user("andenkoordinator", landscape.roskilde)
    services.membership_add(actor=landscape.coordinator, alliance=landscape.public, user=other, role=MemberRole.COORDINATOR)
    page = client_for(landscape.coordinator).get(landscape.public.get_absolute_url()).content.decode()
    members = page.split('id="members-heading"')[1].split("</table>")[0]
    row = next(row for row in members.split("<tr") if "Andenkoordinator Testesen" in row)
    assert "Roskilde Kommune" not in row
    assert "Ingen part" in row


def test_the_lead_partys_role_follows_the_readers_language(landscape):
    """The lead party the system creates has no stored role; Danish readers read it in Danish,
    English readers in English."""
    alliance = services.alliance_create(
        actor=landscape.coordinator,
        title="Sprog for alle",
        summary="Resumé.",
        purpose="Formål.",
        welfare_area="aeldre",
        lead_organisation=landscape.lejre,
        visibility="offentlig",
    )
    assert alliance.parties.get().role_description == ""
    danish = Client().get(alliance.get_absolute_url()).content.decode()
    assert "Ledende offentlig organisation." in danish
    english = Client(headers={"accept-language": "en"})
    english.cookies["django_language"] = "en"
    body = english.get(alliance.get_absolute_url()).content.decode()
    assert "Lead public organisation." in body
    assert "Ledende offentlig organisation." not in body


def test_a_companys_cvr_number_is_not_called_optional(landscape):
    """Adding a new organisation as a party: the CVR number is required for companies, so its
    label does not say "(frivilligt)"."""
    page = client_for(landscape.coordinator).get(
        reverse("alliances:party_add", kwargs={"slug": landscape.public.slug})
    ).content.decode()
    label = page.split('for="id_new_cvr"')[1].split("</label>")[0]
    assert "CVR-nummer" in label and "frivilligt" not in label
    page = client_for(landscape.coordinator).get(reverse("alliances:organisation_create")).content.decode()
    label = page.split('for="id_cvr"')[1].split("</label>")[0]
    assert "frivilligt" not in label
    edit = client_for(landscape.partner).get(
        reverse("alliances:organisation_edit", kwargs={"pk": landscape.company.pk})
    ).content.decode()
    assert "frivilligt" not in edit.split('for="id_cvr"')[1].split("</label>")[0]


@pytest.mark.parametrize(
    "name, crumbs",
    [
        ("edit", ["Forside", "Alliancer", "Offentlig mælk", "Redigér"]),
        ("organisation", ["Forside", "Organisationer", "Mejeriet A/S"]),
        ("organisation_edit", ["Forside", "Organisationer", "Mejeriet A/S", "Redigér"]),
        ("create", ["Forside", "Alliancer", "Opret alliance"]),
    ],
)
def test_every_page_says_where_it_is(landscape, name, crumbs):
    """The pages that had no breadcrumb: editing an alliance (with the alliance's own
    breadcrumb), creating one, an organisation's page and its edit page."""
    urls = {
        "edit": reverse("alliances:edit", kwargs={"slug": landscape.public.slug}),
        "organisation": landscape.company.get_absolute_url(),
        "organisation_edit": reverse("alliances:organisation_edit", kwargs={"pk": landscape.company.pk}),
        "create": reverse("alliances:create"),
    }
    user = landscape.partner if name == "organisation_edit" else landscape.coordinator
    page = client_for(user).get(urls[name]).content.decode()
    trail = page.split('class="breadcrumbs"')[1].split("</nav>")[0]
    positions = [trail.find(crumb) for crumb in crumbs]
    assert all(position >= 0 for position in positions), (crumbs, trail)
    assert positions == sorted(positions)
    assert 'aria-current="page"' in trail


def test_logging_out_is_offered_in_the_header(landscape):
    page = client_for(landscape.partner).get("/").content.decode()
    header = page.split("</header>")[0]
    assert header.count('action="/konto/logout/"') == 2  # the desktop header and the phone menu
    assert "Log af" in header
    assert "Log af" not in Client().get("/").content.decode().split("</header>")[0]



def test_outsiders_see_what_changed_and_when_but_never_who_or_why(landscape):
    """The public alliance's phase history names no person and shows no note to anyone
    outside it; its members see both."""
    services.alliance_change_phase(
        actor=landscape.coordinator, alliance=landscape.public, to_phase="afklaring", note="Aftalt på mødet med borgmesteren."
    )
    for user in (None, landscape.outsider, landscape.public_employee):
        page = client_for(user).get(landscape.public.get_absolute_url()).content.decode()
        phases = page.split('id="phase-heading"')[1]
        assert "fra Idé til Afklaring" in phases
        assert "Koordinator Testesen" not in page
        assert "Aftalt på mødet med borgmesteren." not in page
    member = client_for(landscape.observer).get(landscape.public.get_absolute_url()).content.decode()
    assert "af Koordinator Testesen" in member
    assert "Aftalt på mødet med borgmesteren." in member


def test_a_page_offers_only_what_the_rules_allow(landscape):
    """The observer (a politician for Lejre) is not offered to edit Lejre's party, which would
    answer 403; the only coordinator is not offered to remove herself; every offered edit
    link answers 200."""
    from brobygger.alliances.models import Membership

    Membership.objects.filter(alliance=landscape.public, user=landscape.observer).update(
        party=landscape.public.parties.get(organisation=landscape.lejre)
    )
    observer = client_for(landscape.observer)
    page = observer.get(landscape.public.get_absolute_url()).content.decode()
    assert "Redigér oplysninger om" not in page
    coordinator = client_for(landscape.coordinator)
    page = coordinator.get(landscape.public.get_absolute_url()).content.decode()
    assert "Fjern Koordinator Testesen" not in page
    assert "Eneste koordinator" in page
    assert "Fjern Observator Testesen" in page
    partner = client_for(landscape.partner)
    page = partner.get(landscape.public.get_absolute_url()).content.decode()
    links = re.findall(r'href="(/alliancer/[^"]+/parter/\d+/rediger/)"', page)
    assert links and all(partner.get(link).status_code == 200 for link in links)
