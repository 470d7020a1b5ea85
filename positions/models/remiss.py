"""The network's handling of a consultation beside the text its members adopt: the members' input
before drafting, the submission package, the deliveries to the authority and the follow-up.

None of this is part of a page revision. The members adopt the response's text; what the network
then does with it (sends it, learns what the decision made of it) changes without a new member
review, so it lives here, one record per Swedish consultation response, and its translations read
the Swedish record.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from home.models.mixins import in_default_locale
from members.models import MemberOrganisation


class Uptake(models.TextChoices):
    """Whether the decision took up the network's points."""

    FULLY = "fully", _("Fully")
    PARTLY = "partly", _("Partly")
    NOT = "not", _("Not")
    UNKNOWN = "unknown", _("Unknown")


class ConsultationCase(models.Model):
    """One consultation response's handling (remissärendet)."""

    page = models.OneToOneField(
        "positions.ConsultationResponsePage",
        verbose_name=_("consultation response"),
        on_delete=models.PROTECT,
        related_name="case",
    )
    input_deadline = models.DateField(
        _("members' input by"),
        null=True,
        blank=True,
        help_text=_(
            "The last day the member organisations can send their input, before the response "
            "deadline. Shown in the register and on the page."
        ),
    )
    input_requested_at = models.DateTimeField(_("input requested"), null=True, blank=True)

    package_revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("package made from revision"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    package_pdf = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("response as PDF"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    package_docx = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("response as Word file"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    package_error = models.TextField(_("why the package could not be made"), blank=True)
    pin_own_document = models.BooleanField(
        _("show our own PDF instead of the generated one"), default=False
    )

    decision_title = models.CharField(_("decision or bill"), max_length=300, blank=True)
    decision_url = models.URLField(_("link to the decision"), blank=True)
    decision_date = models.DateField(_("date of the decision"), null=True, blank=True)
    uptake = models.CharField(
        _("were our points taken up?"), max_length=10, choices=Uptake.choices, blank=True
    )
    follow_up_comment = models.TextField(_("comment"), max_length=1000, blank=True)
    followed_up_at = models.DateTimeField(_("follow-up recorded"), null=True, blank=True)
    followed_up_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("follow-up recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    follow_up_reminded_at = models.DateTimeField(
        _("editors reminded of the follow-up"), null=True, blank=True
    )

    class Meta:
        verbose_name = _("consultation case")
        verbose_name_plural = _("consultation cases")
        indexes = [models.Index(fields=["uptake"], name="positions_case_uptake_idx")]

    def __str__(self):
        return str(self.page)

    def clean(self):
        super().clean()
        if self.input_deadline and self.page_id:
            deadline = self.page.response_deadline
            if deadline and self.input_deadline >= deadline:
                raise ValidationError(
                    {
                        "input_deadline": _(
                            "The members' input is needed before the response deadline "
                            "(%(deadline)s)."
                        )
                        % {"deadline": deadline.isoformat()}
                    }
                )
        if self.uptake and not self.decision_title and self.uptake != Uptake.UNKNOWN:
            raise ValidationError(
                {"decision_title": _("Name the decision or bill that took up our points.")}
            )

    @property
    def first_delivery(self):
        return self.deliveries.order_by("sent_at").first()


class Delivery(models.Model):
    """The response sent to the authority's registrator, or recorded as sent by hand."""

    case = models.ForeignKey(
        ConsultationCase,
        verbose_name=_("consultation case"),
        on_delete=models.PROTECT,
        related_name="deliveries",
    )
    sent_at = models.DateTimeField(_("sent"))
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    recipient = models.EmailField(_("sent to"), blank=True)
    message_id = models.CharField(_("message id"), max_length=255, blank=True)
    revision = models.ForeignKey(
        "wagtailcore.Revision",
        verbose_name=_("revision sent"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    resend_reason = models.TextField(_("why it was sent again"), blank=True)

    class Meta:
        verbose_name = _("delivery to the authority")
        verbose_name_plural = _("deliveries to the authority")
        ordering = ["sent_at", "pk"]

    def __str__(self):
        return f"{self.case} → {self.recipient or '-'} ({self.sent_at:%Y-%m-%d})"

    @property
    def sent_by_hand(self):
        return not self.message_id


INPUT_FILE_MAX_BYTES = 5 * 1024 * 1024
# The files members may attach to their input, by extension, with the type they are served as.
INPUT_FILE_TYPES = {
    ".pdf": "application/pdf",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".odt": "application/vnd.oasis.opendocument.text",
    ".txt": "text/plain; charset=utf-8",
}


class MemberInput(models.Model):
    """A member organisation's input to a consultation before the network drafts its response.
    Never public: only the network's editors and the organisation's own representatives read it."""

    case = models.ForeignKey(
        ConsultationCase,
        verbose_name=_("consultation case"),
        on_delete=models.CASCADE,
        related_name="inputs",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("member organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=in_default_locale,
    )
    text = models.TextField(_("our input"), max_length=10000)
    # Kept in the database, not in the media folder the web server publishes.
    file_content = models.BinaryField(_("file"), null=True, blank=True, editable=False)
    file_name = models.CharField(_("file name"), max_length=200, blank=True)
    file_type = models.CharField(_("file type"), max_length=100, blank=True)
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("sent"), auto_now_add=True)
    updated_at = models.DateTimeField(_("last changed"), auto_now=True)

    class Meta:
        verbose_name = _("member input")
        verbose_name_plural = _("member input")
        ordering = ["organisation__name"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "organisation"], name="one_input_per_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation} – {self.case}"
