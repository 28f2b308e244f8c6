from django.urls import path

from . import dilemma_views, instrument_views, views

app_name = "healthcheck"
urlpatterns = [
    path("alliancer/<slug:slug>/sundhed/", views.results, name="results"),
    path("alliancer/<slug:slug>/sundhed/runder/ny/", views.round_open, name="round_open"),
    path("alliancer/<slug:slug>/sundhed/runder/<id:number>/", views.round_results, name="round"),
    path("alliancer/<slug:slug>/sundhed/runder/<id:number>/frist/", views.round_deadline, name="round_deadline"),
    path("alliancer/<slug:slug>/sundhed/runder/<id:number>/svar/", views.answer, name="answer"),
    path("alliancer/<slug:slug>/sundhed/dilemmaer/", dilemma_views.dilemmas, name="dilemmas"),
    path("alliancer/<slug:slug>/sundhed/dilemmaer/nyt/", dilemma_views.dilemma_create, name="dilemma_create"),
    path("alliancer/<slug:slug>/sundhed/dilemmaer/<id:dilemma_id>/", dilemma_views.dilemma_edit, name="dilemma_edit"),
    path(
        "alliancer/<slug:slug>/sundhed/dilemmaer/<id:dilemma_id>/slet/",
        dilemma_views.dilemma_delete,
        name="dilemma_delete",
    ),
    path("personale/sundhedstjek/", instrument_views.instrument, name="instrument"),
    path("personale/sundhedstjek/version/<id:number>/", instrument_views.version_detail, name="version"),
    path("personale/sundhedstjek/kladde/", instrument_views.draft_start, name="draft_start"),
    path("personale/sundhedstjek/kladde/udgiv/", instrument_views.draft_publish, name="draft_publish"),
    path("personale/sundhedstjek/kladde/kasser/", instrument_views.draft_discard, name="draft_discard"),
    path("personale/sundhedstjek/kladde/<str:kind>/ny/", instrument_views.item_create, name="item_create"),
    path("personale/sundhedstjek/kladde/<str:kind>/<id:item_id>/", instrument_views.item_edit, name="item_edit"),
    path(
        "personale/sundhedstjek/kladde/<str:kind>/<id:item_id>/fjern/",
        instrument_views.item_remove,
        name="item_remove",
    ),
]
