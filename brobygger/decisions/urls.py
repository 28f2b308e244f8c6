from django.urls import path

from . import plan_views, process_views, public_views, views

app_name = "decisions"

urlpatterns = [
    # An alliance's decisions and involvement plan.
    path("alliancer/<slug:slug>/beslutninger/", views.alliance_decisions, name="alliance_list"),
    path("alliancer/<slug:slug>/beslutninger/ny/", views.alliance_decision_create, name="alliance_create"),
    path("alliancer/<slug:slug>/inddragelsesplan/", plan_views.alliance_plan, name="alliance_plan"),
    path("alliancer/<slug:slug>/inddragelsesplan/start/", plan_views.alliance_plan_start, name="alliance_plan_start"),
    path("alliancer/<slug:slug>/inddragelsesplan/grupper/ny/", plan_views.alliance_group_add, name="alliance_group_add"),
    # A change process inside an organisation.
    path("organisationer/<id:organisation_id>/forandringer/ny/", process_views.process_create, name="process_create"),
    path("forandringer/<id:pk>/", process_views.process_detail, name="process_detail"),
    path("forandringer/<id:pk>/rediger/", process_views.process_edit, name="process_edit"),
    path("forandringer/<id:pk>/beslutninger/ny/", views.process_decision_create, name="process_decision_create"),
    path("forandringer/<id:pk>/inddragelsesplan/", plan_views.process_plan, name="process_plan"),
    path("forandringer/<id:pk>/inddragelsesplan/start/", plan_views.process_plan_start, name="process_plan_start"),
    path("forandringer/<id:pk>/inddragelsesplan/grupper/ny/", plan_views.process_group_add, name="process_group_add"),
    # A plan's groups and cells, whoever owns the plan.
    path("inddragelsesplan/grupper/<id:pk>/rediger/", plan_views.group_edit, name="group_edit"),
    path("inddragelsesplan/grupper/<id:pk>/slet/", plan_views.group_remove, name="group_remove"),
    path("inddragelsesplan/grupper/<id:pk>/<slug:phase>/", plan_views.cell_edit, name="cell_edit"),
    # One decision.
    path("beslutninger/<id:pk>/", views.decision_detail, name="detail"),
    path("beslutninger/<id:pk>/rediger/", views.decision_edit, name="edit"),
    path("beslutninger/<id:pk>/slet/", views.decision_delete, name="delete"),
    path("beslutninger/<id:pk>/hoering/", views.hearing_open, name="hearing_open"),
    path("beslutninger/<id:pk>/hoering/frist/", views.hearing_deadline, name="hearing_deadline"),
    path("beslutninger/<id:pk>/hoering/luk/", views.hearing_close, name="hearing_close"),
    path("beslutninger/<id:pk>/beslut/", views.decide, name="decide"),
    path("beslutninger/<id:pk>/svar/<id:number>/besvar/", views.reply, name="reply"),
    path("beslutninger/<id:pk>/forventninger/ny/", views.expectation_add, name="expectation_add"),
    path("beslutninger/<id:pk>/forventninger/<id:expectation_id>/", views.expectation_edit, name="expectation_edit"),
    path(
        "beslutninger/<id:pk>/forventninger/<id:expectation_id>/slet/",
        views.expectation_delete,
        name="expectation_delete",
    ),
    path("beslutninger/<id:pk>/meddel/", views.communicate, name="communicate"),
    path("beslutninger/<id:pk>/ret/", views.correct, name="correct"),
    # A party's representatives answer a hearing and say whether they felt heard.
    path("beslutninger/<id:pk>/svar/", public_views.party_respond, name="respond"),
    path("beslutninger/<id:pk>/svar/traek-tilbage/", public_views.party_withdraw, name="withdraw"),
    path("beslutninger/<id:pk>/hoert/", public_views.party_felt_heard, name="felt_heard"),
    # Without an account: a public hearing or an invited person's own link, and one's response.
    path("hoering/<str:token>/", public_views.public_hearing, name="public_hearing"),
    path("hoering/svar/<str:token>/", public_views.my_response, name="my_response"),
]
