"""/api/v1/: the schema, its documentation, and the routes every capability registered
(registry.api_routes)."""

from collections.abc import Sequence

from django.urls import path
from drf_spectacular.renderers import OpenApiJsonRenderer
from drf_spectacular.views import SpectacularAPIView

from brobygger.core import registry

from .views import DocsView

app_name = "api"

OWN_PATTERNS = [
    path("openapi.json", SpectacularAPIView.as_view(renderer_classes=[OpenApiJsonRenderer]), name="schema"),
    path("docs", DocsView.as_view(), name="docs"),
]


class RegisteredRoutes(Sequence):
    """The URL patterns, read from the registry whenever Django builds its URL resolver (at
    start-up, and again after `clear_url_caches()`, which a test that registers a route for
    a moment calls)."""

    def _patterns(self) -> list:
        return OWN_PATTERNS + [path(route.route, route.view, name=route.name) for route in registry.api_routes]

    def __getitem__(self, index):
        return self._patterns()[index]

    def __len__(self) -> int:
        return len(OWN_PATTERNS) + len(registry.api_routes)


urlpatterns = RegisteredRoutes()
