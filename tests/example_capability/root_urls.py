"""The project's URLs plus the example's: the one line a capability adds to config/urls.py."""

from django.urls import include, path

from config.urls import urlpatterns as project_urlpatterns

urlpatterns = [*project_urlpatterns, path("", include("tests.example_capability.urls"))]
handler400 = "brobygger.core.views.bad_request"
handler403 = "brobygger.core.views.permission_denied"
handler404 = "brobygger.core.views.page_not_found"
handler500 = "brobygger.core.views.server_error"
