from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.core.forms import Form


class TokenForm(Form):
    name = forms.CharField(
        label=_("Navn"),
        max_length=100,
        help_text=_("Hvad nøglen bruges til, fx „Kommunens BI“."),
    )
    read_only = forms.BooleanField(
        label=_("Må kun læse"),
        required=False,
        help_text=_("Nøglen kan hente data, men ikke skrive noget."),
    )
