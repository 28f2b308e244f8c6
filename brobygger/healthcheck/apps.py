from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HealthcheckConfig(AppConfig):
    name = "brobygger.healthcheck"
    label = "healthcheck"
    verbose_name = _("Sundhedstjek")

    def ready(self) -> None:
        from brobygger.core import registry

        from . import (  # noqa: F401
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
                key="health", order=40, label=_("Sundhed"), url_name="healthcheck:results", permission=rules.VIEW
            )
        )
        registry.alliance_summaries.register(
            registry.AllianceSummary(
                key="health",
                order=40,
                template_name="healthcheck/card_summary.html",
                compute=selectors.card_summaries,
                queries=7,
            )
        )
        registry.attention_providers.register(
            registry.AttentionProvider(key="health", order=40, compute=selectors.attention_items, queries=4, kept=True)
        )
        registry.front_sections.register(
            registry.FrontSection(
                key="health",
                order=40,
                template_name="healthcheck/front_section.html",
                context=selectors.front_section,
                audience="members",
                queries=8,
            )
        )
        registry.account_sections.register(
            registry.AccountSection(
                key="health_instrument",
                order=40,
                template_name="healthcheck/account_section.html",
                # Staff find the instrument's pages here, beside the foundation's staff pages.
                context=lambda user: {"edits_instrument": user.has_perm(rules.EDIT_INSTRUMENT)},
            )
        )
        registry.answer_details.register(
            registry.AnswerDetail(
                key="participation",
                order=40,
                template_name="healthcheck/answer_detail.html",
                compute=selectors.answer_details,
                queries=2,
            )
        )
        registry.reminders.register(
            registry.Reminder(
                key="health_rounds",
                order=40,
                label=_("Påmindelser om sundhedstjek"),
                send=lambda now: services.reminders_send(now=now),
            )
        )
        for route in api.ROUTES:
            registry.api_routes.register(route)
        for table in portability.TABLES:
            registry.portable_tables.register(table)
        registry.demo_data.register(registry.DemoData(key="healthcheck", order=40, load=demo.load))
        registry.generated_data.register(
            registry.GeneratedData(key="healthcheck", order=40, generate=generate.generate)
        )
        for page in bench_pages.PAGES:
            registry.benchmark_pages.register(page)
        registry.matrix_routes.register(
            registry.MatrixRoutes(key="healthcheck", module="brobygger.healthcheck.tests.matrix")
        )
        registry.knowledge_figures.register(
            registry.KnowledgeFigure(
                key="health_by_sector",
                order=40,
                label=_("Sundhedstjek: succeskriterierne efter sektor"),
                compute=figures.criteria_by_sector,
                queries=figures.CRITERIA_QUERIES,
            )
        )
        registry.knowledge_figures.register(
            registry.KnowledgeFigure(
                key="tensions_by_sector",
                order=41,
                label=_("Spændingsfelter: hvor parterne placerer alliancerne"),
                compute=figures.tensions_by_sector,
                queries=figures.TENSIONS_QUERIES,
            )
        )
