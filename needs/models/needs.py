"""The needs member organisations see in the population, reported to the region through the
network ("Behov vi ser"), and the editors' triage of them.

A representative reports a need for their own organisation; editors triage it (new, forwarded to
the region, answered, closed), may merge similar signals, and write what may be published: a
summary and the region's answer. What a representative writes is never shown to the public; the
editors' summary of it is, only through `NeedQuerySet.public()`.
"""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from home.models.mixins import in_default_locale
from home.models.places import Municipality

TITLE_MAX = 200
DESCRIPTION_MAX = 2000
TARGET_GROUP_MAX = 200
CONTRIBUTION_MAX = 1000
PUBLIC_SUMMARY_MAX = 1000
REGION_ANSWER_MAX = 2000
NOTE_MAX = 2000


class NeedStatus(models.TextChoices):
    NEW = "new", pgettext_lazy("signal status", "new")
    FORWARDED = "forwarded", pgettext_lazy("signal status", "forwarded to the region")
    ANSWERED = "answered", pgettext_lazy("signal status", "answered")
    CLOSED = "closed", pgettext_lazy("signal status", "closed")


# The statuses a signal may go to from each status: the one place that says it
# (needs/triage.py enforces it). A merged signal changes no more: its target carries it.
TRANSITIONS = {
    NeedStatus.NEW: (NeedStatus.FORWARDED, NeedStatus.CLOSED),
    NeedStatus.FORWARDED: (NeedStatus.ANSWERED, NeedStatus.CLOSED),
    NeedStatus.ANSWERED: (NeedStatus.FORWARDED, NeedStatus.CLOSED),
    NeedStatus.CLOSED: (NeedStatus.NEW,),
}
# The statuses in which a signal may be on the public page.
PUBLIC_STATUSES = (NeedStatus.FORWARDED, NeedStatus.ANSWERED)


class NeedQuerySet(models.QuerySet):
    def public(self):
        """The signals the public may read about: the one rule for the page, its feeds, the
        search and the API. An editor published it, it is with the region or answered, its
        organisation agrees to publication, and it is not merged into another signal."""
        return self.filter(
            published=True,
            status__in=PUBLIC_STATUSES,
            consent_to_publish=True,
            merged_into__isnull=True,
        )

    def of_organisation(self, organisation):
        return self.filter(organisation=organisation)

    def for_listing(self):
        """With what a public listing shows of each, for every signal in a fixed number of
        queries: the organisation, the topic, and the consenting organisations merged in."""
        consenting = (
            Need.objects.filter(consent_to_publish=True)
            .select_related("organisation")
            .order_by("organisation__name", "pk")
        )
        return self.select_related("organisation", "topic").prefetch_related(
            models.Prefetch("merged", queryset=consenting, to_attr="consenting_merged")
        )


