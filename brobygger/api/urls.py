from django.urls import path

from . import views

app_name = "api"
urlpatterns = [
    path("alliances/", views.alliance_list, name="alliance_list"),
    path("alliances/<slug:slug>/", views.alliance_detail, name="alliance_detail"),
    path("alliances/<slug:slug>/value-balance/", views.value_balance, name="value_balance"),
]
