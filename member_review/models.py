"""Member review: a workflow task in which member organisations, one vote each, decide."""

from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from wagtail.models import Task, TaskState, WorkflowState

from members.models import MemberOrganisation, Representative

from . import voting
from .choices import (
    OBJECTION_NEEDS_REASON,
    DecisionRule,
    Outcome,
    Tally,
    VoteChoice,
    validate_reason,
)
from .forms import ObjectionForm, VoteCommentForm
from .reminder_days import parse_reminder_days, validate_reminder_days


class MemberReviewTaskState(TaskState):
    deadline = models.DateTimeField(_("deadline"), null=True)

    def save(self, *args, **kwargs):
        starting = self._state.adding
        if self.deadline is None:
            period = self.task.specific.review_period_days
            self.deadline = timezone.now() + timedelta(days=period)
        super().save(*args, **kwargs)
        if starting:
            self.record_electorate()

    def record_electorate(self):
        """The organisations that may vote are the active members when the review starts; the
        denominator and the decision use them, whatever happens to membership later."""
        Elector.objects.bulk_create(
            Elector(task_state=self, organisation=organisation)
            for organisation in MemberOrganisation.objects.active()
        )

    class Meta:
        verbose_name = _("member review state")
        verbose_name_plural = _("member review states")

    @property
    def deadline_passed(self):
        return self.deadline is not None and self.deadline <= timezone.now()

    def days_left(self):
        if self.deadline is None:
            return None
        return max((timezone.localdate(self.deadline) - timezone.localdate()).days, 0)

    def electorate(self):
        """The member organisations that may vote in this review."""
        return MemberOrganisation.objects.filter(electors__task_state=self)

    def voting_organisation(self, user):
        """The organisation `user` votes for in this review: one in its electorate that is still
        an active member (a member that left keeps its earlier vote, and its place in "of M")."""
        if not user.is_authenticated:
            return None
        return self.electorate().filter(active=True, representatives__user=user).first()

    def unanswered(self):
        """The organisations of the electorate, still active members, that have not voted."""
        return (
            self.electorate().filter(active=True).exclude(votes__task_state=self).order_by("name")
        )

    def current_votes(self):
        """The votes that count: those of the organisations in the electorate."""
        return self.votes.filter(organisation__electors__task_state=self)

    def tally(self):
        counts = dict(
            self.current_votes().values_list("choice").annotate(n=models.Count("id")).order_by()
        )
        return Tally(
            endorse=counts.get(VoteChoice.ENDORSE, 0),
            abstain=counts.get(VoteChoice.ABSTAIN, 0),
            object=counts.get(VoteChoice.OBJECT, 0),
            eligible=self.electors.count(),
        )

    def get_comment(self):
        return self.comment


