"""Which responses a shared cache (Varnish) may keep, for how long, and what they show.

A response is public only if it is a GET or HEAD from a reader without a session, answers 200
(or 404), sets no cookie, said nothing about caching itself (the password form, /healthz and the
error pages say `no-store`), and is one of the kinds below, whose tags say what it shows. Every
other response is `private, no-store`: the admin, documents, anything a signed-in editor or a
reader who entered a page password receives. Private pages are shown only to a request with a
session (a password entered, a login), so they are never public.

Public responses get `max-age` HTTP_CACHE_MAX_AGE for browsers and `s-maxage`
HTTP_CACHE_SHARED_MAX_AGE for Varnish, which purges them by tag on change; search results and any
address with a query string (filters, pages of a listing) get HTTP_CACHE_QUERY_SHARED_MAX_AGE,
a 404 HTTP_CACHE_NOT_FOUND_SHARED_MAX_AGE and no browser caching.

The tags, in the `xkey` header (space-separated):

- `all`: every public response; purged when a page's privacy changes, and by a deploy.
- `chrome`: what every HTML page and feed shows around its content (home/core/navigation.py):
  menu, footer, site settings, footer texts, topics, the home pages and their children.
- `page-<id>`: the page itself (and its sub-pages, such as a member's page in the directory),
  with its links to its translations; purged when it or a translation changes.
- `listing-<id>`: what lists the children of page <id>: the page itself, the home page for each
  of its sections, a section's feeds; purged when a child changes.
- `search`, `sitemap`, `api`: the search results, the sitemap and the open-data API, which show
  pages from anywhere; purged by every change of a page and of what they show besides.
- `not-found`: a 404; purged whenever a page goes live or moves, since its address may then
  find it.
- robots.txt carries only `all`.

What purges which tags: home/core/cache_purging.py, members/cache_purging.py and
positions/cache_purging.py.
"""

from django.conf import settings
from django.utils.cache import add_never_cache_headers, patch_cache_control

from wagtail.models import Page

from home.core.feeds import SectionFeed
from home.core.navigation import section, site_chrome
from home.models import HomePage

TAGS_HEADER = "xkey"
SITEMAP_VIEWS = {"wagtail.contrib.sitemaps.views", "django.contrib.sitemaps.views"}


class HttpCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        tags = cache_tags(request, response) if may_be_shared(request, response) else None
        if tags:
            make_public(request, response, tags)
        elif "no-store" not in response.get("Cache-Control", ""):
            add_never_cache_headers(response)
        return response


def may_be_shared(request, response):
    return (
        request.method in ("GET", "HEAD")
        and response.status_code in (200, 404)
        and settings.SESSION_COOKIE_NAME not in request.COOKIES
        and not response.cookies
        and "Cache-Control" not in response
        and not request.path_info.startswith(settings.ADMIN_PATH_PREFIX)
    )


def make_public(request, response, tags):
    if response.status_code == 404:
        max_age, shared_max_age = 0, settings.HTTP_CACHE_NOT_FOUND_SHARED_MAX_AGE
    elif request.GET or is_search(request):
        max_age, shared_max_age = (
            settings.HTTP_CACHE_MAX_AGE,
            settings.HTTP_CACHE_QUERY_SHARED_MAX_AGE,
        )
    else:
        max_age, shared_max_age = settings.HTTP_CACHE_MAX_AGE, settings.HTTP_CACHE_SHARED_MAX_AGE
    patch_cache_control(
        response,
        public=True,
        max_age=max_age,
        s_maxage=shared_max_age,
        stale_while_revalidate=settings.HTTP_CACHE_STALE_WHILE_REVALIDATE,
        stale_if_error=settings.HTTP_CACHE_STALE_IF_ERROR,
    )
    response[TAGS_HEADER] = " ".join(sorted({"all", *tags}))


def cache_tags(request, response):
    """What the response shows, as tags; empty when it is no kind that may be shared."""
    if response.status_code == 404:
        return {"chrome", "not-found"}
    match = request.resolver_match
    if match is None:
        return set()
    if request.path_info.startswith("/api/"):
        return {"api"}
    if match.url_name == "wagtail_serve":
        return page_tags(request, match.kwargs.get("path", ""))
    if isinstance(match.func, SectionFeed):
        index = section(request, match.func.index_model._meta.label_lower)
        return {"chrome", f"page-{index.pk}", f"listing-{index.pk}"} if index else set()
    if is_search(request):
        return {"chrome", "search"}
    if match.func.__module__ in SITEMAP_VIEWS:
        return {"sitemap"}
    if match.view_name == "idekammare.views.robots_txt":
        return {"all"}
    return set()


def page_tags(request, path):
    route = Page.route_for_request(request, path)  # Wagtail's serve view found it: no query
    if route is None:
        return set()
    page = route[0]
    tags = {"chrome", f"page-{page.pk}", f"listing-{page.pk}"}
    if isinstance(page, HomePage):
        chrome = site_chrome(request)
        tags |= {f"listing-{child.pk}" for child in (chrome.sections.values() if chrome else ())}
    return tags


def is_search(request):
    match = request.resolver_match
    return match is not None and match.url_name == "search"
