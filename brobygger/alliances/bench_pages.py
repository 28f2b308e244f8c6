"""The foundation's pages in the benchmark (registry.benchmark_pages; docs/performance.md)."""

from urllib.parse import urlencode

from django.urls import reverse

from brobygger.core.registry import BenchmarkPage


def _list(**query) -> str:
    return reverse("alliances:list") + ("?" + urlencode(query) if query else "")


PAGES = [
    BenchmarkPage(key="alliance_list", order=10, label="Alliance list", kind="list", path=lambda data: _list()),
    BenchmarkPage(
        key="alliance_list_filtered",
        order=11,
        label="Alliance list, filtered",
        kind="list",
        # The chosen alliance's own area and phase, so the filter finds something at any scale.
        path=lambda data: _list(omraade=data.alliance.welfare_area, fase=data.alliance.phase),
    ),
    BenchmarkPage(
        key="alliance_search",
        order=12,
        label="Alliance list, searched",
        kind="list",
        # A word of the chosen alliance's title (its topic, such as "Telemedicin").
        path=lambda data: _list(q=data.alliance.title.split()[0].lower()),
    ),
    BenchmarkPage(
        key="alliance",
        order=20,
        label="Alliance page",
        kind="detail",
        path=lambda data: reverse("alliances:detail", kwargs={"slug": data.alliance.slug}),
    ),
    BenchmarkPage(
        key="organisation",
        order=60,
        label="Organisation page (the top leader's municipality)",
        kind="detail",
        path=lambda data: reverse("alliances:organisation_detail", kwargs={"pk": data.organisation.pk}),
    ),
    BenchmarkPage(key="api_alliances", order=80, label="API: alliances", kind="api", path=lambda data: "/api/v1/alliances/"),
]
