from django.urls import path

from . import views

app_name = "ledger"
urlpatterns = [
    path("alliancer/<slug:slug>/vaerdi/", views.balance, name="balance"),
    path("alliancer/<slug:slug>/vaerdi/parter/<int:party_id>/", views.party_ledger, name="party"),
    path(
        "alliancer/<slug:slug>/vaerdi/parter/<int:party_id>/bidrag/ny/",
        views.contribution_add,
        name="contribution_add",
    ),
    path("alliancer/<slug:slug>/vaerdi/bidrag/<int:pk>/rediger/", views.contribution_edit, name="contribution_edit"),
    path("alliancer/<slug:slug>/vaerdi/bidrag/<int:pk>/slet/", views.contribution_delete, name="contribution_delete"),
    path("alliancer/<slug:slug>/vaerdi/parter/<int:party_id>/maal/ny/", views.goal_add, name="goal_add"),
    path("alliancer/<slug:slug>/vaerdi/maal/<int:pk>/rediger/", views.goal_edit, name="goal_edit"),
    path("alliancer/<slug:slug>/vaerdi/maal/<int:pk>/slet/", views.goal_delete, name="goal_delete"),
    path("alliancer/<slug:slug>/vaerdi/maal/<int:goal_id>/resultater/ny/", views.result_add, name="result_add"),
    path("alliancer/<slug:slug>/vaerdi/resultater/<int:pk>/rediger/", views.result_edit, name="result_edit"),
    path("alliancer/<slug:slug>/vaerdi/resultater/<int:pk>/slet/", views.result_delete, name="result_delete"),
]
