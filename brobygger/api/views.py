"""The API's own pages: the schema, the documentation, a user's tokens, and the error
answers for everything under /api/ (handler404 and friends in config/urls.py send API paths
here and the rest to the core's pages)."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from drf_spectacular.generators import SchemaGenerator
from rest_framework.renderers import TemplateHTMLRenderer
from rest_framework.response import Response
from rest_framework.views import APIView

from brobygger.core import views as core_views
from brobygger.core.middleware import interface_language
from brobygger.core.shortcuts import render_form

from . import selectors, services
from .docs import components_of, operations_of
from .forms import TokenForm
from .problems import not_found_detail, problem


def _is_api(request) -> bool:
    return request.path.startswith(settings.BROBYGGER_API_PREFIX)


# --- Errors under /api/ as problems, elsewhere the core's pages ---------------------------


def bad_request(request, exception=None):
    return problem(400) if _is_api(request) else core_views.bad_request(request, exception)


def permission_denied(request, exception=None):
    if _is_api(request):
        return problem(403, exception.args[0] if exception is not None and exception.args else "")
    return core_views.permission_denied(request, exception)


def page_not_found(request, exception=None):
    return problem(404, not_found_detail()) if _is_api(request) else core_views.page_not_found(request, exception)


def server_error(request):
    if _is_api(request):
        return problem(500, _("Der skete en fejl hos os. Den er logget, og vi ser på den."))
    return core_views.server_error(request)


# --- Documentation ---------------------------------------------------------------------------


class DocsView(APIView):
    """/api/v1/docs: the schema as a page, rendered on the server (no script, no inline style,
    so it stands under the site's Content-Security-Policy as every other page)."""

    renderer_classes = [TemplateHTMLRenderer]
    schema = None  # not an endpoint of the API itself

    def get(self, request):
        # A page people read: in the interface's language, like every other page (the API's
        # answers follow Accept-Language instead).
        language = interface_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        schema = SchemaGenerator().get_schema(request=None, public=True)
        return Response(
            {"schema": schema, "groups": operations_of(schema), "components": components_of(schema)},
            template_name="api/docs.html",
            headers={"Content-Language": language},
        )


# --- A user's personal tokens (on the account pages) ----------------------------------------


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The user's tokens with their last use, and a form for a new one. A new token is shown
    on the page that answers the form, once: it is in no address and no session."""
    form = TokenForm(request.POST or None)
    new_token = None
    if request.method == "POST" and form.is_valid():
        try:
            token, new_token = services.token_create(
                actor=request.user, name=form.cleaned_data["name"], read_only=form.cleaned_data["read_only"]
            )
        except ValidationError as error:
            form.add_service_error(error)
        else:
            form = TokenForm()
    response = render_form(
        request,
        "api/tokens.html",
        {"form": form, "tokens": selectors.tokens_of(request.user), "new_token": new_token},
        form,
    )
    # The page with a new token must not be kept by the browser or a proxy.
    response["Cache-Control"] = "no-store"
    return response


@login_required
@require_http_methods(["GET", "HEAD", "POST"])
def token_revoke(request: HttpRequest, pk: int) -> HttpResponse:
    """Revoking asks first (a program that uses the token stops working at once); only the
    token's owner finds it."""
    token = selectors.token_of(request.user, pk)
    if token is None:
        raise Http404
    if request.method != "POST":
        return render(request, "api/token_revoke.html", {"token": token})
    services.token_revoke(actor=request.user, token=token)
    messages.success(request, _("Nøglen „%(name)s“ er trukket tilbage og virker ikke længere.") % {"name": token.name})
    return redirect("api_tokens:list")
