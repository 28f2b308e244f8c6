"""A model's choice labels (`get_FOO_display()`, core/choices.py) come from a table built once
per field, and still in the language of whoever reads them."""

from django.utils import translation

from brobygger.alliances.models import Alliance, Phase


def test_a_label_is_read_in_the_current_language_each_time():
    alliance = Alliance(phase=Phase.IDEA)
    with translation.override("da"):
        assert alliance.get_phase_display() == "Idé"
    with translation.override("en"):
        assert alliance.get_phase_display() == "Idea"
    with translation.override("da"):
        assert alliance.get_phase_display() == "Idé"


def test_a_value_without_a_choice_is_shown_as_it_is():
    # As Django's own: a value outside the choices (an old row) is shown unchanged.
    assert Alliance(phase="ukendt").get_phase_display() == "ukendt"
