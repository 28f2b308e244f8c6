"""The Django admin, as a superuser uses it: every registered model's pages open (no page
ends in a 500), and nothing the services own can be changed there past them."""

import pytest
from django.contrib import admin
from django.test import Client
from django.urls import reverse

from brobygger.accounts.services import user_create
from brobygger.alliances import services
from brobygger.alliances.models import Alliance, Membership, Organisation
from brobygger.core.models import AuditAction
from brobygger.testing.audit import records_of


@pytest.fixture
def superuser(db):
    return user_create(
        username="chef", email="chef@example.dk", full_name="Chef Admin", password="Sk0ven-er-grøn-2026",
        is_staff=True, is_superuser=True,
    )


@pytest.fixture
def admin_client(superuser) -> Client:
    client = Client()
    client.force_login(superuser)
    return client


@pytest.mark.django_db
def test_every_admin_page_opens_for_a_superuser(admin_client, landscape, today):
    services.organisation_domain_add(actor=landscape.staff, organisation=landscape.lejre, domain="lejre.dk")
    problems = []
    for model in admin.site._registry:
        prefix = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        pages = [reverse(f"{prefix}_changelist"), reverse(f"{prefix}_add")]
        instance = model._default_manager.first()
        if instance is not None:
            pages += [reverse(f"{prefix}_{page}", args=[instance.pk]) for page in ("change", "history")]
        for page in pages:
            status = admin_client.get(page).status_code
            if status not in (200, 403):
                problems.append(f"{page}: {status}")
    assert not problems, problems


@pytest.mark.django_db
def test_the_admin_cannot_remove_a_coordinator_or_edit_an_alliance(admin_client, landscape):
    alliance = landscape.public
    response = admin_client.post(
        reverse("admin:alliances_alliance_change", args=[alliance.pk]), {"title": "Omdøbt i admin"}
    )
    assert response.status_code == 403
    assert Alliance.objects.get(pk=alliance.pk).title == "Offentlig mælk"
    coordinator = Membership.objects.get(alliance=alliance, role="koordinator")
    assert admin_client.post(reverse("admin:alliances_alliance_delete", args=[alliance.pk]), {"post": "yes"}).status_code == 403
    assert Membership.objects.filter(pk=coordinator.pk).exists()


@pytest.mark.django_db
def test_an_official_code_set_in_the_admin_goes_through_the_service(admin_client, landscape):
    """Staff fill in Region Østdanmark's code once published: the change is recorded."""
    region = Organisation.objects.get(name="Region Østdanmark")
    response = admin_client.post(
        reverse("admin:alliances_organisation_change", args=[region.pk]),
        {"official_code": "1087", "cvr": "", "ean": "", "website": "", "description": "", "domains-TOTAL_FORMS": "0", "domains-INITIAL_FORMS": "0"},
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    assert Organisation.objects.get(pk=region.pk).official_code == "1087"
    record = records_of(region).get(action=AuditAction.CHANGED)
    assert record.changes == {"official_code": [None, "1087"]}
    assert record.actor.username == "chef"
