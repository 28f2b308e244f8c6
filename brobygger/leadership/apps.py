from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LeadershipConfig(AppConfig):
    name = "brobygger.leadership"
    label = "leadership"
    verbose_name = _("Ledelse")

    def ready(self) -> None:
        from brobygger.alliances import signals
        from brobygger.core import registry

        from . import (  # noqa: F401
            api,
            bench_pages,
            demo,
            figures,
            generate,
            portability,
            receivers,
            rules,
            selectors,
        )

        registry.menu_items.register(
            registry.MenuItem(key="self_assessment", order=30, label=_("Selvevaluering"), url_name="leadership:assessment")
        )
        registry.alliance_pages.register(
            registry.AlliancePage(
                key="role_plan",
                order=30,
                label=_("Roller"),
                url_name="leadership:plan",
                permission="leadership.view_role_plan",
            )
        )
        registry.alliance_summaries.register(
            registry.AllianceSummary(
                key="role_plan",
                order=30,
                template_name="leadership/card_summary.html",
                compute=selectors.card_summaries,
                queries=3,
            )
        )
        registry.attention_providers.register(
            registry.AttentionProvider(key="role_plan", order=30, compute=selectors.attention_items, queries=4, kept=True)
        )
        registry.front_sections.register(
            registry.FrontSection(
                key="leader_profile",
                order=30,
                template_name="leadership/front_section.html",
                context=selectors.front_section,
                audience="members",
                queries=2,
            )
        )
        registry.account_sections.register(
            registry.AccountSection(
                key="self_assessment", order=30, template_name="leadership/account_section.html",
                context=selectors.account_section,
            )
        )
        registry.knowledge_figures.register(
            registry.KnowledgeFigure(
                key="role_gaps_by_phase",
                order=10,
                label=_("Roller, der mangler i hver fase"),
                compute=figures.role_gaps_by_phase,
                queries=3,
            )
        )
        registry.knowledge_figures.register(
            registry.KnowledgeFigure(
                key="profiles_by_sector",
                order=20,
                label=_("Ledernes profiler efter sektor og slags organisation"),
                compute=figures.profiles_by_sector,
                queries=1,
            )
        )
        registry.audit_policies.register(
            registry.AuditPolicy(
                key="leadership.assessment",
                # A self-assessment is its person's alone: only they read what its records are about.
                may_read_restricted=lambda reader, entry: reader.is_authenticated and entry.actor_id == reader.pk,
            )
        )
        registry.audit_policies.register(
            registry.AuditPolicy(
                key="leadership.team",
                # What a team was shown changes without naming anyone: how many assessments.
                extra_labels={"profile": _("Holdprofil (antal selvevalueringer, den bygger på)")},
            )
        )
        for route in api.ROUTES:
            registry.api_routes.register(route)
        for table in portability.TABLES:
            registry.portable_tables.register(table)
        registry.matrix_routes.register(
            registry.MatrixRoutes(key="leadership", module="brobygger.leadership.tests.matrix")
        )
        registry.demo_data.register(registry.DemoData(key="leadership", order=30, load=demo.load))
        registry.generated_data.register(
            registry.GeneratedData(key="leadership", order=30, generate=generate.generate)
        )
        for page in bench_pages.PAGES:
            registry.benchmark_pages.register(page)
        signals.phase_changed.connect(receivers.on_phase_changed, dispatch_uid="leadership.phase_changed")
        signals.member_removing.connect(receivers.on_member_removing, dispatch_uid="leadership.member_removing")
