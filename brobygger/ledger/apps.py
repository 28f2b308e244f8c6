from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LedgerConfig(AppConfig):
    name = "brobygger.ledger"
    label = "ledger"
    verbose_name = _("Værdiregnskab")

    def ready(self) -> None:
        from brobygger.core import registry

        from . import selectors

        registry.register_alliance_summary(
            key="value_balance",
            template_name="ledger/includes/balance_glance.html",
            compute=selectors.balance_glance,
        )
        registry.register_attention(key="value_balance", compute=selectors.attention_items)
        registry.register_alliance_page(key="value_balance", label=_("Værdibalance"), url_name="ledger:balance")
