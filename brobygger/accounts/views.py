"""Login, logout, password reset, the user's own page and accepting an invitation."""

from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse_lazy
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from brobygger.alliances import selectors as alliance_selectors
from brobygger.alliances import services as alliance_services

from . import forms
from .selectors import user_by_email


class InvalidFormAnswers400:
    """Like every other form in Brobygger, a form with errors answers 400, not 200."""

    def form_invalid(self, form):
        return self.render_to_response(self.get_context_data(form=form), status=400)


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


class PasswordResetDoneView(auth_views.PasswordResetDoneView):
    template_name = "accounts/password_reset_done.html"


class PasswordResetConfirmView(InvalidFormAnswers400, auth_views.PasswordResetConfirmView):
    template_name = "accounts/password_reset_confirm.html"
    form_class = forms.SetPasswordForm
    success_url = reverse_lazy("accounts:password_reset_complete")


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
    return render(
        request,
        "accounts/profile.html",
        {
            "memberships": alliance_selectors.memberships_of(request.user),
            "affiliation": alliance_selectors.affiliation_of(request.user),
        },
    )


@require_http_methods(["GET", "POST"])
def invitation_accept(request: HttpRequest, token: str) -> HttpResponse:
    invitation = alliance_services.invitation_by_token(token)
    if invitation is None or not invitation.is_open(timezone.now()):
        return render(request, "accounts/invitation_invalid.html", status=404)
    existing = user_by_email(invitation.email)
    context = {"invitation": invitation, "existing": existing}
    if existing is not None:
        # The person already has an account: they accept by logging in as themselves.
        if not request.user.is_authenticated:
            return redirect(f"{reverse_lazy('accounts:login')}?next={request.path}")
        if request.user.pk != existing.pk:
            return render(request, "accounts/invitation_wrong_user.html", context, status=403)
        if request.method == "POST":
            alliance_services.invitation_accept(invitation=invitation, user=request.user)
            messages.success(request, _("Du er nu medlem af %(title)s.") % {"title": invitation.alliance.title})
            return redirect(invitation.alliance)
        return render(request, "accounts/invitation_accept.html", context)

    candidate = get_user_model()(
        username=invitation.email, email=invitation.email, first_name=invitation.name
    )
    form = forms.AcceptInvitationForm(request.POST or None, user=candidate)
    if request.method == "POST" and form.is_valid():
        try:
            user = alliance_services.invitation_accept(
                invitation=invitation, password=form.cleaned_data["password1"]
            )
        except ValidationError as error:
            # The form has only the password fields: show any other field's error above it.
            form.add_error(None, error.messages)
        else:
            login(request, user, backend="brobygger.accounts.backends.UsernameOrEmailBackend")
            messages.success(
                request,
                _("Velkommen! Din konto er oprettet, og du er medlem af %(title)s.")
                % {"title": invitation.alliance.title},
            )
            return redirect(invitation.alliance)
    status = 400 if form.is_bound and form.errors else 200
    return render(request, "accounts/invitation_accept.html", {**context, "form": form}, status=status)
