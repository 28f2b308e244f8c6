from django import forms
from django.contrib.auth import forms as auth_forms
from django.contrib.auth import password_validation
from django.core import validators
from django.utils.translation import gettext_lazy as _

from brobygger.core import forms as ds


class LoginForm(ds.DesignSystemFormMixin, auth_forms.AuthenticationForm):
    username = auth_forms.UsernameField(
        label=_("Brugernavn eller e-mail"),
        max_length=254,
        widget=forms.TextInput(attrs={"autofocus": True, "autocomplete": "username"}),
    )


class PasswordResetForm(ds.DesignSystemFormMixin, auth_forms.PasswordResetForm):
    def send_mail(
        self, subject_template_name, email_template_name, context, from_email, to_email, html_email_template_name=None
    ):
        """Send through the task queue, never inside the request."""
        from django.db import transaction
        from django.template import loader

        from .tasks import send_email

        subject = "".join(loader.render_to_string(subject_template_name, context).splitlines())
        body = loader.render_to_string(email_template_name, context)
        transaction.on_commit(lambda: send_email.enqueue(subject=subject, body=body, recipients=[to_email]))


class NewPasswordLengthMixin:
    """A new password has at most 128 characters, as on the invitation page."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("new_password1", "new_password2"):
            self.fields[name].max_length = 128
            self.fields[name].validators.append(validators.MaxLengthValidator(128))
            self.fields[name].widget.attrs["maxlength"] = "128"


class SetPasswordForm(NewPasswordLengthMixin, ds.DesignSystemFormMixin, auth_forms.SetPasswordForm):
    pass


class PasswordChangeForm(
    NewPasswordLengthMixin, ds.DesignSystemFormMixin, auth_forms.PasswordChangeForm
):
    pass


class AcceptInvitationForm(ds.Form):
    """A new user chooses their password when accepting an invitation."""

    password1 = forms.CharField(
        label=_("Vælg en adgangskode"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Mindst 8 tegn. Undgå almindelige ord og rene tal."),
    )
    password2 = forms.CharField(
        label=_("Gentag adgangskoden"),
        strip=False,
        max_length=128,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def __init__(self, *args, user=None, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        first, second = data.get("password1"), data.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("De to adgangskoder er ikke ens."))
        elif first:
            try:
                password_validation.validate_password(first, self.user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


class AccountDetailsForm(ds.Form):
    full_name = forms.CharField(label=_("Navn"), max_length=300, widget=forms.TextInput(attrs={"autocomplete": "name"}))
    email = forms.EmailField(
        label=_("E-mail"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autocomplete": "email"}),
        help_text=_("Skifter du e-mail, sender vi et link til den nye adresse. Adressen skifter først, når du har fulgt linket."),
    )
