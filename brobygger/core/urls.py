from django.urls import path

from . import views

app_name = "core"
urlpatterns = [
    path("", views.front, name="front"),
    path("videncenter/", views.knowledge, name="knowledge"),
    path("sundhed/", views.health, name="health"),
    path("privatliv/", views.privacy, name="privacy"),
    path("cookies/", views.cookies, name="cookies"),
    path("was", views.accessibility_statement, name="accessibility_statement"),
]
