from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "brobygger.ledger"
    label = "ledger"
    verbose_name = _("Værdiregnskab")

    def ready(self) -> None:
        from brobygger.core import registry

        from . import api, bench_pages, demo, generate, portability, rules, selectors

        registry.alliance_pages.register(
            registry.AlliancePage(key="value_balance", order=10, label=_("Værdibalance"), url_name="ledger:balance")
        )
        registry.alliance_summaries.register(
            registry.AllianceSummary(
                key="value_balance",
                template_name="ledger/includes/balance_glance.html",
                compute=selectors.balance_glance,
                queries=4,
            )
        )
        registry.party_pages.register(
            registry.PartyPage(key="value_balance", order=10, compute=selectors.own_party_entry, queries=1)
        )
        registry.attention_providers.register(
            registry.AttentionProvider(key="value_balance", order=10, compute=selectors.attention_items, queries=4, kept=True)
        )
        # A confidential entry's records name it and its values only to those who may read it.
        for model in ("contribution", "valuegoal", "result"):
            registry.audit_policies.register(
                registry.AuditPolicy(
                    key=f"ledger.{model}",
                    may_read_restricted=rules.may_read_restricted_record,
                )
            )
        for route in api.ROUTES:
            registry.api_routes.register(route)
        for table in portability.TABLES:
            registry.portable_tables.register(table)
        registry.matrix_routes.register(registry.MatrixRoutes(key="ledger", module="brobygger.ledger.tests.matrix"))
        registry.demo_data.register(registry.DemoData(key="ledger", order=10, load=demo.load))
        registry.generated_data.register(registry.GeneratedData(key="ledger", order=10, generate=generate.generate))
        for page in bench_pages.PAGES:
            registry.benchmark_pages.register(page)
