from django.conf import settings


def solution(request) -> dict:
    """Who runs the solution, for the header and footer every Danish public solution has."""
    return {
        "solution_name": settings.BROBYGGER_SOLUTION_NAME,
        "authority_name": settings.BROBYGGER_AUTHORITY_NAME,
        "contact_email": settings.BROBYGGER_CONTACT_EMAIL,
        "contact_phone": settings.BROBYGGER_CONTACT_PHONE,
        "dpo_email": settings.BROBYGGER_DPO_EMAIL or settings.BROBYGGER_CONTACT_EMAIL,
    }


def menu(request) -> dict:
    """The capabilities' entries in the main menu (registry.menu_items): (label, url, active),
    active when the page is the entry's or below it."""
    from django.urls import reverse

    from . import registry

    authenticated = request.user.is_authenticated if hasattr(request, "user") else False
    items = []
    for item in registry.menu_items:
        if item.members_only and not authenticated:
            continue
        url = reverse(item.url_name)
        items.append((item.label, url, request.path.startswith(url)))
    return {"capability_menu": items}
