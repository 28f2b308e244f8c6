"""Who signs a party's part of the agreement, beyond the permission matrix's subjects (the
matrix itself is tests/test_permission_matrix.py; the agreement's expectations are in
matrix.py here)."""

import pytest
from django.urls import reverse

from brobygger.agreements.tests.matrix import SIGN_DENIED
from brobygger.testing.matrix import VISIBILITIES


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_a_coordinator_signs_only_the_part_of_the_party_it_represents(world, visibility):
    """The coordinator works for Lejre Kommune and sits for it: it may sign Lejre's part, but
    not the association's or the company's, which it may still edit on their behalf."""
    coordinator = world.client("coordinator")
    for organisation, may_sign in (("lejre", True), ("association", False), ("company", False)):
        kwargs = {
            "slug": world.alliance(visibility).slug,
            "party_id": world.party(visibility, organisation).pk,
        }
        sign = coordinator.get(reverse("agreements:part_sign", kwargs=kwargs))
        assert sign.status_code == (200 if may_sign else 403), organisation
        if not may_sign:
            assert SIGN_DENIED in sign.content.decode()
        assert coordinator.get(reverse("agreements:part_edit", kwargs=kwargs)).status_code == 200
