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