class Need(models.Model):
    """A need a member organisation sees, reported to the network for the region."""

    organisation = models.ForeignKey(
        "members.MemberOrganisation",
        verbose_name=_("member organisation"),
        on_delete=models.PROTECT,
        related_name="needs",
        limit_choices_to=in_default_locale,
    )
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reported by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported"), default=timezone.now)
    title = models.CharField(
        _("the need in short"),
        max_length=TITLE_MAX,
        help_text=_("One sentence, e.g. “Older people in Filipstad have nowhere to meet”."),
    )
    description = models.TextField(
        _("description"),
        max_length=DESCRIPTION_MAX,
        help_text=_("What you see, among whom, and since when."),
    )
    topic = models.ForeignKey(
        "home.Topic",
        verbose_name=_("topic"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
        limit_choices_to=in_default_locale,
    )
    municipality = models.CharField(
        _("municipality"),
        max_length=20,
        choices=Municipality.choices,
        help_text=_("Or the whole county, if the need is seen everywhere."),
    )
    target_group = models.CharField(
        _("target group"),
        max_length=TARGET_GROUP_MAX,
        help_text=_("Who has the need, e.g. young people 16–20 outside school."),
    )
    contribution = models.TextField(
        _("what we could contribute"),
        max_length=CONTRIBUTION_MAX,
        blank=True,
        help_text=_("Optional: what your organisation could do about it with the region."),
    )
    consent_to_publish = models.BooleanField(
        _("the organisation agrees to publication"),
        default=False,
        help_text=_(
            "The network may publish its own summary of the need and the region's answer, "
            "naming the organisation. It can be withdrawn at any time."
        ),
    )
    status = models.CharField(
        _("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.NEW
    )
    merged_into = models.ForeignKey(
        "self",
        verbose_name=_("merged into"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged",
    )
    forwarded_at = models.DateTimeField(_("forwarded to the region"), null=True, blank=True)
    answered_at = models.DateTimeField(_("answered by the region"), null=True, blank=True)
    public_title = models.CharField(
        _("public heading"),
        max_length=TITLE_MAX,
        blank=True,
        help_text=_(
            "The editors' heading for the public page, e.g. “Meeting places for older people in Filipstad”."
        ),
    )
    public_title_en = models.CharField(
        _("public heading in English"), max_length=TITLE_MAX, blank=True
    )
    public_summary = models.TextField(
        _("public summary"),
        max_length=PUBLIC_SUMMARY_MAX,
        blank=True,
        help_text=_("The editors' summary for the public page. Name no person."),
    )
    public_summary_en = models.TextField(
        _("public summary in English"), max_length=PUBLIC_SUMMARY_MAX, blank=True
    )
    region_answer = models.TextField(
        _("the region's answer"), max_length=REGION_ANSWER_MAX, blank=True
    )
    region_answer_en = models.TextField(
        _("the region's answer in English"), max_length=REGION_ANSWER_MAX, blank=True
    )
    published = models.BooleanField(
        _("published"),
        default=False,
        help_text=_("The editors' decision; shown only while the organisation agrees."),
    )
    published_at = models.DateTimeField(_("first published"), null=True, blank=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    objects = NeedQuerySet.as_manager()

    class Meta:
        verbose_name = _("signal")
        verbose_name_plural = _("signals")
        ordering = ["-reported_at", "-pk"]
        indexes = [models.Index(fields=["status", "published"], name="needs_status_published_idx")]
        constraints = [
            models.CheckConstraint(
                condition=~Q(merged_into=models.F("pk")), name="needs_not_merged_into_itself"
            )
        ]

    def __str__(self):
        return self.title

    @property
    def is_public(self):
        return (
            self.published
            and self.status in PUBLIC_STATUSES
            and self.consent_to_publish
            and self.merged_into_id is None
        )

    def not_public_because(self):
        """Why the public does not see this signal, one sentence a reason; empty if it does."""
        reasons = []
        if self.merged_into_id is not None:
            reasons.append(_("It is merged into another signal."))
        elif self.status not in PUBLIC_STATUSES:
            reasons.append(_("It is neither forwarded to the region nor answered."))
        if not self.published:
            reasons.append(_("The editors have not published it."))
        if not self.consent_to_publish:
            reasons.append(_("The organisation has not agreed to publication."))
        return [str(reason) for reason in reasons]

    def allowed_statuses(self):
        """The statuses this signal may go to now."""
        if self.merged_into_id is not None:
            return ()
        return TRANSITIONS[NeedStatus(self.status)]

    def public_text(self, name, language):
        """The editors' public text `name` ("public_title", "public_summary", "region_answer")
        in `language` if written in it, else in Swedish; with the language it is in."""
        if language != settings.LANGUAGE_CODE and (text := getattr(self, f"{name}_{language}", "")):
            return text, language
        return getattr(self, name), settings.LANGUAGE_CODE

    def named_organisations(self):
        """The organisations a public entry names: its own and those of the signals merged
        into it whose organisations agreed, each once (needs `for_listing()`)."""
        organisations = [self.organisation]
        for merged in getattr(self, "consenting_merged", ()):
            if merged.organisation_id not in {o.pk for o in organisations}:
                organisations.append(merged.organisation)
        return organisations


class NeedEvent(models.Model):
    """One line of a signal's history: who did what, when, and why."""

    class Action(models.TextChoices):
        REPORTED = "reported", _("Reported")
        EDITED = "edited", _("Text changed by the organisation")
        CONSENT_GIVEN = "consent_given", _("The organisation agreed to publication")
        CONSENT_WITHDRAWN = "consent_withdrawn", _("The organisation withdrew its consent")
        STATUS = "status", _("Status changed")
        NOTE = "note", _("Note")
        MERGED_INTO = "merged_into", _("Merged into another signal")
        MERGED_FROM = "merged_from", _("Another signal merged into this one")
        PUBLIC_TEXT = "public_text", _("Public texts changed")
        PUBLISHED = "published", _("Published")
        UNPUBLISHED = "unpublished", _("Taken off the public page")

    need = models.ForeignKey(
        Need, verbose_name=_("signal"), on_delete=models.CASCADE, related_name="events"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    at = models.DateTimeField(_("time"), default=timezone.now)
    action = models.CharField(_("action"), max_length=20, choices=Action.choices)
    from_status = models.CharField(
        _("from status"), max_length=20, choices=NeedStatus.choices, blank=True
    )
    to_status = models.CharField(
        _("to status"), max_length=20, choices=NeedStatus.choices, blank=True
    )
    note = models.TextField(_("note"), max_length=NOTE_MAX, blank=True)
    other = models.ForeignKey(
        Need,
        verbose_name=_("the other signal"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("signal history entry")
        verbose_name_plural = _("signal history")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.need}: {self.get_action_display()}"
