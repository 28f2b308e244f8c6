"""Leadership's pages in the benchmark (registry.benchmark_pages; docs/performance.md)."""

from django.urls import reverse

from brobygger.core.registry import BenchmarkPage

PAGES = [
    BenchmarkPage(
        key="role_plan",
        order=45,
        label="Role plan",
        kind="detail",
        anonymous=False,
        path=lambda data: reverse("leadership:plan", kwargs={"slug": data.alliance.slug}),
    ),
    BenchmarkPage(
        key="self_assessment",
        order=46,
        label="Self-assessment (the top leader's own)",
        kind="dashboard",
        anonymous=False,
        path=lambda data: reverse("leadership:assessment"),
    ),
]
