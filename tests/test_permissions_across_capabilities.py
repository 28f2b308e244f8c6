"""Permissions that span capabilities: one person's rights in the ledger and the agreement
together (each capability's own are in its tests/test_permissions.py)."""

from django.test import Client
from django.urls import reverse

from brobygger.agreements.tests.matrix import SIGN_DENIED
from brobygger.alliances import services
from brobygger.alliances.models import MemberRole
from brobygger.ledger.tests.matrix import LEDGER_DENIED, entries
from conftest import make_user


def test_an_observer_for_a_party_does_not_write_its_ledger_or_sign(world, landscape):
    """An observer (often a politician) who sits for the company reads its private entries
    but neither writes its ledger nor signs its part of the agreement."""
    watcher = make_user("politiker", landscape.company)
    services.membership_add(
        actor=landscape.coordinator,
        alliance=landscape.private,
        user=watcher,
        role=MemberRole.OBSERVER,
        party=world.party("private", "company"),
    )
    client = Client()
    client.force_login(watcher)
    private_goal = entries(world)["private"]["goal:priv"]
    slug = landscape.private.slug
    assert (
        client.get(
            reverse("ledger:party", kwargs={"slug": slug, "party_id": private_goal.party_id})
        ).status_code
        == 200
    )
    edit = client.get(reverse("ledger:goal_edit", kwargs={"slug": slug, "pk": private_goal.pk}))
    assert edit.status_code == 403
    assert LEDGER_DENIED in edit.content.decode()
    sign = client.get(
        reverse("agreements:part_sign", kwargs={"slug": slug, "party_id": private_goal.party_id})
    )
    assert sign.status_code == 403
    assert SIGN_DENIED in sign.content.decode()
