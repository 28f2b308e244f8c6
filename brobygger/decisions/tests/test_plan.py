"""The involvement plan's pages: members read the plan, the deciders start it, add, rename and
remove groups and fill in each cell; bad input answers 400 with the message next to the field
and saves nothing; gaps and the hearings placed in a cell show on the plan in words; the page
reads in the same number of queries whatever the plan's size."""

import datetime
import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from brobygger.decisions import services
from brobygger.decisions.models import InvolvementGroup, PlanCell
from brobygger.decisions.taxonomy import HearingLevel
from brobygger.testing.audit import records_of
from conftest import make_user

from .helpers import BASE_URL, draft, refreshed

pytestmark = pytest.mark.django_db


def plan_url(alliance) -> str:
    return reverse("decisions:alliance_plan", kwargs={"slug": alliance.slug})


def cell_url(group, phase: str) -> str:
    return reverse("decisions:cell_edit", kwargs={"pk": group.pk, "phase": phase})


def page_of(response) -> str:
    return response.content.decode()


def error_next_to(page: str, field: str, message: str) -> bool:
    """The message is in the error text tied to the field (DKFDS: <span id="id_<field>-error">)."""
    match = re.search(rf'id="id_{field}-error">', page)
    return match is not None and message in page[match.start() : match.start() + 600]


def cell_html(page: str, group, phase: str) -> str:
    match = re.search(rf'<td id="felt-{group.pk}-{phase}"[^>]*>(.*?)</td>', page, re.DOTALL)
    assert match, f"no cell for {group} in {phase}"
    return match.group(1)


def placed_hearing(actor, owner, group, *, question: str, level=HearingLevel.CONSULTATION):
    """A decision in the phase "etablering" whose hearing is placed with the group."""
    decision = draft(actor, owner, question=question)
    services.hearing_open(
        actor=actor, decision=decision, level=level, level_reason="Vi vil høre jer, før vi beslutter.",
        last_day=timezone.localdate() + datetime.timedelta(days=14), is_public=True, groups=[group], base_url=BASE_URL,
    )
    return refreshed(decision)


# --- Reading the plan ----------------------------------------------------------------------------


def test_members_read_the_plan_and_nobody_else_sees_it(landscape, client, today):
    alliance = landscape.private
    services.group_add(actor=landscape.coordinator, owner=alliance, name="Borgere")
    client.force_login(landscape.observer)
    response = client.get(plan_url(alliance))
    assert response.status_code == 200
    page = page_of(response)
    assert '<th scope="row" data-title="Gruppe">Borgere' in page
    assert '<th scope="col">Etablering' in page and "<caption" in page
    # The spectrum is explained on the page, in order, from least to most influence.
    assert page.index("1. Informere") < page.index("3. Inddrage") < page.index("5. Overlade beslutningen")
    # An observer runs nothing: no edit links, no buttons.
    assert reverse("decisions:group_edit", kwargs={"pk": InvolvementGroup.objects.get().pk}) not in page
    assert "Tilføj en gruppe" not in page
    for stranger in (landscape.outsider, landscape.company_outsider, landscape.public_employee):
        client.force_login(stranger)
        assert client.get(plan_url(alliance)).status_code == 404
    # On a public alliance too the plan is for members only.
    client.force_login(landscape.outsider)
    assert client.get(plan_url(landscape.public)).status_code == 404
    client.logout()
    response = client.get(plan_url(alliance))
    assert response.status_code == 302 and response["Location"].startswith(reverse("accounts:login"))


def test_an_empty_plan_offers_the_usual_groups_and_starts_with_them(landscape, client, today):
    alliance = landscape.internal
    client.force_login(landscape.coordinator)
    page = page_of(client.get(plan_url(alliance)))
    assert "Start med de typiske grupper" in page and "Politikere" in page
    response = client.post(reverse("decisions:alliance_plan_start", kwargs={"slug": alliance.slug}))
    assert response.status_code == 302 and response["Location"] == plan_url(alliance)
    names = list(InvolvementGroup.objects.filter(alliance=alliance).values_list("name", flat=True))
    assert names == list(services.DEFAULT_ALLIANCE_GROUPS)
    page = page_of(client.get(plan_url(alliance)))
    assert "Start med de typiske grupper" not in page
    assert all(f'data-title="Gruppe">{name}' in page for name in names)
    # A second click adds nothing and says why.
    response = client.post(reverse("decisions:alliance_plan_start", kwargs={"slug": alliance.slug}))
    assert response.status_code == 400 and "Planen har allerede grupper." in page_of(response)
    assert InvolvementGroup.objects.filter(alliance=alliance).count() == len(names)


