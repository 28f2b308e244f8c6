from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DecisionsConfig(AppConfig):
    name = "brobygger.decisions"
    label = "decisions"
    verbose_name = _("Beslutninger")

    def ready(self) -> None:
        from brobygger.core import registry

        from . import (
            api,
            bench_pages,
            demo,
            figures,
            generate,
            portability,
            rules,
            selectors,
            services,
        )

        registry.alliance_pages.register(
            registry.AlliancePage(
                key="decisions",
                order=50,
                label=_("Beslutninger"),
                url_name="decisions:alliance_list",
                permission=rules.VIEW_DECISIONS,
            )
        )
        registry.alliance_summaries.register(
            registry.AllianceSummary(
                key="decisions",
                order=50,
                template_name="decisions/card_summary.html",
                compute=selectors.card_summaries,
                queries=4,
            )
        )
        registry.attention_providers.register(
            registry.AttentionProvider(key="decisions", order=50, compute=selectors.attention_items, queries=8, kept=True)
        )
        registry.organisation_sections.register(
            registry.OrganisationSection(
                key="change_processes",
                order=50,
                template_name="decisions/organisation_section.html",
                context=selectors.organisation_section,
                queries=1,
            )
        )
        registry.reminders.register(
            registry.Reminder(
                key="hearings",
                order=50,
                label=_("Påmindelser om høringer"),
                send=lambda now: services.reminders_send(now=now),
            )
        )
        registry.knowledge_figures.register(
            registry.KnowledgeFigure(
                key="fair_process",
                order=50,
                label=_("Fair proces: er svarene besvaret, og følte de uenige sig hørt?"),
                compute=figures.fair_process_by_sector,
                queries=figures.FAIR_PROCESS_QUERIES,
            )
        )
        for route in api.ROUTES:
            registry.api_routes.register(route)
        for table in portability.TABLES:
            registry.portable_tables.register(table)
        registry.demo_data.register(registry.DemoData(key="decisions", order=50, load=demo.load))
        registry.generated_data.register(
            registry.GeneratedData(key="decisions", order=50, generate=generate.generate)
        )
        for page in bench_pages.PAGES:
            registry.benchmark_pages.register(page)
        registry.matrix_routes.register(
            registry.MatrixRoutes(key="decisions", module="brobygger.decisions.tests.matrix")
        )
