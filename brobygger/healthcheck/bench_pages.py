"""The health check's page in the benchmark (registry.benchmark_pages; docs/performance.md)."""

from django.db.models import Count
from django.urls import reverse

from brobygger.alliances.models import Alliance
from brobygger.core.registry import BenchmarkPage


def _results(data) -> str | None:
    """The results of the alliance, among those the top leader follows, whose rounds have the
    most answers (the benchmark's own alliance may have had no round)."""
    alliance = (
        Alliance.objects.filter(memberships__user=data.user)
        .annotate(answers=Count("health_rounds__responses"))
        .filter(answers__gt=0)
        .order_by("-answers", "pk")
        .first()
    )
    return reverse("healthcheck:results", kwargs={"slug": alliance.slug}) if alliance else None


PAGES = [
    BenchmarkPage(
        key="health_check",
        order=50,
        label="Health check results",
        kind="detail",
        anonymous=False,
        path=_results,
    ),
]
