from django import template
from django.urls import reverse

from brobygger.core import registry

register = template.Library()


@register.inclusion_tag("alliances/includes/alliance_nav.html", takes_context=True)
def alliance_nav(context, alliance, current: str):
    """The alliance's own navigation: its overview and each capability's page, as the
    registry lists them, for the pages this user may open."""
    user = context["request"].user
    pages = [
        {
            "label": page.label,
            "url": reverse(page.url_name, kwargs={"slug": alliance.slug}),
            "current": page.key == current,
        }
        for page in registry.alliance_pages
        if page.permission is None or user.has_perm(page.permission, alliance)
    ]
    return {"alliance": alliance, "pages": pages}
