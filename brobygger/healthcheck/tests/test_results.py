"""What a round's results say: every party counted once, "ved ikke" left out, results by
sector, the divergence that flags where the parties see the alliance differently, the trend
that compares like with like, and the figures outside the alliance that never show one
party's answer."""

import datetime

import pytest
import time_machine
from django.conf import settings

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Alliance, MemberRole, Organisation, Party
from brobygger.core import registry, versions
from brobygger.healthcheck import figures, selectors, services
from brobygger.healthcheck.models import Statement, StatementAnswer, TensionScale
from brobygger.healthcheck.taxonomy import Criterion
from brobygger.healthcheck.tests.helpers import answer, open_round, results
from brobygger.healthcheck.tests.test_rounds import NOW, parties, second_partner
from conftest import make_user


@pytest.fixture(autouse=True)
def fixed_day():
    with time_machine.travel(NOW, tick=False):
        yield


def by_key(rows, key):
    return next(row for row in rows if row.key == key)


def tension(found, key):
    return next(row for row in found.tensions if row.scale.key == key)


@pytest.mark.django_db
def test_each_party_counts_once_whatever_its_number_of_representatives(landscape):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    named = parties(alliance)
    second_partner(landscape, alliance)
    answer(landscape.partner, round_, named["Mejeriet A/S"], value=2)
    answer(landscape.coordinator, round_, named["Lejre Kommune"], value=4)
    found = results(round_)
    group = by_key(found.criteria, Criterion.WHY)
    assert group.spread.overall == 3.0
    assert group.spread.answered == 2
    assert [(row.sector, row.mean, row.parties) for row in group.spread.by_sector] == [
        ("offentlig", 4.0, 1),
        ("privat", 2.0, 1),
    ]


@pytest.mark.django_db
def test_ved_ikke_is_left_out_of_a_partys_score(landscape):
    round_ = open_round(landscape.coordinator, landscape.internal)
    company = parties(landscape.internal)["Mejeriet A/S"]
    answer(landscape.partner, round_, company, value=5, overrides={"why-own-words": None})
    found = results(round_)
    assert by_key(found.criteria, Criterion.WHY).scores[company.pk] == 5.0
    # A criterion answered only with "ved ikke" has no score.
    answer(landscape.partner, round_, company, value=5, overrides={"why-own-words": None, "why-citizens": None})
    assert by_key(results(round_).criteria, Criterion.WHY).scores[company.pk] is None


@pytest.mark.django_db
def test_divergence_flags_where_parties_or_sectors_lie_far_apart(landscape):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    named = parties(alliance)
    association_rep = make_user("forening", landscape.association)
    alliance_services.membership_add(
        actor=landscape.coordinator, alliance=alliance, user=association_rep, role=MemberRole.PARTNER,
        party=named["Landmændenes Forening"],
    )
    # A second company: the private sector has two parties, so the sectors' distance is read.
    other = Organisation.objects.get(name="Andet Firma ApS")
    other_party = alliance_services.party_add(
        actor=landscape.coordinator, alliance=alliance, organisation=other, role_description="Kører mælken ud."
    )
    alliance_services.membership_add(
        actor=landscape.coordinator, alliance=alliance, user=landscape.company_outsider, role=MemberRole.PARTNER,
        party=other_party,
    )
    # Fair process: 5, 3, 3, 3 → spread 2 points of 4 (half the scale): divergent.
    # Shared why: 4, 4, 4, 3 → spread 1, but sectors 1 apart (a quarter of the scale): divergent.
    # Results home: 4, 4, 4, 4 → the same.
    fair = ["fair-heard", "fair-explained", "fair-expectations"]
    answer(landscape.coordinator, round_, named["Lejre Kommune"], value=4, position=20,
           overrides={**dict.fromkeys(fair, 5), "why-own-words": 4, "why-citizens": 4})
    answer(landscape.partner, round_, named["Mejeriet A/S"], value=4, position=40,
           overrides={**dict.fromkeys(fair, 3), "why-own-words": 4, "why-citizens": 4})
    answer(landscape.company_outsider, round_, other_party, value=4, position=40,
           overrides={**dict.fromkeys(fair, 3), "why-own-words": 4, "why-citizens": 4})
    answer(association_rep, round_, named["Landmændenes Forening"], value=4, position=85,
           overrides={**dict.fromkeys(fair, 3), "why-own-words": 3, "why-citizens": 3})
    found = results(round_)
    fair_result = by_key(found.criteria, Criterion.FAIR_PROCESS).spread
    assert (fair_result.party_spread, fair_result.divergent) == (2.0, True)
    why = by_key(found.criteria, Criterion.WHY).spread
    assert (why.party_spread, why.sector_gap, why.divergent) == (1.0, 1.0, True)
    home = by_key(found.criteria, Criterion.RESULTS_HOME).spread
    assert (home.party_spread, home.sector_gap, home.divergent) == (0.0, 0.0, False)
    # Tension scales on 0–100: 20, 40 and 85 spread 65 (over half the scale).
    scale = tension(found, "system-or-alliance").spread
    assert (scale.party_spread, scale.divergent) == (65, True)
    flagged = [getattr(row, "key", None) or row.scale.key for row in found.divergent]
    assert Criterion.FAIR_PROCESS in flagged and Criterion.WHY in flagged
    assert Criterion.RESULTS_HOME not in flagged


