"""The register of dilemmas as an alliance uses it: who reads it and who keeps it, writing,
changing and deleting a dilemma (each leaving its record), bad input refused next to its
field, the flag on a dilemma due to be looked at again, dilemmas on a scale of an earlier
version, and a register read in a fixed number of queries."""

import datetime

import pytest
from django.urls import reverse

from brobygger.core.models import AuditAction, AuditRecord
from brobygger.healthcheck import selectors, services
from brobygger.healthcheck.models import Dilemma, TensionScale
from brobygger.testing.audit import records_of
from conftest import TODAY

DENIED = "Kun alliancens koordinatorer kan skrive i registret over dilemmaer."
FLAG = "Skal ses på igen</span>"


@pytest.fixture(autouse=True)
def _on_a_fixed_day(today):
    """Every test runs on conftest's TODAY, so "not in the future" means the same in each."""
    return today


def _login(client, user):
    client.force_login(user)
    return client


def _scales() -> list[TensionScale]:
    return selectors.current_scales()


def write(actor, alliance, *, scale=None, met_on=datetime.date(2026, 10, 1), review_on=None, situation="Kommunen ville skalere hurtigt."):
    return services.dilemma_create(
        actor=actor,
        alliance=alliance,
        scale=scale or _scales()[0],
        met_on=met_on,
        situation=situation,
        stance="Vi tog et år mere med to landsbyer.",
        reason="Foreningerne skulle kunne følge med.",
        review_on=review_on,
    )


def register_url(alliance) -> str:
    return reverse("healthcheck:dilemmas", args=[alliance.slug])


def create_url(alliance) -> str:
    return reverse("healthcheck:dilemma_create", args=[alliance.slug])


def edit_url(alliance, dilemma) -> str:
    return reverse("healthcheck:dilemma_edit", args=[alliance.slug, dilemma.pk])


def delete_url(alliance, dilemma) -> str:
    return reverse("healthcheck:dilemma_delete", args=[alliance.slug, dilemma.pk])


def form_data(scale=None, **overrides) -> dict:
    """A whole valid form; `scale` is a scale or the raw value posted."""
    data = {
        "scale": (scale or _scales()[0]).pk if not isinstance(scale, str) else scale,
        "met_on": "2026-11-02",
        "situation": "Et firma ville bruge alliancens data i sin markedsføring.",
        "stance": "Vi sagde nej, men lavede en fælles fortælling.",
        "reason": "Tilliden mellem parterne vejede tungere end synligheden.",
        "review_on": "2027-05-01",
    }
    data.update(overrides)
    return data


# --- Who reads the register -------------------------------------------------------------------


@pytest.mark.parametrize("where", ["public", "internal", "private"])
@pytest.mark.parametrize("who", ["coordinator", "partner", "observer", "staff"])
def test_members_and_staff_read_the_register(client, landscape, who, where):
    alliance = getattr(landscape, where)
    write(landscape.coordinator, alliance)
    response = _login(client, getattr(landscape, who)).get(register_url(alliance))
    assert response.status_code == 200
    assert "Kommunen ville skalere hurtigt." in response.content.decode()


@pytest.mark.parametrize("where", ["public", "internal", "private"])
@pytest.mark.parametrize("who", ["outsider", "company_outsider", "public_employee"])
def test_anyone_outside_the_alliance_does_not_find_the_register(client, landscape, who, where):
    """Even on a public alliance: the register is for its members."""
    alliance = getattr(landscape, where)
    dilemma = write(landscape.coordinator, alliance)
    client = _login(client, getattr(landscape, who))
    for url in (register_url(alliance), create_url(alliance), edit_url(alliance, dilemma), delete_url(alliance, dilemma)):
        assert client.get(url).status_code == 404, url
    assert client.post(create_url(alliance), form_data()).status_code == 404
    assert client.post(delete_url(alliance, dilemma)).status_code == 404
    assert Dilemma.objects.count() == 1


def test_a_visitor_is_asked_to_log_in(client, landscape):
    response = client.get(register_url(landscape.public))
    assert response.status_code == 302
    assert reverse("accounts:login") in response["Location"]


# --- Who keeps it -----------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["coordinator", "staff"])
def test_coordinators_and_staff_see_the_links_and_the_form(client, landscape, who):
    alliance = landscape.internal
    dilemma = write(landscape.coordinator, alliance)
    client = _login(client, getattr(landscape, who))
    page = client.get(register_url(alliance)).content.decode()
    assert edit_url(alliance, dilemma) in page and delete_url(alliance, dilemma) in page
    assert create_url(alliance) in page
    assert client.get(create_url(alliance)).status_code == 200
    assert client.get(edit_url(alliance, dilemma)).status_code == 200
    assert client.get(delete_url(alliance, dilemma)).status_code == 200


