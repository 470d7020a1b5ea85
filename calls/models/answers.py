"""What happens to a call outside its revisions: the e-mail to the members and their answers.

Both belong to the Swedish call page. Its translations read them by translation key. What the
public may know of the answers is `participation`: once the reply-by date has passed, how many
organisations take part and the names of those that agreed to be named. Notes, declines and
the names of the others stay with the editors and the organisation's own representatives.
"""

from collections import defaultdict
from dataclasses import dataclass

from django.conf import settings
from django.db import models
from django.db.models import FilteredRelation, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from home.models.mixins import in_default_locale
from members.models import MemberOrganisation

NOTE_MAX_LENGTH = 1000


class CallAnnouncement(models.Model):
    """The e-mail to every representative when a Swedish call was first published, open. One
    per call: republishing, publishing a translation or a second worker sends nothing more."""

    call = models.OneToOneField(
        "calls.CallPage",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="announcement",
    )
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    recipients = models.PositiveIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("announcement of a call")
        verbose_name_plural = _("announcements of calls")

    def __str__(self):
        return f"{self.call} ({self.sent_at:%Y-%m-%d})"


class Answer(models.TextChoices):
    PARTICIPATE = "participate", _("We want to take part")
    DECLINE = "decline", _("Not this time")


class CallAnswer(models.Model):
    """A member organisation's answer to a call, given and changed by any of its representatives
    until the reply-by date (calls.answers.save_answer)."""

    call = models.ForeignKey(
        "calls.CallPage",
        verbose_name=_("call"),
        on_delete=models.CASCADE,
        related_name="answers",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("member organisation"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to=in_default_locale,
    )
    answer = models.CharField(_("answer"), max_length=20, choices=Answer.choices)
    note = models.TextField(
        _("note"),
        max_length=NOTE_MAX_LENGTH,
        blank=True,
        help_text=_(
            "What the organisation could contribute, or a question. Only the network's editors and "
            "the partner read it."
        ),
    )
    consent_to_name = models.BooleanField(
        _("the network may name us publicly as taking part"), default=False
    )
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("answered by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    answered_at = models.DateTimeField(_("answered"), default=timezone.now)

    class Meta:
        verbose_name = _("answer to a call")
        verbose_name_plural = _("answers to calls")
        constraints = [
            models.UniqueConstraint(
                fields=["call", "organisation"], name="one_answer_per_call_and_organisation"
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_answer_display()} ({self.call})"

    @property
    def participates(self):
        return self.answer == Answer.PARTICIPATE

    @property
    def answerer_name(self):
        user = self.answered_by
        return (user.get_full_name() or user.get_username()) if user else ""


@dataclass(frozen=True)
class Participation:
    """What the public may know of a call's answers: nothing while it is open; once closed, how
    many organisations take part and the names of those that agreed to be named."""

    closed: bool
    count: int | None = None
    names: tuple = ()


def participation(calls, today=None):
    """Each call's Participation, by primary key, for calls in any language: one query.

    The Swedish call's reply-by date decides, as it does for the answers: a translation that
    has not been synced since the date moved may still show the old one.
    """
    today = today or timezone.localdate()
    calls = list(calls)
    swedish_calls = CallAnswer._meta.get_field("call").related_model.objects.filter(
        locale__language_code=settings.LANGUAGE_CODE,
        translation_key__in={call.translation_key for call in calls},
    )
    rows = (
        swedish_calls.annotate(
            taking_part=FilteredRelation("answers", condition=Q(answers__answer=Answer.PARTICIPATE))
        )
        .order_by("taking_part__organisation__name")
        .values_list(
            "translation_key",
            "reply_by",
            "taking_part__organisation__name",
            "taking_part__consent_to_name",
        )
    )
    closed_keys = set()
    taking_part = defaultdict(list)
    for key, reply_by, name, consent in rows:
        if reply_by < today:
            closed_keys.add(key)
            if name is not None:
                taking_part[key].append(name if consent else None)
    found = {}
    for call in calls:
        if call.translation_key not in closed_keys:
            found[call.pk] = Participation(closed=False)
            continue
        answers = taking_part[call.translation_key]
        found[call.pk] = Participation(
            closed=True,
            count=len(answers),
            names=tuple(name for name in answers if name is not None),
        )
    return found
