"""`brobygger export_alliance <slug>` gathers every capability's export of one alliance."""

import datetime
import json
from decimal import Decimal
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from brobygger.agreements import services as agreement_services
from brobygger.ledger import services as ledger_services


@pytest.mark.django_db
def test_an_alliance_is_exported_with_what_each_capability_keeps(landscape, today):
    alliance = landscape.internal
    company = alliance.parties.get(organisation=landscape.company)
    ledger_services.contribution_create(
        actor=landscape.partner,
        party=company,
        kind="penge",
        description="Tilskud til mælken",
        quantity=Decimal("1250.50"),
        unit="kr",
        period_start=datetime.date(2026, 1, 1),
    )
    agreement_services.terms_update(
        actor=landscape.coordinator,
        alliance=alliance,
        shared_why="Bedre mad.",
        governance="Styregruppe.",
        ending="Tre måneder.",
    )
    out = StringIO()
    call_command("export_alliance", alliance.slug, stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"alliance", "ledger", "agreement"}
    assert data["alliance"]["title"] == "Intern mælk"
    assert {party["organisation"] for party in data["alliance"]["parties"]} == {
        "Lejre Kommune",
        "Mejeriet A/S",
        "Landmændenes Forening",
    }
    assert data["ledger"]["contributions"][0]["quantity"] == "1250.50"
    assert data["agreement"]["terms_versions"][0]["shared_why"] == "Bedre mad."


@pytest.mark.django_db
def test_an_unknown_alliance_is_an_error():
    with pytest.raises(CommandError, match="findes-ikke"):
        call_command("export_alliance", "findes-ikke", stdout=StringIO())
