"""System checks for misconfiguration, with stable IDs."""

from pathlib import Path

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

VENDOR_CSS = Path(__file__).resolve().parent.parent / "static" / "vendor" / "dkfds" / "css" / "dkfds.min.css"


@register(Tags.compatibility)
def check_front_end_installed(app_configs, **kwargs):
    if VENDOR_CSS.exists():
        return []
    return [
        Warning(
            "The design system (DKFDS) has not been copied into the static files.",
            hint="Run `make static` (or `make run`), which installs the npm packages and copies them.",
            id="brobygger.W001",
        )
    ]


@register(Tags.security, deploy=True)
def check_responsible_authority(app_configs, **kwargs):
    errors = []
    if not settings.BROBYGGER_AUTHORITY_NAME.strip():
        errors.append(
            Error(
                "BROBYGGER_AUTHORITY_NAME is empty: the header and footer must name the responsible authority.",
                id="brobygger.E001",
            )
        )
    if not settings.BROBYGGER_ACCESSIBILITY_STATEMENT_URL.startswith("https://"):
        errors.append(
            Error(
                "BROBYGGER_ACCESSIBILITY_STATEMENT_URL must be an https address of the accessibility statement.",
                id="brobygger.E002",
            )
        )
    return errors


@register()
def check_registry(app_configs, **kwargs):
    """What the capabilities registered names things that exist: a page's URL name
    resolves (with an alliance's slug), a permission is one the rules define, and a
    template can be found."""
    from django.template import TemplateDoesNotExist
    from django.template.loader import get_template
    from django.urls import NoReverseMatch, reverse

    from . import registry
    from .permissions import perm_exists

    problems = []
    for page in registry.alliance_pages:
        try:
            reverse(page.url_name, kwargs={"slug": "eksempel"})
        except NoReverseMatch:
            problems.append(
                Error(
                    f"The alliance page {page.key!r} names the URL {page.url_name!r}, which does not "
                    "resolve with an alliance's slug.",
                    hint="Give its urls.py a pattern with <slug:slug> under that name, and include it in config/urls.py.",
                    id="brobygger.E010",
                )
            )
        if page.permission is not None and not perm_exists(page.permission):
            problems.append(
                Error(
                    f"The alliance page {page.key!r} asks for the permission {page.permission!r}, "
                    "which no rules.py defines.",
                    id="brobygger.E011",
                )
            )
    for item in registry.menu_items:
        try:
            reverse(item.url_name)
        except NoReverseMatch:
            problems.append(
                Error(
                    f"The menu item {item.key!r} names the URL {item.url_name!r}, which does not resolve "
                    "without arguments.",
                    id="brobygger.E014",
                )
            )
    templated = [
        *registry.alliance_summaries,
        *registry.front_sections,
        *registry.account_sections,
        *registry.organisation_sections,
        *registry.answer_details,
    ]
    for hook in templated:
        try:
            get_template(hook.template_name)
        except TemplateDoesNotExist:
            problems.append(
                Error(
                    f"The hook {hook.key!r} uses the template {hook.template_name!r}, which does not exist.",
                    id="brobygger.E012",
                )
            )
    for section in registry.front_sections:
        if section.audience not in ("members", "anonymous"):
            problems.append(
                Error(
                    f"The front page section {section.key!r} has the audience {section.audience!r}; "
                    "it must be 'members' or 'anonymous'.",
                    id="brobygger.E013",
                )
            )
    return problems