class MemberReviewTask(Task):
    """The member organisations endorse, abstain or object within a review period."""

    review_period_days = models.PositiveSmallIntegerField(
        _("review period (days)"),
        default=14,
        validators=[MinValueValidator(1), MaxValueValidator(365)],
    )
    decision_rule = models.CharField(
        _("decision rule"),
        max_length=20,
        choices=DecisionRule.choices,
        default=DecisionRule.MAJORITY,
        help_text=_(
            "Consensus: decided at the deadline; passes with no objection and at least the "
            "minimum number of endorsements. Majority: passes as soon as more than half of the "
            "active member organisations endorse. Qualified: passes as soon as the chosen share "
            "endorses."
        ),
    )
    minimum_endorsements = models.PositiveSmallIntegerField(
        _("minimum endorsements (consensus)"),
        default=1,
        validators=[MinValueValidator(1)],
    )
    qualified_percent = models.PositiveSmallIntegerField(
        _("required share in per cent (qualified majority)"),
        default=67,
        validators=[MinValueValidator(51), MaxValueValidator(100)],
    )
    objection_blocks = models.BooleanField(
        _("a single objection blocks"),
        default=True,
        help_text=_("If ticked, the review fails as soon as one organisation objects."),
    )
    reminder_days = models.CharField(
        _("reminders (days before the deadline)"),
        max_length=40,
        default="7, 2",
        blank=True,
        validators=[validate_reminder_days],
        help_text=_(
            "Organisations that have not answered are reminded this many days before the "
            'deadline, e.g. "7, 2". Leave empty for no reminders.'
        ),
    )

    task_state_class = MemberReviewTaskState

    admin_form_fields = [
        *Task.admin_form_fields,
        "review_period_days",
        "decision_rule",
        "minimum_endorsements",
        "qualified_percent",
        "objection_blocks",
        "reminder_days",
    ]

    class Meta:
        verbose_name = _("member review")
        verbose_name_plural = _("member reviews")

    @classmethod
    def get_description(cls):
        return _(
            "Member organisations endorse, abstain or object, one vote per organisation, "
            "under the decision rule you choose."
        )

    def reminder_day_list(self):
        """The reminder days, largest first."""
        return parse_reminder_days(self.reminder_days)

    def rule_description(self):
        """The decision rule in words, as representatives and editors read it."""
        if self.decision_rule == DecisionRule.CONSENSUS:
            text = ngettext(
                "Consensus: at the deadline the statement is adopted if no member organisation "
                "has objected and at least %(count)d has endorsed it.",
                "Consensus: at the deadline the statement is adopted if no member organisation "
                "has objected and at least %(count)d have endorsed it.",
                self.minimum_endorsements,
            ) % {"count": self.minimum_endorsements}
        elif self.decision_rule == DecisionRule.QUALIFIED:
            text = _(
                "Qualified majority: the statement is adopted as soon as at least %(percent)d %% "
                "of the active member organisations have endorsed it."
            ) % {"percent": self.qualified_percent}
        else:
            text = _(
                "Majority: the statement is adopted as soon as more than half of the active "
                "member organisations have endorsed it."
            )
        if self.objection_blocks:
            text += " " + _("A single objection stops it.")
        return text

    def endorsements_needed(self, eligible):
        """How many endorsements pass the task with `eligible` active organisations."""
        if self.decision_rule == DecisionRule.CONSENSUS:
            return self.minimum_endorsements
        if self.decision_rule == DecisionRule.QUALIFIED:
            return -(-self.qualified_percent * eligible // 100)
        return eligible // 2 + 1

    def decide(self, tally, deadline_passed=False):
        """The outcome the votes decide, or None while the review stays open."""
        if tally.object and self.objection_blocks:
            return Outcome.REJECT
        passes = tally.endorse >= self.endorsements_needed(tally.eligible)
        if self.decision_rule == DecisionRule.CONSENSUS:
            passes = passes and not tally.object
            if not deadline_passed:
                return None
        if passes:
            return Outcome.APPROVE
        return Outcome.REJECT if deadline_passed else None

    # Who may do what while a page is in member review, through Wagtail's workflow actions.

    def get_actions(self, obj, user):
        if Representative.voting_organisation(user) is None:
            return []
        return [
            (VoteChoice.ENDORSE.value, _("We endorse"), False),
            (VoteChoice.ABSTAIN.value, _("We abstain"), False),
            (VoteChoice.OBJECT.value, _("We object"), True),
        ]

    def get_form_for_action(self, action):
        return ObjectionForm if action == VoteChoice.OBJECT else VoteCommentForm

    def get_task_states_user_can_moderate(self, user, **kwargs):
        if Representative.voting_organisation(user) is None:
            return TaskState.objects.none()
        return self.task_states.filter(status=TaskState.STATUS_IN_PROGRESS)

    def user_can_access_editor(self, obj, user):
        return False

    def user_can_lock(self, obj, user):
        return False

    def on_action(self, task_state, user, action_name, **kwargs):
        voting.cast_vote(
            task_state,
            user,
            action_name,
            reason=kwargs.get("comment", ""),
            statement=kwargs.get("statement"),
            publish_statement=kwargs.get("publish_statement", False),
        )
        return voting.review_url(task_state)


def running_reviews():
    """Member reviews that are open: the current task of a workflow in progress."""
    return MemberReviewTaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        workflow_state__current_task_state=models.F("pk"),
    )


def running_reviews_of(page):
    return running_reviews().filter(
        workflow_state__base_content_type=page.get_base_content_type(),
        workflow_state__object_id=str(page.pk),
    )


def adopted_revision_id(page):
    """The revision of `page` that its latest approved member review adopted, or None."""
    return (
        MemberReviewTaskState.objects.filter(
            status=TaskState.STATUS_APPROVED,
            workflow_state__base_content_type=page.get_base_content_type(),
            workflow_state__object_id=str(page.pk),
        )
        .order_by("-finished_at", "-pk")
        .values_list("revision_id", flat=True)
        .first()
    )


def is_adopted(page, revision_id):
    return revision_id is not None and revision_id == adopted_revision_id(page)


class Elector(models.Model):
    """A member organisation that may vote in a member review, recorded when the review starts."""

    task_state = models.ForeignKey(
        MemberReviewTaskState,
        verbose_name=_("member review"),
        on_delete=models.CASCADE,
        related_name="electors",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("member organisation"),
        on_delete=models.PROTECT,
        related_name="electors",
    )

    class Meta:
        verbose_name = _("elector")
        verbose_name_plural = _("electorate")
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "organisation"], name="one_elector_per_organisation"
            )
        ]

    def __str__(self):
        return str(self.organisation)


