"""The sitemap: every live, public page of the site in every language, with its translations.

`/sitemap.xml` is an index of sitemap pages (`/sitemap-pages.xml?p=N`) of `PagesSitemap.limit`
addresses each, so that no request reads or writes more than one such page of the site.
"""

from collections import defaultdict

from django.conf import settings
from django.db.models import Max, Q
from django.db.models.functions import Coalesce
from django.utils.functional import cached_property

from wagtail.contrib.sitemaps import Sitemap
from wagtail.models import Locale, Page


class PagesSitemap(Sitemap):
    """Wagtail's sitemap covers the tree of the site's root page, which is one language.

    This one covers the trees of all its live translations and, like each page's head, names a
    page's live translations in hreflang alternates, with the Swedish one as x-default.

    It reads the generic page rows, and of them only what an address and its date need: no page
    model of this site changes its address or its sitemap entry (`get_url_parts`,
    `get_sitemap_urls`), and one that did would need `.specific()` here.
    """

    limit = 2000
    columns = [
        *("path", "url_path", "translation_key", "locale"),
        *("last_published_at", "latest_revision_created_at"),
    ]

    def items(self):
        return self.live_public_pages

    @cached_property
    def live_public_pages(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        under_a_root = Q(pk__in=[])
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.live().public().filter(under_a_root).order_by("path").only(*self.columns)
        )

    def get_latest_lastmod(self):
        """When the last page changed, for the index, which would otherwise read every page."""
        return self.items().aggregate(
            latest=Max(Coalesce("last_published_at", "latest_revision_created_at"))
        )["latest"]

    def get_urls(self, page=1, site=None, protocol=None):
        """The entries of sitemap page `page`, each address worked out once.

        The same queries whatever the page holds: its pages, and their translations elsewhere in
        the site, which give the alternates. Addresses come from the Wagtail site, not from
        `site` and `protocol`, as in Wagtail's own sitemap. `latest_lastmod` gives the sitemap
        view its Last-Modified header.
        """
        pages = list(self.paginator.page(page).object_list)
        translations = (
            self.items()
            .filter(translation_key__in={item.translation_key for item in pages})
            .exclude(pk__in=[item.pk for item in pages])
        )
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        locations = {}
        groups = defaultdict(list)
        for item in [*pages, *(translations if pages else ())]:
            locations[item.pk] = item.get_full_url(self.request)
            groups[item.translation_key].append(
                {"lang_code": languages[item.locale_id], "location": locations[item.pk]}
            )
        for group in groups.values():
            group += [
                {"lang_code": "x-default", "location": link["location"]}
                for link in group
                if link["lang_code"] == settings.LANGUAGE_CODE
            ]
        urls = [
            {
                "location": locations[item.pk],
                "lastmod": item.last_published_at or item.latest_revision_created_at,
                "alternates": groups[item.translation_key],
            }
            for item in pages
        ]
        lastmods = [url["lastmod"] for url in urls]
        if lastmods and None not in lastmods:
            self.latest_lastmod = max(lastmods)
        return urls
