"""Parties and organisations, beyond the permission matrix's subjects (the matrix itself is
tests/test_permission_matrix.py; the foundation's expectations are in matrix.py here)."""

from urllib.parse import parse_qs, urlsplit

import pytest
from django.test import Client
from django.urls import reverse

from brobygger.alliances.models import Membership
from brobygger.alliances.tests.matrix import PARTY_DENIED
from brobygger.testing.matrix import ANONYMOUS, KINDS, VISIBILITIES


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_partner_edits_only_its_own_party(world, visibility):
    """A partner-repræsentant may edit its own party (200) but not another party of the
    same alliance (403, with a Danish explanation); the coordinator may edit every party."""
    partner, coordinator = world.client("partner"), world.client("coordinator")
    for organisation in ("company", "association", "lejre"):
        path = reverse(
            "alliances:party_edit",
            kwargs={
                "slug": world.alliance(visibility).slug,
                "party_id": world.party(visibility, organisation).pk,
            },
        )
        response = partner.get(path)
        if organisation == "company":
            assert response.status_code == 200, path
        else:
            assert response.status_code == 403, path
            assert PARTY_DENIED in response.content.decode()
        assert coordinator.get(path).status_code == 200, path


def test_partner_cannot_change_another_party_by_post(world):
    """A POST by the partner to another party's edit page is refused and changes nothing."""
    party = world.party("private", "association")
    before = party.role_description
    response = world.client("partner").post(
        reverse(
            "alliances:party_edit",
            kwargs={"slug": world.landscape.private.slug, "party_id": party.pk},
        ),
        {"role_description": "Overtaget af mejeriet."},
    )
    assert response.status_code == 403
    party.refresh_from_db()
    assert party.role_description == before


def test_party_of_another_alliance_is_not_found(world, landscape):
    """A party id that belongs to another alliance answers 404 under this alliance's
    address, even for the coordinator: ids cannot be borrowed across alliances."""
    foreign = world.party("private", "company")
    response = world.client("coordinator").get(
        reverse(
            "alliances:party_edit", kwargs={"slug": landscape.public.slug, "party_id": foreign.pk}
        )
    )
    assert response.status_code == 404


def test_party_representative_loses_access_when_alliance_is_unseen(world, landscape):
    """A partner who is removed from a private alliance no longer sees it: editing its
    former party answers 404, and the title does not appear."""
    Membership.objects.filter(alliance=landscape.private, user=landscape.partner).delete()
    response = world.client("partner").get(
        reverse(
            "alliances:party_edit",
            kwargs={
                "slug": landscape.private.slug,
                "party_id": world.party("private", "company").pk,
            },
        )
    )
    assert response.status_code == 404
    assert landscape.private.title not in response.content.decode()


def test_organisation_edit_only_by_its_users_and_staff(world):
    """Only users of an organisation (and staff) may edit it: Lejre's employees edit Lejre,
    the company's partner edits the company, Roskilde's employee edits neither."""
    allowed = {
        "lejre": {"coordinator", "observer", "public_employee", "staff"},
        "company": {"partner", "staff"},
        "roskilde": {"outsider", "staff"},
        "association": {"staff"},
    }
    for organisation, kinds in allowed.items():
        path = reverse(
            "alliances:organisation_edit", kwargs={"pk": world.organisations[organisation].pk}
        )
        for kind in KINDS:
            if kind == ANONYMOUS:
                continue
            status = world.client(kind).get(path).status_code
            assert status == (200 if kind in kinds else 403), (kind, organisation, status)


def test_inactive_staff_cannot_manage(landscape):
    """A staff account that is deactivated while logged in loses everything at once: its
    session no longer counts (editing the public alliance sends it to login) and the
    private alliance answers 404 without naming it."""
    client = Client()
    client.force_login(landscape.staff)
    landscape.staff.is_active = False
    landscape.staff.save()
    edit_path = reverse("alliances:edit", kwargs={"slug": landscape.public.slug})
    edit_public = client.get(edit_path)
    assert edit_public.status_code == 302
    assert parse_qs(urlsplit(edit_public["Location"]).query)["next"] == [edit_path]
    private = client.get(reverse("alliances:detail", kwargs={"slug": landscape.private.slug}))
    assert private.status_code == 404
    assert landscape.private.title not in private.content.decode()


def test_staff_see_an_alliance_read_only_in_the_admin(world, landscape):
    """The admin shows staff an alliance (they may view it) but offers no saving, and a POST
    to its change page is refused and changes nothing: alliances change through the site."""
    alliance = landscape.private
    path = reverse("admin:alliances_alliance_change", kwargs={"object_id": alliance.pk})
    staff = world.client("staff")
    page = staff.get(path)
    assert page.status_code == 200
    assert 'name="_save"' not in page.content.decode()
    response = staff.post(path, {"title": "Overtaget i admin", "visibility": "offentlig"})
    assert response.status_code == 403
    alliance.refresh_from_db()
    assert alliance.title == "Hemmelig mælk"
