from django.urls import path

from . import views

app_name = "agreements"
urlpatterns = [
    path("alliancer/<slug:slug>/aftale/", views.agreement_detail, name="detail"),
    path("alliancer/<slug:slug>/aftale/rediger/", views.terms_edit, name="terms_edit"),
    path("alliancer/<slug:slug>/aftale/historik/", views.agreement_history, name="history"),
    path("alliancer/<slug:slug>/aftale/parter/<id:party_id>/rediger/", views.part_edit, name="part_edit"),
    path("alliancer/<slug:slug>/aftale/parter/<id:party_id>/underskriv/", views.part_sign, name="part_sign"),
]