@pytest.mark.django_db
def test_with_one_party_per_sector_only_the_spread_counts(landscape):
    """Three parties in three sectors: the sectors' distance would repeat the spread, so a
    point-wide gap between two single parties is no divergence."""
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    named = parties(alliance)
    answer(landscape.coordinator, round_, named["Lejre Kommune"], value=4)
    answer(landscape.partner, round_, named["Mejeriet A/S"], value=3)
    why = by_key(results(round_).criteria, Criterion.WHY).spread
    assert (why.party_spread, why.sector_gap, why.divergent) == (1.0, None, False)


@pytest.mark.django_db
def test_one_party_gives_no_spread_and_no_flag(landscape):
    round_ = open_round(landscape.coordinator, landscape.internal)
    answer(landscape.partner, round_, parties(landscape.internal)["Mejeriet A/S"], value=1)
    found = results(round_)
    assert all(group.spread.party_spread is None and not group.spread.divergent for group in found.criteria)
    assert found.divergent == []


def _new_version_with_changed_statement(staff, key: str):
    draft = services.draft_start(actor=staff)
    statement = Statement.objects.get(version=draft, key=key)
    values = {name: getattr(statement, name) for name in ("key", "criterion", "dimension", "text_da", "text_en", "order")}
    values["text_da"] = "Et helt andet udsagn om det samme."
    services.instrument_item_save(actor=staff, version=draft, kind="statement", item=statement, values=values)
    services.draft_publish(actor=staff, version=draft, note="Et udsagn om et fælles hvorfor er skrevet om.")
    return draft


@pytest.mark.django_db
def test_the_trend_compares_only_like_with_like(landscape):
    alliance = landscape.internal
    company = parties(alliance)["Mejeriet A/S"]
    with time_machine.travel(NOW - datetime.timedelta(days=200), tick=False):
        first = open_round(landscape.coordinator, alliance, days=10)
        answer(landscape.partner, first, company, value=2, position=30)
    with time_machine.travel(NOW - datetime.timedelta(days=100), tick=False):
        second = open_round(landscape.coordinator, alliance, days=10)
        answer(landscape.partner, second, company, value=3, position=60)
    _new_version_with_changed_statement(landscape.staff, "why-citizens")
    third = open_round(landscape.coordinator, alliance, days=10)
    answer(landscape.partner, third, company, value=4, position=60)
    trend = selectors.trend(alliance)
    assert [round_.number for round_ in trend.rounds] == [1, 2, 3]
    why = by_key(trend.criteria, Criterion.WHY)
    assert [cell.value for cell in why.cells] == [2.0, 3.0, 4.0]
    assert why.cells[1].change == 1.0
    # Round 3 asked the shared "why" in new words: no change is computed across the break.
    assert (why.cells[2].change, why.cells[2].comparable) == (None, False)
    fair = by_key(trend.criteria, Criterion.FAIR_PROCESS)
    assert fair.cells[2].change == 1.0
    # The overall score compares only where every criterion does.
    assert trend.health[1].change == 1.0
    assert (trend.health[2].change, trend.health[2].comparable) == (None, False)
    system = next(row for row in trend.tensions if row.key == "system-or-alliance")
    assert [cell.change for cell in system.cells] == [None, 30, 0]


