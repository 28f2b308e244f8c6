"""Login, logout, password reset and the user's own page."""

import datetime

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from brobygger.core import ratelimit, registry
from brobygger.core.net import client_ip
from brobygger.core.shortcuts import InvalidFormAnswers400

from . import forms

# Password reset links per address and per client, per hour: enough for a person who lost the
# first email, too few to flood someone's inbox from Brobygger.
PASSWORD_RESET_WINDOW = datetime.timedelta(hours=1)
PASSWORD_RESETS_PER_ADDRESS = 3
PASSWORD_RESETS_PER_CLIENT = 20


class LoginView(InvalidFormAnswers400, auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = forms.LoginForm
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    pass


class PasswordResetView(InvalidFormAnswers400, auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    form_class = forms.PasswordResetForm
    email_template_name = "accounts/email/password_reset.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def form_valid(self, form):
        """Over the limit for the address or the client, no email goes out, and the answer
        is the same as when one does: it never tells whether an account exists."""
        address = form.cleaned_data["email"].strip().lower()
        allowed = ratelimit.hit(
            f"password-reset:address:{address}",
            limit=PASSWORD_RESETS_PER_ADDRESS,
            window=PASSWORD_RESET_WINDOW,
        ) and ratelimit.hit(
            f"password-reset:client:{client_ip(self.request)}",
            limit=PASSWORD_RESETS_PER_CLIENT,
            window=PASSWORD_RESET_WINDOW,
        )
        if not allowed:
            return HttpResponseRedirect(self.get_success_url())
        return super().form_valid(form)


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(InvalidFormAnswers400, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")

    def form_valid(self, form):
        """A new password is the way back from a lockout: the failed attempts on the account
        are forgotten, for its username and its email alike."""
        response = super().form_valid(form)
        for name in {form.user.get_username(), form.user.email}:
            if name:
                axes_reset(username=name)
        return response


class PasswordResetCompleteView(auth_views.PasswordResetCompleteView):
    template_name = "accounts/password_reset_complete.html"


class PasswordChangeView(InvalidFormAnswers400, auth_views.PasswordChangeView):
    template_name = "accounts/password_change.html"
    form_class = forms.PasswordChangeForm
    success_url = reverse_lazy("accounts:profile")

    def form_valid(self, form):
        messages.success(self.request, _("Din adgangskode er ændret."))
        return super().form_valid(form)


@login_required
@require_GET
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own page: their account, then what each capability adds (their alliances,
    their organisation, …) through the registry."""
    sections = [
        (section.template_name, section.context(request.user)) for section in registry.account_sections
    ]
    return render(request, "accounts/profile.html", {"sections": sections})


