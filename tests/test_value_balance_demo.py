"""The demo shows every case of the value balance, and for the same reader every place that
shows a party's status says the same: the balance page, the party's ledger page, the
alliance card, the front page's attention list and the API (issue 13, "done when")."""

from collections import Counter
from io import StringIO

import pytest
from django.core.management import call_command
from django.test import Client
from django.urls import reverse

from brobygger.accounts.models import User
from brobygger.alliances.models import Alliance, ValueAnswer
from brobygger.ledger.models import Contribution, Result, ValueGoal
from brobygger.ledger.progress import GoalState
from brobygger.ledger.rules import EVERYTHING
from brobygger.ledger.selectors import value_balance
from brobygger.testing.html import main, page

STATUS_WORDS = {"green": "Grøn", "yellow": "Gul", "red": "Rød"}
CARD_WORDS = {"green": ("grøn", "grønne"), "yellow": ("gul", "gule"), "red": ("rød", "røde")}


@pytest.fixture
def demo(today, db):
    call_command("demo", stdout=StringIO())


def client_for(username: str | None) -> Client:
    client = Client()
    if username:
        client.force_login(User.objects.get(username=username))
    return client


def test_the_demo_has_every_case_of_the_balance(demo):
    states = Counter()
    for alliance in Alliance.objects.all():
        balance = value_balance(alliance=alliance, scope=EVERYTHING, with_answers=True)
        states["shared"] += len(balance.shared_goals)
        for row in balance.parties:
            states.update(
                {
                    GoalState.MET: row.goals.met,
                    GoalState.ON_THE_WAY: row.goals.on_the_way,
                    GoalState.NOT_DUE: row.goals.not_due,
                    GoalState.OVERDUE: row.goals.overdue,
                }
            )
            states[row.status] += 1
    assert all(states[state] for state in GoalState.ORDER), states
    assert states["shared"] >= 1 and states["green"] and states["yellow"] and states["red"]
    # Volunteer hours without a rate, hours at a rate, payments both ways, a "no".
    assert Contribution.objects.filter(unit="timer", hour_kind__rate__isnull=True).exists()
    assert Contribution.objects.filter(unit="timer", hour_kind__rate__isnull=False).exists()
    assert Contribution.objects.filter(is_payment=True).exists()
    assert Result.objects.filter(is_payment=True).exists()
    assert ValueAnswer.objects.filter(answer="nej").exists()
    assert ValueGoal.objects.filter(direction="mindre").exists()
    assert ValueGoal.objects.filter(reading="sum").exists()
    assert Result.objects.filter(meets_goal=True).exists()


def _api_statuses(client, alliance) -> dict[str, str]:
    data = client.get(reverse("api:value_balance", args=[alliance.slug])).json()
    return {row["organisation"]: row["status"] for row in data["parties"]}


def _page_statuses(client, alliance) -> dict[str, str]:
    table = main(client.get(reverse("ledger:balance", args=[alliance.slug]))).find("table", id="gets-table")
    found = {}
    for row in table.find_all("tr"):
        headers = row.find_all("th")
        cells = row.find_all("td")
        links = headers[0].find_all("a") if headers else []
        if links and cells:
            found[links[0].text] = cells[-1].text
    return found


def _card(client, alliance, path="/alliancer/") -> str:
    for glance in page(client.get(path)).find_all("p", cls="balance-glance"):
        if glance.find("a").attrs["href"].split("/")[2] == alliance.slug:
            return ", ".join(span.text for span in glance.find_all("span"))
    return ""


def _card_from(statuses: dict[str, str]) -> str:
    counts = Counter(statuses.values())
    return ", ".join(
        f"{counts[code]} {CARD_WORDS[code][0] if counts[code] == 1 else CARD_WORDS[code][1]}"
        for code in ("green", "yellow", "red")
    )


@pytest.mark.parametrize("username", [None, "topleder", "koordinator", "partner", "admin"])
def test_every_place_gives_the_same_status_for_the_same_reader(demo, username):
    client = client_for(username)
    checked = 0
    for alliance in Alliance.objects.order_by("pk"):
        if client.get(reverse("ledger:balance", args=[alliance.slug])).status_code != 200:
            continue
        api = _api_statuses(client, alliance)
        assert {name: STATUS_WORDS[code] for name, code in api.items()} == {
            name: text.split()[-1] for name, text in _page_statuses(client, alliance).items()
        }
        assert _card(client, alliance) == _card_from(api)
        data = client.get(reverse("api:value_balance", args=[alliance.slug])).json()
        for row in data["parties"]:
            ledger = main(client.get(reverse("ledger:party", args=[alliance.slug, row["party_id"]])))
            assert ledger.find("span", cls="value-status").text.split()[-1] == STATUS_WORDS[row["status"]]
        checked += 1
    assert checked >= 2


def test_the_front_page_names_the_parties_the_balance_shows_without_value(demo):
    """The top leader watches the telemedicine alliance: the front page names the same
    parties that are not green on its balance, and the party that answered "no"."""
    client = client_for("topleder")
    alliance = Alliance.objects.get(title__startswith="Telemedicin")
    not_green = sorted(name for name, code in _api_statuses(client, alliance).items() if code != "green")
    text = main(client.get("/")).text
    assert f"{len(not_green)} parter har ikke nået et værdimål inden for de seneste tolv måneder: " + ", ".join(
        not_green
    ) in text
    assert "KOL-patienternes Forening, Sydsjælland svarer, at parten ikke får nok ud af alliancen." in text
