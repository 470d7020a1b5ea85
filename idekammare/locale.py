from django.conf import settings
from django.conf.urls.i18n import is_language_prefix_patterns_used
from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation
from django.utils.cache import cc_delim_re


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, with the language activated as the site spells its code, and decided by the
    path alone.

    Django takes /EN/ for English but activates "EN" as spelt, and the translations of a code
    it does not list fall back to Swedish: a page marked English would speak Swedish.

    With `i18n_patterns(prefix_default_language=False)` an address without a language prefix is
    Swedish whatever the browser asks for, yet Django still sends `Vary: Accept-Language` with
    it, which would make a shared cache keep one copy per browser language.
    """

    def process_request(self, request):
        super().process_request(request)
        language = translation.get_language().lower()
        translation.activate(language)
        request.LANGUAGE_CODE = language

    def process_response(self, request, response):
        response = super().process_response(request, response)
        urlconf = getattr(request, "urlconf", settings.ROOT_URLCONF)
        used, prefixed_default_language = is_language_prefix_patterns_used(urlconf)
        if used and not prefixed_default_language and response.has_header("Vary"):
            kept = [
                name
                for name in cc_delim_re.split(response["Vary"])
                if name and name.lower() != "accept-language"
            ]
            if kept:
                response["Vary"] = ", ".join(kept)
            else:
                del response["Vary"]
        return response
