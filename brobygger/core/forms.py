"""Form rendering with Det Fælles Designsystem's markup, shared by every app's forms."""

import hashlib
import json
import re
from decimal import Decimal, InvalidOperation

from django import forms
from django.core.cache import cache
from django.forms.renderers import TemplatesSetting
from django.utils import timezone
from django.utils.formats import get_format
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from . import versions


class DesignSystemFormRenderer(TemplatesSetting):
    form_template_name = "forms/form.html"
    field_template_name = "forms/field.html"


class RadioSelect(forms.RadioSelect):
    template_name = "forms/widgets/choices.html"
    option_template_name = "forms/widgets/choice_option.html"


class CheckboxSelectMultiple(forms.CheckboxSelectMultiple):
    template_name = "forms/widgets/choices.html"
    option_template_name = "forms/widgets/choice_option.html"


def _html_attrs(attrs: dict) -> str:
    """Django's widgets/attrs.html in Python: a True value is a bare attribute, False none."""
    return mark_safe(  # noqa: S308 (every part escaped by format_html)
        "".join(
            format_html(" {}", name) if value is True else format_html(' {}="{}"', name, value)
            for name, value in attrs.items()
            if value is not False
        )
    )


class Select(forms.Select):
    """Django's Select with its template's markup written in Python. The template renders an
    include per option, and the template engine's cost per option made the hundred
    municipalities of the alliance filter a fifth of the alliance list's time
    (docs/performance.md). The markup is Django's select.html's."""

    def render(self, name, value, attrs=None, renderer=None):
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], _html_attrs(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('\n  <optgroup label="{}">', group_name))
            parts.extend(
                format_html('\n  <option value="{}"{}>{}</option>', option["value"], _html_attrs(option["attrs"]), option["label"])
                for option in options
            )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 (every part escaped by format_html)


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
        self.style_widgets()

    def style_widgets(self) -> None:
        """Give the widgets the design system's classes; a form that adds fields after
        `__init__` calls it again (adding a class twice is harmless)."""
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxSelectMultiple):
                continue
            for widget_class, css in _CSS_BY_WIDGET:
                if isinstance(widget, widget_class):
                    classes = widget.attrs.get("class", "").split()
                    if css not in classes:
                        widget.attrs["class"] = " ".join([*classes, css])
                    break
            if type(widget) is forms.Select:
                # The same widget with its markup written in Python (Select above); it adds
                # only `render`, so the instance keeps its choices and attributes.
                widget.__class__ = Select
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

    def add_service_error(self, error) -> None:
        """Show a service's ValidationError next to the fields it names (else above the form)."""
        if hasattr(error, "error_dict"):
            for field, messages in error.message_dict.items():
                self.add_error(field if field in self.fields else None, messages)
        else:
            self.add_error(None, error.messages)

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


# As long as the alliances' cards (registry.FRAGMENT_SECONDS), for the same reason.
FIELD_GROUPS_SECONDS = 3600


def cached_field_groups(form: forms.Form, names: list[str]) -> SafeString:
    """These fields of a form, rendered as `{{ form }}` renders them, from the shared cache
    when the form's values for them were rendered before on the same day, in the same
    language and with nothing changed outside the alliances (core/versions.py). For filter
    forms whose choices are reference data read from the database (the alliance list's
    hundred municipalities and regions), whose rendering costs more than the rest of the
    page; a field with free text belongs outside, so the cache holds one entry per choice."""
    values = [(name, form.data.getlist(form.add_prefix(name)) if form.is_bound else None) for name in names]
    fingerprint = hashlib.sha256(json.dumps(values).encode()).hexdigest()[:24]
    key = (
        f"fields:{type(form).__module__}.{type(form).__qualname__}:{get_language()}:"
        f"{timezone.localdate().isoformat()}:{versions.of_everything_else()}:{fingerprint}"
    )
    markup = cache.get(key)
    if markup is None:
        markup = "".join(str(form[name].as_field_group()) for name in names)
        cache.set(key, markup, FIELD_GROUPS_SECONDS)
    # Our own markup, rendered just above (the cache keeps it as text).
    return mark_safe(markup)  # noqa: S308


class AmountField(forms.Field):
    """A decimal amount as people type it: "1.250,50" or "1250,5" in Danish, "1,250.50" in
    English; a lone separator that is not a thousands group is read as the decimal mark.
    Returns an exact Decimal with at most `decimal_places` decimals."""

    default_error_messages = {
        "invalid": _("Skriv et tal, fx 1.250,50."),
        "max_decimal_places": _("Skriv højst %(places)s decimaler."),
        "too_large": _("Tallet er urealistisk stort."),
    }

    def __init__(self, *, decimal_places: int = 2, **kwargs):
        self.decimal_places = decimal_places
        kwargs.setdefault("widget", forms.TextInput(attrs={"inputmode": "decimal", "autocomplete": "off"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in self.empty_values:
            return None
        text = re.sub(r"[\s\u00a0]", "", str(value))
        text = re.sub(r"(?i)(kr\.?|dkk)$", "", text)
        decimal_mark = get_format("DECIMAL_SEPARATOR")
        thousands = get_format("THOUSAND_SEPARATOR") or ("." if decimal_mark == "," else ",")
        if decimal_mark in text:
            text = text.replace(thousands, "").replace(decimal_mark, ".")
        elif re.fullmatch(rf"-?\d{{1,3}}(?:{re.escape(thousands)}\d{{3}})+", text, re.ASCII):
            text = text.replace(thousands, "")
        else:
            text = text.replace(thousands, ".")
        # ASCII digits only: Decimal() would also read other scripts' digits.
        if not re.fullmatch(r"-?\d+(?:\.\d+)?", text, re.ASCII):
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid")
        try:
            number = Decimal(text)
        except InvalidOperation:
            raise forms.ValidationError(self.error_messages["invalid"], code="invalid") from None
        if len(text) > 40 or abs(number) >= Decimal("1e15"):
            raise forms.ValidationError(self.error_messages["too_large"], code="too_large")
        if -number.as_tuple().exponent > self.decimal_places and number != number.quantize(
            Decimal(1).scaleb(-self.decimal_places)
        ):
            raise forms.ValidationError(
                self.error_messages["max_decimal_places"],
                code="max_decimal_places",
                params={"places": self.decimal_places},
            )
        return number.quantize(Decimal(1).scaleb(-self.decimal_places))

    def prepare_value(self, value):
        if isinstance(value, Decimal):
            text = f"{value.normalize():f}" if value == value.to_integral() else f"{value:f}"
            if "." in text:
                text = text.rstrip("0").rstrip(".")
            return text.replace(".", get_format("DECIMAL_SEPARATOR"))
        return value
