"""{% load paging %}: {% for number in page|page_numbers %} gives the page numbers to offer
around the current page, with None where pages are left out (shown as "…")."""

from django import template
from django.core.paginator import Page

register = template.Library()


@register.filter
def page_numbers(page: Page) -> list[int | None]:
    return [
        None if number == page.paginator.ELLIPSIS else number
        for number in page.paginator.get_elided_page_range(page.number, on_each_side=1, on_ends=1)
    ]