@pytest.mark.parametrize("who", ["partner", "observer"])
def test_other_members_read_but_may_not_write(client, landscape, who):
    alliance = landscape.internal
    dilemma = write(landscape.coordinator, alliance)
    client = _login(client, getattr(landscape, who))
    page = client.get(register_url(alliance)).content.decode()
    assert edit_url(alliance, dilemma) not in page and delete_url(alliance, dilemma) not in page
    assert create_url(alliance) not in page
    for response in (
        client.get(create_url(alliance)),
        client.post(create_url(alliance), form_data()),
        client.get(edit_url(alliance, dilemma)),
        client.post(edit_url(alliance, dilemma), form_data(situation="Ændret")),
        client.get(delete_url(alliance, dilemma)),
        client.post(delete_url(alliance, dilemma)),
    ):
        assert response.status_code == 403
        assert DENIED in response.content.decode()
    assert list(Dilemma.objects.values_list("situation", flat=True)) == ["Kommunen ville skalere hurtigt."]


def test_a_dilemma_of_another_alliance_or_an_unknown_one_is_not_found(client, landscape):
    other = write(landscape.coordinator, landscape.private)
    client = _login(client, landscape.coordinator)
    alliance = landscape.internal
    for url in (edit_url(alliance, other), delete_url(alliance, other)):
        assert client.get(url).status_code == 404
        assert client.post(url, form_data()).status_code == 404
    unknown = reverse("healthcheck:dilemma_edit", args=[alliance.slug, other.pk + 1000])
    assert client.get(unknown).status_code == 404
    assert Dilemma.objects.get().situation == "Kommunen ville skalere hurtigt."


# --- Writing, changing and deleting -----------------------------------------------------------


def test_a_coordinator_writes_a_dilemma_and_it_is_on_the_register(client, landscape):
    alliance = landscape.internal
    scale = _scales()[1]
    client = _login(client, landscape.coordinator)
    assert 'value="2026-11-23"' in client.get(create_url(alliance)).content.decode()

    response = client.post(create_url(alliance), form_data(scale=scale))

    dilemma = Dilemma.objects.get()
    assert response.status_code == 302
    assert response["Location"] == f"{register_url(alliance)}#dilemma-{dilemma.pk}"
    assert (dilemma.alliance, dilemma.scale, dilemma.created_by) == (alliance, scale, landscape.coordinator)
    assert (dilemma.met_on, dilemma.review_on) == (datetime.date(2026, 11, 2), datetime.date(2027, 5, 1))
    assert dilemma.stance == "Vi sagde nej, men lavede en fælles fortælling."
    record = records_of(dilemma).get()
    assert (record.action, record.actor) == (AuditAction.CREATED, landscape.coordinator)
    assert record.alliance_id == alliance.pk

    page = client.get(response["Location"]).content.decode()
    assert "Dilemmaet står nu i registret." in page
    assert f'id="dilemma-{dilemma.pk}"' in page
    assert f"{scale.left} ↔ {scale.right}" in page and scale.explanation in page
    for text in (dilemma.situation, dilemma.stance, dilemma.reason, "Koordinator Testesen", "2. november 2026", "1. maj 2027"):
        assert text in page
    assert FLAG not in page


def test_staff_write_too(client, landscape):
    response = _login(client, landscape.staff).post(create_url(landscape.private), form_data(review_on=""))
    assert response.status_code == 302
    dilemma = Dilemma.objects.get()
    assert (dilemma.alliance, dilemma.review_on) == (landscape.private, None)


def test_a_coordinator_changes_a_dilemma_and_the_change_is_recorded(client, landscape):
    alliance = landscape.internal
    dilemma = write(landscape.coordinator, alliance)
    other_scale = _scales()[2]
    client = _login(client, landscape.coordinator)
    page = client.get(edit_url(alliance, dilemma)).content.decode()
    assert "Kommunen ville skalere hurtigt." in page

    response = client.post(edit_url(alliance, dilemma), form_data(scale=other_scale, stance="Vi satte farten op."))

    assert response.status_code == 302
    assert response["Location"] == f"{register_url(alliance)}#dilemma-{dilemma.pk}"
    dilemma.refresh_from_db()
    assert (dilemma.scale, dilemma.stance) == (other_scale, "Vi satte farten op.")
    # The one who wrote it stays its writer.
    assert dilemma.created_by == landscape.coordinator
    change = records_of(dilemma).get(action=AuditAction.CHANGED)
    assert change.changes["stance"] == ["Vi tog et år mere med to landsbyer.", "Vi satte farten op."]
    assert "Dilemmaet er gemt." in client.get(response["Location"]).content.decode()


