"""A page of an alliance's list, kept in the shared cache under the alliance's data version
(registry.alliance_fragments), as the pages keep their bodies.

The page is read as ids: its rows are read whole, completed and serialized only when it is
not kept. What a reader reads of the list may depend on them only through their relation to
the alliance; `name` holds everything else that picks the page (the query), and the page's
number and size are added here."""

import json
from collections.abc import Callable

from rest_framework.response import Response
from rest_framework.utils.encoders import JSONEncoder

from brobygger.core import registry


def kept_page(view, queryset, *, alliance, name: str, rows: Callable[[list], list]) -> Response:
    """The paginated response of `view` (a DRF ListAPIView) for `queryset`; `rows(entries)`
    turns a page of whole entries into what the serializer takes. Without an alliance (a
    change process's decisions) nothing is kept."""
    page = view.paginate_queryset(queryset.select_related(None).prefetch_related(None).only("pk"))

    def text() -> str:
        whole = queryset.in_bulk([entry.pk for entry in page])
        shown = rows([whole[entry.pk] for entry in page])
        return json.dumps(view.get_serializer(shown, many=True).data, cls=JSONEncoder)

    if alliance is None:
        return view.get_paginated_response(json.loads(text()))
    number, size = view.paginator.page.number, view.paginator.page.paginator.per_page
    kept = registry.alliance_fragments(f"{name}:{number}:{size}", [alliance], view.request.user, lambda _missing: {alliance.pk: text()})
    return view.get_paginated_response(json.loads(kept[alliance.pk]))
