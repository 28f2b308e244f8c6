from django.urls import path

from . import views

app_name = "example"
urlpatterns = [path("alliancer/<slug:slug>/eksempel/", views.page, name="page")]
