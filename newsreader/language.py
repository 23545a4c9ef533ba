"""The interface language: Bahasa Indonesia by default, English when the reader chose it.

Django's LocaleMiddleware also reads the browser's Accept-Language, which on many Indonesian
newsroom machines says English; here only the reader's own choice (the language cookie set by
the switch on every page, Django's `set_language` view) changes the default."""

from django.conf import settings
from django.middleware.locale import LocaleMiddleware
from django.utils import translation
from django.utils.cache import patch_vary_headers


class InterfaceLanguageMiddleware(LocaleMiddleware):
    def process_request(self, request):
        chosen = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME, "")
        if chosen not in dict(settings.LANGUAGES):
            chosen = settings.LANGUAGE_CODE
        translation.activate(chosen)
        request.LANGUAGE_CODE = translation.get_language()

    def process_response(self, request, response):
        patch_vary_headers(response, ("Cookie",))
        response.headers.setdefault("Content-Language", translation.get_language())
        return response
