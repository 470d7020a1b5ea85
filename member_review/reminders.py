"""Reminders to the organisations that have not answered an open member review.

On each of its task's reminder days (by default 7 and 2 days before the deadline) a review
reminds every organisation that has not voted, once: `send_member_review_reminders`, run from
cron, finds what is due. A reminder day that came before the review started is skipped (the
invitation has just gone out), and after a missed run only the latest day due is sent. Editors may
also press "Remind now". Either way an organisation gets at most one reminder a day, and none
after the review has closed; a review started again on a changed text has its own schedule,
because reminders belong to one task state.
"""

from datetime import timedelta

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import MemberReviewTaskState, Reminder, running_reviews
from .notifications import send_reminder_messages


class ReminderRefused(Exception):
    """ "Remind now" cannot be pressed now; the message says why."""


def due_reminder_day(state, now):
    """The reminder day of `state` that is due at `now` and not yet sent, or None."""
    due = [
        days
        for days in state.task.specific.reminder_day_list()
        if state.started_at < state.deadline - timedelta(days=days) <= now
    ]
    return min(due) if due else None


def reminded_today(state, now):
    today_starts = timezone.localtime(now).replace(hour=0, minute=0, second=0, microsecond=0)
    return Reminder.objects.filter(task_state=state, sent_at__gte=today_starts).values(
        "organisation"
    )


def remind(state, organisations, days_before=None, user=None, now=None):
    """Record a reminder for each of `organisations` and queue its messages, in one transaction.
    Returns the organisations reminded."""
    now = now or timezone.now()
    organisations = list(organisations)
    if not organisations:
        return []
    with transaction.atomic():
        Reminder.objects.bulk_create(
            Reminder(
                task_state=state,
                organisation=organisation,
                days_before=days_before,
                sent_at=now,
                sent_by=user,
            )
            for organisation in organisations
        )
        send_reminder_messages(state, organisations)
    return organisations


def send_due_reminders(now=None):
    """Send every scheduled reminder that is due; returns [(review, organisations reminded)]."""
    now = now or timezone.now()
    sent = []
    for pk in list(running_reviews().filter(deadline__gt=now).values_list("pk", flat=True)):
        with transaction.atomic():
            state = (
                MemberReviewTaskState.objects.select_for_update()
                .select_related("task", "workflow_state")
                .get(pk=pk)
            )
            days = due_reminder_day(state, now)
            if days is None or not running_reviews().filter(pk=pk).exists():
                continue
            already = Reminder.objects.filter(task_state=state, days_before=days)
            organisations = (
                state.unanswered()
                .exclude(pk__in=already.values("organisation"))
                .exclude(pk__in=reminded_today(state, now))
            )
            reminded = remind(state, organisations, days_before=days, now=now)
        if reminded:
            sent.append((state, reminded))
    return sent


def remind_now(state, user, now=None):
    """An editor's "Remind now": every organisation that has not answered and has had no reminder
    today. Refused once the review has closed, and when there is no one left to remind today."""
    now = now or timezone.now()
    with transaction.atomic():
        state = MemberReviewTaskState.objects.select_for_update().get(pk=state.pk)
        if not running_reviews().filter(pk=state.pk).exists() or state.deadline <= now:
            raise ReminderRefused(_("This member review has closed."))
        organisations = state.unanswered().exclude(pk__in=reminded_today(state, now))
        reminded = remind(state, organisations, user=user, now=now)
    if not reminded:
        raise ReminderRefused(
            _("Every organisation that has not answered has already been reminded today.")
        )
    return reminded
