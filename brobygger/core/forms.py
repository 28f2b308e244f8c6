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
        for name in self.errors:
            if name in self.fields:
                bound = self[name]
                described = self.fields[name].widget.attrs.get("aria-describedby", "")
                error_id = f"{bound.auto_id}-error"
                if error_id not in described:
                    self.fields[name].widget.attrs["aria-describedby"] = f"{described} {error_id}".strip()


class Form(DesignSystemFormMixin, forms.Form):
    pass


class ModelForm(DesignSystemFormMixin, forms.ModelForm):
    pass
