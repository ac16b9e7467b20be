"""The language of a request: Indonesian unless the person chose otherwise.

Replaces Django's ``LocaleMiddleware``, which follows the browser's ``Accept-Language``: a
phone set to English (common in Indonesia) would get English chrome around Indonesian news.
Here the public site and the admin speak ``settings.LANGUAGE_CODE`` (``id``) unless

* the URL carries ``?lang=<code>`` (the switch in the site header: a plain link, so crawlers
  see both languages at stable URLs; existing page URLs are unchanged), which is then
  remembered in the language cookie, or
* the language cookie is set (by that link, or by Django's ``/i18n/setlang/`` form).

In the Wagtail admin a staff member's own preference (account → language) still wins: Wagtail
activates it per view. The machine doors (``/api/``, ``/open311/``, ``/graphql/``) keep
following ``Accept-Language`` as ADR 0002 promises their clients.
"""

from django.conf import settings
from django.utils import translation
from django.utils.cache import patch_vary_headers

LANG_PARAM = "lang"
#: Doors for programs: their clients ask for a language with Accept-Language (ADR 0002).
NEGOTIATED_PREFIXES = ("/api/", "/open311/", "/graphql/")


def supported(code: str | None) -> str | None:
    """``code`` if it is one of ``settings.LANGUAGES``, else ``None``."""
    return code if code and code in dict(settings.LANGUAGES) else None


class SepakatLocaleMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        negotiated = request.path_info.startswith(NEGOTIATED_PREFIXES)
        chosen = supported(request.GET.get(LANG_PARAM)) if request.method in ("GET", "HEAD") else None
        if negotiated:
            language = translation.get_language_from_request(request)
        else:
            language = chosen or supported(request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)) or settings.LANGUAGE_CODE
        translation.activate(language)
        request.LANGUAGE_CODE = translation.get_language()
        try:
            response = self.get_response(request)
        finally:
            translation.deactivate()
        if negotiated:
            patch_vary_headers(response, ("Accept-Language",))
        else:
            patch_vary_headers(response, ("Cookie",))
            if chosen and request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME) != chosen:
                response.set_cookie(
                    settings.LANGUAGE_COOKIE_NAME,
                    chosen,
                    max_age=settings.LANGUAGE_COOKIE_AGE,
                    path=settings.LANGUAGE_COOKIE_PATH,
                    domain=settings.LANGUAGE_COOKIE_DOMAIN,
                    secure=settings.LANGUAGE_COOKIE_SECURE,
                    httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
                    samesite=settings.LANGUAGE_COOKIE_SAMESITE,
                )
        response.headers.setdefault("Content-Language", language)
        return response
