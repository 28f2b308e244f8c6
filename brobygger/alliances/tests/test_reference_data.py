"""The municipalities and regions from the reference data, and the 2027 regional merger."""

import datetime
import re
from html.parser import HTMLParser

import pytest
import time_machine
from django.apps import apps

from brobygger.accounts.services import user_create
from brobygger.alliances import selectors, services
from brobygger.alliances.models import MunicipalityRegion, Organisation, Visibility
from brobygger.alliances.reference_data import load_reference_data
from conftest import consented

LAST_DAY_OF_OLD_REGIONS = datetime.date(2026, 12, 31)
FIRST_DAY_OF_NEW_REGION = datetime.date(2027, 1, 1)


def noon(day: datetime.date) -> datetime.datetime:
    return datetime.datetime.combine(day, datetime.time(12), tzinfo=datetime.UTC)


def organisation(name: str) -> Organisation:
    return Organisation.objects.get(name=name)


class SelectOptions(HTMLParser):
    """Collects the option labels of one <select> by its name."""

    def __init__(self, name: str):
        super().__init__()
        self.name = name
        self.inside = False
        self.in_option = False
        self.options: list[str] = []

    def handle_starttag(self, tag, attrs):
        attributes = dict(attrs)
        if tag == "select" and attributes.get("name") == self.name:
            self.inside = True
        elif tag == "option" and self.inside:
            self.in_option = True
            self.options.append("")

    def handle_endtag(self, tag):
        if tag == "select":
            self.inside = False
        elif tag == "option":
            self.in_option = False

    def handle_data(self, data):
        if self.in_option:
            self.options[-1] += data


def select_options(html: str, name: str) -> list[str]:
    parser = SelectOptions(name)
    parser.feed(html)
    return [option.strip() for option in parser.options]


def titles_in(html: str) -> set[str]:
    return set(re.findall(r'<h3 class="header-title h4"><a href="[^"]*">([^<]*)</a>', html))


# --- The data ---------------------------------------------------------------------------


@pytest.mark.django_db
def test_98_municipalities_with_four_digit_codes():
    """All 98 municipalities are there, each with a unique four-digit code."""
    municipalities = Organisation.objects.filter(kind="kommune")
    assert municipalities.count() == 98
    codes = list(municipalities.values_list("official_code", flat=True))
    assert all(re.fullmatch(r"\d{4}", code) for code in codes)
    assert len(set(codes)) == 98
    assert organisation("Københavns Kommune").official_code == "0101"
    assert organisation("Bornholms Regionskommune").official_code == "0400"
    assert organisation("Lejre Kommune").official_code == "0350"


@pytest.mark.django_db
def test_regions_with_codes_and_periods():
    """The five regions have their codes; the two that merge end on 31 December 2026, and
    Region Østdanmark begins on 1 January 2027 with its code not yet published."""
    regions = {r.name: r for r in Organisation.objects.filter(kind="region")}
    assert {name: r.official_code for name, r in regions.items()} == {
        "Region Nordjylland": "1081",
        "Region Midtjylland": "1082",
        "Region Syddanmark": "1083",
        "Region Hovedstaden": "1084",
        "Region Sjælland": "1085",
        "Region Østdanmark": "",
    }
    for name in ("Region Hovedstaden", "Region Sjælland"):
        assert regions[name].valid_to == LAST_DAY_OF_OLD_REGIONS
    assert regions["Region Østdanmark"].valid_from == FIRST_DAY_OF_NEW_REGION
    assert regions["Region Østdanmark"].valid_to is None
    for name in ("Region Nordjylland", "Region Midtjylland", "Region Syddanmark"):
        assert regions[name].valid_to is None
    assert all(r.is_public_sector for r in regions.values())


@pytest.mark.django_db
def test_every_municipality_has_a_region_on_both_sides_of_the_merger():
    """Each municipality belongs to exactly one region on any day."""
    for day in (LAST_DAY_OF_OLD_REGIONS, FIRST_DAY_OF_NEW_REGION):
        total = sum(
            selectors.municipalities_in_region(region, day).count()
            for region in Organisation.objects.filter(kind="region")
        )
        assert total == 98


# --- Selectors over the merger ----------------------------------------------------------


