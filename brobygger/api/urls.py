"""/api/v1/: the routes every capability registered (registry.api_routes)."""

from collections.abc import Sequence

from django.urls import path

from brobygger.core import registry

app_name = "api"


class RegisteredRoutes(Sequence):
    """The URL patterns, read from the registry whenever Django builds its URL resolver (at
    start-up, and again after `clear_url_caches()`, which a test that registers a route for
    a moment calls)."""

    def _patterns(self) -> list:
        return [path(route.route, route.view, name=route.name) for route in registry.api_routes]

    def __getitem__(self, index):
        return self._patterns()[index]

    def __len__(self) -> int:
        return len(registry.api_routes)


urlpatterns = RegisteredRoutes()