def test_only_the_deciders_start_the_plan(landscape, client, today):
    alliance = landscape.internal
    start = reverse("decisions:alliance_plan_start", kwargs={"slug": alliance.slug})
    client.force_login(landscape.observer)
    assert "Start med de typiske grupper" not in page_of(client.get(plan_url(alliance)))
    response = client.post(start)
    assert response.status_code == 403 and "Kun alliancens koordinatorer" in page_of(response)
    client.force_login(landscape.outsider)
    assert client.post(start).status_code == 404
    assert client.get(start).status_code == 405
    assert not InvolvementGroup.objects.exists()


# --- Groups -------------------------------------------------------------------------------------


def test_adding_a_group_and_refusing_an_empty_or_taken_name(landscape, client, today):
    alliance = landscape.internal
    add = reverse("decisions:alliance_group_add", kwargs={"slug": alliance.slug})
    client.force_login(landscape.coordinator)
    assert client.get(add).status_code == 200
    response = client.post(add, {"name": "  Pårørende "})
    group = InvolvementGroup.objects.get(alliance=alliance)
    assert group.name == "Pårørende"
    assert response.status_code == 302 and response["Location"] == f"{plan_url(alliance)}#gruppe-{group.pk}"
    assert len(records_of(group)) == 1

    response = client.post(add, {"name": "   "})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "name", "Skriv gruppens navn.")
    response = client.post(add, {"name": "pårørende"})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "name", "Planen har allerede en gruppe med det navn.")
    response = client.post(add, {"name": "x" * 121})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "name", "Gruppens navn kan højst have 120 tegn.")
    assert InvolvementGroup.objects.filter(alliance=alliance).count() == 1

    client.force_login(landscape.partner)
    response = client.post(add, {"name": "Naboer"})
    assert response.status_code == 403
    assert InvolvementGroup.objects.filter(alliance=alliance).count() == 1


