from django.urls import path

from . import views

app_name = "leadership"
urlpatterns = [
    path("alliancer/<slug:slug>/roller/", views.role_plan, name="plan"),
    path("alliancer/<slug:slug>/roller/historik/", views.plan_history, name="plan_history"),
    path("alliancer/<slug:slug>/roller/historik/<id:snapshot_id>/", views.plan_snapshot, name="plan_snapshot"),
    path("alliancer/<slug:slug>/roller/<str:phase>/<str:role>/", views.cell_edit, name="cell_edit"),
    path("selvevaluering/", views.assessment_home, name="assessment"),
    path("selvevaluering/besvar/", views.questionnaire, name="questionnaire"),
    path("selvevaluering/<id:assessment_id>/", views.profile, name="profile"),
    path("selvevaluering/<id:assessment_id>/slet/", views.assessment_delete, name="assessment_delete"),
    path("selvevaluering/hold/", views.teams, name="teams"),
    path("selvevaluering/hold/nyt/", views.team_create, name="team_create"),
    path("selvevaluering/hold/<id:team_id>/", views.team_detail, name="team"),
    path("selvevaluering/hold/<id:team_id>/inviter/", views.team_invite, name="team_invite"),
    path("selvevaluering/hold/<id:team_id>/svar/", views.team_answer, name="team_answer"),
    path("selvevaluering/hold/<id:team_id>/deling/", views.team_sharing, name="team_sharing"),
    path("selvevaluering/hold/<id:team_id>/forlad/", views.team_leave, name="team_leave"),
]
