"""A user's personal API tokens, under /konto/api-noegler/ (pages, not API endpoints)."""

from django.urls import path

from . import views

app_name = "api_tokens"

urlpatterns = [
    path("", views.tokens, name="list"),
    path("<id:pk>/traek-tilbage/", views.token_revoke, name="revoke"),
]
