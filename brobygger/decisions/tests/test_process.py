"""Change processes inside an organisation: its verified employees start one, read it with its
decisions and their fair-process figures, and change it; for anyone else it does not exist.
The organisation's page lists its change processes for its own employees only."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from brobygger.decisions import services
from brobygger.decisions.models import ChangeProcess
from brobygger.testing.audit import records_of
from conftest import make_user

from .helpers import BASE_URL, draft, refreshed

pytestmark = pytest.mark.django_db


def create_url(organisation) -> str:
    return reverse("decisions:process_create", kwargs={"organisation_id": organisation.pk})


def page_of(response) -> str:
    return response.content.decode()


def error_next_to(page: str, field: str, message: str) -> bool:
    match = re.search(rf'id="id_{field}-error">', page)
    return match is not None and message in page[match.start() : match.start() + 600]


@pytest.fixture
def employee(landscape):
    return make_user("medarbejder", landscape.lejre)


def in_hearing(actor, process, *, question: str, days: int = 14, emails=("ansat@example.dk",)):
    group = process.groups.first() or services.group_add(actor=actor, owner=process, name="Medarbejdere")
    decision = draft(actor, process, question=question, groups=[group])
    services.hearing_open(
        actor=actor, decision=decision, level="konsultation", level_reason="Vi vil høre jer først.",
        last_day=timezone.localdate() + datetime.timedelta(days=days), emails=list(emails), base_url=BASE_URL,
    )
    return refreshed(decision)


# --- Starting one --------------------------------------------------------------------------------


def test_a_verified_employee_starts_a_change_process(landscape, client, today, employee):
    client.force_login(employee)
    page = page_of(client.get(create_url(landscape.lejre)))
    assert "Start en forandringsproces" in page and landscape.lejre.get_absolute_url() in page
    response = client.post(
        create_url(landscape.lejre),
        {"title": " Sammenlægning af to plejecentre ", "description": "Solgården og Egely bliver ét center."},
    )
    process = ChangeProcess.objects.get()
    assert response.status_code == 302 and response["Location"] == process.get_absolute_url()
    assert (process.organisation, process.title, process.created_by) == (landscape.lejre, "Sammenlægning af to plejecentre", employee)
    assert len(records_of(process)) == 1


def test_starting_one_refuses_a_missing_or_long_title(landscape, client, today, employee):
    client.force_login(employee)
    response = client.post(create_url(landscape.lejre), {"title": "   ", "description": "Noget"})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "title", "Giv forandringsprocessen en titel.")
    response = client.post(create_url(landscape.lejre), {"title": "x" * 201, "description": ""})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "title", "Titlen kan højst have 200 tegn.")
    response = client.post(create_url(landscape.lejre), {"title": "Ny struktur", "description": "x" * 5001})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "description", "Beskrivelsen kan højst have 5000 tegn.")
    assert not ChangeProcess.objects.exists()


def test_only_the_organisations_own_start_one(landscape, client, today):
    # Someone from another organisation sees the organisation's page, and is told why not.
    client.force_login(landscape.outsider)
    response = client.get(create_url(landscape.lejre))
    assert response.status_code == 403
    assert "Kun organisationens bekræftede medarbejdere kan starte en forandringsproces i den." in page_of(response)
    assert client.post(create_url(landscape.lejre), {"title": "Overtagelse"}).status_code == 403
    client.force_login(landscape.partner)
    assert client.post(create_url(landscape.lejre), {"title": "Overtagelse"}).status_code == 403
    client.logout()
    response = client.post(create_url(landscape.lejre), {"title": "Overtagelse"})
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))
    assert not ChangeProcess.objects.exists()
    client.force_login(landscape.staff)
    assert client.get(create_url(landscape.lejre)).status_code == 200
    client.force_login(landscape.coordinator)
    assert client.get(reverse("decisions:process_create", kwargs={"organisation_id": 999999})).status_code == 404


# --- Its page ------------------------------------------------------------------------------------


def test_the_process_page_shows_its_decisions_with_their_figures(landscape, client, today, employee):
    process = services.change_process_create(
        actor=employee, organisation=landscape.lejre, title="Sammenlægning", description="To centre bliver ét."
    )
    closing = in_hearing(employee, process, question="Hvem leder det nye center?", days=3)
    draft(employee, process, question="Hvad skal centret hedde?", groups=list(process.groups.all()))
    client.force_login(landscape.coordinator)  # verified for Lejre, like the employee
    page = page_of(client.get(process.get_absolute_url()))
    assert "<h1>Sammenlægning</h1>" in page and "To centre bliver ét." in page
    assert landscape.lejre.get_absolute_url() in page and "Lejre Kommune" in page
    assert reverse("decisions:process_plan", kwargs={"pk": process.pk}) in page
    assert reverse("decisions:process_decision_create", kwargs={"pk": process.pk}) in page
    assert reverse("decisions:process_edit", kwargs={"pk": process.pk}) in page
    # Those who run the process see its drafts too.
    assert "Hvad skal centret hedde?" in page
    assert closing.get_absolute_url() in page
    # The one invited has not answered and the hearing closes in four days: flagged, with the reason.
    assert "Svag proces – mens der endnu er tid til at rette op" in page
    assert "0 af 1 inviterede har svaret, og sidste svardag er 26. november 2026." in page
    assert "2 beslutninger" in page


def test_nobody_outside_the_organisation_sees_the_process(landscape, client, today, employee):
    process = services.change_process_create(actor=employee, organisation=landscape.lejre, title="Sammenlægning")
    paths = [
        process.get_absolute_url(),
        reverse("decisions:process_edit", kwargs={"pk": process.pk}),
        reverse("decisions:process_plan", kwargs={"pk": process.pk}),
    ]
    for stranger in (landscape.outsider, landscape.partner, landscape.company_outsider):
        client.force_login(stranger)
        for path in paths:
            assert client.get(path).status_code == 404
        assert client.post(paths[1], {"title": "Overtaget"}).status_code == 404
    client.logout()
    assert client.get(paths[0]).status_code == 302
    client.force_login(landscape.staff)
    assert client.get(paths[0]).status_code == 200
    process.refresh_from_db()
    assert process.title == "Sammenlægning"
    assert client.get(reverse("decisions:process_detail", kwargs={"pk": 999999})).status_code == 404


def test_editing_the_process(landscape, client, today, employee):
    process = services.change_process_create(actor=employee, organisation=landscape.lejre, title="Sammenlægning")
    edit = reverse("decisions:process_edit", kwargs={"pk": process.pk})
    client.force_login(landscape.observer)  # another verified Lejre employee
    page = page_of(client.get(edit))
    assert 'value="Sammenlægning"' in page and process.get_absolute_url() in page
    response = client.post(edit, {"title": "", "description": "Ny tekst"})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "title", "Giv forandringsprocessen en titel.")
    process.refresh_from_db()
    assert (process.title, process.description) == ("Sammenlægning", "")
    response = client.post(edit, {"title": "Sammenlægning af plejecentre", "description": "Ny tekst"})
    assert response.status_code == 302 and response["Location"] == process.get_absolute_url()
    process.refresh_from_db()
    assert (process.title, process.description) == ("Sammenlægning af plejecentre", "Ny tekst")
    assert len(records_of(process)) == 2


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def test_the_process_page_reads_in_a_fixed_number_of_queries(landscape, client, today, employee, django_assert_max_num_queries):
    process = services.change_process_create(actor=employee, organisation=landscape.lejre, title="Sammenlægning")
    in_hearing(employee, process, question="Spørgsmål 0")
    client.force_login(employee)
    baseline = _queries(client, process.get_absolute_url())
    for number in range(1, 15):
        in_hearing(employee, process, question=f"Spørgsmål {number}", days=2 + number % 5, emails=[f"ansat{number}@example.dk"])
    with django_assert_max_num_queries(baseline):
        page = page_of(client.get(process.get_absolute_url()))
    assert all(f"Spørgsmål {number}<" in page for number in range(15))


# --- The organisation's page ---------------------------------------------------------------------


def test_the_organisation_page_lists_its_processes_for_its_own_employees(landscape, client, today, employee):
    process = services.change_process_create(actor=employee, organisation=landscape.lejre, title="Ny hjemmepleje")
    organisation_page = reverse("alliances:organisation_detail", kwargs={"pk": landscape.lejre.pk})
    client.force_login(landscape.observer)
    page = page_of(client.get(organisation_page))
    assert "Forandringsprocesser" in page and process.get_absolute_url() in page and "Ny hjemmepleje" in page
    assert create_url(landscape.lejre) in page
    for stranger in (landscape.outsider, landscape.partner):
        client.force_login(stranger)
        page = page_of(client.get(organisation_page))
        assert "Ny hjemmepleje" not in page and create_url(landscape.lejre) not in page
    client.logout()
    page = page_of(client.get(organisation_page))
    assert "Ny hjemmepleje" not in page
    # Roskilde's own employee sees Roskilde's (empty) section, with the way to start one.
    client.force_login(landscape.outsider)
    page = page_of(client.get(reverse("alliances:organisation_detail", kwargs={"pk": landscape.roskilde.pk})))
    assert "Organisationen har ingen forandringsprocesser endnu." in page and create_url(landscape.roskilde) in page