def test_renaming_a_group_and_refusing_bad_names(landscape, client, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    group = services.group_add(actor=coordinator, owner=alliance, name="Borgere")
    services.group_add(actor=coordinator, owner=alliance, name="Politikere")
    edit = reverse("decisions:group_edit", kwargs={"pk": group.pk})
    client.force_login(coordinator)
    page = page_of(client.get(edit))
    assert 'value="Borgere"' in page and plan_url(alliance) in page
    for bad, message in (("", "Skriv gruppens navn."), ("POLITIKERE", "Planen har allerede en gruppe med det navn.")):
        response = client.post(edit, {"name": bad})
        assert response.status_code == 400
        assert error_next_to(page_of(response), "name", message)
    group.refresh_from_db()
    assert group.name == "Borgere"
    response = client.post(edit, {"name": "Borgere og pårørende"})
    assert response.status_code == 302 and response["Location"] == f"{plan_url(alliance)}#gruppe-{group.pk}"
    group.refresh_from_db()
    assert group.name == "Borgere og pårørende"
    # Another alliance's member does not learn the group exists; a member who runs nothing is told why.
    client.force_login(landscape.outsider)
    assert client.get(edit).status_code == 404
    client.force_login(landscape.observer)
    assert client.post(edit, {"name": "Andet"}).status_code == 403


def test_removing_a_group_asks_first(landscape, client, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    group = services.group_add(actor=coordinator, owner=alliance, name="Borgere")
    services.plan_cell_save(actor=coordinator, group=group, phase="drift", affected=True, level="hoere")
    placed_hearing(coordinator, alliance, group, question="Skal vi åbne en café?")
    remove = reverse("decisions:group_remove", kwargs={"pk": group.pk})
    client.force_login(coordinator)
    page = page_of(client.get(remove))
    assert "Fjern gruppen »Borgere« fra planen?" in page
    assert "Der er valgt et deltagelsesniveau i 1 fase." in page
    assert "1 høring er placeret hos gruppen." in page
    assert InvolvementGroup.objects.filter(pk=group.pk).exists()
    response = client.post(remove)
    assert response.status_code == 302 and response["Location"] == plan_url(alliance)
    assert not InvolvementGroup.objects.filter(pk=group.pk).exists()
    assert not PlanCell.objects.exists()


# --- Cells -------------------------------------------------------------------------------------


def test_a_cell_saves_the_level_and_the_means(landscape, client, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    group = services.group_add(actor=coordinator, owner=alliance, name="Medarbejdere")
    client.force_login(coordinator)
    page = page_of(client.get(cell_url(group, "etablering")))
    assert "<h1>Medarbejdere i fasen Etablering</h1>" in page
    # Each level says what it means, and "nothing chosen" is a choice of its own.
    assert "Intet valgt endnu" in page and "Gruppen træffer selv beslutningen" in page
    assert "<legend" in page
    response = client.post(
        cell_url(group, "etablering"),
        {"affected": "on", "level": "samarbejde", "means": ["moede", "workshop"], "note": "To workshops i marts."},
    )
    assert response.status_code == 302 and response["Location"] == f"{plan_url(alliance)}#felt-{group.pk}-etablering"
    cell = PlanCell.objects.get(group=group, phase="etablering")
    assert (cell.affected, cell.level, cell.means, cell.note) == (True, "samarbejde", ["moede", "workshop"], "To workshops i marts.")
    page = page_of(client.get(plan_url(alliance)))
    shown = cell_html(page, group, "etablering")
    assert "Samarbejde" in shown and "Midler: Møde, Workshop" in shown and "To workshops i marts." in shown
    # The form opens with what was saved.
    page = page_of(client.get(cell_url(group, "etablering")))
    assert re.search(r'value="samarbejde"[^>]*checked', page)


def test_a_cell_refuses_a_level_where_the_group_is_not_affected(landscape, client, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    group = services.group_add(actor=coordinator, owner=alliance, name="Medarbejdere")
    client.force_login(coordinator)
    response = client.post(cell_url(group, "drift"), {"level": "hoere", "means": ["moede"], "note": ""})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "level", "En gruppe, der ikke berøres i fasen, får ikke et deltagelsesniveau.")
    for bad, field in (({"affected": "on", "level": "bestemme"}, "level"), ({"affected": "on", "means": ["brev"]}, "means")):
        response = client.post(cell_url(group, "drift"), bad)
        assert response.status_code == 400
        assert error_next_to(page_of(response), field, "Vælg")
    response = client.post(cell_url(group, "drift"), {"affected": "on", "note": "x" * 301})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "note", "Bemærkningen kan højst have 300 tegn.")
    assert not PlanCell.objects.exists()
    # Not affected and no level is a plain "berøres ikke".
    assert client.post(cell_url(group, "drift"), {"note": ""}).status_code == 302
    assert "Berøres ikke" in cell_html(page_of(client.get(plan_url(alliance))), group, "drift")


def test_an_unknown_phase_is_not_found(landscape, client, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    group = services.group_add(actor=coordinator, owner=alliance, name="Medarbejdere")
    client.force_login(coordinator)
    assert client.get(cell_url(group, "afsluttet")).status_code == 404
    assert client.get(cell_url(group, "maanefase")).status_code == 404
    assert client.post(cell_url(group, "maanefase"), {"affected": "on"}).status_code == 404
    assert client.get(cell_url(group, "etablering").replace(f"/{group.pk}/", "/999999/")).status_code == 404
    assert not PlanCell.objects.exists()


# --- Plan and practice --------------------------------------------------------------------------


def test_gaps_and_the_hearings_placed_show_on_the_plan_in_words(landscape, client, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    citizens = services.group_add(actor=coordinator, owner=alliance, name="Borgere")
    staff = services.group_add(actor=coordinator, owner=alliance, name="Medarbejdere")
    politicians = services.group_add(actor=coordinator, owner=alliance, name="Politikere")
    # Citizens are affected in "drift", but nobody has chosen how they are involved: a gap.
    services.plan_cell_save(actor=coordinator, group=citizens, phase="drift", affected=True)
    # Staff were promised collaboration in "etablering"; the hearing there only consulted them.
    services.plan_cell_save(actor=coordinator, group=staff, phase="etablering", affected=True, level="samarbejde")
    consulted = placed_hearing(coordinator, alliance, staff, question="Skal vi dele køkkenet?")
    # Politicians were heard in "etablering" without any plan for it.
    informed = placed_hearing(coordinator, alliance, politicians, question="Skal vi have nyt navn?", level=HearingLevel.INFORMATION)

    client.force_login(landscape.observer)
    page = page_of(client.get(plan_url(alliance)))
    summary = page[page.index('id="plan-summary-heading"') : page.index('id="plan-table-heading"')]
    assert "Planen har 1 hul:" in summary and "Borgere i fasen Drift" in summary
    assert f'href="#felt-{citizens.pk}-drift"' in summary
    assert "Færre end planlagt:" in summary and "Medarbejdere i fasen Etablering" in summary
    assert "planlagt »Samarbejde«, høringerne gav »Høre«" in summary
    assert "Ikke planlagt:" in summary and "Politikere i fasen Etablering" in summary

    gap = cell_html(page, citizens, "drift")
    assert "Hul i planen" in gap and "#error" in gap
    below = cell_html(page, staff, "etablering")
    assert consulted.get_absolute_url() in below and "Skal vi dele køkkenet?" in below
    assert "høring: Høre (Konsultation)" in below and "Færre end planlagt" in below and "#arrow-downward" in below
    unplanned = cell_html(page, politicians, "etablering")
    assert informed.get_absolute_url() in unplanned and "høring: Informere (Information)" in unplanned
    assert "Ikke planlagt" in unplanned and "#flag" in unplanned
    # A cell nobody has filled in is neither a gap nor planned.
    assert "Ikke udfyldt" in cell_html(page, citizens, "ide")


def test_each_edit_link_names_the_group_and_the_phase(landscape, client, today):
    alliance, coordinator = landscape.internal, landscape.coordinator
    group = services.group_add(actor=coordinator, owner=alliance, name="Frivillige")
    client.force_login(coordinator)
    page = page_of(client.get(plan_url(alliance)))
    assert re.search(
        rf'href="{re.escape(cell_url(group, "drift"))}">Redigér<span class="sr-only"> Frivillige i fasen Drift</span>', page
    )
    assert '<span class="sr-only"> gruppen Frivillige</span>' in page
    # On a phone the table keeps each cell's phase as its heading.
    assert "table--responsive-headers" in page and 'data-title="Drift"' in page


def _queries(client, path) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    assert response.status_code == 200
    return len(captured)


def _fill(coordinator, alliance, groups: int, start: int = 0):
    for number in range(start, start + groups):
        group = services.group_add(actor=coordinator, owner=alliance, name=f"Gruppe {number}")
        services.plan_cell_save(actor=coordinator, group=group, phase="etablering", affected=True, level="hoere", means=["moede"])
        services.plan_cell_save(actor=coordinator, group=group, phase="drift", affected=True)
        placed_hearing(coordinator, alliance, group, question=f"Spørgsmål {number}")


@pytest.mark.parametrize("reader", ["coordinator", "observer"])
def test_the_plan_reads_in_a_fixed_number_of_queries(landscape, client, today, reader, django_assert_max_num_queries):
    alliance, coordinator = landscape.internal, landscape.coordinator
    _fill(coordinator, alliance, 2)
    client.force_login(getattr(landscape, reader))
    baseline = _queries(client, plan_url(alliance))
    _fill(coordinator, alliance, 10, start=2)
    with django_assert_max_num_queries(baseline):
        page = page_of(client.get(plan_url(alliance)))
    assert all(f"Spørgsmål {number}<" in page for number in range(12))
    assert "Planen har 12 huller:" in page


# --- A change process's plan -------------------------------------------------------------------


def test_a_change_process_plan_is_for_the_organisations_own(landscape, client, today):
    employee = make_user("medarbejder", landscape.lejre)
    process = services.change_process_create(actor=employee, organisation=landscape.lejre, title="Ny hjemmepleje")
    plan = reverse("decisions:process_plan", kwargs={"pk": process.pk})
    start = reverse("decisions:process_plan_start", kwargs={"pk": process.pk})
    client.force_login(employee)
    page = page_of(client.get(plan))
    # Crumbs: the organisation and its change process.
    assert landscape.lejre.get_absolute_url() in page and process.get_absolute_url() in page
    assert "Start med de typiske grupper" in page and "alliancens fase nu" not in page
    assert client.get(start).status_code == 405
    response = client.post(start)
    assert response.status_code == 302 and response["Location"] == plan
    assert list(process.groups.values_list("name", flat=True)) == list(services.DEFAULT_PROCESS_GROUPS)
    add = reverse("decisions:process_group_add", kwargs={"pk": process.pk})
    response = client.post(add, {"name": "Medarbejdere"})
    assert response.status_code == 400
    assert error_next_to(page_of(response), "name", "Planen har allerede en gruppe med det navn.")
    assert client.post(add, {"name": "Pårørende"}).status_code == 302
    group = process.groups.get(name="Pårørende")
    assert client.post(cell_url(group, "afklaring"), {"affected": "on", "level": "inddrage"}).status_code == 302
    assert "Inddrage" in cell_html(page_of(client.get(plan)), group, "afklaring")

    for stranger in (landscape.outsider, landscape.partner):
        client.force_login(stranger)
        assert client.get(plan).status_code == 404
        assert client.get(start).status_code == 404
        assert client.post(start).status_code == 404
        assert client.post(add, {"name": "Naboer"}).status_code == 404
        assert client.get(cell_url(group, "afklaring")).status_code == 404
    assert process.groups.count() == len(services.DEFAULT_PROCESS_GROUPS) + 1
