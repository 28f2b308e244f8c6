"""The agreement's page in the benchmark (registry.benchmark_pages; docs/performance.md)."""

from django.urls import reverse

from brobygger.core.registry import BenchmarkPage

PAGES = [
    BenchmarkPage(
        key="agreement",
        order=40,
        label="Agreement",
        kind="detail",
        anonymous=False,
        path=lambda data: reverse("agreements:detail", kwargs={"slug": data.alliance.slug}),
    ),
]
