"""What every public page shows around its content: home links, menu, footer and topics.

It is built once per site and language and kept under the current generation. Publishing,
moving or deleting a page and saving site settings, footer texts or topics start a new generation
(see signals.py). The generation itself is in the shared cache (REDIS_URL), so every worker sees a
new one at once; what is kept under it is kept in each process (the cache alias "generation"),
since a key that names its generation never changes meaning. Without REDIS_URL each process has
its own generation, and a worker may show the old menu for up to CACHE_TIMEOUT seconds.
"""

from dataclasses import dataclass
from uuid import uuid4

from django.conf import settings
from django.core.cache import cache, caches
from django.db.models import Q
from django.http.request import split_domain_port
from django.urls import reverse
from django.utils.translation import get_language, override

from wagtail.models import Page, Site

from home.core.translations import in_active_language

CACHE_TIMEOUT = 300
GENERATION_KEY = "site-chrome:generation"
GENERATION_CACHE = "generation"
# Part of every chrome's key. The cache holds pickled SiteChrome objects: when their classes move
# (home.navigation became home.core.navigation) or the section labels change (members.*), a new
# format keeps a running site from reading what the previous release left in Redis.
CHROME_FORMAT = 2


@dataclass(frozen=True)
class Link:
    title: str
    url: str
    url_path: str = ""


@dataclass(frozen=True)
class Section:
    """A live child of the home page. Page querysets take it for `child_of`."""

    pk: int
    url: str
    path: str
    depth: int


@dataclass(frozen=True)
class LanguageLink:
    code: str
    name: str
    url: str
    is_current: bool
    is_translation: bool


@dataclass(frozen=True)
class SiteChrome:
    home_url: str
    home_urls: dict
    translations: dict
    menu: tuple
    sections: dict
    network_name: str
    email: str
    phone: str
    postal_address: str
    organisation_number: str
    social_links: tuple
    footer_text: str
    footer_links: tuple
    topics: tuple


def start_new_generation(**kwargs):
    cache.set(GENERATION_KEY, uuid4().hex, None)


def kept():
    """Where what belongs to a generation is kept: in each process (see the module's docstring)."""
    return caches[GENERATION_CACHE]


def generation(request) -> str | None:
    """What a page shows of other rows, for this request's site and language, as a cache key.

    Kept under it: the site, the chrome, the routes (routing.py), whatever `remembered()` builds,
    and the fragments templates keep with `{% wagtailcache … generation using="generation" %}`.
    Whatever changes them starts a new generation (signals.py, and each app's `apps.py` for its
    own models). None when no site answers for the request.
    """
    if not hasattr(request, "_generation"):
        current = cache.get_or_set(GENERATION_KEY, uuid4().hex, None)
        site = remembered_site(request, current)
        request._generation = None
        if site is not None:
            request._generation = f"{current}:{site.pk}:{get_language()}"
            request._site = site
    return request._generation


def remembered_site(request, current):
    """Site.find_for_request, kept under the generation (a saved Site starts a new one).

    Wagtail asks the database on every request and keeps the answer on the request; given the
    answer from the cache, it asks no more (UPGRADING.md).
    """
    if not hasattr(request, "_wagtail_site"):
        # CommonMiddleware has checked the host against ALLOWED_HOSTS.
        hostname = split_domain_port(request.get_host())[0]
        key = f"site:{current}:{hostname}:{request.get_port()}"
        known = kept().get(key)
        if known is None:
            kept().set(key, (Site.find_for_request(request),), CACHE_TIMEOUT)
        else:
            request._wagtail_site = known[0]
    return Site.find_for_request(request)


def site_chrome(request) -> SiteChrome | None:
    if not hasattr(request, "_site_chrome"):
        request._site_chrome = None
        if generation(request) is not None:
            request._site_chrome = remembered(
                request,
                f"site-chrome:{CHROME_FORMAT}",
                lambda: build_chrome(request, request._site),
            )
    return request._site_chrome


def section(request, label) -> Section | None:
    """The live child of the home page of type `label` ("app_label.model"), if there is one."""
    chrome = site_chrome(request)
    return chrome.sections.get(label) if chrome else None


