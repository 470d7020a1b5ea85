"""What every public page needs to find its way around: home pages, menu and language links."""

from dataclasses import dataclass

from django.conf import settings
from django.utils.translation import get_language

from wagtail.models import Page, Site


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool


def home_pages(request) -> dict[str, Page]:
    """The site's live home page in each language, keyed by language code."""
    if not hasattr(request, "_home_pages"):
        site = Site.find_for_request(request)
        pages = (
            site.root_page.get_translations(inclusive=True).live().select_related("locale")
            if site
            else Page.objects.none()
        )
        request._home_pages = {page.locale.language_code: page for page in pages}
    return request._home_pages


def active_home_page(request) -> Page | None:
    pages = home_pages(request)
    return pages.get(get_language()) or pages.get(settings.LANGUAGE_CODE)


def in_active_language(pages):
    """The first of `pages` in the active language, else in the default language, else None."""
    by_language = {page.locale.language_code: page for page in pages.select_related("locale")}
    return by_language.get(get_language()) or by_language.get(settings.LANGUAGE_CODE)


def live_translation(page_id):
    """The live translation of a chosen page in the active language, in one query."""
    if page_id is None:
        return None
    translation_key = Page.objects.filter(pk=page_id).values("translation_key")
    return in_active_language(Page.objects.live().filter(translation_key__in=translation_key))


def menu_pages(request):
    home = active_home_page(request)
    if home is None:
        return Page.objects.none()
    return home.get_children().live().public().in_menu()


def language_links(request, page: Page | None = None) -> list[LanguageLink]:
    """One link per language: the page's live translation, else that language's home page."""
    translations = {}
    if page is not None and page.pk:
        translations = {
            translation.locale.language_code: translation
            for translation in page.get_translations(inclusive=True).live().select_related("locale")
        }
    homes = home_pages(request)
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code) or homes.get(code)
        if target is None:
            continue
        links.append(
            LanguageLink(
                code=code,
                name=name,
                url=target.get_url(request),
                is_current=code == current,
                is_translation=code in translations,
            )
        )
    return links
