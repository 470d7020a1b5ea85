"""What the member review does when pages, revisions and tasks change, and what it tells the
apps above it: `revision_adopted`, sent when the members' decision publishes a revision."""

from django.core.exceptions import PermissionDenied
from django.db.models.signals import pre_save
from django.dispatch import Signal, receiver
from django.utils.translation import gettext as _

from wagtail.models import Revision, TaskState
from wagtail.signals import task_approved, task_rejected, task_submitted

from home.core.publication import RefusedChange

from .models import MemberReviewTaskState
from .notifications import notify_outcome, notify_representatives

# Sent with `review`, `page` and `revision` inside the adopting transaction, before the revision
# is published: receivers record what the adoption means for the page (endorsements, dates).
revision_adopted = Signal()


@receiver(task_submitted, sender=MemberReviewTaskState)
def announce_review(sender, instance, **kwargs):
    notify_representatives(instance)


@receiver(task_approved, sender=MemberReviewTaskState)
def announce_adoption(sender, instance, **kwargs):
    notify_outcome(instance, adopted=True)


@receiver(task_rejected, sender=MemberReviewTaskState)
def announce_rejection(sender, instance, **kwargs):
    notify_outcome(instance, adopted=False)


@receiver(task_submitted, sender=MemberReviewTaskState)
def carry_earlier_approvals(sender, instance, **kwargs):
    """Members vote on the text the editors approved, perhaps as revised after an edit or a
    rejection; the editorial approval moves to the revision under review, so that the members'
    approval finishes the workflow instead of sending it back to the editors."""
    approved = TaskState.objects.filter(
        workflow_state=instance.workflow_state, status=TaskState.STATUS_APPROVED
    ).exclude(task_id=instance.task_id)
    done = set(approved.filter(revision_id=instance.revision_id).values_list("task_id", flat=True))
    for state in approved.exclude(revision_id=instance.revision_id).order_by("-finished_at"):
        if state.task_id not in done:
            state.copy(update_attrs={"revision": instance.revision})
            done.add(state.task_id)


@receiver(pre_save, sender=Revision)
def keep_reviewed_revision_unchanged(sender, instance, raw=False, **kwargs):
    """Members vote on a revision; nothing may rewrite it in place while they do, nor after
    they adopted it, except the adoption date that the decision itself fills in."""
    if raw or not instance.pk:
        return
    reviews = MemberReviewTaskState.objects.filter(revision_id=instance.pk)
    if reviews.filter(status=TaskState.STATUS_IN_PROGRESS).exists():
        raise PermissionDenied(_("This version is under member review and cannot be changed."))
    if reviews.filter(status=TaskState.STATUS_APPROVED).exists():
        stored = Revision.objects.get(pk=instance.pk).content
        changed = {
            name
            for name in stored.keys() | instance.content.keys()
            if stored.get(name) != instance.content.get(name)
        }
        if changed - {"date_adopted"} or stored.get("date_adopted"):
            raise RefusedChange(_("The members adopted this version; it cannot be changed."))
