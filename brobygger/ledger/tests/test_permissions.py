"""Who writes a party's ledger, beyond the permission matrix's subjects (the matrix itself
is tests/test_permission_matrix.py; the ledger's expectations are in matrix.py here)."""

import pytest
from django.urls import reverse

from brobygger.core.models import AuditRecord
from brobygger.ledger.models import Contribution
from brobygger.ledger.tests.matrix import CONTRIBUTION_DATA, LEDGER_DENIED
from brobygger.testing.matrix import VISIBILITIES


@pytest.mark.parametrize("visibility", VISIBILITIES)
def test_partner_writes_only_its_own_partys_ledger(world, visibility):
    """The partner may add to the company's ledger but not to another party's (403, with
    the Danish explanation), and a POST there writes nothing; the coordinator may add to
    every party's ledger."""
    partner, coordinator = world.client("partner"), world.client("coordinator")
    for organisation in ("company", "association", "lejre"):
        path = reverse(
            "ledger:contribution_add",
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
            assert LEDGER_DENIED in response.content.decode()
            before = Contribution.objects.count(), AuditRecord.objects.count()
            assert partner.post(path, CONTRIBUTION_DATA).status_code == 403
            assert (Contribution.objects.count(), AuditRecord.objects.count()) == before
        assert coordinator.get(path).status_code == 200, path