def test_deleting_asks_first_and_leaves_a_record(client, landscape):
    alliance = landscape.internal
    dilemma = write(landscape.coordinator, alliance)
    client = _login(client, landscape.coordinator)

    page = client.get(delete_url(alliance, dilemma)).content.decode()
    assert "Slet dilemmaet fra" in page and "Ja, slet dilemmaet" in page
    assert Dilemma.objects.filter(pk=dilemma.pk).exists()

    response = client.post(delete_url(alliance, dilemma))

    assert response.status_code == 302
    assert response["Location"] == register_url(alliance)
    assert not Dilemma.objects.exists()
    deleted = records_of(dilemma).get(action=AuditAction.DELETED)
    assert deleted.actor == landscape.coordinator
    assert "Dilemmaet er slettet." in client.get(response["Location"]).content.decode()


# --- Bad input ----------------------------------------------------------------------------------


BAD_INPUT = [
    ("situation", {"situation": "  "}, "Beskriv kort den situation"),
    ("stance", {"stance": ""}, "Skriv, hvad alliancen valgte."),
    ("met_on", {"met_on": ""}, "Skriv den dag, alliancen stod i dilemmaet."),
    ("met_on", {"met_on": "2026-11-24"}, "kan ikke ligge i fremtiden"),
    ("met_on", {"met_on": "1999-12-31", "review_on": ""}, "mellem år 2000 og år 2100"),
    ("met_on", {"met_on": "den anden"}, "Skriv datoen som en dag, måned og år."),
    ("review_on", {"review_on": "2026-11-01"}, "skal ligge efter dilemmaets dato"),
    ("review_on", {"review_on": "2101-01-01"}, "mellem år 2000 og år 2100"),
    ("scale", {"scale": "987654321"}, "Vælg et af spændingsfelterne på listen."),
    ("scale", {"scale": "felt"}, "Vælg et af spændingsfelterne på listen."),
    ("scale", {"scale": ""}, "Vælg det spændingsfelt, dilemmaet handler om."),
    ("reason", {"reason": "x" * 2001}, "højst have 2000 tegn"),
]


@pytest.mark.parametrize(("field", "overrides", "message"), BAD_INPUT)
def test_bad_input_is_refused_next_to_its_field_and_nothing_is_saved(client, landscape, field, overrides, message):
    alliance = landscape.internal
    records = AuditRecord.objects.count()
    response = _login(client, landscape.coordinator).post(create_url(alliance), form_data(**overrides))
    assert response.status_code == 400
    page = response.content.decode()
    assert f'id="id_{field}-error"' in page
    assert message in page
    assert not Dilemma.objects.exists()
    assert AuditRecord.objects.count() == records


@pytest.mark.parametrize(("field", "overrides", "message"), BAD_INPUT)
def test_bad_input_on_a_change_leaves_the_dilemma_as_it_was(client, landscape, field, overrides, message):
    alliance = landscape.internal
    dilemma = write(landscape.coordinator, alliance, met_on=datetime.date(2026, 11, 2))
    before = Dilemma.objects.values().get()
    records = AuditRecord.objects.count()
    response = _login(client, landscape.coordinator).post(edit_url(alliance, dilemma), form_data(**overrides))
    assert response.status_code == 400
    assert message in response.content.decode()
    assert Dilemma.objects.values().get() == before
    assert AuditRecord.objects.count() == records


def test_a_scale_of_an_unpublished_draft_cannot_be_chosen(client, landscape):
    draft = services.draft_start(actor=landscape.staff)
    draft_scale = TensionScale.objects.filter(version=draft).first()
    response = _login(client, landscape.coordinator).post(create_url(landscape.internal), form_data(scale=draft_scale))
    assert response.status_code == 400
    assert 'id="id_scale-error"' in response.content.decode()
    assert not Dilemma.objects.exists()


def test_only_post_writes(client, landscape):
    alliance = landscape.internal
    dilemma = write(landscape.coordinator, alliance)
    client = _login(client, landscape.coordinator)
    assert client.put(delete_url(alliance, dilemma)).status_code == 405
    assert client.delete(edit_url(alliance, dilemma)).status_code == 405
    assert client.post(register_url(alliance)).status_code == 405
    assert Dilemma.objects.count() == 1


# --- What the register shows --------------------------------------------------------------------


def test_an_empty_register_says_so_and_offers_coordinators_to_write(client, landscape):
    alliance = landscape.internal
    page = _login(client, landscape.coordinator).get(register_url(alliance)).content.decode()
    assert "Alliancen har ikke skrevet nogen dilemmaer ned endnu." in page
    assert create_url(alliance) in page and "Skriv et dilemma" in page

    page = _login(client, landscape.partner).get(register_url(alliance)).content.decode()
    assert "Alliancen har ikke skrevet nogen dilemmaer ned endnu." in page
    assert create_url(alliance) not in page
    assert "koordinatorer, der skriver i registret" in page


