from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("", include("brobygger.core.urls")),
    path("konto/", include("brobygger.accounts.urls")),
    path("", include("brobygger.alliances.urls")),
    path("", include("brobygger.ledger.urls")),
    path("", include("brobygger.agreements.urls")),
    path("api/v1/", include("brobygger.api.urls")),
    path("i18n/", include("django.conf.urls.i18n")),
    path("admin/", admin.site.urls),
]

handler400 = "brobygger.core.views.bad_request"
handler403 = "brobygger.core.views.permission_denied"
handler404 = "brobygger.core.views.page_not_found"
handler500 = "brobygger.core.views.server_error"
