"""The form for a change process inside an organisation. It parses input; the services check
the rule and write."""

from django import forms
from django.utils.translation import gettext_lazy as _

from brobygger.core import forms as ds

from .models import ChangeProcess

TITLE_MAX = ChangeProcess._meta.get_field("title").max_length
DESCRIPTION_MAX = ChangeProcess._meta.get_field("description").max_length


class ProcessForm(ds.Form):
    title = forms.CharField(
        label=_("Titel"),
        max_length=TITLE_MAX,
        help_text=_("Fx »Sammenlægning af to plejecentre«."),
        error_messages={
            "required": _("Giv forandringsprocessen en titel."),
            "max_length": _("Titlen kan højst have %(limit_value)d tegn."),
        },
    )
    description = forms.CharField(
        label=_("Beskrivelse"),
        required=False,
        max_length=DESCRIPTION_MAX,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text=_("Hvad skal forandres, hvorfor, og hvem berører det? Teksten kan læses af organisationens bekræftede medarbejdere."),
        error_messages={"max_length": _("Beskrivelsen kan højst have %(limit_value)d tegn.")},
    )

    def service_arguments(self) -> dict:
        return {"title": self.cleaned_data["title"], "description": self.cleaned_data["description"]}
