from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("brobygger.core.urls")),
    path("konto/api-noegler/", include("brobygger.api.token_urls")),
    path("konto/", include("brobygger.accounts.urls")),
    path("", include("brobygger.alliances.urls")),
    path("", include("brobygger.ledger.urls")),
    path("", include("brobygger.agreements.urls")),
    path("", include("brobygger.leadership.urls")),
    path("", include("brobygger.healthcheck.urls")),
    path("", include("brobygger.decisions.urls")),
    path("api/v1/", include("brobygger.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

# Under /api/ errors are problem documents; elsewhere the core's pages (brobygger.api.views).
handler400 = "brobygger.api.views.bad_request"
handler403 = "brobygger.api.views.permission_denied"
handler404 = "brobygger.api.views.page_not_found"
handler500 = "brobygger.api.views.server_error"
