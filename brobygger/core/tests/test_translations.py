"""The interface is Danish first, English second: every Danish string has an English
translation in locale/en, and the compiled catalogue is used."""

import ast
import re
from pathlib import Path

import polib
import pytest
from django.conf import settings
from django.utils import translation

PO_PATH = Path(settings.BASE_DIR) / "locale" / "en" / "LC_MESSAGES" / "django.po"
SOURCE_ROOT = Path(settings.BASE_DIR) / "brobygger"
# Single-line literals in templates and Python code; multi-line ones are covered by makemessages.
TEMPLATE_LITERAL = re.compile(r"""{%\s*translate\s+"([^"]+)"|{%\s*translate\s+'([^']+)'""")
PYTHON_LITERAL = re.compile(r"""\b_\(\s*"([^"\n]+)"\s*\)""")


def catalogue() -> polib.POFile:
    return polib.pofile(str(PO_PATH))


def test_every_message_has_an_english_translation():
    """No entry in the English catalogue is untranslated or fuzzy."""
    po = catalogue()
    untranslated = [entry.msgid for entry in po.untranslated_entries()]
    fuzzy = [entry.msgid for entry in po.fuzzy_entries()]
    assert not untranslated, f"Untranslated: {untranslated}"
    assert not fuzzy, f"Fuzzy: {fuzzy}"


def source_literals() -> set[str]:
    found = set()
    for path in SOURCE_ROOT.rglob("*"):
        if "tests" in path.parts or path.suffix not in {".html", ".py", ".txt"}:
            continue
        text = path.read_text(encoding="utf-8")
        pattern = PYTHON_LITERAL if path.suffix == ".py" else TEMPLATE_LITERAL
        for match in pattern.finditer(text):
            literal = next(group for group in match.groups() if group)
            # A Python literal's escapes ("\n") mean what Python reads them as.
            found.add(ast.literal_eval(f'"{literal}"') if path.suffix == ".py" else literal)
    return found


def test_every_string_in_the_source_is_in_the_catalogue():
    """A Danish string added to a template or module without running makemessages is caught."""
    msgids = {entry.msgid for entry in catalogue()}
    missing = sorted(literal for literal in source_literals() if literal not in msgids)
    assert not missing, (
        "Run `manage.py makemessages -l en --no-obsolete` and translate: " + "; ".join(missing)
    )


@pytest.mark.parametrize(
    ("danish", "english"), [("Alliancer", "Alliances"), ("Opret alliance", "Create alliance")]
)
def test_compiled_catalogue_translates_to_english(danish, english):
    """The compiled .mo file is loaded: English speakers see English."""
    with translation.override("en"):
        assert translation.gettext(danish) == english
    with translation.override("da"):
        assert translation.gettext(danish) == danish
