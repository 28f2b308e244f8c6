"""A capability is one folder that registers itself. The example in tests/example_capability
is registered here only, for the length of each test: its page appears in the alliance's
navigation, its summary on the alliance cards, its attention item on the front page, its
API route under /api/v1/ and its routes in the permission matrix, and no other app changed
for it (it added one line to INSTALLED_APPS and one to the URLs, as the docs say)."""

from contextlib import ExitStack

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from brobygger.core import registry
from brobygger.testing import budgets, matrix
from tests.example_capability import hooks


@pytest.fixture
def example(settings):
    """The example, registered and routed for one test."""
    settings.ROOT_URLCONF = "tests.example_capability.root_urls"
    with ExitStack() as stack:
        for hooks_registry, hook in hooks.REGISTRATIONS:
            stack.enter_context(hooks_registry.temporarily(hook))
        yield


def text(response) -> str:
    return " ".join(response.content.decode().split())


@pytest.mark.django_db
def test_its_page_is_in_the_alliance_navigation_for_those_who_see_the_alliance(example, landscape, client):
    page = reverse("example:page", kwargs={"slug": landscape.public.slug})
    overview = text(client.get(landscape.public.get_absolute_url()))
    assert f'href="{page}">Eksempel</a>' in overview
    response = client.get(page)
    assert response.status_code == 200
    assert "Eksemplet tæller 3 parter." in text(response)
    assert 'aria-current="page">Eksempel</a>' in text(response)
    # The foundation's rule applies to the example's page too.
    hidden = reverse("example:page", kwargs={"slug": landscape.private.slug})
    assert client.get(hidden).status_code == 404
    # Monitoring asks with HEAD: the example that capabilities copy answers it like GET.
    assert (client.head(page).status_code, client.head(hidden).status_code) == (200, 404)


@pytest.mark.django_db
def test_it_is_gone_when_not_registered(landscape, client):
    """Outside the fixture nothing of the example shows."""
    assert "Eksempel" not in text(client.get(landscape.public.get_absolute_url()))
    assert "example" not in registry.alliance_pages


@pytest.mark.django_db
def test_its_menu_entry_is_in_the_main_menu_of_logged_in_users(example, landscape, client):
    assert "Eksemplets menu" not in text(client.get("/"))
    client.force_login(landscape.partner)
    page = text(client.get(reverse("core:knowledge")))
    assert 'class="active current"><a href="/videncenter/" class="nav-link" aria-current="page"><span>Eksemplets menu' in page


@pytest.mark.django_db
def test_its_knowledge_figure_is_computed_for_each_reader(example, landscape, client):
    # An anonymous visitor sees the public alliance; a member sees all three of theirs.
    row = '<th scope="row">Alle faser</th><td data-title="Antal">{}</td>'
    assert row.format(1) in text(client.get(reverse("core:knowledge")))
    client.force_login(landscape.partner)
    page = text(client.get(reverse("core:knowledge")))
    assert "Eksemplets tal" in page and row.format(3) in page


@pytest.mark.django_db
def test_its_section_is_on_the_organisation_page_for_those_it_chooses(example, landscape, client):
    page = reverse("alliances:organisation_detail", kwargs={"pk": landscape.lejre.pk})
    assert "Eksemplets afsnit" not in text(client.get(page))
    client.force_login(landscape.company_outsider)
    assert "Eksemplets afsnit" not in text(client.get(page))
    client.force_login(landscape.public_employee)
    assert "Kun for ansatte i Lejre Kommune." in text(client.get(page))


@pytest.mark.django_db
def test_its_summary_is_on_every_alliance_card(example, landscape, client):
    listing = text(client.get(reverse("alliances:list")))
    assert "Eksempel: 3 parter" in listing


@pytest.mark.django_db
def test_its_attention_item_is_on_the_front_page(example, landscape, client, today):
    client.force_login(landscape.coordinator)
    assert "Eksemplet minder koordinatoren om noget." in text(client.get("/"))
    client.force_login(landscape.partner)
    assert "Eksemplet minder koordinatoren om noget." not in text(client.get("/"))


@pytest.mark.django_db
def test_its_api_route_answers_under_the_api(example, landscape, client):
    response = client.get(f"/api/v1/alliances/{landscape.public.slug}/eksempel/")
    assert response.status_code == 200
    assert response.json() == {"alliance": landscape.public.slug, "parties": 3}
    unseen = client.get(f"/api/v1/alliances/{landscape.private.slug}/eksempel/")
    assert unseen.status_code == 404
    assert unseen["Content-Type"] == "application/problem+json"
    assert unseen.json()["title"] == "Ikke fundet"
    assert client.head(f"/api/v1/alliances/{landscape.public.slug}/eksempel/").status_code == 200


@pytest.mark.django_db
def test_its_declared_queries_are_in_the_front_page_budget(example, landscape, client, today):
    """The budget of the pages it adds to grows by what it declares, and the pages keep it."""
    summary = registry.alliance_summaries.get("example")
    with_example = budgets.front_page(logged_in=False)
    registry.alliance_summaries.unregister("example")
    assert with_example == budgets.front_page(logged_in=False) + summary.queries
    registry.alliance_summaries.register(summary)
    registry.figure_values()
    for user, budget in (
        (None, budgets.front_page(logged_in=False)),
        (landscape.coordinator, budgets.front_page(logged_in=True)),
    ):
        client.logout()
        if user:
            client.force_login(user)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/").status_code == 200
        assert len(queries) <= budget, [query["sql"][:120] for query in queries]
    client.logout()
    with CaptureQueriesContext(connection) as queries:
        assert client.get(reverse("alliances:list")).status_code == 200
    assert len(queries) <= budgets.alliance_list(logged_in=False)


@pytest.mark.django_db
def test_its_routes_are_in_the_permission_matrix_and_answer_as_stated(example, world):
    """The harness finds the example's routes through the registry, every URL of the project
    with the example has an expectation, and each kind of user gets what the example states."""
    get_routes, _post_routes = matrix.collect_routes()
    assert {"example:page", "api:example"} <= set(get_routes)
    assert not matrix.url_keys() - set(get_routes)
    problems = []
    for name in ("example:page", "api:example"):
        route = get_routes[name]
        for subject in route.subjects:
            path = route.path(world, subject)
            for kind in matrix.KINDS:
                response = world.client(kind).get(path)
                problems += matrix.check(
                    response, path=path, expect=route.expect(kind, subject), world=world, kind=kind, subject=subject, route=route
                )
    assert not problems, "\n".join(problems)
