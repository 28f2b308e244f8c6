from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CoreConfig(AppConfig):
    name = "brobygger.core"
    label = "core"
    verbose_name = _("Kerne")

    def ready(self) -> None:
        from brobygger.core import registry

        from . import converters  # (checks registers the system checks)

        converters.register()

        from . import bench_pages

        for page in bench_pages.PAGES:
            registry.benchmark_pages.register(page)

        registry.matrix_routes.register(
            registry.MatrixRoutes(key="core", order=0, module="brobygger.core.tests.matrix")
        )
