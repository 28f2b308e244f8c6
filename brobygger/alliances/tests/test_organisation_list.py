"""The organisations list as a reader uses it: CVR numbers and the municipalities' and
regions' own codes in columns of their own, and pages that say how many there are."""

import math

from django.test import Client
from django.urls import reverse

from brobygger.alliances.models import Organisation
from brobygger.alliances.views import ORGANISATIONS_PER_PAGE
from brobygger.testing.html import main


def table_rows(response) -> dict[str, dict[str, str]]:
    """The list's rows by organisation name, each cell under its column's heading."""
    table = main(response).find("table")
    headings = [cell.text for cell in table.find("thead").find_all("th")]
    rows = {}
    for row in table.find("tbody").find_all("tr"):
        cells = row.find_all("td")
        assert [cell.attrs.get("data-title") for cell in cells] == headings  # stacked on a phone
        rows[cells[0].find("a").text] = dict(zip(headings, (cell.text for cell in cells), strict=True))
    return rows


def test_cvr_numbers_and_authority_codes_are_in_columns_of_their_own(landscape):
    url = reverse("alliances:organisation_list")
    company = table_rows(Client().get(url, {"q": "Mejeriet"}))["Mejeriet A/S"]
    assert company["CVR-nummer"] == "47165067"
    assert company["Kommune- eller regionskode"] == ""
    lejre = table_rows(Client().get(url, {"q": "Lejre"}))["Lejre Kommune"]
    assert lejre["CVR-nummer"] == ""
    assert lejre["Kommune- eller regionskode"] == "0350"


def test_pages_say_which_page_of_how_many_with_previous_and_next(landscape):
    pages = math.ceil(Organisation.objects.count() / ORGANISATIONS_PER_PAGE)
    assert pages >= 3
    url = reverse("alliances:organisation_list")
    first = main(Client().get(url)).find("nav", cls="pagination")
    assert first.find(cls="pagination-mobile").text == f"Side 1 af {pages}"
    assert not first.find_all("a", aria_label="Forrige side")
    assert first.find("a", aria_label="Næste side").attrs["href"] == "?side=2"
    numbers = {link.text: link.attrs for link in first.find_all("a", cls="button") if link.text.isdigit()}
    assert numbers["1"]["aria-current"] == "page"
    assert numbers["1"]["aria-label"] == f"Side 1 af {pages}"
    assert numbers[str(pages)]["href"] == f"?side={pages}"

    second = main(Client().get(url, {"side": 2, "type": ""})).find("nav", cls="pagination")
    assert second.find(cls="pagination-mobile").text == f"Side 2 af {pages}"
    assert second.find("a", aria_label="Forrige side").attrs["href"] == "?type=&side=1"
    assert second.find("a", aria_current="page").text == "2"


def test_an_organisations_page_lists_its_alliances_a_page_at_a_time(landscape):
    """A municipality can be a party to hundreds of alliances: its page says how many, shows
    a page of them in title order, and links to the rest."""
    from brobygger.alliances import services
    from brobygger.alliances.views import ORGANISATION_ALLIANCES_PER_PAGE

    for number in range(ORGANISATION_ALLIANCES_PER_PAGE + 1):
        services.alliance_create(
            actor=landscape.coordinator,
            title=f"Lejre-alliance {number:03d}",
            summary="Resumé.",
            purpose="Formål.",
            welfare_area="aeldre",
            lead_organisation=landscape.lejre,
            visibility="offentlig",
        )
    url = reverse("alliances:organisation_detail", kwargs={"pk": landscape.lejre.pk})
    # The landscape's public alliance and the new ones (the anonymous visitor sees no others).
    total = ORGANISATION_ALLIANCES_PER_PAGE + 2
    first = main(Client().get(url))
    section = first.find("section", aria_labelledby="alliances-heading")
    assert f"Part i {total} alliancer, du kan se." in section.text
    assert len(section.find("ul").find_all("li")) == ORGANISATION_ALLIANCES_PER_PAGE
    assert section.find("a", href="?side=2") is not None
    second = main(Client().get(url, {"side": 2})).find("section", aria_labelledby="alliances-heading")
    titles = [item.find("a").text for item in second.find("ul").find_all("li")]
    assert len(titles) == 2 and titles == sorted(titles)
