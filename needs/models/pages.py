from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Page
from wagtail.search import index

from home.core.feeds import Atom, Rss
from home.core.listing import chosen, filter_by_topic, paginate
from home.models.mixins import ShareImageMixin
from home.models.places import Municipality

from ..api import PublicNeedsField


class NeedsPage(RoutablePageMixin, ShareImageMixin, Page):
    """Behov vi ser: the needs member organisations reported that the network forwarded to the
    region, with the region's answers, as the editors summarised them; feeds at rss/ and atom/.
    Only what `Need.objects.public()` lets through is shown, here and everywhere."""

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("public_needs_text"),
    ]

    api_fields = [APIField("introduction"), APIField("needs", serializer=PublicNeedsField())]

    parent_page_types = ["home.HomePage"]
    subpage_types = []
    max_count_per_parent = 1

    meta_description_field = "introduction"
    per_page = 20

    class Meta:
        verbose_name = _("needs page")

    def public_needs_text(self):
        """The public entries' words in the page's language, for the site search."""
        from needs.public import searchable_text

        return searchable_text(self.locale.language_code)

    def get_context(self, request, *args, **kwargs):
        from needs.feeds import feed_links
        from needs.public import entries, in_municipality, public_needs

        context = super().get_context(request, *args, **kwargs)
        needs, topic_filter = filter_by_topic(request, public_needs(), field="topic")
        municipality = chosen(
            request, "municipality", {value: value for value in Municipality.values}
        )
        if municipality is not None:
            needs = in_municipality(needs, municipality)
        listed = paginate(request, needs, self.per_page)
        topics = {topic.translation_key: topic for topic in topic_filter["topics"]}
        context |= topic_filter
        context |= {
            "municipalities": Municipality.choices,
            "active_municipality": municipality,
            "needs": listed,
            "entries": entries(listed.object_list, request=request, topics=topics),
            "filtered": municipality is not None or topic_filter["active_topic"] is not None,
            "feed": feed_links(request, self),
        }
        return context

    @path("rss/", name="rss")
    def rss(self, request):
        from needs.feeds import NeedsFeed

        return NeedsFeed(Rss)(request, page=self)

    @path("atom/", name="atom")
    def atom(self, request):
        from needs.feeds import NeedsFeed

        return NeedsFeed(Atom)(request, page=self)
