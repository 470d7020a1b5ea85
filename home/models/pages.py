from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import ContentBlocks

from .mixins import ShareImageMixin


class HomePage(ShareImageMixin, Page):
    hero_heading = models.CharField(_("heading"), max_length=120)
    hero_introduction = models.TextField(_("introduction"), max_length=500)
    hero_image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("image"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(ContentBlocks(), verbose_name=_("presentation"), blank=True)

    meta_description_field = "hero_introduction"

    content_panels = [
        *Page.content_panels,
        MultiFieldPanel(
            [FieldPanel("hero_heading"), FieldPanel("hero_introduction"), FieldPanel("hero_image")],
            heading=_("Hero"),
        ),
        FieldPanel("body"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("hero_heading"),
        index.SearchField("hero_introduction"),
        index.SearchField("body"),
    ]

    api_fields = [
        APIField("hero_heading"),
        APIField("hero_introduction"),
        APIField("hero_image"),
        APIField("body"),
    ]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = [
        "home.ContentPage",
        "news.NewsIndexPage",
        "positions.PositionIndexPage",
        "positions.ConsultationIndexPage",
        "members.MemberDirectoryPage",
        "events.EventIndexPage",
        "calls.CallIndexPage",
        "needs.NeedsPage",
        "council.CouncilIndexPage",
        "home.ContactPage",
    ]

    class Meta:
        verbose_name = _("home page")
        verbose_name_plural = _("home pages")


class ContentPage(ShareImageMixin, Page):
    introduction = models.TextField(_("introduction"), max_length=500, blank=True)
    body = StreamField(ContentBlocks(), verbose_name=_("body"), blank=True)

    meta_description_field = "introduction"

    content_panels = [*Page.content_panels, FieldPanel("introduction"), FieldPanel("body")]

    search_fields = [
        *Page.search_fields,
        index.SearchField("introduction"),
        index.SearchField("body"),
    ]

    api_fields = [APIField("introduction"), APIField("body")]

    parent_page_types = ["home.HomePage", "home.ContentPage"]
    subpage_types = ["home.ContentPage"]

    class Meta:
        verbose_name = _("content page")
        verbose_name_plural = _("content pages")
