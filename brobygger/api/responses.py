"""What every endpoint of /api/v1/ shares: JSON answers and the not-found answer. Each
capability keeps its own endpoints in its own `api.py` and registers them
(`registry.ApiRoute`); this app knows none of them."""

from django.http import Http404, JsonResponse


def json_response(data, *, status: int = 200) -> JsonResponse:
    return JsonResponse(data, status=status, safe=False, json_dumps_params={"ensure_ascii": False})


def not_found() -> JsonResponse:
    return json_response({"detail": "Not found."}, status=404)


def answer_404_as_json(view):
    """Turn the fetch helpers' Http404 into the API's JSON 404."""

    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except Http404:
            return not_found()

    wrapped.__name__ = view.__name__
    wrapped.__doc__ = view.__doc__
    return wrapped
