from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlliancesConfig(AppConfig):
    """The foundation: organisations, alliances, parties, members, invitations, who works
    where, and the shared rules every capability builds on."""

    name = "brobygger.alliances"
    label = "alliances"
    verbose_name = _("Alliancer")

    def ready(self) -> None:
        from brobygger.accounts.signals import email_changed
        from brobygger.core import registry

        from . import api, bench_pages, demo, generate, hooks, portability, rules, selectors

        email_changed.connect(hooks.on_email_changed, dispatch_uid="alliances.affiliation_email_changed")

        registry.alliance_pages.register(
            registry.AlliancePage(key="overview", order=0, label=_("Overblik"), url_name="alliances:detail")
        )
        registry.alliance_pages.register(
            registry.AlliancePage(
                key="history",
                order=900,
                label=_("Historik"),
                url_name="alliances:history",
                permission="alliances.view_history",
            )
        )
        for figure in selectors.FIGURES:
            registry.figures.register(figure)
        registry.reader_scopes.register(
            registry.ReaderScope(key="visible_alliances", compute=selectors.visible_alliances_scope, queries=1)
        )
        registry.reader_relations.register(
            registry.ReaderRelation(key="membership", compute=selectors.reader_relation, queries=1)
        )
        registry.attention_providers.register(
            registry.AttentionProvider(key="alliances", order=0, compute=selectors.attention_items, queries=0, kept=True)
        )
        registry.attention_providers.register(
            registry.AttentionProvider(key="party_consent", order=1, compute=selectors.consent_attention_items, queries=2)
        )
        registry.attention_alliances.register(
            registry.AttentionAlliances(key="memberships", compute=rules.member_alliance_ids, queries=1)
        )
        registry.front_sections.register(
            registry.FrontSection(
                key="my_alliances",
                template_name="alliances/front/my_alliances.html",
                context=hooks.my_alliances,
                audience="members",
                queries=0,
            )
        )
        registry.front_sections.register(
            registry.FrontSection(
                key="public_alliances",
                template_name="alliances/front/public_alliances.html",
                context=hooks.public_alliances,
                audience="anonymous",
                queries=2,
            )
        )
        registry.account_sections.register(
            registry.AccountSection(
                key="organisation",
                order=10,
                template_name="alliances/account/organisation.html",
                context=hooks.account_organisation,
            )
        )
        registry.account_sections.register(
            registry.AccountSection(
                key="memberships",
                order=20,
                template_name="alliances/account/memberships.html",
                context=hooks.account_memberships,
            )
        )
        registry.audit_policies.register(
            registry.AuditPolicy(key="alliances.alliance", extra_labels={"note": _("Begrundelse")})
        )
        for route in api.ROUTES:
            registry.api_routes.register(route)
        for table in portability.TABLES:
            registry.portable_tables.register(table)
        registry.matrix_routes.register(
            registry.MatrixRoutes(key="alliances", module="brobygger.alliances.tests.matrix")
        )
        registry.demo_data.register(registry.DemoData(key="alliances", order=0, load=demo.load))
        registry.generated_data.register(
            registry.GeneratedData(key="alliances", order=0, generate=generate.generate)
        )
        for page in bench_pages.PAGES:
            registry.benchmark_pages.register(page)