@pytest.mark.django_db
def test_authorities_active_on_either_side_of_the_merger():
    """On 31 December 2026 the old regions are active; on 1 January 2027 Region Østdanmark is."""
    before = set(
        selectors.authorities_active_on(LAST_DAY_OF_OLD_REGIONS)
        .filter(kind="region")
        .values_list("name", flat=True)
    )
    after = set(
        selectors.authorities_active_on(FIRST_DAY_OF_NEW_REGION)
        .filter(kind="region")
        .values_list("name", flat=True)
    )
    assert {"Region Hovedstaden", "Region Sjælland"} <= before
    assert "Region Østdanmark" not in before
    assert "Region Østdanmark" in after
    assert not {"Region Hovedstaden", "Region Sjælland"} & after
    assert len(before) == 5
    assert len(after) == 4
    for day in (LAST_DAY_OF_OLD_REGIONS, FIRST_DAY_OF_NEW_REGION):
        assert selectors.authorities_active_on(day).filter(kind="kommune").count() == 98


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("municipality", "before", "after"),
    [
        ("Københavns Kommune", "Region Hovedstaden", "Region Østdanmark"),
        ("Bornholms Regionskommune", "Region Hovedstaden", "Region Østdanmark"),
        ("Lejre Kommune", "Region Sjælland", "Region Østdanmark"),
        ("Aarhus Kommune", "Region Midtjylland", "Region Midtjylland"),
        ("Odense Kommune", "Region Syddanmark", "Region Syddanmark"),
    ],
)
def test_region_of_follows_the_date(municipality, before, after):
    """A municipality's region is the one it belongs to on the given day."""
    m = organisation(municipality)
    assert selectors.region_of(m, LAST_DAY_OF_OLD_REGIONS).name == before
    assert selectors.region_of(m, FIRST_DAY_OF_NEW_REGION).name == after


@pytest.mark.django_db
def test_municipalities_in_region_over_the_merger():
    """The 29 municipalities of Region Hovedstaden and the 17 of Region Sjælland make up the
    46 of Region Østdanmark from 1 January 2027; the old regions then have none."""
    hovedstaden = organisation("Region Hovedstaden")
    sjaelland = organisation("Region Sjælland")
    oestdanmark = organisation("Region Østdanmark")
    old = set(selectors.municipalities_in_region(hovedstaden, LAST_DAY_OF_OLD_REGIONS)) | set(
        selectors.municipalities_in_region(sjaelland, LAST_DAY_OF_OLD_REGIONS)
    )
    new = set(selectors.municipalities_in_region(oestdanmark, FIRST_DAY_OF_NEW_REGION))
    assert selectors.municipalities_in_region(hovedstaden, LAST_DAY_OF_OLD_REGIONS).count() == 29
    assert selectors.municipalities_in_region(sjaelland, LAST_DAY_OF_OLD_REGIONS).count() == 17
    assert len(new) == 46
    assert old == new
    assert not selectors.municipalities_in_region(oestdanmark, LAST_DAY_OF_OLD_REGIONS).exists()
    assert not selectors.municipalities_in_region(hovedstaden, FIRST_DAY_OF_NEW_REGION).exists()
    assert not selectors.municipalities_in_region(sjaelland, FIRST_DAY_OF_NEW_REGION).exists()
    midtjylland = organisation("Region Midtjylland")
    assert (
        selectors.municipalities_in_region(midtjylland, LAST_DAY_OF_OLD_REGIONS).count()
        == selectors.municipalities_in_region(midtjylland, FIRST_DAY_OF_NEW_REGION).count()
        == 19
    )


# --- The alliance list's place filter ---------------------------------------------------


@pytest.fixture
def alliances_in_three_places(db):
    """Public alliances led by Lejre (Sjælland → Østdanmark), Gentofte (Hovedstaden →
    Østdanmark) and Aarhus (Midtjylland throughout)."""
    user = user_create(
        username="koordinator",
        email="koordinator@example.dk",
        full_name="Koordinator Testesen",
        password=None,
    )
    for title, lead in [
        ("Mælk i Lejre", "Lejre Kommune"),
        ("Lys i Gentofte", "Gentofte Kommune"),
        ("Lektier i Aarhus", "Aarhus Kommune"),
    ]:
        alliance = services.alliance_create(
            actor=user,
            title=title,
            summary="Resumé",
            purpose="Formål",
            welfare_area="aeldre",
            lead_organisation=organisation(lead),
            visibility=Visibility.INTERNAL,
        )
        consented(alliance, Visibility.PUBLIC)


def listed(client, place: str) -> set[str]:
    response = client.get("/alliancer/", {"sted": organisation(place).pk})
    assert response.status_code == 200
    return titles_in(response.content.decode())


@pytest.mark.django_db
def test_place_filter_uses_old_regions_on_last_day_of_2026(client, alliances_in_three_places):
    """On 31 December 2026 a region's alliances are those of its municipalities then."""
    with time_machine.travel(noon(LAST_DAY_OF_OLD_REGIONS), tick=False):
        assert listed(client, "Region Sjælland") == {"Mælk i Lejre"}
        assert listed(client, "Region Hovedstaden") == {"Lys i Gentofte"}
        assert listed(client, "Region Midtjylland") == {"Lektier i Aarhus"}
        assert listed(client, "Lejre Kommune") == {"Mælk i Lejre"}


@pytest.mark.django_db
def test_place_filter_uses_region_oestdanmark_from_2027(client, alliances_in_three_places):
    """From 1 January 2027 Region Østdanmark's alliances include Lejre's and Gentofte's."""
    with time_machine.travel(noon(FIRST_DAY_OF_NEW_REGION), tick=False):
        assert listed(client, "Region Østdanmark") == {"Mælk i Lejre", "Lys i Gentofte"}
        assert listed(client, "Region Midtjylland") == {"Lektier i Aarhus"}
        assert listed(client, "Gentofte Kommune") == {"Lys i Gentofte"}