class Vote(models.Model):
    """One organisation's vote in one member review; changing it updates this row."""

    # Votes are the record of what the members decided: nothing deletes them along with it.
    task_state = models.ForeignKey(
        MemberReviewTaskState,
        verbose_name=_("member review"),
        on_delete=models.PROTECT,
        related_name="votes",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("member organisation"),
        on_delete=models.PROTECT,
        related_name="votes",
    )
    choice = models.CharField(_("vote"), max_length=10, choices=VoteChoice.choices)
    reason = models.TextField(_("reason"), blank=True)
    cast_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cast by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    cast_at = models.DateTimeField(_("cast at"), default=timezone.now)

    class Meta:
        verbose_name = _("vote")
        verbose_name_plural = _("votes")
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "organisation"], name="one_vote_per_organisation"
            ),
            models.CheckConstraint(
                condition=~models.Q(choice="object") | ~models.Q(reason=""),
                name="objection_has_reason",
                violation_error_message=OBJECTION_NEEDS_REASON,
            ),
        ]

    def __str__(self):
        return f"{self.organisation}: {self.get_choice_display()}"

    def clean(self):
        try:
            validate_reason(self.choice, self.reason)
        except ValidationError as error:
            raise ValidationError({"reason": error.messages}) from error


class Reminder(models.Model):
    """A reminder sent to an organisation that had not answered a member review.

    `days_before` is the scheduled reminder day it was sent for, or None when an editor pressed
    "Remind now"; one row per scheduled day and organisation makes the scheduled run idempotent.
    """

    task_state = models.ForeignKey(
        MemberReviewTaskState,
        verbose_name=_("member review"),
        on_delete=models.CASCADE,
        related_name="reminders",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("member organisation"),
        on_delete=models.PROTECT,
        related_name="reminders",
    )
    days_before = models.PositiveSmallIntegerField(_("days before the deadline"), null=True)
    sent_at = models.DateTimeField(_("sent at"), default=timezone.now)
    sent_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("sent by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("reminder")
        verbose_name_plural = _("reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "organisation", "days_before"],
                condition=models.Q(days_before__isnull=False),
                name="one_scheduled_reminder_per_day_and_organisation",
            )
        ]

    def __str__(self):
        return f"{self.organisation}: {self.sent_at:%Y-%m-%d %H:%M}"


class SeparateStatement(models.Model):
    """A separate statement ("särskilt yttrande"): an organisation that abstains or objects says
    where it stands, for publication under its name beside the adopted text if it consents.

    Written while the review is open and kept with it (a new review on a changed text asks again).
    When the members adopt the text, the consenting statements get `page` (positions/adoption.py);
    without consent a statement stays as private as an objection's reason. Nobody edits the
    text in the admin; an administrator can hide a published one, giving a reason.
    """

    task_state = models.ForeignKey(
        MemberReviewTaskState,
        verbose_name=_("member review"),
        on_delete=models.PROTECT,
        related_name="separate_statements",
    )
    organisation = models.ForeignKey(
        MemberOrganisation,
        verbose_name=_("member organisation"),
        on_delete=models.PROTECT,
        related_name="separate_statements",
    )
    text = models.TextField(_("separate statement"))
    publish = models.BooleanField(_("may be published under the organisation's name"))
    written_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("written by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    written_at = models.DateTimeField(_("written at"), default=timezone.now)
    page = models.ForeignKey(
        "wagtailcore.Page",
        verbose_name=_("published beside"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    hidden_reason = models.TextField(
        _("reason for hiding it"),
        blank=True,
        help_text=_(
            "Fill in to take the statement off the published page; the reason is kept in its "
            "history. Empty it to show the statement again."
        ),
    )

    class Meta:
        verbose_name = _("separate statement")
        verbose_name_plural = _("separate statements")
        constraints = [
            models.UniqueConstraint(
                fields=["task_state", "organisation"],
                name="one_separate_statement_per_organisation",
            )
        ]

    def __str__(self):
        return str(self.organisation)


def published_separate_statements(translation_keys):
    """The separate statements shown beside the pages with `translation_keys`: published with
    consent and not hidden."""
    return (
        SeparateStatement.objects.filter(
            page__translation_key__in=translation_keys, publish=True, hidden_reason=""
        )
        .select_related("organisation")
        .order_by("organisation__name")
    )
