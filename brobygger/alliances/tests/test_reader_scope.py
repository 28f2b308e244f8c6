"""The foundation's reader scope (registry.reader_scopes): readers who may see the same
alliances share the knowledge centre's tables; what a reader sees changing is a new scope."""

import pytest
from django.urls import reverse

from brobygger.core import registry

from .. import selectors, services
from ..models import Organisation

pytestmark = pytest.mark.django_db

ROW = '<th scope="row">I alt</th><td data-title="Antal">{}</td>'


@pytest.fixture
def visible_count():
    """A knowledge figure counting the alliances its reader may see, and who it was computed for."""
    computed_for: list[str] = []

    def compute(user):
        computed_for.append(user.username)
        seen = selectors.alliance_list(user=user).count()
        return registry.FigureTable(caption="Synlige alliancer", columns=["Antal"], rows=[("I alt", [str(seen)])])

    hook = registry.KnowledgeFigure(key="visible_count", label="Synlige alliancer", compute=compute, queries=1)
    with registry.knowledge_figures.temporarily(hook):
        yield computed_for


def _page(client) -> str:
    response = client.get(reverse("core:knowledge"))
    assert response.status_code == 200
    return response.content.decode()


def test_readers_who_see_the_same_alliances_share_the_tables(client, landscape, visible_count):
    client.force_login(landscape.company_outsider)  # sees the public alliance only
    assert ROW.format(1) in _page(client)
    client.force_login(landscape.outsider)  # works elsewhere, sees the same: from the cache
    assert ROW.format(1) in _page(client)
    assert visible_count == ["firma"]
    client.force_login(landscape.partner)  # a member of all three: a scope of their own
    assert ROW.format(3) in _page(client)
    assert visible_count == ["firma", "partner"]


def test_a_new_alliance_the_reader_may_see_counts_at_once(client, landscape, visible_count):
    client.force_login(landscape.outsider)
    assert ROW.format(1) in _page(client)
    services.alliance_create(
        actor=landscape.coordinator,
        title="Nye byhaver",
        summary="Haver på tagene.",
        purpose="Grønnere byer.",
        welfare_area="aeldre",
        lead_organisation=Organisation.objects.get(name="Lejre Kommune"),
        visibility="offentlig",
    )
    assert ROW.format(2) in _page(client)
    assert visible_count == ["udenfor", "udenfor"]


def test_staff_see_every_alliance_in_one_scope(landscape):
    assert registry.reader_scope(landscape.staff) != registry.reader_scope(landscape.outsider)
    assert registry.reader_scope(landscape.staff) == registry.reader_scope(landscape.staff)
