from django import forms
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalManyToManyField
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import ContentBlocks
from home.core.api import TopicsField
from home.core.feeds import Atom, Rss
from home.core.listing import filter_by_topic, paginate
from home.models.mixins import (
    SYNCHRONIZED_RELATIONS,
    ContactPersonsMixin,
    ShareImageMixin,
    TopicsMixin,
    in_default_locale,
)
from home.models.places import Municipality
from members.models import Competence, MemberOrganisation, OrganisationKind

from .answers import CallAnswer, participation
from .api import CompetencesField, ParticipationField
from .fields import ChoiceListField

DEFAULT_PARTNER = "Region Värmland"


def calls_under(index):
    """The live, public calls under `index`, in no particular order."""
    return CallPage.objects.child_of(index).live().public()


def open_calls(calls, today=None):
    """Calls whose reply-by date has not passed (today, in Swedish time, counts), soonest first."""
    return calls.filter(reply_by__gte=today or timezone.localdate()).order_by("reply_by", "pk")


def closed_calls(calls, today=None):
    """Calls whose reply-by date has passed, the latest first."""
    return calls.filter(reply_by__lt=today or timezone.localdate()).order_by("-reply_by", "-pk")


class CallIndexPage(RoutablePageMixin, ShareImageMixin, Page):
    """The region's calls (Förfrågningar): open calls, then closed ones; feeds at rss/ and atom/."""

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["calls.CallPage"]
    max_count_per_parent = 1

    meta_description_field = "introduction"
    per_page = 12

    class Meta:
        verbose_name = _("calls page")

    def calls(self):
        return calls_under(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        today = timezone.localdate()
        calls, topic_filter = filter_by_topic(request, self.calls())
        upcoming = list(open_calls(calls, today).defer_streamfields())
        closed = paginate(request, closed_calls(calls, today), self.per_page)
        closed.object_list = list(closed.object_list)
        found = participation(closed.object_list, today)
        for call in closed.object_list:
            call.participation = found[call.pk]
        context |= topic_filter | {"open_calls": upcoming, "closed_calls": closed}
        return context

    @path("rss/", name="rss")
    def rss(self, request):
        from calls.feeds import CallFeed

        return CallFeed(Rss)(request, index=self)

    @path("atom/", name="atom")
    def atom(self, request):
        from calls.feeds import CallFeed

        return CallFeed(Atom)(request, index=self)


class CallPage(ShareImageMixin, TopicsMixin, ContactPersonsMixin, Page):
    """A call from the region or another partner for member organisations to take part in a piece
    of work. What happens to it outside its revisions (the e-mail to the members, their answers)
    is kept beside the Swedish page (calls.models.answers)."""

    partner = models.CharField(
        _("on behalf of"),
        max_length=150,
        default=DEFAULT_PARTNER,
        help_text=_("The partner that asks, e.g. Region Värmland or a municipality."),
    )
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "What the work is, in a few sentences: for the listing, the e-mail to the members, "
            "search engines and link previews."
        ),
    )
    body = StreamField(ContentBlocks(), verbose_name=_("about the work"), blank=True)
    organisation_kinds = ChoiceListField(
        _("kinds of organisations sought"),
        options=OrganisationKind.choices,
        blank=True,
        help_text=_("Leave all unticked when any kind of organisation is welcome."),
    )
    municipalities = ChoiceListField(
        _("municipalities"),
        options=Municipality.choices,
        blank=True,
        help_text=_(
            "Where the work is done. Tick “The whole county” to seek organisations that work "
            "across the county; leave all unticked to seek organisations anywhere in it."
        ),
    )
    competences = ParentalManyToManyField(
        Competence,
        verbose_name=_("competences sought"),
        blank=True,
        related_name="+",
        limit_choices_to=in_default_locale,
        help_text=_("An organisation matches when it has every competence ticked."),
    )
    organisations_sought = models.PositiveSmallIntegerField(
        _("number of organisations sought"),
        null=True,
        blank=True,
        help_text=_("Leave empty when there is no set number."),
    )
    work_starts = models.DateField(_("the work starts"))
    work_ends = models.DateField(_("the work ends"), null=True, blank=True)
    reply_by = models.DateField(
        _("reply by"),
        help_text=_(
            "The last day member organisations can answer. Not after the day the work starts."
        ),
    )
    contact_name = models.CharField(
        _("contact at the partner"),
        max_length=150,
        blank=True,
        help_text=_("A person at the partner to ask about the work, if not one of ours."),
    )
    contact_email = models.EmailField(_("their e-mail"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("partner"),
        FieldPanel("summary"),
        FieldPanel("body"),
        MultiFieldPanel(
            [
                FieldPanel("organisation_kinds"),
                FieldPanel("municipalities"),
                FieldPanel("competences", widget=forms.CheckboxSelectMultiple),
                FieldPanel("organisations_sought"),
            ],
            heading=_("Who is sought"),
        ),
        FieldRowPanel(
            [FieldPanel("work_starts"), FieldPanel("work_ends"), FieldPanel("reply_by")],
            heading=_("Dates"),
        ),
        MultiFieldPanel(
            [
                *ContactPersonsMixin.contact_panels,
                FieldPanel("contact_name"),
                FieldPanel("contact_email"),
            ],
            heading=_("Contact"),
        ),
        MultiFieldPanel(TopicsMixin.topic_panels, heading=_("Topics")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("partner"),
        index.FilterField("reply_by"),
        index.FilterField("work_starts"),
    ]
    # Who is sought, how many and when are the same in every language.
    override_translatable_fields = [
        *SYNCHRONIZED_RELATIONS,
        SynchronizedField("competences"),
        SynchronizedField("partner"),
        SynchronizedField("organisation_kinds"),
        SynchronizedField("municipalities"),
        SynchronizedField("organisations_sought"),
        SynchronizedField("work_starts"),
        SynchronizedField("work_ends"),
        SynchronizedField("reply_by"),
        SynchronizedField("contact_name"),
        SynchronizedField("contact_email"),
    ]

    api_fields = [
        APIField("partner"),
        APIField("summary"),
        APIField("organisation_kinds"),
        APIField("municipalities"),
        APIField("competences", serializer=CompetencesField()),
        APIField("organisations_sought"),
        APIField("work_starts"),
        APIField("work_ends"),
        APIField("reply_by"),
        APIField("contact_name"),
        APIField("contact_email"),
        APIField("topics", serializer=TopicsField()),
        APIField("body"),
        APIField("participation", serializer=ParticipationField()),
    ]

    parent_page_types = ["calls.CallIndexPage"]
    subpage_types = []

    meta_description_field = "summary"

    class Meta:
        verbose_name = _("call")
        verbose_name_plural = _("calls")
        # The order of the open and closed listings.
        indexes = [models.Index(fields=["reply_by"], name="calls_reply_by_idx")]

    def clean(self):
        super().clean()
        errors = {}
        if self.reply_by and self.work_starts and self.reply_by > self.work_starts:
            errors["reply_by"] = _("The reply-by date cannot be after the day the work starts.")
        if self.work_starts and self.work_ends and self.work_ends < self.work_starts:
            errors["work_ends"] = _("The work cannot end before it starts.")
        if self.contact_email and not self.contact_name:
            errors["contact_name"] = _("Give the name of the person with this e-mail address.")
        if errors:
            raise ValidationError(errors)

    def is_open(self, today=None):
        return self.reply_by >= (today or timezone.localdate())

    def organisation_kind_labels(self):
        return self._meta.get_field("organisation_kinds").labels(self.organisation_kinds)

    def municipality_labels(self):
        return self._meta.get_field("municipalities").labels(self.municipalities)

    def localized_competences(self):
        keys = [competence.translation_key for competence in self.competences.all()]
        return Competence.objects.filter(translation_key__in=keys).localized_list()

    def matching_organisations(self):
        """The active member organisations that have what the call seeks."""
        return MemberOrganisation.objects.matching(
            competences=self.competences.all(),
            kinds=self.organisation_kinds,
            municipalities=self.municipalities,
        )

    def source_call(self):
        """The Swedish call, which holds the announcement and the answers."""
        if self.locale.is_default:
            return self
        return CallPage.objects.filter(
            translation_key=self.translation_key, locale__language_code=settings.LANGUAGE_CODE
        ).first()

    @classmethod
    def deletion_refusal(cls, page, actor):
        if actor is not None and actor.is_superuser:
            return None
        if CallAnswer.objects.filter(call_id=page.pk).exists():
            return _(
                "Member organisations have answered “%(title)s”: unpublish it instead, so that "
                "their answers are kept."
            ) % {"title": page.title}
        return None

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context |= {
            "is_open": self.is_open(),
            "matching_count": self.matching_organisations().count(),
            "participation": None if self.is_open() else participation([self])[self.pk],
        }
        return context
