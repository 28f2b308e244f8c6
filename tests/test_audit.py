"""The audit trail: every service leaves a record, a record shows a reader only the values
they may read, and the history pages show who changed what."""

import datetime
import importlib
import inspect
from decimal import Decimal

import pytest
from django.apps import apps
from django.urls import reverse

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Organisation
from brobygger.core import audit, registry
from brobygger.core.audit import AuditMissing, service
from brobygger.core.models import AuditAction, AuditRecord
from brobygger.testing.audit import records_of

# Functions in a services module that change nothing themselves, so they need no record.
NOT_SERVICES = {
    "brobygger.accounts.services.username_for_email",  # finds a free username
    "brobygger.ledger.services.goal_deletion_refusal",  # words a refusal
    "brobygger.ledger.services.hour_kind_deletion_refusal",  # words a refusal
    "brobygger.ledger.services.perm_for",  # names the permission an entry is written with
}


def services_modules():
    for config in apps.get_app_configs():
        if not config.name.startswith("brobygger."):
            continue
        try:
            yield importlib.import_module(f"{config.name}.services")
        except ModuleNotFoundError:
            continue


def test_every_service_is_audited():
    """Every public function in every app's services.py is a @service, which runs in a
    transaction and, under the tests' strict mode, fails if it changes data without an
    audit record: a new write cannot skip the audit."""
    found, missing = [], []
    for module in services_modules():
        for name, function in inspect.getmembers(module, inspect.isfunction):
            qualified = f"{module.__name__}.{name}"
            if name.startswith("_") or function.__module__ != module.__name__ or qualified in NOT_SERVICES:
                continue
            found.append(qualified)
            if not getattr(function, "is_service", False):
                missing.append(qualified)
    assert not missing, f"Services without @service (and so without a checked audit record): {missing}"
    # The walk reaches the foundation and both capabilities.
    assert {"brobygger.alliances.services.alliance_create", "brobygger.ledger.services.goal_create", "brobygger.agreements.services.part_sign"} <= set(found)


@pytest.mark.django_db
def test_a_service_that_writes_without_a_record_fails(landscape):
    """Strict mode (on in the tests) catches a write that leaves no record."""

    @service
    def rename_silently(*, organisation):
        Organisation.objects.filter(pk=organisation.pk).update(description="Stille ændring")

    with pytest.raises(AuditMissing, match="without an audit record"):
        rename_silently(organisation=landscape.company)
    # The transaction was rolled back with the failure: nothing changed.
    assert Organisation.objects.get(pk=landscape.company.pk).description != "Stille ændring"


@pytest.mark.django_db
def test_a_change_is_recorded_with_who_what_and_on_whose_behalf(landscape):
    """Editing a party's details as the coordinator records the changed fields, before and
    after, the actor and that it was done on the party's behalf."""
    party = landscape.public.parties.get(organisation=landscape.company)
    alliance_services.party_update(
        actor=landscape.coordinator,
        party=party,
        role_description="Leverer mælk og yoghurt.",
        contact_name="Ida Holm",
    )
    record = records_of(party).get(action=AuditAction.CHANGED)
    assert record.actor == landscape.coordinator
    assert record.actor_name == "Koordinator Testesen"
    assert record.on_behalf is True
    assert (record.alliance_id, record.party_id) == (landscape.public.pk, party.pk)
    assert record.changes == {
        "role_description": ["Leverer mælken.", "Leverer mælk og yoghurt."],
        "contact_name": [None, "Ida Holm"],
    }


@pytest.mark.django_db
def test_an_edit_that_changes_nothing_records_nothing(landscape):
    party = landscape.public.parties.get(organisation=landscape.company)
    before = AuditRecord.objects.count()
    alliance_services.party_update(
        actor=landscape.partner, party=party, role_description=party.role_description
    )
    assert AuditRecord.objects.count() == before


@pytest.mark.django_db
def test_a_sensitive_field_shows_its_values_only_to_readers_the_policy_allows(landscape, today):
    """A capability marks fields whose values a reader may not see: that reader sees that the
    field changed, not from what to what; a reader the policy allows sees both."""
    from brobygger.ledger import services as ledger_services

    party = landscape.public.parties.get(organisation=landscape.company)
    contribution = ledger_services.contribution_create(
        actor=landscape.partner,
        party=party,
        kind="penge",
        description="Tilskud",
        quantity=Decimal("1000"),
        unit="kr",
        period_start=datetime.date(2026, 1, 1),
    )
    ledger_services.contribution_update(actor=landscape.partner, contribution=contribution, quantity=Decimal("2500"))
    record = records_of(contribution).get(action=AuditAction.CHANGED)
    policy = registry.AuditPolicy(
        key="ledger.contribution",
        sensitive_fields=frozenset({"quantity"}),
        may_read_values=lambda reader, entry: reader.is_staff,
    )
    with registry.audit_policies.temporarily(policy):
        hidden = audit.lines_for(record, landscape.observer)
        shown = audit.lines_for(record, landscape.staff)
    assert [(line.label, line.values_shown) for line in hidden] == [("Mængde", False)]
    assert (hidden[0].old, hidden[0].new) == ("", "")
    assert [(line.label, line.old, line.new) for line in shown] == [("Mængde", "1.000", "2.500")]
    # Without the policy every reader of the record sees the values.
    assert audit.lines_for(record, landscape.observer)[0].values_shown is True


@pytest.mark.django_db
def test_the_alliance_history_shows_its_coordinator_who_changed_what(landscape, client, today):
    """The alliance's history page lists the changes to the alliance and its records, newest
    first, with the actor and what changed, for its coordinators."""
    alliance_services.alliance_change_phase(
        actor=landscape.coordinator, alliance=landscape.internal, to_phase="afklaring", note="Klar."
    )
    client.force_login(landscape.coordinator)
    response = client.get(reverse("alliances:history", kwargs={"slug": landscape.internal.slug}))
    assert response.status_code == 200
    page = " ".join(response.content.decode().split())
    assert "Alliance »Intern mælk« ændret af Koordinator Testesen" in page
    assert "Fase: Idé → Afklaring" in page
    assert "Part »Mejeriet A/S i Intern mælk« oprettet af Koordinator Testesen" in page
    # A change in another alliance is not there.
    assert "Offentlig mælk" not in page


@pytest.mark.django_db
def test_staff_read_every_change(landscape, client):
    client.force_login(landscape.staff)
    response = client.get(reverse("alliances:all_history"))
    assert response.status_code == 200
    page = response.content.decode()
    for title in ("Offentlig mælk", "Intern mælk", "Hemmelig mælk"):
        assert title in page
