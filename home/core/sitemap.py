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

    def items(self):
        roots = self.get_wagtail_site().root_page.get_translations(inclusive=True).live()
        under_a_root = Q(pk__in=[])
        for root in roots:
            under_a_root |= Q(path__startswith=root.path)
        return (
            Page.objects.live()
            .public()
            .filter(under_a_root)
            .order_by("path")
            .defer_streamfields()
            .specific()
        )

    def get_urls(self, page=1, site=None, protocol=None):
        return [
            url | {"alternates": self.translations.get(url["location"], [])}
            for url in super().get_urls(page, site, protocol)
        ]

    @cached_property
    def translations(self):
        """Each page's address → the addresses of it and its translations, by language."""
        languages = dict(Locale.objects.values_list("pk", "language_code"))
        groups = defaultdict(list)
        for page in self.items():
            groups[page.translation_key].append(
                {
                    "lang_code": languages[page.locale_id],
                    "location": page.get_full_url(self.request),
                }
            )
        alternates = {}
        for group in groups.values():
            group += [
                {"lang_code": "x-default", "location": link["location"]}
                for link in group
                if link["lang_code"] == settings.LANGUAGE_CODE
            ]
            for link in group:
                alternates.setdefault(link["location"], group)
        return alternates
