from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AgreementsConfig(AppConfig):
    name = "brobygger.agreements"
    label = "agreements"
    verbose_name = _("Samarbejdsaftaler")

    def ready(self) -> None:
        from brobygger.core import registry

        from . import selectors

        registry.register_attention(key="agreements", compute=selectors.attention_items)
        registry.register_alliance_page(
            key="agreement",
            label=_("Samarbejdsaftale"),
            url_name="agreements:detail",
            permission="agreements.view_agreement",
        )