def build_chrome(request, site) -> SiteChrome:
    from home.models import FooterText, NetworkSettings, Topic

    homes = list(site.root_page.get_translations(inclusive=True).live().select_related("locale"))
    sections = list(children_of(homes).select_related("locale", "content_type")) if homes else []
    homes_by_language = {page.locale.language_code: page for page in homes}
    home = homes_by_language.get(get_language()) or homes_by_language.get(settings.LANGUAGE_CODE)
    children = [page for page in sections if home and page.path.startswith(home.path)]
    network = NetworkSettings.for_site(site)
    footer = in_active_language(FooterText.objects.all())
    footer_pages = [
        live_translation(network.accessibility_page_id),
        live_translation(network.privacy_page_id),
    ]

    translations = {}
    for page in homes + sections:
        translations.setdefault(page.translation_key, {})[page.locale.language_code] = page.get_url(
            request
        )
    return SiteChrome(
        home_url=home.get_url(request) if home else "/",
        home_urls={page.locale.language_code: page.get_url(request) for page in homes},
        translations=translations,
        menu=tuple(
            Link(child.title, child.get_url(request), child.url_path)
            for child in children
            if child.show_in_menus
        ),
        sections={
            child.content_type.app_label + "." + child.content_type.model: Section(
                child.pk, child.get_url(request), child.path, child.depth
            )
            for child in children
        },
        network_name=network.network_name,
        email=network.email,
        phone=network.phone,
        postal_address=network.postal_address,
        organisation_number=network.organisation_number,
        social_links=tuple(
            Link(link.value.service_name(), link.value["url"]) for link in network.social_links
        ),
        footer_text=footer.text if footer else "",
        footer_links=tuple(
            Link(page.title, page.get_url(request)) for page in footer_pages if page is not None
        ),
        topics=tuple(Topic.objects.localized_list()),
    )


def children_of(pages):
    """The live, public children of several pages, in one query."""
    in_any = Q()
    for page in pages:
        in_any |= Q(path__startswith=page.path, depth=page.depth + 1)
    return Page.objects.live().public().filter(in_any).order_by("path")


def live_translation(page_id):
    """The live translation of a chosen page in the active language, in one query."""
    if page_id is None:
        return None
    translation_key = Page.objects.filter(pk=page_id).values("translation_key")
    return in_active_language(
        Page.objects.live().public().filter(translation_key__in=translation_key)
    )


def language_links(request, page: Page | None = None, subpage_path="") -> list[LanguageLink]:
    """One link per language: the page's live translation, else that language's home page.

    The chrome already knows the translations of the home page and its sections. A routable
    page's sub-route (`subpage_path`) is added to each translation's address.
    """
    chrome = site_chrome(request)
    home_urls = chrome.home_urls if chrome else {}
    translations = {}
    if page is not None and page.pk:
        if chrome and page.live and page.translation_key in chrome.translations:
            translations = chrome.translations[page.translation_key]
        elif page.live:
            translations = remembered(
                request,
                f"translations:{page.translation_key}",
                lambda: live_translations(request, page),
            )
        else:
            translations = live_translations(request, page)
    current = get_language()
    return [
        LanguageLink(
            code=code,
            name=name,
            url=translations[code] + subpage_path if code in translations else home_urls[code],
            is_current=code == current,
            is_translation=code in translations,
        )
        for code, name in settings.LANGUAGES
        if code in translations or code in home_urls
    ]


def url_in_each_language(url_name, *args) -> list[LanguageLink]:
    """One link per language to the same named URL (a view that is no page, such as a personal
    link's page), for the language switcher."""
    current = get_language()
    links = []
    for code, name in settings.LANGUAGES:
        with override(code):
            url = reverse(url_name, args=args)
        links.append(LanguageLink(code, name, url, code == current, is_translation=True))
    return links


def live_translations(request, page):
    """Language code → the address of the page's live, public translation in it."""
    return {
        translation.locale.language_code: translation.get_url(request)
        for translation in page.get_translations(inclusive=True)
        .live()
        .public()
        .select_related("locale")
    }


def remembered(request, name, build):
    """`build()`, kept under the current generation; built afresh in previews, and whenever it
    returns None."""
    current = generation(request)
    if current is None or getattr(request, "is_preview", False):
        return build()
    key = f"remembered:{current}:{name}"
    value = kept().get(key)
    if value is None:
        value = build()
        kept().set(key, value, CACHE_TIMEOUT)
    return value
