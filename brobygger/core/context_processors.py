import functools

from django.conf import settings
from django.template.loader import render_to_string
from django.templatetags.static import static
from django.urls import get_script_prefix, get_urlconf, reverse
from django.utils.functional import SimpleLazyObject

from . import registry


def solution(request) -> dict:
    """Who runs the solution, for the header and footer every Danish public solution has."""
    return {
        "solution_name": settings.BROBYGGER_SOLUTION_NAME,
        "authority_name": settings.BROBYGGER_AUTHORITY_NAME,
        "contact_email": settings.BROBYGGER_CONTACT_EMAIL,
        "contact_phone": settings.BROBYGGER_CONTACT_PHONE,
        "dpo_email": settings.BROBYGGER_DPO_EMAIL or settings.BROBYGGER_CONTACT_EMAIL,
    }


# The addresses every page's header, menu and footer link to, by name.
_CHROME_URL_NAMES = {
    "front": "core:front",
    "alliances": "alliances:list",
    "organisations": "alliances:organisation_list",
    "knowledge": "core:knowledge",
    "privacy": "core:privacy",
    "cookies": "core:cookies",
    "accessibility": "core:accessibility_statement",
    "set_language": "set_language",
    "login": "accounts:login",
    "logout": "accounts:logout",
    "profile": "accounts:profile",
    "admin": "admin:index",
}
_CHROME_STATIC = {
    "favicon": "brobygger/favicon.svg",
    "dkfds_css": "vendor/dkfds/css/dkfds.min.css",
    "css": "brobygger/brobygger.css",
    "dkfds_js": "vendor/dkfds/js/dkfds.min.js",
    "js": "brobygger/brobygger.js",
    "icons": "vendor/dkfds/img/all-svg-icons.svg",
}


@functools.cache
def _chrome_links(script_prefix: str, urlconf, registered: int) -> dict:
    # Reversed once per process (and URL configuration), not a dozen times on every page;
    # the capabilities' menu entries too, until one is registered.
    urls = {key: reverse(name) for key, name in _CHROME_URL_NAMES.items()}
    files = {key: static(path) for key, path in _CHROME_STATIC.items()}
    menu = [(item, reverse(item.url_name)) for item in registry.menu_items]
    return {"urls": urls, "files": files, "menu": menu}


def chrome(request) -> dict:
    """What the frame of every page needs: its links, its files and the main menu with the
    capabilities' entries (registry.menu_items), each marked active on its page and below."""
    links = _chrome_links(get_script_prefix(), get_urlconf() or settings.ROOT_URLCONF, registry.menu_items.generation)
    user = getattr(request, "user", None)
    authenticated = bool(user and user.is_authenticated)
    capability_menu = [
        (item.label, url, request.path.startswith(url))
        for item, url in links["menu"]
        if authenticated or not item.members_only
    ]

    def render_menu() -> str:
        return render_to_string(
            "includes/menu_items.html",
            {
                "user": user,
                "path": request.path,
                "full_path": request.get_full_path(),
                "urls": links["urls"],
                "capability_menu": capability_menu,
            },
        )

    # Rendered the first time a template shows it; the header shows it twice (in the bar and
    # in the drawer on small screens).
    return {"chrome_urls": links["urls"], "chrome_files": links["files"], "main_menu": SimpleLazyObject(render_menu)}
