"""Decisions' pages in the benchmark (registry.benchmark_pages; docs/performance.md)."""

from django.db.models import Count
from django.urls import reverse

from brobygger.alliances.models import Alliance
from brobygger.core.registry import BenchmarkPage

from .models import Decision
from .taxonomy import Status


def _decision(data) -> str | None:
    """The decision with most hearing responses in the alliances the top leader follows."""
    decision = (
        Decision.objects.filter(alliance__memberships__user=data.user)
        .exclude(status=Status.DRAFT)
        .annotate(responses=Count("hearing__responses"))
        .order_by("-responses", "pk")
        .first()
    )
    return reverse("decisions:detail", kwargs={"pk": decision.pk}) if decision else None


def _busiest_alliance(data) -> str:
    """Among the alliances the top leader follows, the one with most decisions (the
    benchmark's own alliance may have few)."""
    alliance = (
        Alliance.objects.filter(memberships__user=data.user)
        .annotate(decision_count=Count("decisions"))
        .order_by("-decision_count", "pk")
        .first()
    )
    return (alliance or data.alliance).slug


PAGES = [
    BenchmarkPage(
        key="decisions",
        order=55,
        label="Decisions of an alliance",
        kind="list",
        anonymous=False,
        path=lambda data: reverse("decisions:alliance_list", kwargs={"slug": _busiest_alliance(data)}),
    ),
    BenchmarkPage(key="decision", order=56, label="Decision", kind="detail", anonymous=False, path=_decision),
    BenchmarkPage(
        key="api_decisions",
        order=85,
        label="API: decisions of an alliance",
        kind="api",
        anonymous=False,
        path=lambda data: f"/api/v1/alliances/{_busiest_alliance(data)}/decisions/",
    ),
]
