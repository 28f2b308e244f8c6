"""Migration ledger.0003 turns the public flag into a reading level without changing who
reads what: public stays public, everything else is for the alliance's members, and the
audit trail speaks of the new field."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("ledger", "0002_ledger_change_into_audit"), ("core", "0001_audit")]
AFTER = [("ledger", "0003_entry_visibility"), ("core", "0002_auditrecord_restricted")]


def migrate(targets):
    """Step the ledger and the audit to `targets`; the alliances stay fully migrated."""
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    targets = targets + executor.loader.graph.leaf_nodes("alliances")
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_public_stays_public_and_the_rest_is_for_members():
    old = migrate(BEFORE)
    try:
        Organisation = old.get_model("alliances", "Organisation")
        Alliance = old.get_model("alliances", "Alliance")
        Party = old.get_model("alliances", "Party")
        Contribution = old.get_model("ledger", "Contribution")
        AuditRecord = old.get_model("core", "AuditRecord")
        ContentType = old.get_model("contenttypes", "ContentType")
        lejre = Organisation.objects.create(name="Lejre Kommune (migration)", kind="kommune")
        alliance = Alliance.objects.create(
            title="Før niveauerne", slug="foer-niveauerne", summary="R", purpose="F",
            welfare_area="aeldre", lead_organisation=lejre, visibility="offentlig",
        )
        party = Party.objects.create(alliance=alliance, organisation=lejre, role_description="Leder.")
        common = {"party": party, "kind": "penge", "quantity": 1, "unit": "kr", "period_start": datetime.date(2026, 1, 1)}
        public = Contribution.objects.create(description="Offentligt", is_public=True, **common)
        members = Contribution.objects.create(description="For medlemmer", is_public=False, **common)
        content_type, _created = ContentType.objects.get_or_create(app_label="ledger", model="contribution")
        record = AuditRecord.objects.create(
            content_type=content_type, object_id=public.pk, object_label="Offentligt", action="aendret",
            changes={"is_public": ["0", "1"], "description": ["Gammelt", "Offentligt"]},
        )

        new = migrate(AFTER)
        Contribution = new.get_model("ledger", "Contribution")
        AuditRecord = new.get_model("core", "AuditRecord")
        assert Contribution.objects.get(pk=public.pk).visibility == "offentlig"
        assert Contribution.objects.get(pk=members.pk).visibility == "medlemmer"
        changes = AuditRecord.objects.get(pk=record.pk).changes
        assert changes == {"visibility": ["medlemmer", "offentlig"], "description": ["Gammelt", "Offentligt"]}
        assert AuditRecord.objects.get(pk=record.pk).restricted is False
    finally:
        # Leave the database as every other test expects it: fully migrated.
        executor = MigrationExecutor(connection)
        executor.loader.build_graph()
        executor.migrate(executor.loader.graph.leaf_nodes())
