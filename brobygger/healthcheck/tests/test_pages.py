"""The health check's pages: opening a round, answering for a party (bad input and a closed
round answer 400 with a Danish message and save nothing), and reading the results."""

import datetime

import pytest
import time_machine

from brobygger.healthcheck.models import ParticipationItem, Response, Round, Statement, TensionScale
from brobygger.healthcheck.tests.helpers import answer, open_round
from brobygger.healthcheck.tests.test_rounds import NOW, parties


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(NOW, tick=False):
        yield


def answer_url(alliance, number=1) -> str:
    return f"/alliancer/{alliance.slug}/sundhed/runder/{number}/svar/"


def form_data(round_, **changes) -> dict:
    data = {}
    for statement in Statement.objects.filter(version_id=round_.version_id):
        data[f"statement_{statement.pk}"] = "4"
    for scale in TensionScale.objects.filter(version_id=round_.version_id):
        data[f"tension_{scale.pk}"] = "55"
        data[f"tension_{scale.pk}_comment"] = ""
    for item in ParticipationItem.objects.filter(version_id=round_.version_id):
        data[f"item_{item.pk}"] = "ved_ikke"
    data.update({"answer": "ja", "comment": "Vi får nye kunder og gode kolleger."})
    data.update(changes)
    return data


@pytest.mark.django_db
def test_a_partner_answers_for_the_party_on_the_page(landscape, client):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    client.force_login(landscape.partner)
    page = client.get(answer_url(alliance)).content.decode()
    assert "Mejeriet A/S" in page and 'type="range"' in page
    assert "Det hierarkiske systems regler ↔ Alliancens egne spilleregler" in page
    response = client.post(answer_url(alliance), form_data(round_))
    assert response.status_code == 302
    assert response["Location"] == f"/alliancer/{alliance.slug}/sundhed/runder/1/"
    saved = Response.objects.get(round=round_)
    assert saved.value_answer.answer == "ja"
    assert set(saved.tension_answers.values_list("position", flat=True)) == {55}
    # "ved ikke" is kept as no value.
    assert set(saved.value_answer.participation_answers.values_list("value", flat=True)) == {None}


@pytest.mark.django_db
def test_a_missing_answer_is_refused_with_the_message_next_to_the_field(landscape, client):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    statement = Statement.objects.filter(version_id=round_.version_id).first()
    scale = TensionScale.objects.filter(version_id=round_.version_id).first()
    data = form_data(round_, **{f"tension_{scale.pk}": "140", "comment": ""})
    del data[f"statement_{statement.pk}"]
    client.force_login(landscape.partner)
    response = client.post(answer_url(alliance), data)
    assert response.status_code == 400
    page = response.content.decode()
    assert page.count("Vælg et svar fra 1 til 5, eller »ved ikke«.") >= 1
    assert "Placér alliancen på skalaen fra 0 til 100." in page
    assert "Skriv en sætning om, hvad I får ud af alliancen." in page
    assert f'id="id_statement_{statement.pk}-error"' in page or f"id_statement_{statement.pk}" in page
    assert not Response.objects.exists()


@pytest.mark.django_db
def test_an_answer_after_the_deadline_is_refused_with_a_clear_message(landscape, client):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance, days=1)
    answer(landscape.partner, round_, parties(alliance)["Mejeriet A/S"], value=2)
    client.force_login(landscape.partner)
    with time_machine.travel(NOW + datetime.timedelta(days=3), tick=False):
        page = client.get(answer_url(alliance)).content.decode()
        assert "Runden lukkede efter 5. december 2026" in page
        assert 'type="submit" class="button button-primary"' not in page
        response = client.post(answer_url(alliance), form_data(round_))
    assert response.status_code == 400
    assert "Runden lukkede ved udgangen af 05.12.2026" in response.content.decode()
    assert set(Response.objects.get().statement_answers.values_list("value", flat=True)) == {2}


@pytest.mark.django_db
def test_staff_and_observers_read_the_results_but_answer_for_nobody(landscape, client):
    alliance = landscape.internal
    open_round(landscape.coordinator, alliance)
    for user in (landscape.staff, landscape.observer):
        client.force_login(user)
        assert client.get(f"/alliancer/{alliance.slug}/sundhed/").status_code == 200
        response = client.get(answer_url(alliance))
        assert response.status_code == 403
        assert "Kun partens egne repræsentanter kan svare for parten i sundhedstjekket." in response.content.decode()


@pytest.mark.django_db
def test_outsiders_do_not_see_a_public_alliances_health(landscape, client):
    open_round(landscape.coordinator, landscape.public)
    client.force_login(landscape.company_outsider)
    assert client.get(f"/alliancer/{landscape.public.slug}/sundhed/").status_code == 404
    assert client.get(f"/alliancer/{landscape.public.slug}/sundhed/runder/1/").status_code == 404


@pytest.mark.django_db
def test_a_coordinator_opens_a_round_on_the_page(landscape, client):
    alliance = landscape.internal
    client.force_login(landscape.coordinator)
    url = f"/alliancer/{alliance.slug}/sundhed/runder/ny/"
    page = client.get(url).content.decode()
    assert 'value="2026-12-18"' in page
    response = client.post(url, {"last_day": "2026-11-30"})
    assert response.status_code == 400
    assert "Den sidste svardag kan ikke ligge før i dag." in response.content.decode()
    assert client.post(url, {"last_day": "ikke en dato"}).status_code == 400
    assert not Round.objects.exists()
    response = client.post(url, {"last_day": "2026-12-20"})
    assert response.status_code == 302
    assert Round.objects.get().last_day == datetime.date(2026, 12, 20)


@pytest.mark.django_db
def test_the_results_read_by_criteria_or_by_the_five_dimensions(landscape, client):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    answer(landscape.partner, round_, parties(alliance)["Mejeriet A/S"])
    client.force_login(landscape.observer)
    page = client.get(f"/alliancer/{alliance.slug}/sundhed/").content.decode()
    assert "En fair proces" in page and "Sådan regner Brobygger" in page
    page = client.get(f"/alliancer/{alliance.slug}/sundhed/?visning=dimensioner").content.decode()
    assert "Tillid og gensidige normer" in page and "Thomson, Perry og Miller 2009" in page
    # An unknown grouping falls back to the criteria.
    assert client.get(f"/alliancer/{alliance.slug}/sundhed/?visning=<x>").status_code == 200
    # An unknown round is not found.
    assert client.get(f"/alliancer/{alliance.slug}/sundhed/runder/9/").status_code == 404
