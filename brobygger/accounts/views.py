"""Login, logout, password reset and the user's own page."""

import datetime
import posixpath
from urllib.parse import unquote, urlsplit

from axes.utils import reset as axes_reset
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import Resolver404, resolve, reverse, reverse_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from brobygger.core import ratelimit, registry
from brobygger.core.net import client_ip
from brobygger.core.shortcuts import InvalidFormAnswers400, render_form

from . import forms, services
from .tokens import email_change_for_token

# Password reset links per address and per client, per hour: enough for a person who lost the
# first email, too few to flood someone's inbox from Brobygger.
PASSWORD_RESET_WINDOW = datetime.timedelta(hours=1)
PASSWORD_RESETS_PER_ADDRESS = 3
PASSWORD_RESETS_PER_CLIENT = 20


def _is_login_page(path: str) -> bool:
    path = posixpath.normpath(unquote(path) or "/")
    try:
        match = resolve(path if path.endswith("/") else f"{path}/")
    except Resolver404:
        return False
    return match.view_name == "accounts:login"


class LoginView(InvalidFormAnswers400, auth_views.LoginView):
    template_name = "accounts/login.html"
    form_class = forms.LoginForm
    redirect_authenticated_user = True

    def get_redirect_url(self):
        """Where `next` points, if it is safe, but never back to the login page itself (the
        menu's own link builds that address): a logged-in user would loop there. The path is
        compared as the browser and the URL resolver will read it ("/konto/./login/",
        "/konto/%6Cogin/" and "/konto/login" are the login page too)."""
        url = super().get_redirect_url()
        if url and _is_login_page(urlsplit(url).path):
            return ""
        return url


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
@require_safe
def profile(request: HttpRequest) -> HttpResponse:
    """The user's own page: their account, then what each capability adds (their alliances,
    their organisation, …) through the registry."""
    sections = [
        (section.template_name, section.context(request.user)) for section in registry.account_sections
    ]
    return render(request, "accounts/profile.html", {"sections": sections})




# --- The user's own name and email ----------------------------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def account_details(request: HttpRequest) -> HttpResponse:
    user = request.user
    initial = {"full_name": user.get_full_name(), "email": user.email}
    form = forms.AccountDetailsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        new_email = form.cleaned_data["email"].strip().lower()
        try:
            # The address is checked (and its link sent) first, so a refused address leaves
            # the name unsaved too.
            if new_email != user.email.lower():
                services.email_change_request(
                    actor=user, user=user, new_email=new_email, base_url=request.build_absolute_uri("/")
                )
            services.user_update_name(actor=user, user=user, full_name=form.cleaned_data["full_name"])
        except ValidationError as error:
            form.add_service_error(error)
        else:
            if new_email != user.email.lower():
                messages.success(
                    request,
                    _("Dit navn er gemt. Vi har sendt et link til %(email)s: din e-mail skifter, når du har fulgt det.")
                    % {"email": new_email},
                )
            else:
                messages.success(request, _("Dine oplysninger er gemt."))
            return HttpResponseRedirect(reverse("accounts:profile"))
    return render_form(request, "accounts/account_details.html", {"form": form}, form)


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def email_confirm(request: HttpRequest, token: str) -> HttpResponse:
    """The link sent to a new address. A POST confirms it (a mail scanner's GET changes
    nothing), and only the user it was sent to, logged in, can."""
    found = email_change_for_token(token)
    if found is None:
        return render(request, "accounts/email_link_invalid.html", status=404)
    if found[0].pk != request.user.pk:
        raise Http404(_("Siden findes ikke."))
    user, new_email = found
    if request.method == "POST":
        try:
            services.user_change_email(
                actor=request.user, user=user, new_email=new_email, base_url=request.build_absolute_uri("/")
            )
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("Din e-mail er nu %(email)s.") % {"email": new_email})
        return HttpResponseRedirect(reverse("accounts:profile"))
    return render(request, "accounts/email_confirm.html", {"new_email": new_email})