@pytest.mark.django_db
def test_place_filter_includes_alliances_where_region_itself_is_party(
    client, alliances_in_three_places
):
    """A region's own alliances are listed under it too, not only its municipalities'."""
    user = user_create(
        username="regional",
        email="regional@example.dk",
        full_name="Regional Testesen",
        password=None,
    )
    alliance = services.alliance_create(
        actor=user,
        title="Telemedicin",
        summary="Resumé",
        purpose="Formål",
        welfare_area="sundhed",
        lead_organisation=organisation("Region Midtjylland"),
        visibility=Visibility.INTERNAL,
    )
    consented(alliance, Visibility.PUBLIC)
    with time_machine.travel(noon(LAST_DAY_OF_OLD_REGIONS), tick=False):
        assert listed(client, "Region Midtjylland") == {"Lektier i Aarhus", "Telemedicin"}


@pytest.mark.django_db
def test_place_filter_choices_follow_the_date(client):
    """The "sted" select offers the regions that exist on the day: Region Hovedstaden in 2026,
    Region Østdanmark in 2027, never both."""
    with time_machine.travel(noon(LAST_DAY_OF_OLD_REGIONS), tick=False):
        options_2026 = select_options(client.get("/alliancer/").content.decode(), "sted")
    with time_machine.travel(noon(FIRST_DAY_OF_NEW_REGION), tick=False):
        options_2027 = select_options(client.get("/alliancer/").content.decode(), "sted")

    def has(options, name):
        return any(option.startswith(f"{name} (") for option in options)

    assert has(options_2026, "Region Hovedstaden")
    assert has(options_2026, "Region Sjælland")
    assert not has(options_2026, "Region Østdanmark")
    assert has(options_2027, "Region Østdanmark")
    assert not has(options_2027, "Region Hovedstaden")
    assert not has(options_2027, "Region Sjælland")
    # 98 municipalities, the active regions and "Hele landet".
    assert len(options_2026) == 1 + 5 + 98
    assert len(options_2027) == 1 + 4 + 98


# --- Loading ----------------------------------------------------------------------------


def snapshot():
    organisations = sorted(
        Organisation.objects.values_list(
            "pk", "kind", "name", "official_code", "valid_from", "valid_to"
        )
    )
    periods = sorted(
        MunicipalityRegion.objects.values_list(
            "pk", "municipality_id", "region_id", "valid_from", "valid_to"
        )
    )
    return organisations, periods


@pytest.mark.django_db
def test_load_reference_data_is_idempotent():
    """Loading the files again (as a later migration will) changes nothing and duplicates nothing."""
    before = snapshot()
    load_reference_data(Organisation, MunicipalityRegion)
    load_reference_data(
        apps.get_model("alliances", "Organisation"),
        apps.get_model("alliances", "MunicipalityRegion"),
    )
    assert snapshot() == before
    assert Organisation.objects.filter(kind__in=["kommune", "region"]).count() == 98 + 6
    # 52 municipalities keep their region (one period), 46 change (two periods).
    assert MunicipalityRegion.objects.count() == 52 + 2 * 46


@pytest.mark.django_db
def test_load_reference_data_repairs_changed_rows():
    """Rows changed by hand are set back to the files' values, keeping their primary keys."""
    lejre = organisation("Lejre Kommune")
    hovedstaden = organisation("Region Hovedstaden")
    Organisation.objects.filter(pk=hovedstaden.pk).update(valid_to=None)
    MunicipalityRegion.objects.filter(municipality=lejre).delete()
    load_reference_data(Organisation, MunicipalityRegion)
    hovedstaden.refresh_from_db()
    assert hovedstaden.valid_to == LAST_DAY_OF_OLD_REGIONS
    assert selectors.region_of(lejre, LAST_DAY_OF_OLD_REGIONS).name == "Region Sjælland"
    assert selectors.region_of(lejre, FIRST_DAY_OF_NEW_REGION).name == "Region Østdanmark"
    assert Organisation.objects.filter(name="Lejre Kommune").count() == 1


@pytest.mark.django_db
def test_a_region_that_has_ended_is_refused_as_filter_but_other_filters_apply(
    client, alliances_in_three_places
):
    """An old bookmark to Region Hovedstaden in 2027 explains that the choice is gone, next
    to the field, while the search in the same address still narrows the list."""
    with time_machine.travel(noon(FIRST_DAY_OF_NEW_REGION), tick=False):
        response = client.get(
            "/alliancer/", {"sted": organisation("Region Hovedstaden").pk, "q": "Aarhus"}
        )
    html = response.content.decode()
    assert titles_in(html) == {"Lektier i Aarhus"}
    assert 'id="id_sted-error"' in html
    assert "findes ikke i dag" in html
