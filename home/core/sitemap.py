"""The sitemap: every live, public page of the site in every language, with its translations."""

from collections import defaultdict

from django.conf import settings
from django.db.models import Q
from django.utils.functional import cached_property

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class PagesSitemap(Sitemap):
    """Wagtail's sitemap covers the tree of the site's root page, which is one language.

    This one covers the trees of all its live translations and, like each page's head, names a
    page's live translations in hreflang alternates, with the Swedish one as x-default.
    """

    @cached_property
    def pages(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        under_a_root = Q(pk__in=[])
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        pages = Page.objects.live().public().filter(under_a_root).order_by("path")
        return list(pages.defer_streamfields().specific())

    def items(self):
        return self.pages

    @cached_property
    def translations(self):
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        links = defaultdict(list)
        for page in self.pages:
            links[page.translation_key].append(
                {
                    "lang_code": languages[page.locale_id],
                    "location": page.get_full_url(self.request),
                }
            )
        for group in links.values():
            group += [
                {"lang_code": "x-default", "location": link["location"]}
                for link in group
                if link["lang_code"] == settings.LANGUAGE_CODE
            ]
        return links

    def _urls(self, page, protocol, domain):
        urls = [
            url | {"alternates": self.translations[item.translation_key]}
            for item in self.paginator.page(page).object_list
            for url in item.get_sitemap_urls(self.request)
        ]
        last_mods = {url.get("lastmod") for url in urls}
        if last_mods and None not in last_mods:
            self.latest_lastmod = max(last_mods)
        return urls
