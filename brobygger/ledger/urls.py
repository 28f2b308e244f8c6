from django.urls import path

from . import views

app_name = "ledger"
urlpatterns = [
    path("alliancer/<slug:slug>/vaerdi/", views.balance, name="balance"),
    path("alliancer/<slug:slug>/vaerdi/parter/<id:party_id>/", views.party_ledger, name="party"),
    path(
        "alliancer/<slug:slug>/vaerdi/parter/<id:party_id>/bidrag/ny/",
        views.contribution_add,
        name="contribution_add",
    ),
    path("alliancer/<slug:slug>/vaerdi/bidrag/<id:pk>/rediger/", views.contribution_edit, name="contribution_edit"),
    path("alliancer/<slug:slug>/vaerdi/bidrag/<id:pk>/slet/", views.contribution_delete, name="contribution_delete"),
    path("alliancer/<slug:slug>/vaerdi/parter/<id:party_id>/maal/ny/", views.goal_add, name="goal_add"),
    path("alliancer/<slug:slug>/vaerdi/maal/<id:pk>/rediger/", views.goal_edit, name="goal_edit"),
    path("alliancer/<slug:slug>/vaerdi/maal/<id:pk>/slet/", views.goal_delete, name="goal_delete"),
    path("alliancer/<slug:slug>/vaerdi/maal/<id:goal_id>/resultater/ny/", views.result_add, name="result_add"),
    path("alliancer/<slug:slug>/vaerdi/resultater/<id:pk>/rediger/", views.result_edit, name="result_edit"),
    path("alliancer/<slug:slug>/vaerdi/resultater/<id:pk>/slet/", views.result_delete, name="result_delete"),
    # The alliance's shared goals for the citizens (goal and result pages are the ones above).
    path("alliancer/<slug:slug>/vaerdi/faelles-maal/", views.shared_goals, name="shared_goals"),
    path("alliancer/<slug:slug>/vaerdi/faelles-maal/ny/", views.shared_goal_add, name="shared_goal_add"),
    # The hour rates the alliance agrees.
    path("alliancer/<slug:slug>/vaerdi/timesatser/", views.hour_kinds, name="hour_kinds"),
    path("alliancer/<slug:slug>/vaerdi/timesatser/ny/", views.hour_kind_add, name="hour_kind_add"),
    path("alliancer/<slug:slug>/vaerdi/timesatser/<id:pk>/rediger/", views.hour_kind_edit, name="hour_kind_edit"),
    path("alliancer/<slug:slug>/vaerdi/timesatser/<id:pk>/slet/", views.hour_kind_delete, name="hour_kind_delete"),
    # A party's own word on whether it gets enough out of the alliance.
    path("alliancer/<slug:slug>/vaerdi/parter/<id:party_id>/svar/", views.value_answer, name="value_answer"),
]
