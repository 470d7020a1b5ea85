from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import ContentBlocks
from home.core.api import TopicsField
from home.core.listing import filter_by_topic, paginate, with_listing_images
from home.models.mixins import (
    SYNCHRONIZED_RELATIONS,
    ContactPersonsMixin,
    ShareImageMixin,
    TopicsMixin,
)


class NewsIndexPage(ShareImageMixin, Page):
    introduction = models.TextField(_("introduction"), max_length=500, blank=True)

    meta_description_field = "introduction"

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["news.NewsPage"]
    max_count_per_parent = 1

    per_page = 12

    class Meta:
        verbose_name = _("news index page")

    def news(self):
        return NewsPage.objects.child_of(self).live().public().order_by("-date", "-pk")

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news, topic_filter = filter_by_topic(request, self.news())
        context |= topic_filter
        context["news"] = paginate(request, with_listing_images(news), self.per_page)
        return context


class NewsPage(ShareImageMixin, TopicsMixin, ContactPersonsMixin, Page):
    date = models.DateField(_("date"), default=timezone.localdate)
    introduction = models.TextField(_("introduction"), max_length=600)
    listing_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("listing image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ContentBlocks(), verbose_name=_("body"), blank=True)

    meta_description_field = "introduction"

    content_panels = [
        *Page.content_panels,
        FieldPanel("date"),
        FieldPanel("introduction"),
        FieldPanel("listing_image"),
        FieldPanel("body"),
        MultiFieldPanel(TopicsMixin.topic_panels, heading=_("Topics")),
        MultiFieldPanel(ContactPersonsMixin.contact_panels, heading=_("Contact persons")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    override_translatable_fields = SYNCHRONIZED_RELATIONS

    api_fields = [
        APIField("date"),
        APIField("introduction"),
        APIField("topics", serializer=TopicsField()),
        APIField("listing_image"),
        APIField("body"),
    ]

    parent_page_types = ["news.NewsIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("news item")
        verbose_name_plural = _("news items")
        # The order of NewsIndexPage.news(): the listing, the feed and the home page's slot.
        indexes = [models.Index(fields=["date", "page_ptr"], name="news_date_idx")]