@pytest.mark.django_db
def test_an_open_rounds_version_stays_when_staff_publish_a_new_one(landscape):
    round_ = open_round(landscape.coordinator, landscape.internal)
    new = _new_version_with_changed_statement(landscape.staff, "why-citizens")
    assert round_.version.number == 1 and new.number == 2
    answer(landscape.partner, round_, parties(landscape.internal)["Mejeriet A/S"])
    answered = StatementAnswer.objects.values_list("statement__version_id", flat=True).distinct()
    assert list(answered) == [round_.version_id]
    assert selectors.latest_published_version() == new


def _country(landscape, alliances: int):
    """`alliances` closed rounds in alliances of three parties each (Lejre, the company, the
    association), all answered."""
    rep = make_user("forening", landscape.association)
    for number in range(alliances):
        alliance = Alliance.objects.get(pk=landscape.internal.pk) if number == 0 else alliance_services.alliance_create(
            actor=landscape.coordinator, title=f"Alliance {number}", summary="Resumé", purpose="Formål",
            welfare_area="aeldre", lead_organisation=landscape.lejre, visibility="intern",
        )
        named = parties(alliance)
        for organisation in (landscape.company, landscape.association):
            if organisation.name not in named:
                alliance_services.party_add(actor=landscape.coordinator, alliance=alliance, organisation=organisation, role_description="Med.")
        named = parties(alliance)
        if number:
            alliance_services.membership_add(actor=landscape.coordinator, alliance=alliance, user=landscape.partner,
                                             role=MemberRole.PARTNER, party=named["Mejeriet A/S"])
        alliance_services.membership_add(actor=landscape.coordinator, alliance=alliance, user=rep,
                                         role=MemberRole.PARTNER, party=named["Landmændenes Forening"])
        with time_machine.travel(NOW - datetime.timedelta(days=30), tick=False):
            round_ = open_round(landscape.coordinator, alliance, days=5)
            answer(landscape.coordinator, round_, named["Lejre Kommune"], value=5, position=80)
            answer(landscape.partner, round_, named["Mejeriet A/S"], value=3, position=40)
            answer(rep, round_, named["Landmændenes Forening"], value=2, position=20)


@pytest.mark.django_db
def test_knowledge_figures_show_sectors_only_over_enough_parties(landscape):
    _country(landscape, 1)
    table = figures.criteria_by_sector(landscape.coordinator)
    assert table.columns == ["Alle parter", "Offentlig", "Privat", "Civilsamfund"]
    heading, cells = table.rows[0]
    # One alliance: three parties overall, but one per sector: no sector's answer is shown.
    assert cells[0] == "3,3 (3 parter)"
    assert cells[1:] == ["færre end 3 parter"] * 3
    # An outsider sees no internal alliance's round: no figure at all.
    assert figures.criteria_by_sector(landscape.outsider) is None


@pytest.mark.django_db
def test_knowledge_figures_open_up_with_three_parties_per_sector(landscape):
    _country(landscape, 3)
    assert settings.BROBYGGER_PRIVACY_THRESHOLD == 3
    heading, cells = figures.tensions_by_sector(landscape.coordinator).rows[0]
    # Each organisation counts once per alliance it answers in (each its own party).
    assert cells == ["47 (9 parter)", "80 (3 parter)", "40 (3 parter)", "20 (3 parter)"]


@pytest.mark.django_db
def test_the_results_page_reads_in_the_same_number_of_queries_whatever_the_answers(
    landscape, client, django_assert_max_num_queries
):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    answer(landscape.partner, round_, parties(alliance)["Mejeriet A/S"])
    client.force_login(landscape.coordinator)
    url = f"/alliancer/{alliance.slug}/sundhed/"
    client.get(url)
    # Both reads cold: the page's body is kept in the shared cache until the alliance changes.
    versions.changed(None)
    with django_assert_max_num_queries(40) as few:
        assert client.get(url).status_code == 200
    # Twelve more parties with representatives, all answering.
    for number in range(12):
        organisation = alliance_services.organisation_create(actor=None, name=f"Forening {number}", kind="forening")
        party = alliance_services.party_add(actor=landscape.coordinator, alliance=alliance, organisation=organisation, role_description="Med.")
        user = make_user(f"rep{number}", organisation)
        alliance_services.membership_add(actor=landscape.coordinator, alliance=alliance, user=user, role=MemberRole.PARTNER, party=party)
        answer(user, round_, party, value=1 + number % 5, position=number * 8)
    versions.changed(None)
    with django_assert_max_num_queries(len(few.captured_queries)):
        response = client.get(url)
    assert response.status_code == 200
    assert "Forening 11" in response.content.decode()