def test_the_register_is_grouped_by_scale_in_the_scales_order_newest_first(client, landscape):
    alliance = landscape.internal
    first, second = _scales()[0], _scales()[1]
    later = write(landscape.coordinator, alliance, scale=second, situation="Anden skala.")
    old = write(landscape.coordinator, alliance, scale=first, situation="Ældst.", met_on=datetime.date(2025, 3, 1))
    new = write(landscape.coordinator, alliance, scale=first, situation="Nyest.", met_on=datetime.date(2026, 6, 1))
    page = _login(client, landscape.observer).get(register_url(alliance)).content.decode()
    positions = [page.index(f'id="felt-{first.pk}"'), page.index(f'id="dilemma-{new.pk}"'), page.index(f'id="dilemma-{old.pk}"')]
    positions += [page.index(f'id="felt-{second.pk}"'), page.index(f'id="dilemma-{later.pk}"')]
    assert positions == sorted(positions)
    # Scales without dilemmas have no group.
    assert f'id="felt-{_scales()[2].pk}"' not in page


def test_a_dilemma_due_to_be_looked_at_again_is_flagged(client, landscape):
    alliance = landscape.internal
    met_on = datetime.date(2026, 1, 5)
    write(landscape.coordinator, alliance, met_on=met_on, review_on=TODAY, situation="I dag.")
    write(landscape.coordinator, alliance, met_on=met_on, review_on=datetime.date(2026, 6, 1), situation="Før.")
    write(landscape.coordinator, alliance, met_on=met_on, review_on=datetime.date(2026, 11, 24), situation="I morgen.")
    write(landscape.coordinator, alliance, met_on=met_on, situation="Aldrig.")
    page = _login(client, landscape.partner).get(register_url(alliance)).content.decode()
    assert page.count(FLAG) == 2
    for situation, flagged in (("I dag.", True), ("Før.", True), ("I morgen.", False), ("Aldrig.", False)):
        start = page.index(situation)
        article = page[start : page.index("</article>", start)]
        assert (FLAG in article) is flagged, situation


def test_a_dilemma_on_a_scale_of_an_earlier_version_stays_with_its_own_scale(client, landscape):
    alliance = landscape.internal
    old_scale = _scales()[0]
    dilemma = write(landscape.coordinator, alliance, scale=old_scale)
    draft = services.draft_start(actor=landscape.staff)
    services.draft_publish(actor=landscape.staff, version=draft, note="Ny ordlyd.")
    assert old_scale not in _scales()
    new_scale = TensionScale.objects.get(version=draft, key=old_scale.key)
    fresh = write(landscape.coordinator, alliance, scale=new_scale, situation="På den nye version.")
    client = _login(client, landscape.coordinator)

    page = client.get(register_url(alliance)).content.decode()
    assert "Fra en tidligere version af sundhedstjekket" in page
    # The earlier version's group follows the current scale with the same key.
    assert page.index(f'id="dilemma-{fresh.pk}"') < page.index(f'id="felt-{old_scale.pk}"') < page.index(
        f'id="dilemma-{dilemma.pk}"'
    )

    # Editing keeps the old scale selectable (and marked); a new dilemma offers only the current ones.
    form = client.get(edit_url(alliance, dilemma)).content.decode()
    assert f'value="{old_scale.pk}" selected' in form and "(fra en tidligere version)" in form
    assert f'value="{old_scale.pk}"' not in client.get(create_url(alliance)).content.decode()
    response = client.post(edit_url(alliance, dilemma), form_data(scale=old_scale, stance="Stadig gyldigt."))
    assert response.status_code == 302
    dilemma.refresh_from_db()
    assert (dilemma.scale, dilemma.stance) == (old_scale, "Stadig gyldigt.")
    # It can be moved to the current scale; on a new dilemma the old one is refused.
    assert client.post(create_url(alliance), form_data(scale=old_scale)).status_code == 400
    assert client.post(edit_url(alliance, dilemma), form_data(scale=new_scale)).status_code == 302
    dilemma.refresh_from_db()
    assert dilemma.scale == new_scale


def test_the_link_on_a_scale_chooses_it_in_the_form(client, landscape):
    alliance = landscape.internal
    scale = _scales()[3]
    page = _login(client, landscape.coordinator).get(f"{create_url(alliance)}?spaendingsfelt={scale.pk}").content.decode()
    assert f'value="{scale.pk}" selected' in page


@pytest.mark.parametrize("count", [2, 30])
def test_the_register_reads_in_a_fixed_number_of_queries(client, landscape, count, django_assert_max_num_queries):
    alliance = landscape.internal
    scales = _scales()
    for number in range(count):
        write(landscape.coordinator, alliance, scale=scales[number % len(scales)], review_on=TODAY)
    client = _login(client, landscape.coordinator)
    url = register_url(alliance)
    with django_assert_max_num_queries(8):
        response = client.get(url)
    assert response.content.decode().count('<article id="dilemma-') == count
