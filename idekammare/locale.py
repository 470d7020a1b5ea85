from django.middleware.locale import LocaleMiddleware as DjangoLocaleMiddleware
from django.utils import translation


class LocaleMiddleware(DjangoLocaleMiddleware):
    """Django's, with the language activated as the site spells its code.

    Django takes /EN/ for English but activates "EN" as spelt, and the translations of a code
    it does not list fall back to Swedish: a page marked English would speak Swedish.
    """

    def process_request(self, request):
        super().process_request(request)
        language = translation.get_language().lower()
        translation.activate(language)
        request.LANGUAGE_CODE = language
