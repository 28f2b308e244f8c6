"""Lists: pages of settings.BROBYGGER_API_PAGE_SIZE (the caller may ask for up to
BROBYGGER_API_MAX_PAGE_SIZE with page_size), with the total and links to the next and
previous pages. Every list is ordered with the primary key last, so pages never overlap."""

from django.conf import settings
from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.response import Response


class Pagination(pagination.PageNumberPagination):
    page_size_query_param = "page_size"
    page_query_description = _("Sidenummeret, fra 1.")
    page_size_query_description = _("Antal pr. side (højst 500).")
    invalid_page_message = _("Siden findes ikke.")

    @property
    def page_size(self):
        return settings.BROBYGGER_API_PAGE_SIZE

    @property
    def max_page_size(self):
        return settings.BROBYGGER_API_MAX_PAGE_SIZE

    def get_paginated_response(self, data):
        return Response(
            {
                "count": self.page.paginator.count,
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema):
        return {
            "type": "object",
            "required": ["count", "next", "previous", "results"],
            "properties": {
                "count": {"type": "integer", "example": 123},
                "next": {"type": "string", "nullable": True, "format": "uri"},
                "previous": {"type": "string", "nullable": True, "format": "uri"},
                "results": schema,
            },
        }
