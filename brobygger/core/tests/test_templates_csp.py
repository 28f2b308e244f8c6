"""The templates stay ready for a strict Content Security Policy (script-src and
style-src without 'unsafe-inline'): no inline scripts, no event-handler attributes, no
style attributes or style elements. Behaviour lives in static .js files, looks in .css."""

import re
from pathlib import Path

import pytest
from django.conf import settings
from django.test import Client

TEMPLATE_ROOT = Path(settings.BASE_DIR) / "brobygger"
TEMPLATES = sorted(
    path
    for path in TEMPLATE_ROOT.rglob("*")
    if path.is_file() and "templates" in path.relative_to(TEMPLATE_ROOT).parts
)

SCRIPT_TAG = re.compile(r"<script\b([^>]*)>", re.IGNORECASE)
SRC_ATTRIBUTE = re.compile(r"(?:^|\s)src\s*=", re.IGNORECASE)
# onclick=, onload=, … as an attribute (after whitespace or a quote), and htmx's hx-on
# attributes, which compile their value to a script too.
EVENT_HANDLER = re.compile(r"""(?:^|[\s"'])(on[a-z]+|hx-on[:\-][\w:\-.]*)\s*=""", re.IGNORECASE)
STYLE_ATTRIBUTE = re.compile(r"""(?:^|[\s"'])style\s*=""", re.IGNORECASE)
STYLE_ELEMENT = re.compile(r"<style\b", re.IGNORECASE)
# Django template comments may mention anything.
TEMPLATE_COMMENT = re.compile(r"{#.*?#}|{%\s*comment\s*%}.*?{%\s*endcomment\s*%}", re.DOTALL)


def violations(text: str) -> list[str]:
    """What in this template (or rendered page) a strict CSP would block."""
    text = TEMPLATE_COMMENT.sub("", text)
    found = []
    for match in SCRIPT_TAG.finditer(text):
        if not SRC_ATTRIBUTE.search(match.group(1)):
            found.append(f"inline script: {match.group(0)}")
    for tag in re.finditer(r"<[a-zA-Z][^>]*>", text, re.DOTALL):
        for handler in EVENT_HANDLER.finditer(tag.group(0)):
            found.append(f"event handler {handler.group(1)}= in {tag.group(0)[:80]}")
        if STYLE_ATTRIBUTE.search(tag.group(0)):
            found.append(f"style attribute in {tag.group(0)[:80]}")
    if STYLE_ELEMENT.search(text):
        found.append("style element")
    return found


# --- The scanner itself catches what it must, and nothing else ----------------------------


@pytest.mark.parametrize(
    "snippet",
    [
        "<script>alert(1)</script>",
        '<script type="module">import x from "y"</script>',
        "<SCRIPT>document.write(1)</SCRIPT>",
        '<button onclick="go()">Gå</button>',
        "<body onload='init()'>",
        '<a href="#" class="x"\n   onmouseover="x()">',
        '<button hx-on:click="alert(1)">',
        '<div hx-on-htmx-after-request="x()">',
        '<p style="color: red">',
        "<div class='x' style='display:none'>",
        "<style>p { color: red }</style>",
    ],
)
def test_scanner_catches(snippet):
    """The scanner reports each kind of inline code or style a strict CSP would block."""
    assert violations(snippet)


@pytest.mark.parametrize(
    "snippet",
    [
        '<script src="/static/x.js" defer></script>',
        "<script defer src=\"{% static 'x.js' %}\"></script>",
        '<input name="description" data-position="top">',
        '<a href="/alliancer/?sektor=offentlig">Offentlig</a>',
        "{% with region_periods=detail.region_periods %}",
        '<p class="font-lead">Ingen online-møder: styles og onboarding nævnes kun i tekst.</p>',
        '{# <script>alert("kommentar")</script> #}',
        '<link rel="stylesheet" href="/static/brobygger.css">',
    ],
)
def test_scanner_lets_through(snippet):
    """External scripts and stylesheets, ordinary attributes and text that merely contains
    the words pass the scan."""
    assert violations(snippet) == []


# --- Every template -------------------------------------------------------------------------


def test_templates_are_found():
    """The scan reaches the templates of every app (a broken glob must not pass silently)."""
    names = {path.relative_to(TEMPLATE_ROOT).as_posix() for path in TEMPLATES}
    assert "core/templates/base.html" in names
    assert "alliances/templates/alliances/alliance_detail.html" in names
    assert "accounts/templates/accounts/login.html" in names
    assert len(TEMPLATES) >= 30


@pytest.mark.parametrize(
    "template", TEMPLATES, ids=[path.relative_to(TEMPLATE_ROOT).as_posix() for path in TEMPLATES]
)
def test_template_has_no_inline_script_or_style(template):
    """The template has no <script> without src, no on…= or hx-on event-handler attributes,
    no style="…" attributes and no <style> element."""
    problems = violations(template.read_text(encoding="utf-8"))
    assert not problems, "\n".join(problems)


# --- Rendered pages: template tags and form widgets add markup too ------------------------


def test_rendered_pages_have_no_inline_script_or_style(landscape):
    """What the templates render — including {% htmx_script %}, form widgets and their
    attributes — is as clean as the templates themselves, for visitors and coordinators."""
    anonymous, coordinator = Client(), Client()
    coordinator.force_login(landscape.coordinator)
    slug = landscape.public.slug
    pages = [
        (anonymous, "/"),
        (anonymous, "/alliancer/"),
        (anonymous, f"/alliancer/{slug}/"),
        (anonymous, "/konto/login/"),
        (anonymous, "/findes-ikke/"),
        (coordinator, "/"),
        (coordinator, f"/alliancer/{slug}/"),
        (coordinator, "/alliancer/ny/"),
        (coordinator, f"/alliancer/{slug}/rediger/"),
        (coordinator, f"/alliancer/{slug}/parter/ny/"),
        (coordinator, f"/alliancer/{slug}/medlemmer/inviter/"),
        (coordinator, f"/organisationer/{landscape.lejre.pk}/rediger/"),
        (coordinator, "/konto/adgangskode/"),
    ]
    problems = []
    for client, path in pages:
        response = client.get(path)
        assert response.status_code in (200, 404), path
        problems += [f"{path}: {problem}" for problem in violations(response.content.decode())]
    assert not problems, "\n".join(problems)


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/", "/sundhed/", "/konto/login/", "/admin/login/", "/findes-ikke/"])
def test_every_response_carries_the_strict_policy(client, path):
    """The Content Security Policy header is on pages, JSON, errors and the admin alike, and
    allows no inline script or style."""
    policy = client.get(path)["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe" not in policy
