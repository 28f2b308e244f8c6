"""Decisions' figure in the knowledge centre: per welfare area, over the alliances the reader
sees, the decisions made and communicated, the share of responses answered, the share of
expectations with an owner and a date, and "felt heard" split by stance, each mean shown only
behind enough answers (and the overall one not where it would give a small group away); in a
fixed number of queries."""

import pytest

from brobygger.alliances import services as alliance_services
from brobygger.alliances.models import Visibility
from brobygger.core import registry
from brobygger.decisions import figures, services
from brobygger.decisions.taxonomy import Stance

from .helpers import answer_all, communicated, decide, in_hearing, public_response

pytestmark = pytest.mark.django_db

COLUMNS = [
    "Besluttet",
    "Heraf meddelt",
    "Høringssvar besvaret",
    "Forventninger med ansvarlig og dato",
    "Følte sig hørt, enige (1–5)",
    "Følte sig hørt, uenige (1–5)",
]
FEW = "færre end 3 svar"


@pytest.fixture(autouse=True)
def threshold(settings):
    settings.BROBYGGER_PRIVACY_THRESHOLD = 3


def school_alliance(landscape):
    """An internal alliance on schools, led by Lejre Kommune like the landscape's."""
    return alliance_services.alliance_create(
        actor=landscape.coordinator, title="Skolemælk", summary="Mælk i skolerne.", purpose="Frisk mælk.",
        welfare_area="folkeskole", lead_organisation=landscape.lejre, visibility=Visibility.INTERNAL,
    )


def communicated_with_felt_heard(coordinator, alliance, *, agree=(), disagree=(), question="Spørgsmål"):
    decision = in_hearing(coordinator, alliance, question=question)
    voices = [(public_response(decision, stance=Stance.AGREE), value) for value in agree]
    voices += [(public_response(decision, stance=Stance.DISAGREE), value) for value in disagree]
    decision = communicated(coordinator, decision)
    for response, value in voices:
        services.felt_heard_save(response=response, value=value)
    return decision


def country(landscape):
    """Elderly care: a communicated decision in the internal alliance (two agreeing, three
    disagreeing answers on "felt heard"), a decided one there with one of its two responses
    answered and a vague expectation, and a communicated one in the private alliance. Schools:
    one communicated decision with one disagreeing answer. And a draft and a decision in
    hearing, which are not counted."""
    coordinator = landscape.coordinator
    communicated_with_felt_heard(coordinator, landscape.internal, agree=(2, 3), disagree=(4, 4, 5))
    decided = in_hearing(coordinator, landscape.internal, question="Besluttet")
    public_response(decided)
    decided = decide(coordinator, decided)
    answer_all(coordinator, decided)
    public_response(in_hearing(coordinator, landscape.internal, question="Nyt svar efter"))
    services.expectation_create(actor=coordinator, decision=decided, action="Find ud af det.")
    private = in_hearing(coordinator, landscape.private, question="Hemmelig")
    public_response(private)
    communicated(coordinator, private)
    communicated_with_felt_heard(coordinator, school_alliance(landscape), disagree=(1,))


def rows_of(table) -> dict[str, list[str]]:
    return dict(table.rows)


def test_a_reader_who_sees_every_alliance_gets_every_area(landscape, today):
    country(landscape)

    table = figures.fair_process_by_sector(landscape.coordinator)

    assert table.columns == COLUMNS
    rows = rows_of(table)
    assert list(rows) == ["Alle alliancer", "Ældre", "Folkeskole"]
    # Elderly care: the internal alliance's two decisions made and the private one's.
    assert rows["Ældre"] == ["3", "2", "100 % (7 af 7)", "67 % (2 af 3)", FEW, "4,3 (3 svar)"]
    assert rows["Folkeskole"] == ["1", "1", "100 % (1 af 1)", "100 % (1 af 1)", FEW, FEW]
    # Overall the disagreeing are four, but the school's one answer would be the difference.
    assert rows["Alle alliancer"] == [
        "4", "3", "100 % (8 af 8)", "75 % (3 af 4)", FEW,
        "vises ikke: ellers kunne et områdes få svar regnes ud",
    ]
    assert "3" in table.note


def test_responses_not_yet_answered_lower_the_share(landscape, today):
    coordinator = landscape.coordinator
    decision = in_hearing(coordinator, landscape.internal)
    for _number in range(3):
        public_response(decision)
    decision = decide(coordinator, decision)
    response = decision.hearing.responses.order_by("number").first()
    services.response_reply(actor=coordinator, response=response, usage="brugt", text="Tak.", base_url="http://testserver")
    rows = rows_of(figures.fair_process_by_sector(landscape.coordinator))
    assert rows["Ældre"][:4] == ["1", "0", "33 % (1 af 3)", "ingen forventninger"]


def test_an_alliance_the_reader_does_not_see_is_not_counted(landscape, today):
    country(landscape)
    # Lejre's employee sees the internal alliances Lejre is a party of, not the private one.
    rows = rows_of(figures.fair_process_by_sector(landscape.public_employee))
    assert rows["Ældre"] == ["2", "1", "100 % (6 af 6)", "50 % (1 af 2)", FEW, "4,3 (3 svar)"]
    assert rows["Alle alliancer"][0] == "3"
    # Someone who sees only the public alliance, where nothing is decided: no figure.
    assert figures.fair_process_by_sector(landscape.company_outsider) is None
    assert figures.fair_process_by_sector(landscape.staff) is not None


def test_felt_heard_opens_up_with_enough_answers(landscape, today):
    coordinator = landscape.coordinator
    communicated_with_felt_heard(coordinator, landscape.internal, agree=(5, 4, 4), disagree=(2, 3, 3), question="A")
    communicated_with_felt_heard(coordinator, school_alliance(landscape), agree=(3, 3, 3), question="B")
    rows = rows_of(figures.fair_process_by_sector(coordinator))
    assert rows["Ældre"][4:] == ["4,3 (3 svar)", "2,7 (3 svar)"]
    assert rows["Folkeskole"][4:] == ["3,0 (3 svar)", FEW]
    # No school answer is hidden among the disagreeing: the overall mean gives nothing away.
    assert rows["Alle alliancer"][4:] == ["3,7 (6 svar)", "2,7 (3 svar)"]


def test_the_figure_reads_in_its_declared_queries_whatever_the_data(landscape, today, django_assert_num_queries):
    hook = next(hook for hook in registry.knowledge_figures if hook.key == "fair_process")
    assert hook.queries == figures.FAIR_PROCESS_QUERIES
    country(landscape)
    with django_assert_num_queries(figures.FAIR_PROCESS_QUERIES):
        hook.compute(landscape.public_employee)
    for number in range(3):
        communicated_with_felt_heard(
            landscape.coordinator, landscape.public,
            agree=(4,), disagree=(2, 3), question=f"Flere {number}",
        )
    with django_assert_num_queries(figures.FAIR_PROCESS_QUERIES):
        table = hook.compute(landscape.coordinator)
    assert rows_of(table)["Alle alliancer"][0] == "7"


def test_the_knowledge_centre_shows_it(landscape, today, client):
    country(landscape)
    client.force_login(landscape.coordinator)
    page = client.get("/videncenter/").content.decode()
    assert "Beslutninger, der er truffet i de alliancer, du kan se, efter velfærdsområde" in page
    assert "4,3 (3 svar)" in page
