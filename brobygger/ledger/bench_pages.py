"""The value ledger's pages in the benchmark (registry.benchmark_pages; docs/performance.md)."""

from django.db.models import Count
from django.urls import reverse

from brobygger.alliances.models import Party
from brobygger.core.registry import BenchmarkPage


def _party_ledger(data) -> str | None:
    """The ledger of the alliance's party with most contributions."""
    party = (
        Party.objects.filter(alliance=data.alliance)
        .annotate(entries=Count("contributions"))
        .order_by("-entries", "pk")
        .first()
    )
    if party is None:
        return None
    return reverse("ledger:party", kwargs={"slug": data.alliance.slug, "party_id": party.pk})


PAGES = [
    BenchmarkPage(
        key="value_balance",
        order=30,
        label="Value balance",
        kind="detail",
        path=lambda data: reverse("ledger:balance", kwargs={"slug": data.alliance.slug}),
    ),
    BenchmarkPage(key="party_ledger", order=31, label="Party ledger", kind="detail", path=_party_ledger),
    BenchmarkPage(
        key="api_contributions",
        order=81,
        label="API: contributions",
        kind="api",
        path=lambda data: f"/api/v1/alliances/{data.alliance.slug}/contributions/",
    ),
]
