"""Pages that belong to the solution as a whole: front page, health, legal pages, errors."""

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from . import registry


@require_safe
def front(request: HttpRequest) -> HttpResponse:
    """The front page: for a logged-in user what needs their attention and the registered
    sections for members; for a visitor the figures and the public sections. The core knows
    no capability: each section comes from the registry."""
    audience = "members" if request.user.is_authenticated else "anonymous"
    sections = []
    for section in registry.front_sections:
        if section.audience != audience:
            continue
        context = section.context(request)
        if context is not None:
            sections.append((section.template_name, context))
    if request.user.is_authenticated:
        return render(
            request,
            "core/front_member.html",
            {
                "sections": sections,
                "attention_items": registry.attention_items(request.user, day=timezone.localdate()),
            },
        )
    return render(
        request,
        "core/front_anonymous.html",
        {"sections": sections, "figures": registry.figure_values()},
    )


@require_safe
def knowledge(request: HttpRequest) -> HttpResponse:
    """Figures across the alliances the reader may see (the knowledge centre's first part).
    Each comes from the registry, computed for this reader; figures about people only over
    the privacy threshold."""
    # The tables are kept rendered (rendering was two thirds of a cached page's time).
    key = registry.knowledge_cache_key(request.user)
    figures_html = cache.get(key)
    if figures_html is None:
        tables = []
        for figure, table in registry.knowledge_tables(request.user):
            # Each cell with its column's heading, for the small-screen layout.
            rows = [(heading, list(zip(table.columns, cells, strict=True))) for heading, cells in table.rows]
            tables.append((figure, table, rows))
        figures_html = render_to_string("core/knowledge.html#figures", {"tables": tables})
        cache.set(key, figures_html, registry.KNOWLEDGE_CACHE_SECONDS)
    return render(
        request,
        "core/knowledge.html",
        # Our own markup, from the shared cache (a SafeString there already; said again here).
        {"figures_html": mark_safe(figures_html), "threshold": settings.BROBYGGER_PRIVACY_THRESHOLD},  # noqa: S308 (rendered by this view)
    )


@never_cache
@require_safe
def health(request: HttpRequest) -> JsonResponse:
    """Liveness and readiness: answers ok only when the database answers."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unavailable"}, status=503)
    return JsonResponse(
        {"status": "ok", "database": connection.vendor, "time": timezone.now().isoformat()}
    )


@require_safe
def privacy(request: HttpRequest) -> HttpResponse:
    # The periods the page states are the ones the settings enforce.
    return render(
        request,
        "core/privacy.html",
        {
            "invitation_days": settings.BROBYGGER_INVITATION_DAYS,
            "lock_minutes": int(settings.AXES_COOLOFF_TIME.total_seconds() // 60),
            "session_days": settings.SESSION_COOKIE_AGE // (24 * 3600),
        },
    )


@require_safe
def cookies(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "core/cookies.html",
        {
            "session_cookie": settings.SESSION_COOKIE_NAME,
            "csrf_cookie": settings.CSRF_COOKIE_NAME,
            "language_cookie": settings.LANGUAGE_COOKIE_NAME,
        },
    )


@require_safe
def accessibility_statement(request: HttpRequest) -> HttpResponse:
    return redirect(settings.BROBYGGER_ACCESSIBILITY_STATEMENT_URL)


def _error(request, template: str, status: int, exception=None) -> HttpResponse:
    message = ""
    if exception is not None and status == 403 and exception.args:
        message = str(exception.args[0])
    return render(request, template, {"message": message}, status=status)


def bad_request(request, exception=None):
    return _error(request, "errors/400.html", 400)


def permission_denied(request, exception=None):
    return _error(request, "errors/403.html", 403, exception)


def page_not_found(request, exception=None):
    return _error(request, "errors/404.html", 404)


def server_error(request):
    return _error(request, "errors/500.html", 500)
