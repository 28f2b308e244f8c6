from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "brobygger.agreements"
    label = "agreements"
    verbose_name = _("Samarbejdsaftaler")

    def ready(self) -> None:
        from brobygger.core import registry

        from . import api, bench_pages, demo, generate, portability, selectors

        registry.alliance_pages.register(
            registry.AlliancePage(
                key="agreement",
                order=20,
                label=_("Samarbejdsaftale"),
                url_name="agreements:detail",
                permission="agreements.view_agreement",
            )
        )
        registry.party_pages.register(
            registry.PartyPage(key="agreement", order=20, compute=selectors.own_party_entry, queries=3)
        )
        registry.attention_providers.register(
            registry.AttentionProvider(key="agreements", order=20, compute=selectors.attention_items, queries=2, kept=True)
        )
        for route in api.ROUTES:
            registry.api_routes.register(route)
        for table in portability.TABLES:
            registry.portable_tables.register(table)
        registry.matrix_routes.register(
            registry.MatrixRoutes(key="agreements", module="brobygger.agreements.tests.matrix")
        )
        registry.demo_data.register(registry.DemoData(key="agreements", order=20, load=demo.load))
        registry.generated_data.register(
            registry.GeneratedData(key="agreements", order=20, generate=generate.generate)
        )
        for page in bench_pages.PAGES:
            registry.benchmark_pages.register(page)
