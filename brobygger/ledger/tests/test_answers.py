"""A party's own word: whether it gets enough out of the alliance. The latest answer stands
beside its figures; a "no" reaches the coordinators' front page; a party that hasn't
answered in a quarter is reminded."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Phase
from brobygger.alliances.services import value_answer_create
from brobygger.ledger import selectors
from brobygger.ledger.rules import EVERYTHING

from .helpers import client_for, main, party


@pytest.fixture
def running(landscape):
    alliance_services.alliance_change_phase(
        alliance=landscape.public, to_phase=Phase.OPERATION, actor=landscape.coordinator
    )
    return landscape


def fresh(user):
    return type(user).objects.get(pk=user.pk)


def answer_url(landscape, company) -> str:
    return reverse("ledger:value_answer", kwargs={"slug": landscape.public.slug, "party_id": company.pk})


def messages_for(user, day) -> list[tuple[str, str]]:
    return [(str(item.message), item.url) for item in selectors.attention_items(fresh(user), day=day)]


def test_a_representative_is_asked_until_the_party_answers_and_again_after_a_quarter(today, running):
    company = party(running.public, running.company)
    url = answer_url(running, company)
    asks = [message for message, link in messages_for(running.partner, today) if link == url]
    assert asks == ["Får Mejeriet A/S nok ud af alliancen? Svar, så koordinatorerne og de andre parter ved, hvor I står."]

    value_answer_create(actor=running.partner, party=company, answer="ja", comment="Vi får kunder.")
    assert not [1 for _message, link in messages_for(running.partner, today) if link == url]
    # 92 days later it still stands; a day more and the party is asked again.
    assert not [1 for _m, link in messages_for(running.partner, today + datetime.timedelta(days=92)) if link == url]
    assert [1 for _m, link in messages_for(running.partner, today + datetime.timedelta(days=93)) if link == url]


def test_a_no_reaches_the_coordinators_and_stands_beside_the_figures(today, running):
    company = party(running.public, running.company)
    balance_url = reverse("ledger:balance", kwargs={"slug": running.public.slug})
    assert not [m for m, link in messages_for(running.coordinator, today) if link.endswith("#gets-heading")]

    value_answer_create(actor=running.partner, party=company, answer="nej", comment="Vi sælger intet.")
    said_no = [m for m, link in messages_for(running.coordinator, today) if link == balance_url + "#gets-heading"]
    assert said_no == ["Mejeriet A/S svarer, at parten ikke får nok ud af alliancen."]

    page = main(client_for(running.coordinator).get(balance_url))
    assert "Nej: »Vi sælger intet.«" in page.find("table", id="gets-table").text
    assert "Mejeriet A/S: »Vi sælger intet.«" in page.find("div", id="answer-warning").text

    # A later "ja" replaces it: the latest answer is the party's word now.
    with time_machine.travel(timezone.now() + datetime.timedelta(minutes=5)):
        value_answer_create(actor=running.partner, party=company, answer="ja", comment="Nu går det.")
    assert not [m for m, link in messages_for(running.coordinator, today) if link.endswith("#gets-heading")]
    row = next(
        row
        for row in selectors.value_balance(alliance=running.public, scope=EVERYTHING, with_answers=True).parties
        if row.party == company
    )
    assert (row.answer.answer, row.answer.comment) == ("ja", "Nu går det.")


def test_outsiders_never_read_the_answers(today, running):
    company = party(running.public, running.company)
    value_answer_create(actor=running.partner, party=company, answer="nej", comment="Hemmeligt svar.")
    balance_url = reverse("ledger:balance", kwargs={"slug": running.public.slug})
    for user in (None, running.outsider):
        response = client_for(user).get(balance_url)
        assert "Hemmeligt svar." not in response.content.decode()
        data = client_for(user).get(reverse("api:value_balance", args=[running.public.slug])).json()
        assert all("own_answer" not in row for row in data["parties"])
