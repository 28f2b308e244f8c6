from django.apps import AppConfig


class ApiConfig(AppConfig):
    name = "brobygger.api"
    label = "api"
    verbose_name = "API"

    def ready(self) -> None:
        from brobygger.core import registry

        # schema: the authentication schemes' entries in the OpenAPI schema (a drf-spectacular
        # extension registers itself when its module is imported).
        from . import hooks, schema  # noqa: F401

        registry.account_sections.register(
            registry.AccountSection(
                key="api_tokens", order=90, template_name="api/account_tokens.html", context=hooks.account_tokens
            )
        )
        registry.audit_policies.register(registry.AuditPolicy(key="api.apitoken"))
        registry.matrix_routes.register(registry.MatrixRoutes(key="api", module="brobygger.api.tests.matrix"))
