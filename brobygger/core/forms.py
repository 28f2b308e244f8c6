"""Form rendering with Det Fælles Designsystem's markup, shared by every app's forms."""

from django import forms
from django.forms.renderers import TemplatesSetting


class DesignSystemFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class RadioSelect(forms.RadioSelect):
    template_name = "forms/widgets/choices.html"
    option_template_name = "forms/widgets/choice_option.html"


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    template_name = "forms/widgets/choices.html"
    option_template_name = "forms/widgets/choice_option.html"


_CSS_BY_WIDGET = (
    (forms.Select, "form-select"),
    (forms.Textarea, "form-input"),
    (forms.CheckboxInput, "form-checkbox"),
    (forms.widgets.Input, "form-input"),
)


class DesignSystemFormMixin:
    """Adds the design system's classes to widgets and ties error messages to their fields,
    so screen readers read the error with the field (WCAG 3.3.1)."""

    # Optional fields say "(frivilligt)"; search and filter forms, where every field is
    # optional, turn it off.
    mark_optional = True

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                continue
            for widget_class, css in _CSS_BY_WIDGET:
                if isinstance(widget, widget_class):
                    classes = widget.attrs.get("class", "")
                    widget.attrs["class"] = f"{classes} {css}".strip()
                    break
            if isinstance(widget, forms.DateInput):
                widget.input_type = "date"
                widget.format = "%Y-%m-%d"

    def full_clean(self):
        super().full_clean()
        self._tie_errors_to_fields()

    def add_error(self, field, error):
        # Views add the services' errors after cleaning; tie those to their fields too.
        super().add_error(field, error)
        self._tie_errors_to_fields()

    def _tie_errors_to_fields(self):
        for name in self._errors or {}:
            if name in self.fields:
                bound = self[name]
                field = self.fields[name]
                described = field.widget.attrs.get("aria-describedby", "").split()
                # Setting the attribute stops Django adding the help text's id itself.
                wanted = [f"{bound.auto_id}_helptext"] if field.help_text else []
                wanted.append(f"{bound.auto_id}-error")
                for id_ in wanted:
                    if id_ not in described:
                        described.append(id_)
                field.widget.attrs["aria-describedby"] = " ".join(described)


class Form(DesignSystemFormMixin, forms.Form):
    pass


class ModelForm(DesignSystemFormMixin, forms.ModelForm):
    pass
