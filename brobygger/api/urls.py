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
    """The URL patterns, read from the registry: built once, and again when a route is
    registered (a test that registers a route for a moment also calls `clear_url_caches()`).
    Django's resolver walks this sequence on every request to the API, item by item."""

    def __init__(self):
        self._built: tuple[int, list] | None = None

    def _patterns(self) -> list:
        generation = registry.api_routes.generation
        if self._built is None or self._built[0] != generation:
            patterns = [path(route.route, route.view, name=route.name) for route in registry.api_routes]
            self._built = (generation, OWN_PATTERNS + patterns)
        return self._built[1]

    def __getitem__(self, index):
        return self._patterns()[index]

    def __len__(self) -> int:
        return len(OWN_PATTERNS) + len(registry.api_routes)


urlpatterns = RegisteredRoutes()
