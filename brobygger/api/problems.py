"""Every error under /api/ in one format: application/problem+json (RFC 9457).

A problem has `type` (always "about:blank": the status says what kind of problem it is),
`title` (the status in the request's language), `status`, and where there is more to say a
`detail`. A 400 names the fields in `errors`, each with `field`, a JSON `pointer` into the
request body and `detail`. A 404 never says whether the thing exists: only that the caller
cannot have it.
"""

import json

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, HttpResponse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from rest_framework import exceptions

CONTENT_TYPE = "application/problem+json"

TITLES = {
    400: gettext_lazy("Ugyldig forespørgsel"),
    401: gettext_lazy("Login kræves"),
    403: gettext_lazy("Ikke tilladt"),
    404: gettext_lazy("Ikke fundet"),
    405: gettext_lazy("Metoden er ikke tilladt"),
    406: gettext_lazy("Formatet kan ikke leveres"),
    409: gettext_lazy("Konflikt"),
    413: gettext_lazy("For stor forespørgsel"),
    415: gettext_lazy("Dataformatet kendes ikke"),
    429: gettext_lazy("For mange forespørgsler"),
    500: gettext_lazy("Serverfejl"),
}


class Conflict(exceptions.APIException):
    """409: the write cannot be done as things are (the service's reason says why, e.g. a goal
    with results cannot be deleted)."""

    status_code = 409
    default_code = "conflict"


def not_found_detail() -> str:
    return _("Det findes ikke, eller du har ikke adgang til det.")


def problem(status: int, detail: str = "", *, errors: list | None = None, headers: dict | None = None) -> HttpResponse:
    body = {"type": "about:blank", "title": str(TITLES.get(status, status)), "status": status}
    if detail:
        body["detail"] = str(detail)
    if errors is not None:
        body["errors"] = errors
    response = HttpResponse(json.dumps(body, ensure_ascii=False), status=status, content_type=CONTENT_TYPE)
    for name, value in (headers or {}).items():
        response[name] = value
    return response


def _field_errors(detail, path: tuple = ()) -> list[dict]:
    """DRF's nested error detail (dicts of lists, lists of dicts) as a flat list of fields."""
    if isinstance(detail, dict):
        found = []
        for key, value in detail.items():
            found += _field_errors(value, path if key in ("non_field_errors", "__all__") else (*path, str(key)))
        return found
    if isinstance(detail, list):
        if all(not isinstance(item, (dict, list)) for item in detail):
            return [_error(path, str(item)) for item in detail]
        found = []
        for index, item in enumerate(detail):
            found += _field_errors(item, (*path, str(index)))
        return found
    return [_error(path, str(detail))]


def _error(path: tuple, message: str) -> dict:
    return {"field": ".".join(path), "pointer": "#/" + "/".join(path) if path else "#", "detail": message}


def validation_problem(error) -> HttpResponse:
    if isinstance(error, DjangoValidationError):
        detail = error.message_dict if hasattr(error, "error_dict") else {"__all__": error.messages}
    else:
        detail = error.detail
    errors = _field_errors(detail)
    return problem(400, _("Nogle felter er ikke udfyldt rigtigt. Se errors."), errors=errors)


def exception_handler(exc, context) -> HttpResponse | None:
    """DRF's exception handler (settings REST_FRAMEWORK), for every API view."""
    if isinstance(exc, (exceptions.ValidationError, DjangoValidationError)):
        return validation_problem(exc)
    if isinstance(exc, (Http404, exceptions.NotFound)):
        return problem(404, not_found_detail())
    if isinstance(exc, DjangoPermissionDenied):
        return problem(403, exc.args[0] if exc.args else _("Din konto har ikke lov til at gøre dette."))
    if isinstance(exc, exceptions.APIException):
        headers = {}
        if getattr(exc, "auth_header", None):
            headers["WWW-Authenticate"] = exc.auth_header
        if getattr(exc, "wait", None) is not None:
            headers["Retry-After"] = str(max(1, int(exc.wait + 0.999)))
        return problem(exc.status_code, _detail_of(exc, context), headers=headers)
    return None


def _detail_of(exc: exceptions.APIException, context) -> str:
    """DRF's own messages in the request's language where ours are better put."""
    if isinstance(exc, exceptions.NotAuthenticated) and exc.detail == exceptions.NotAuthenticated.default_detail:
        return _("Log ind eller send en API-nøgle i Authorization-headeren.")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return _("Metoden %(method)s kan ikke bruges her.") % {"method": context["request"].method}
    if isinstance(exc, exceptions.Throttled):
        return _("Du har sendt for mange forespørgsler. Prøv igen om %(seconds)s sekunder.") % {
            "seconds": max(1, int((exc.wait or 0) + 0.999))
        }
    if isinstance(exc, exceptions.ParseError):
        return _("Forespørgslens indhold er ikke gyldig JSON.")
    if isinstance(exc, exceptions.UnsupportedMediaType):
        return _("Send data som application/json.")
    if isinstance(exc, exceptions.NotAcceptable):
        return _("Svarene findes kun som application/json.")
    return str(exc.detail)
