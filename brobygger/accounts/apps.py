from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "brobygger.accounts"
    label = "accounts"
    verbose_name = _("Konti")

    def ready(self) -> None:
        from brobygger.core import registry

        from .portability import TABLES

        for table in TABLES:
            registry.portable_tables.register(table)

        registry.matrix_routes.register(
            registry.MatrixRoutes(key="accounts", order=5, module="brobygger.accounts.tests.matrix")
        )
