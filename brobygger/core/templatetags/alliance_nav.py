from django import template
from django.urls import reverse

from brobygger.core import registry

register = template.Library()


@register.inclusion_tag("includes/alliance_nav.html", takes_context=True)
def alliance_nav(context, alliance, current: str):
    """The alliance's own navigation: its overview and each capability's page."""
    user = context["request"].user
    pages = [
        {
            "label": page.label,
            "url": reverse(page.url_name, kwargs={"slug": alliance.slug}),
            "current": page.key == current,
        }
        for page in registry.alliance_pages(alliance, user)
    ]
    return {"alliance": alliance, "pages": pages}
