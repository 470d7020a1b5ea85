from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from events.ical import calendar_response
from home.blocks import ContentBlocks
from home.core.api import TopicsField
from home.core.listing import chosen, filter_by_topic, paginate, past, upcoming
from home.models.mixins import (
    SYNCHRONIZED_RELATIONS,
    ContactPersonsMixin,
    ShareImageMixin,
    TopicsMixin,
)
from home.models.places import Municipality


def events_under(index):
    """The live, public events under `index`, in no particular order."""
    return EventPage.objects.child_of(index).live().public()


class EventIndexPage(RoutablePageMixin, ShareImageMixin, Page):
    """The calendar: upcoming events, then past ones; its iCalendar feed at `ical/`."""

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)

    meta_description_field = "introduction"

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["events.EventPage"]
    max_count_per_parent = 1

    per_page = 12

    class Meta:
        verbose_name = _("calendar page")

    def events(self):
        return events_under(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        events, topic_filter = filter_by_topic(request, self.events())
        municipality = chosen(
            request, "municipality", {value: value for value in Municipality.values}
        )
        if municipality is not None:
            events = events.filter(municipality=municipality)
        now = timezone.now()
        context |= topic_filter
        context |= {
            "municipalities": Municipality.choices,
            "active_municipality": municipality,
            "upcoming_events": list(upcoming(events, now).defer_streamfields()),
            "past_events": paginate(request, past(events, now), self.per_page),
        }
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        events = self.events().defer_streamfields().order_by("start", "pk")
        return calendar_response(request, self.title, events, filename=f"{self.slug}.ics")


class EventPage(RoutablePageMixin, ShareImageMixin, TopicsMixin, ContactPersonsMixin, Page):
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_("A few sentences for the calendar, search engines and link previews."),
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"),
        max_length=255,
        blank=True,
        help_text=_("Venue and street address, e.g. Folkets hus, Järnvägsgatan 4, Karlstad."),
    )
    municipality = models.CharField(
        _("municipality"), max_length=20, choices=Municipality.choices, blank=True
    )
    online = models.BooleanField(_("online"), default=False)
    online_url = models.URLField(
        _("link to the online meeting"),
        blank=True,
        help_text=_("Leave empty if participants get the link when they register."),
    )
    organiser = models.CharField(
        _("organiser"),
        max_length=255,
        blank=True,
        help_text=_("A member organisation's name. Leave empty when the network organises it."),
    )
    audience = models.CharField(
        _("audience"),
        max_length=255,
        blank=True,
        help_text=_("Who the event is for, e.g. board members of local associations."),
    )
    registration_url = models.URLField(_("registration link"), blank=True)
    registration_deadline = models.DateField(_("registration deadline"), null=True, blank=True)
    body = StreamField(ContentBlocks(), verbose_name=_("body"), blank=True)

    meta_description_field = "summary"

    content_panels = [
        *Page.content_panels,
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        MultiFieldPanel(
            [
                FieldPanel("place"),
                FieldPanel("municipality"),
                FieldPanel("online"),
                FieldPanel("online_url"),
            ],
            heading=_("Where"),
        ),
        FieldPanel("organiser"),
        FieldPanel("audience"),
        FieldRowPanel(
            [FieldPanel("registration_url"), FieldPanel("registration_deadline")],
            heading=_("Registration"),
        ),
        FieldPanel("body"),
        MultiFieldPanel(TopicsMixin.topic_panels, heading=_("Topics")),
        MultiFieldPanel(ContactPersonsMixin.contact_panels, heading=_("Contact persons")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("body"),
        index.SearchField("place"),
        index.SearchField("organiser"),
        index.FilterField("start"),
        index.FilterField("end"),
        index.FilterField("municipality"),
    ]
    # When and where an event is, and how to register, are the same in every language.
    override_translatable_fields = [
        *SYNCHRONIZED_RELATIONS,
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("municipality"),
        SynchronizedField("online"),
        SynchronizedField("online_url"),
        SynchronizedField("registration_url"),
        SynchronizedField("registration_deadline"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("place"),
        APIField("municipality"),
        APIField("online"),
        APIField("online_url"),
        APIField("organiser"),
        APIField("audience"),
        APIField("registration_url"),
        APIField("registration_deadline"),
        APIField("topics", serializer=TopicsField()),
        APIField("body"),
    ]

    parent_page_types = ["events.EventIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        # The order of the calendar's listings, its feed and the home page's slot.
        indexes = [models.Index(fields=["end", "start"], name="events_end_start_idx")]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The event must end after it starts.")
        if (
            self.start
            and self.registration_deadline
            and self.registration_deadline > timezone.localdate(self.start)
        ):
            errors["registration_deadline"] = _(
                "The registration deadline cannot be after the day the event starts."
            )
        if self.online_url and not self.online:
            errors["online"] = _("Tick “online” when the event has a link to an online meeting.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_multi_day(self):
        return timezone.localdate(self.start) != timezone.localdate(self.end)

    def has_ended(self, now=None):
        return self.end < (now or timezone.now())

    def registration_open(self, today=None):
        today = today or timezone.localdate()
        return (
            bool(self.registration_url)
            and (self.registration_deadline is None or self.registration_deadline >= today)
            and not self.has_ended()
        )

    @path("ical/", name="ical")
    def ical(self, request):
        return calendar_response(request, self.title, [self], filename=f"{self.slug}.ics")
