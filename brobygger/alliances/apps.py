from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AlliancesConfig(AppConfig):
    name = "brobygger.alliances"
    label = "alliances"
    verbose_name = _("Alliancer")

    def ready(self) -> None:
        from brobygger.core import registry

        from . import selectors

        registry.register_statistic(
            key="alliances",
            label=_("alliancer"),
            compute=selectors.alliance_count,
        )
        registry.register_statistic(
            key="organisations",
            label=_("organisationer med i en alliance"),
            compute=selectors.participating_organisation_count,
        )
        registry.register_statistic(
            key="sector_mixed_alliances",
            label=_("alliancer med parter fra alle tre sektorer"),
            compute=selectors.three_sector_alliance_count,
        )
        registry.register_attention(key="alliances", compute=selectors.attention_items)
        registry.register_alliance_page(key="overview", label=_("Overblik"), url_name="alliances:detail")
