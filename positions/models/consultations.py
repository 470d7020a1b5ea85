from django.core.exceptions import ValidationError
from django.db import models
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page
from wagtail.search import index
from wagtail_localize.fields import SynchronizedField

from home.blocks import ContentBlocks
from home.core.api import NameAndSlugSerializer, TopicsField
from home.core.listing import chosen, paginate
from home.models.mixins import (
    SYNCHRONIZED_RELATIONS,
    ContactPersonsMixin,
    ShareImageMixin,
    TopicsMixin,
)

from .endorsements import (
    EndorsedPageMixin,
    EndorsingOrganisationsField,
    SeparateStatementsField,
)


class IssuingAuthority(index.Indexed, models.Model):
    """An authority that refers consultations to the network, e.g. Region Värmland."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)

    panels = [FieldPanel("name"), FieldPanel("slug")]
    search_fields = [index.SearchField("name"), index.AutocompleteField("name")]

    class Meta:
        verbose_name = _("issuing authority")
        verbose_name_plural = _("issuing authorities")
        ordering = ["name"]

    def __str__(self):
        return self.name


class ConsultationStatus(models.TextChoices):
    RECEIVED = "received", _("Received")
    PREPARING = "preparing", _("Being prepared")
    ANSWERED = "answered", _("Answered")
    DECLINED = "declined", _("Declined to answer")


class Stance(models.TextChoices):
    APPROVE = "approve", _("Approves")
    APPROVE_IN_PART = "approve-in-part", _("Approves in part")
    REJECT = "reject", _("Rejects")
    NO_OBJECTION = "no-objection", _("No objection")


OPEN_STATUSES = [ConsultationStatus.RECEIVED, ConsultationStatus.PREPARING]


def is_open():
    return models.Q(status__in=OPEN_STATUSES, response_deadline__gte=timezone.localdate())


def consultations_under(parent):
    """Live, public consultation responses under `parent` (a page or a Section)."""
    return (
        ConsultationResponsePage.objects.child_of(parent)
        .live()
        .public()
        .select_related("authority")
    )


def open_consultations(consultations):
    return consultations.filter(is_open()).order_by("response_deadline", "pk")


class ConsultationIndexPage(ShareImageMixin, Page):
    """The remiss register: open consultations first, then the closed ones."""

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)

    content_panels = [*Page.content_panels, FieldPanel("introduction")]

    api_fields = [APIField("introduction")]

    parent_page_types = ["home.HomePage"]
    subpage_types = ["positions.ConsultationResponsePage"]
    max_count_per_parent = 1

    per_page = 20

    class Meta:
        verbose_name = _("consultation register page")

    def consultations(self):
        return consultations_under(self)

    def closed_consultations(self, consultations):
        return (
            consultations.exclude(is_open())
            .annotate(closed_on=Coalesce("submitted_date", "response_deadline"))
            .order_by("-closed_on", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        consultations = self.consultations()
        facets = (
            consultations.order_by()
            .values_list("received_date__year", "authority__slug", "authority__name")
            .distinct()
        )
        years = sorted({year for year, _slug, _name in facets}, reverse=True)
        authorities = dict(
            sorted({(slug, name) for _year, slug, name in facets}, key=lambda a: a[1])
        )
        year = chosen(request, "year", {str(year): year for year in years})
        authority = chosen(request, "authority", {slug: slug for slug in authorities})
        if year is not None:
            consultations = consultations.filter(received_date__year=year)
        if authority is not None:
            consultations = consultations.filter(authority__slug=authority)
        context |= {
            "years": years,
            "active_year": year,
            "authorities": authorities.items(),
            "active_authority": authority,
            "open_consultations": open_consultations(consultations),
            "closed_consultations": paginate(
                request, self.closed_consultations(consultations), self.per_page
            ),
        }
        return context


class ConsultationResponsePage(
    EndorsedPageMixin, ShareImageMixin, TopicsMixin, ContactPersonsMixin, Page
):
    referral_title = models.CharField(_("title of the referral"), max_length=300)
    authority = models.ForeignKey(
        IssuingAuthority,
        verbose_name=_("issuing authority"),
        on_delete=models.PROTECT,
        related_name="consultations",
    )
    diarienummer = models.CharField(_("reference number (diarienummer)"), max_length=60, blank=True)
    referral_reference = models.CharField(
        _("document reference"),
        max_length=60,
        blank=True,
        help_text=_("For example SOU 2025:12 or Ds 2024:3."),
    )
    referral_url = models.URLField(_("link to the referral"), blank=True)
    invited = models.BooleanField(
        _("invited consultation body"),
        default=False,
        help_text=_("The authority named the network in its list of consultation bodies."),
    )
    received_date = models.DateField(_("received"))
    response_deadline = models.DateField(_("response deadline"))
    submitted_date = models.DateField(_("submitted"), null=True, blank=True)
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=ConsultationStatus.choices,
        default=ConsultationStatus.RECEIVED,
    )
    stance = models.CharField(_("stance"), max_length=20, choices=Stance.choices, blank=True)
    summary = models.TextField(_("summary"), max_length=800)
    body = StreamField(ContentBlocks(), verbose_name=_("body"), blank=True)
    response_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("response as PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = [
        *EndorsedPageMixin.review_panels,
        *Page.content_panels,
        MultiFieldPanel(
            [
                FieldPanel("referral_title"),
                FieldPanel("authority"),
                FieldRowPanel([FieldPanel("diarienummer"), FieldPanel("referral_reference")]),
                FieldPanel("referral_url"),
                FieldPanel("invited"),
            ],
            heading=_("The referral"),
        ),
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("received_date"),
                        FieldPanel("response_deadline"),
                        FieldPanel("submitted_date"),
                    ]
                ),
                FieldRowPanel([FieldPanel("status"), FieldPanel("stance")]),
            ],
            heading=_("Dates and status"),
        ),
        FieldPanel("summary"),
        FieldPanel("body"),
        FieldPanel("response_document"),
        MultiFieldPanel(TopicsMixin.topic_panels, heading=_("Topics")),
        MultiFieldPanel(ContactPersonsMixin.contact_panels, heading=_("Contact persons")),
    ]

    search_fields = [
        *Page.search_fields,
        index.SearchField("referral_title"),
        index.SearchField("diarienummer"),
        index.SearchField("referral_reference"),
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("status"),
        index.FilterField("response_deadline"),
    ]
    override_translatable_fields = [
        *SYNCHRONIZED_RELATIONS,
        SynchronizedField("diarienummer"),
        SynchronizedField("referral_reference"),
    ]

    api_fields = [
        APIField("referral_title"),
        APIField("authority", serializer=NameAndSlugSerializer()),
        APIField("diarienummer"),
        APIField("referral_reference"),
        APIField("referral_url"),
        APIField("invited"),
        APIField("received_date"),
        APIField("response_deadline"),
        APIField("submitted_date"),
        APIField("status"),
        APIField("stance"),
        APIField("summary"),
        APIField("topics", serializer=TopicsField()),
        APIField("endorsing_organisations", serializer=EndorsingOrganisationsField()),
        APIField("separate_statements", serializer=SeparateStatementsField()),
        APIField("response_document"),
        APIField("body"),
    ]

    parent_page_types = ["positions.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("consultation response")
        verbose_name_plural = _("consultation responses")
        indexes = [
            # open_consultations(): the register's and the home page's open consultations.
            models.Index(fields=["response_deadline", "page_ptr"], name="positions_deadline_idx"),
            # ConsultationIndexPage.closed_consultations(): the register's closed ones.
            models.Index(
                Coalesce("submitted_date", "response_deadline"),
                "page_ptr",
                name="positions_closed_on_idx",
            ),
            # The feed of answered consultations.
            models.Index(fields=["submitted_date", "page_ptr"], name="positions_submitted_idx"),
        ]

    def clean(self):
        super().clean()
        errors = {}
        if (
            self.received_date
            and self.response_deadline
            and self.response_deadline < self.received_date
        ):
            errors["response_deadline"] = _(
                "The response deadline cannot be before the date received."
            )
        if self.submitted_date and self.submitted_date > timezone.localdate():
            errors["submitted_date"] = _("The submitted date cannot be in the future.")
        if self.status == ConsultationStatus.ANSWERED:
            if not self.submitted_date:
                errors["submitted_date"] = _(
                    "An answered consultation needs the date it was submitted."
                )
            if not self.stance:
                errors["stance"] = _("An answered consultation needs the network's stance.")
        if errors:
            raise ValidationError(errors)

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES and self.response_deadline >= timezone.localdate()

    @property
    def days_left(self):
        return (self.response_deadline - timezone.localdate()).days
