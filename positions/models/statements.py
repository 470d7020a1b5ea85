from copy import copy

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index

from home.blocks import ContentBlocks
from home.core.api import TopicsField
from home.core.listing import filter_by_topic, paginate
from home.models.mixins import (
    SYNCHRONIZED_RELATIONS,
    ContactPersonsMixin,
    ShareImageMixin,
    TopicsMixin,
)
from members.models import MemberOrganisation

from .endorsements import (
    EndorsedPageMixin,
    EndorsingOrganisationsField,
    SeparateStatementsField,
    electorate_size,
    endorser_count,
)


class NewestFirstIndex(models.Index):
    """An index on `fields` in descending order with empty values last: ORDER BY … DESC NULLS LAST.

    PostgreSQL puts nulls first in a descending index unless told otherwise; SQLite, where null
    is the smallest value, already puts them last there and takes no NULLS LAST in an index.
    """

    def create_sql(self, model, schema_editor, using="", **kwargs):
        index = copy(self)
        order = "DESC NULLS LAST" if schema_editor.connection.vendor == "postgresql" else "DESC"
        index.fields_orders = [(name, order) for name, _order in self.fields_orders]
        return super(NewestFirstIndex, index).create_sql(model, schema_editor, using, **kwargs)


class PositionIndexPage(ShareImageMixin, Page):
    introduction = models.TextField(_("introduction"), max_length=500, blank=True)

    meta_description_field = "introduction"

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["positions.PositionStatementPage"]
    max_count_per_parent = 1

    per_page = 12

    class Meta:
        verbose_name = _("position statements index page")

    def statements(self):
        return statements_under(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        statements, topic_filter = filter_by_topic(request, self.statements())
        context |= topic_filter
        context["statements"] = paginate(request, statements, self.per_page)
        context["member_count"] = MemberOrganisation.objects.active().count()
        return context


class PositionStatementPage(
    EndorsedPageMixin, ShareImageMixin, TopicsMixin, ContactPersonsMixin, Page
):
    summary = models.TextField(_("summary"), max_length=800)
    body = StreamField(ContentBlocks(), verbose_name=_("body"))
    date_adopted = models.DateField(_("date adopted"), null=True, blank=True)
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("statement as PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    meta_description_field = "summary"

    content_panels = [
        *EndorsedPageMixin.review_panels,
        *Page.content_panels,
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("document"),
        FieldPanel("date_adopted"),
        MultiFieldPanel(TopicsMixin.topic_panels, heading=_("Topics")),
        MultiFieldPanel(ContactPersonsMixin.contact_panels, heading=_("Contact persons")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date_adopted"),
    ]
    override_translatable_fields = SYNCHRONIZED_RELATIONS

    api_fields = [
        APIField("summary"),
        APIField("date_adopted"),
        APIField("topics", serializer=TopicsField()),
        APIField("endorsing_organisations", serializer=EndorsingOrganisationsField()),
        APIField("separate_statements", serializer=SeparateStatementsField()),
        APIField("document"),
        APIField("body"),
    ]

    parent_page_types = ["positions.PositionIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("position statement")
        verbose_name_plural = _("position statements")
        # The order of statements_under(): the listing, the feed and the home page's slot.
        indexes = [NewestFirstIndex(fields=["date_adopted"], name="positions_adopted_idx")]


def statements_under(parent):
    """Live, public statements under `parent` (a page or a Section), newest first."""
    return (
        PositionStatementPage.objects.child_of(parent)
        .live()
        .public()
        .annotate(endorser_count=endorser_count(), electorate_size=electorate_size())
        .order_by(models.F("date_adopted").desc(nulls_last=True), "-first_published_at")
    )
