"""Faster choice labels for models (`get_FOO_display()`).

Django builds a field's whole table of choices again on every call (it flattens the choices
and makes each one hashable), which on a page listing fifty alliances with their phase was a
third of the page's rendering. A model that takes `ChoiceLabels` first in its bases builds the
table once per field; the labels stay lazy, so each is still read in the request's language.
"""

from django.utils.encoding import force_str
from django.utils.hashable import make_hashable

# field -> {value: label}; fields live as long as the process, and choices are static.
_labels: dict = {}


class ChoiceLabels:
    def _get_FIELD_display(self, field):  # noqa: N802 (Django's name, overridden)
        labels = _labels.get(field)
        if labels is None:
            labels = _labels[field] = dict(make_hashable(field.flatchoices))
        value = getattr(self, field.attname)
        # force_str() turns the lazy label into text, as Django's own does.
        return force_str(labels.get(make_hashable(value), value), strings_only=True)
