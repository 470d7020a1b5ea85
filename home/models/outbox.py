from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class OutgoingEmail(models.Model):
    """One e-mail the site sends, from the moment it is queued until it is sent or given up.

    Every message goes through here (home/core/outbox.py): the member review's invitations,
    Wagtail's workflow notices and password resets alike.
    """

    class Status(models.TextChoices):
        QUEUED = "queued", _("Waiting to be sent")
        RETRYING = "retrying", _("Will be tried again")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Could not be sent")

    created_at = models.DateTimeField(_("queued"), default=timezone.now, db_index=True)
    subject = models.TextField(_("subject"))
    recipients = models.TextField(_("recipients"))
    message = models.JSONField(_("message"), help_text=_("Everything needed to send it again."))
    message_id = models.CharField(_("message id"), max_length=255)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.QUEUED, db_index=True
    )
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_attempt_at = models.DateTimeField(_("last attempt"), null=True, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    last_error = models.TextField(_("last error"), blank=True)

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mail")

    def __str__(self):
        return self.subject