@pytest.mark.django_db
def test_the_value_balance_shows_what_taking_part_gives_and_costs(landscape, client):
    alliance = landscape.public
    round_ = open_round(landscape.coordinator, alliance)
    answer(landscape.partner, round_, parties(alliance)["Mejeriet A/S"], item_value=4, overrides={"costs-time": 2})
    client.force_login(landscape.observer)
    page = client.get(f"/alliancer/{alliance.slug}/vaerdi/").content.decode()
    assert "Runde 1 af sundhedstjekket:" in page
    # Benefits 4, 4, 4, 4; costs 2, 4, 4, 4.
    assert "giver 4,0 af 5" in page and "koster 3,5 af 5" in page
    # Outside the alliance no party's answer is shown.
    client.force_login(landscape.company_outsider)
    page = client.get(f"/alliancer/{alliance.slug}/vaerdi/").content.decode()
    assert "sundhedstjekket" not in page and "Vi får noget ud af det" not in page


@pytest.mark.django_db
def test_the_answer_details_hook_reads_in_its_declared_queries(landscape, django_assert_num_queries):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance)
    answer(landscape.partner, round_, parties(alliance)["Mejeriet A/S"])
    hook = next(hook for hook in registry.answer_details if hook.key == "participation")
    all_parties = list(Party.objects.filter(alliance=alliance))
    with django_assert_num_queries(hook.queries):
        found = hook.compute(alliance, all_parties, landscape.coordinator)
    assert list(found) == [parties(alliance)["Mejeriet A/S"].pk]


@pytest.mark.django_db
def test_a_top_leaders_front_page_lists_divergence_and_low_scores(landscape, client):
    _country(landscape, 2)
    leader = make_user("topleder", landscape.lejre)
    for alliance in Alliance.objects.filter(title__in=["Intern mælk", "Alliance 1"]):
        alliance_services.membership_add(
            actor=landscape.coordinator, alliance=alliance, user=leader, role=MemberRole.TOP_LEADER,
            party=parties(alliance)["Lejre Kommune"],
        )
    client.force_login(leader)
    page = client.get("/").content.decode()
    assert "Sundhed i de alliancer, du er topleder i" in page
    assert "Hvor parterne ser mest forskelligt på alliancen" in page
    assert "3,3 af 5 (runde 1)" in page
    # Someone who is top leader nowhere does not get the section.
    client.force_login(landscape.partner)
    assert "Sundhed i de alliancer, du er topleder i" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_front_page_asks_a_representative_whose_party_has_not_answered(landscape, client):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance, days=5)
    client.force_login(landscape.partner)
    assert "Runde 1 af sundhedstjekket er åben til og med 09.12.2026, og jeres part har ikke svaret." in (
        client.get("/").content.decode()
    )
    answer(landscape.partner, round_, parties(alliance)["Mejeriet A/S"])
    assert "jeres part har ikke svaret" not in client.get("/").content.decode()
    # The observer answers for nobody and is not asked.
    client.force_login(landscape.observer)
    assert "jeres part har ikke svaret" not in client.get("/").content.decode()


@pytest.mark.django_db
def test_the_alliance_card_tells_members_where_the_round_stands(landscape, client):
    alliance = landscape.internal
    round_ = open_round(landscape.coordinator, alliance, days=5)
    answer(landscape.partner, round_, parties(alliance)["Mejeriet A/S"])
    client.force_login(landscape.observer)
    page = client.get("/alliancer/").content.decode()
    assert "runde 1 er åben til og med 9. december 2026; 1 part har svaret" in page
    client.force_login(landscape.public_employee)
    assert "runde 1 er åben" not in client.get("/alliancer/").content.decode()


@pytest.mark.django_db
def test_a_scale_is_placed_in_the_readers_language(landscape):
    scale = TensionScale.objects.get(version__number=1, key="law-or-market")
    from django.utils import translation

    with translation.override("en"):
        assert str(scale) == "Public legal basis ↔ Market incentives"
    assert str(scale) == "Offentligt lovgrundlag ↔ Markedets incitamenter"
