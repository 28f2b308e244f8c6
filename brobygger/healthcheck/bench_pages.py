"""The health check's page in the benchmark (registry.benchmark_pages; docs/performance.md)."""

from django.urls import reverse

from brobygger.core.registry import BenchmarkPage

PAGES = [
    BenchmarkPage(
        key="health_check",
        order=50,
        label="Health check results",
        kind="detail",
        anonymous=False,
        path=lambda data: reverse("healthcheck:results", kwargs={"slug": data.alliance.slug}),
    ),
]
