from dataclasses import dataclass
from functools import cached_property

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, F, OuterRef, Subquery, When
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
from home.core.api import ListingField, NameAndSlugSerializer, TopicsField
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
from .remiss import ConsultationCase, Delivery, Uptake


class IssuingAuthority(index.Indexed, models.Model):
    """An authority that refers consultations to the network, e.g. Region Värmland."""

    name = models.CharField(_("name"), max_length=150, unique=True)
    slug = models.SlugField(_("slug"), max_length=150, unique=True)
    registrator_email = models.EmailField(
        _("registrator's e-mail"),
        blank=True,
        help_text=_("Where responses are sent, usually the authority's registry (registrator)."),
    )
    delivery_notes = models.TextField(
        _("delivery notes"),
        blank=True,
        help_text=_(
            "What the authority asks of a response: formats, file names, what to write in the "
            "subject line."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("registrator_email"),
        FieldPanel("delivery_notes"),
    ]
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


# The network's handling of a response (remiss.ConsultationCase) belongs to the Swedish page; its
# translations share the Swedish page's translation key and read the same case.


def consultation_cases(translation_keys):
    """The cases of the pages with these translation keys, each with its page's `translation_key`,
    `first_sent_at` (when the response first went to the authority, or None) and its generated
    files."""
    first_sent = Delivery.objects.filter(case=OuterRef("pk")).order_by("sent_at", "pk")
    return (
        ConsultationCase.objects.filter(page__translation_key__in=translation_keys)
        .annotate(
            translation_key=F("page__translation_key"),
            first_sent_at=Subquery(first_sent.values("sent_at")[:1]),
        )
        .select_related("package_pdf", "package_docx")
    )


def with_cases(pages):
    """Give each of `pages` its `consultation_case`, for all of them in one query (none if they
    all have it already)."""
    missing = [page for page in pages if "consultation_case" not in page.__dict__]
    if missing:
        keys = {page.translation_key for page in missing}
        cases = {case.translation_key: case for case in consultation_cases(keys)}
        for page in missing:
            # What the cached property would read for this page alone.
            page.__dict__["consultation_case"] = cases.get(page.translation_key)
    return pages


def case_field(name):
    """An annotation: the field `name` of each page's case (None without one)."""
    return Subquery(
        ConsultationCase.objects.filter(page__translation_key=OuterRef("translation_key")).values(
            name
        )[:1]
    )


def outcome():
    """An annotation: whether the decision took up the points of each answered consultation
    (an `Uptake` value), once the follow-up is recorded; empty or None otherwise. The rule of
    `ConsultationResponsePage.follow_up`, for a listing's filter."""
    return Case(
        When(status=ConsultationStatus.ANSWERED, then=case_field("uptake")),
        default=None,
        output_field=models.CharField(),
    )


class ConsultationIndexPage(ShareImageMixin, Page):
    """The remiss register: open consultations first, then the closed ones."""

    introduction = models.TextField(_("introduction"), max_length=500, blank=True)

    meta_description_field = "introduction"

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
        # Each row's members' input date and outcome, from its case, within the listing's query.
        consultations = self.consultations().annotate(
            case_input_deadline=case_field("input_deadline"), outcome=outcome()
        )
        facets = (
            consultations.order_by()
            .values_list("received_date__year", "authority__slug", "authority__name", "outcome")
            .distinct()
        )
        years = sorted({year for year, *_rest in facets}, reverse=True)
        authorities = dict(
            sorted({(slug, name) for _year, slug, name, _outcome in facets}, key=lambda a: a[1])
        )
        found = {found for *_rest, found in facets}
        outcomes = [uptake for uptake in Uptake if uptake in found]
        year = chosen(request, "year", {str(year): year for year in years})
        authority = chosen(request, "authority", {slug: slug for slug in authorities})
        chosen_outcome = chosen(request, "outcome", {uptake.value: uptake for uptake in outcomes})
        if year is not None:
            consultations = consultations.filter(received_date__year=year)
        if authority is not None:
            consultations = consultations.filter(authority__slug=authority)
        if chosen_outcome is not None:
            consultations = consultations.filter(outcome=chosen_outcome)
        context |= {
            "years": years,
            "active_year": year,
            "authorities": authorities.items(),
            "active_authority": authority,
            "outcomes": outcomes,
            "active_outcome": chosen_outcome,
            # Without their bodies, as the closed ones in `paginate`.
            "open_consultations": open_consultations(consultations).defer_streamfields(),
            "closed_consultations": paginate(
                request, self.closed_consultations(consultations), self.per_page
            ),
        }
        return context


@dataclass(frozen=True)
class ResponseFile:
    """A file of the response; `language` is set when it is not the page's language."""

    document: object
    language: str | None = None

    @property
    def label(self):
        labels = {"pdf": _("Our response as PDF"), "docx": _("Our response as a Word file")}
        return labels.get(self.document.file_extension.lower(), _("Our response"))


class CaseField(ListingField):
    """A field of the API that `value(page)` reads from the page's case, for all the pages of a
    listing in one query."""

    def __init__(self, value, **kwargs):
        self.value = value
        super().__init__(**kwargs)

    def values_for(self, pages):
        return {page.pk: json_value(self.value(page)) for page in with_cases(pages)}


def json_value(value):
    return value.isoformat() if hasattr(value, "isoformat") else value


def follow_up_data(page):
    case = page.follow_up()
    if case is None:
        return None
    return {
        "uptake": case.uptake,
        "decision_title": case.decision_title,
        "decision_url": case.decision_url,
        "decision_date": json_value(case.decision_date),
        "comment": case.follow_up_comment,
    }


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

    meta_description_field = "summary"

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
                        FieldPanel("submitted_date", read_only=True),
                    ]
                ),
                FieldRowPanel(
                    [
                        FieldPanel("status", read_only=True),
                        FieldPanel("stance"),
                    ]
                ),
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
        APIField("input_deadline", serializer=CaseField(lambda page: page.input_deadline())),
        APIField("sent_date", serializer=CaseField(lambda page: page.sent_date())),
        APIField("follow_up", serializer=CaseField(follow_up_data)),
        APIField("body"),
    ]

    parent_page_types = ["positions.ConsultationIndexPage"]
    subpage_types = []
    # A copy is a new consultation: it has not been sent (see `handling_fields`).
    exclude_fields_in_copy = ["status", "submitted_date"]

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

    # The network's handling of the consultation, not the text its members adopt: set on the
    # consultation case's screen and by the delivery to the authority (positions/remiss/), and
    # kept from the page's row whichever revision is loaded or published, as Wagtail keeps a
    # page's owner and lock.
    handling_fields = ("status", "submitted_date")

    def with_content_json(self, content):
        page = super().with_content_json(content)
        for name in self.handling_fields:
            setattr(page, name, getattr(self, name))
        return page

    @property
    def is_open(self):
        return self.status in OPEN_STATUSES and self.response_deadline >= timezone.localdate()

    @property
    def days_left(self):
        return (self.response_deadline - timezone.localdate()).days

    @cached_property
    def consultation_case(self):
        """The network's handling of this response, which belongs to the Swedish page; None
        before there is any (see `with_cases` for a listing)."""
        return consultation_cases([self.translation_key]).first()

    def input_deadline(self):
        """The last day of the members' input, if the case names one."""
        case = self.consultation_case
        return case.input_deadline if case else None

    def sent_date(self):
        """The day the response first went to the authority, if it has."""
        case = self.consultation_case
        return timezone.localdate(case.first_sent_at) if case and case.first_sent_at else None

    def follow_up(self):
        """The case, once its follow-up (what the decision made of our points) is recorded, for an
        answered consultation; None otherwise. `outcome()` is the same rule for a listing."""
        case = self.consultation_case
        if self.status == ConsultationStatus.ANSWERED and case is not None and case.uptake:
            return case
        return None

    @property
    def outcome_label(self):
        """The label of the `outcome` that the register gives each of its rows."""
        return Uptake(self.outcome).label if getattr(self, "outcome", None) else ""

    def response_files(self):
        """The response to download: the PDF and Word file made when the members adopted it, or
        the page's own document when an editor pinned it or no file was made of the text adopted
        last. The files made are
        the Swedish text, also for a translation."""
        case = self.consultation_case
        current = case and case.package_revision_id and not case.pin_own_document
        made = [case.package_pdf, case.package_docx] if current else []
        made = [document for document in made if document is not None]
        if made:
            return [ResponseFile(document, self.source_language()) for document in made]
        if self.response_document is not None:
            return [ResponseFile(self.response_document)]
        return []

    def source_language(self):
        """For a translation, the language of the Swedish page, in which the case is written and
        its files are made; None for the Swedish page."""
        language = settings.LANGUAGE_CODE
        return None if self.locale.language_code == language else language
