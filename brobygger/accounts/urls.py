from django.urls import path

from . import views

app_name = "accounts"
urlpatterns = [
    path("", views.profile, name="profile"),
    path("oplysninger/", views.account_details, name="details"),
    path("e-mail/<str:token>/", views.email_confirm, name="email_confirm"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("adgangskode/", views.PasswordChangeView.as_view(), name="password_change"),
    path("nulstil/", views.PasswordResetView.as_view(), name="password_reset"),
    path("nulstil/sendt/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "nulstil/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("nulstil/faerdig/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
]
