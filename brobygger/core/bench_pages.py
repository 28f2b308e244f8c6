"""The core's pages in the benchmark (registry.benchmark_pages; docs/performance.md)."""

from django.urls import reverse

from brobygger.core.registry import BenchmarkPage

PAGES = [
    BenchmarkPage(key="front", order=0, label="Front page", kind="dashboard", path=lambda data: reverse("core:front")),
    BenchmarkPage(
        key="knowledge", order=90, label="Knowledge centre", kind="dashboard", path=lambda data: reverse("core:knowledge")
    ),
]
