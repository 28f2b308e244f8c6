"""Danish first: the interface is Danish unless the visitor has chosen English with the
language switch (which sets the language cookie). Unlike Django's LocaleMiddleware, the
browser's Accept-Language header is not consulted, so a Danish public solution does not
turn English just because a browser is set up in English.

The API (paths under settings.BROBYGGER_API_PREFIX) is the other way round: a program says
which language it wants in Accept-Language, and the interface's cookie, which a program
calling with the browser's session may carry, does not decide for it."""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.translation.trans_real import parse_accept_lang_header


def interface_language(request) -> str:
    """The interface's language for this request: the visitor's choice (the language cookie),
    else Danish."""
    chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
    return chosen if chosen in {code for code, _name in settings.LANGUAGES} else settings.LANGUAGE_CODE


class LanguageMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.supported = {code for code, _name in settings.LANGUAGES}

    def _from_header(self, request) -> str:
        for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
            if code == "*":
                break
            language = code.split("-")[0].lower()
            if language in self.supported:
                return language
        return settings.LANGUAGE_CODE

    def __call__(self, request):
        is_api = request.path.startswith(settings.BROBYGGER_API_PREFIX)
        language = self._from_header(request) if is_api else interface_language(request)
        translation.activate(language)
        request.LANGUAGE_CODE = language
        response = self.get_response(request)
        patch_vary_headers(response, ("Accept-Language",) if is_api else ("Cookie",))
        response.headers.setdefault("Content-Language", language)
        translation.deactivate()
        return response
