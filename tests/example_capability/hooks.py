"""Everything the example adds to the whole, as a real capability's apps.py would register
it: (registry, hook) pairs."""

from django.db.models import Count

from brobygger.alliances.models import Alliance, MemberRole
from brobygger.alliances.selectors import memberships_of
from brobygger.core import registry

from . import api


def summaries(alliances, user) -> dict:
    counts = dict(
        Alliance.objects.filter(pk__in=[a.pk for a in alliances])
        .annotate(n=Count("parties"))
        .values_list("pk", "n")
    )
    return {pk: {"parties": n} for pk, n in counts.items()}


def attention(user, *, day) -> list:
    return [
        registry.AttentionItem(membership.alliance, "Eksemplet minder koordinatoren om noget.")
        for membership in memberships_of(user)
        if membership.role == MemberRole.COORDINATOR
    ]


def figure(user):
    """A figure over the alliances the reader sees (the knowledge centre computes it per reader)."""
    from brobygger.alliances.selectors import alliance_list

    seen = alliance_list(user=user).count()
    return registry.FigureTable(
        caption="Alliancer, du kan se", columns=["Antal"], rows=[("Alle faser", [str(seen)])]
    )


def organisation_section(user, organisation):
    """Shown to the organisation's own verified employees only (None: nothing for others)."""
    from brobygger.alliances.rules import verified_organisation_id

    if verified_organisation_id(user) != organisation.pk:
        return None
    return {"name": organisation.name}


REGISTRATIONS = [
    (
        registry.menu_items,
        registry.MenuItem(key="example", label="Eksemplets menu", url_name="core:knowledge"),
    ),
    (
        registry.knowledge_figures,
        registry.KnowledgeFigure(key="example", label="Eksemplets tal", compute=figure, queries=1),
    ),
    (
        registry.alliance_pages,
        registry.AlliancePage(key="example", order=50, label="Eksempel", url_name="example:page"),
    ),
    (
        registry.alliance_summaries,
        registry.AllianceSummary(
            key="example", template_name="example/summary.html", compute=summaries, queries=1
        ),
    ),
    (
        registry.attention_providers,
        registry.AttentionProvider(key="example", compute=attention, queries=0),
    ),
    (
        registry.api_routes,
        registry.ApiRoute(
            key="example", route="alliances/<slug:slug>/eksempel/", view=api.party_count, name="example"
        ),
    ),
    (
        registry.organisation_sections,
        registry.OrganisationSection(
            key="example", template_name="example/organisation.html", context=organisation_section, queries=0
        ),
    ),
    (
        registry.matrix_routes,
        registry.MatrixRoutes(key="example", module="tests.example_capability.matrix"),
    ),
]
