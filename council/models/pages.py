from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils import timezone, translation
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from modelcluster.fields import ParentalKey, ParentalManyToManyField
from wagtail.admin.forms import WagtailAdminPageForm
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    TitleFieldPanel,
)
from wagtail.api import APIField
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from council.api import DocumentsField, OrganisationsField, RegionParticipantsField
from council.blocks import AgendaBlocks, DecisionBlocks
from council.ical import calendar_response
from home.blocks import ContentBlocks
from home.core.listing import paginate, past, upcoming
from home.core.navigation import remembered
from home.models.mixins import ShareImageMixin, in_default_locale
from members.models import organisation_url


def meetings_under(index):
    """The live, public meetings under `index`, in no particular order."""
    return CouncilMeetingPage.objects.child_of(index).live().public()


def default_title(start, language_code):
    """A meeting's title when the editor gives none: "Rådets möte 12 mars 2027"."""
    with translation.override(language_code):
        return translation.gettext("Council meeting %(date)s") % {
            "date": date_format(timezone.localtime(start), "j F Y")
        }


class CouncilIndexPage(RoutablePageMixin, ShareImageMixin, Page):
    """What the council is, its upcoming and past meetings; an iCalendar of them at `ical/`."""

    introduction = models.TextField(
        _("introduction"),
        max_length=600,
        help_text=_("What the council is, in a few sentences, for the page and search engines."),
    )
    convener = models.CharField(
        _("convener"),
        max_length=150,
        default="Region Värmland",
        help_text=_("Who convenes the council; named as the organiser of its meetings."),
    )
    body = StreamField(ContentBlocks(), verbose_name=_("about the council"), blank=True)

    content_panels = [
        *Page.content_panels,
        FieldPanel("introduction"),
        FieldPanel("convener"),
        FieldPanel("body"),
    ]

    search_fields = [*Page.search_fields, index.SearchField("introduction")]

    api_fields = [APIField("introduction"), APIField("convener"), APIField("body")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["council.CouncilMeetingPage"]
    max_count_per_parent = 1

    meta_description_field = "introduction"
    per_page = 12

    class Meta:
        verbose_name = _("council page")

    def meetings(self):
        return meetings_under(self)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        meetings = self.meetings().select_related("minutes")
        now = timezone.now()
        context |= {
            "upcoming_meetings": list(upcoming(meetings, now).defer_streamfields()),
            "past_meetings": paginate(request, past(meetings, now), self.per_page),
        }
        return context

    @path("ical/", name="ical")
    def ical(self, request):
        meetings = self.meetings().defer_streamfields().order_by("start", "pk")
        return calendar_response(request, self, meetings, filename=f"{self.slug}.ics")

    @path("ical/<slug:slug>/", name="meeting_ical")
    def meeting_ical(self, request, slug):
        """One meeting's calendar file. Here rather than a route of the meeting's page, so that
        the meeting stays a plain page, whose route the site keeps (home.core.routing)."""
        meeting = get_object_or_404(self.meetings().defer_streamfields(), slug=slug)
        return calendar_response(request, self, [meeting], filename=f"{slug}.ics")


class CouncilMeetingForm(WagtailAdminPageForm):
    """The title may be left empty: the meeting is then called after its day."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].help_text = _(
            "Leave empty to call the meeting after its day, e.g. “Council meeting 12 March 2027”."
        )
        if "slug" in self.fields:
            self.fields["slug"].required = False

    def clean(self):
        start = self.cleaned_data.get("start")
        # Wagtail's preview gives an empty title its own placeholder before the form sees it.
        untitled = ("", translation.gettext("Placeholder title"))
        if self.cleaned_data.get("title", "") in untitled and start:
            locale = self.instance.locale if self.instance.locale_id else None
            language = locale.language_code if locale else translation.get_language()
            self.cleaned_data["title"] = default_title(start, language)
        return super().clean()


class CouncilMeetingPage(ShareImageMixin, Page):
    summary = models.TextField(
        _("summary"),
        max_length=600,
        help_text=_(
            "What the meeting is about, in a sentence or two: for the list of meetings, search "
            "engines and link previews."
        ),
    )
    start = models.DateTimeField(_("starts"))
    end = models.DateTimeField(_("ends"))
    place = models.CharField(
        _("place"),
        max_length=255,
        blank=True,
        help_text=_("Venue and street address, e.g. Regionens hus, Exempelgatan 14, Karlstad."),
    )
    online = models.BooleanField(
        _("online"), default=False, help_text=_("Tick when participants can take part online.")
    )
    online_url = models.URLField(
        _("link to the online meeting"),
        blank=True,
        help_text=_("Leave empty if participants get the link in the invitation."),
    )
    agenda = StreamField(AgendaBlocks(), verbose_name=_("agenda"), blank=True)
    minutes = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("minutes"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        help_text=_("The approved minutes, as PDF. Published with the meeting's page."),
    )
    decisions = StreamField(DecisionBlocks(), verbose_name=_("decisions"), blank=True)
    organisations = ParentalManyToManyField(
        "members.MemberOrganisation",
        verbose_name=_("organisations taking part"),
        blank=True,
        related_name="+",
        limit_choices_to=in_default_locale,
    )

    content_panels = [
        # Not marked as required: an empty title is the meeting's day (CouncilMeetingForm).
        TitleFieldPanel("title", placeholder=_("Page title")),
        FieldPanel("summary"),
        FieldRowPanel([FieldPanel("start"), FieldPanel("end")], heading=_("When")),
        MultiFieldPanel(
            [FieldPanel("place"), FieldPanel("online"), FieldPanel("online_url")],
            heading=_("Where"),
        ),
        FieldPanel("agenda"),
        MultiFieldPanel(
            [
                FieldPanel("organisations", widget=forms.CheckboxSelectMultiple),
                InlinePanel("region_participants", heading=_("Region Värmland's side")),
            ],
            heading=_("Participants"),
        ),
        FieldPanel("minutes"),
        InlinePanel("documents", heading=_("Other documents")),
        FieldPanel("decisions"),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("summary"),
        index.SearchField("agenda"),
        index.SearchField("decisions"),
        index.SearchField("place"),
        index.FilterField("start"),
        index.FilterField("end"),
    ]
    # When and where, the documents and who takes part are the same in every language; the
    # agenda, the decisions and the summary are translated.
    override_translatable_fields = [
        SynchronizedField("start"),
        SynchronizedField("end"),
        SynchronizedField("online"),
        SynchronizedField("online_url"),
        SynchronizedField("minutes"),
        SynchronizedField("organisations"),
        SynchronizedField("region_participants"),
        SynchronizedField("documents"),
    ]

    api_fields = [
        APIField("summary"),
        APIField("start"),
        APIField("end"),
        APIField("place"),
        APIField("online"),
        APIField("online_url"),
        APIField("agenda"),
        APIField("minutes"),
        APIField("documents", serializer=DocumentsField()),
        APIField("decisions"),
        APIField("organisations", serializer=OrganisationsField()),
        APIField("region_participants", serializer=RegionParticipantsField()),
    ]

    base_form_class = CouncilMeetingForm
    parent_page_types = ["council.CouncilIndexPage"]
    subpage_types = []

    meta_description_field = "summary"

    class Meta:
        verbose_name = _("council meeting")
        verbose_name_plural = _("council meetings")
        # The order of the council page's listings, its feed and the home page's slot.
        indexes = [models.Index(fields=["end", "start"], name="council_end_start_idx")]

    def clean(self):
        super().clean()
        errors = {}
        if self.start and self.end and self.end <= self.start:
            errors["end"] = _("The meeting must end after it starts.")
        if self.online_url and not self.online:
            errors["online"] = _("Tick “online” when the meeting has a link to an online meeting.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_multi_day(self):
        return timezone.localdate(self.start) != timezone.localdate(self.end)

    def has_ended(self, now=None):
        return self.end < (now or timezone.now())

    def convened_by(self):
        """Who convenes the council this meeting is of."""
        council = CouncilIndexPage.objects.parent_of(self).values_list("convener", flat=True)
        return council.first() or ""

    def participating_organisations(self, request):
        """The organisations taking part, by name, each with its address in the member directory
        ("" for one that is no longer an active member, which the directory does not show)."""
        organisations = sorted(self.organisations.all(), key=lambda organisation: organisation.name)
        for organisation in organisations:
            organisation.url = (
                organisation_url(request, organisation) if organisation.active else ""
            )
        return organisations

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context |= {
            "convener": remembered(
                request,
                f"council-convener:{self.path[: -self.steplen]}",
                self.convened_by,
            ),
            "organisations": self.participating_organisations(request),
            "region_participants": list(self.region_participants.all()),
            "documents": list(self.documents.select_related("document")),
            "has_ended": self.has_ended(),
        }
        return context


class RegionRole(models.TextChoices):
    CHAIR = "chair", _("Chair")
    COUNCILLOR = "councillor", _("Regional councillor")
    ELECTED = "elected", _("Elected representative")
    OFFICIAL = "official", _("Official")
    SECRETARY = "secretary", _("Secretary")


class RegionParticipant(Orderable):
    """Someone from Region Värmland's side of the council at a meeting."""

    page = ParentalKey(CouncilMeetingPage, related_name="region_participants")
    name = models.CharField(_("name"), max_length=150)
    role = models.CharField(_("role"), max_length=20, choices=RegionRole.choices)
    unit = models.CharField(
        _("committee or department"),
        max_length=200,
        blank=True,
        help_text=_("E.g. Kultur- och bildningsnämnden, or Hållbar utveckling."),
    )

    panels = [FieldPanel("name"), FieldPanel("role"), FieldPanel("unit")]

    class Meta(Orderable.Meta):
        verbose_name = _("participant from the region")
        verbose_name_plural = _("participants from the region")

    def __str__(self):
        return self.name


class MeetingDocument(Orderable):
    """A document of a meeting besides its minutes: the notice, a presentation, a report."""

    page = ParentalKey(CouncilMeetingPage, related_name="documents")
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("document"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    label = models.CharField(
        _("label"),
        max_length=150,
        blank=True,
        help_text=_(
            "E.g. Notice of meeting, or Presentation. Leave empty for the document's title."
        ),
    )

    panels = [FieldPanel("document"), FieldPanel("label")]

    class Meta(Orderable.Meta):
        verbose_name = _("document")
        verbose_name_plural = _("documents")

    def __str__(self):
        return self.label or self.document.title
