from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models.signals import post_save, pre_save
from django.dispatch import receiver
from django.utils.translation import gettext as _

from wagtail.models import Revision, TaskState, WorkflowState
from wagtail.signals import task_submitted

from positions.models.endorsements import EndorsedPageMixin
from positions.models.review import MemberReviewTaskState

from .notifications import notify_representatives


@receiver(task_submitted, sender=MemberReviewTaskState)
def announce_review(sender, instance, **kwargs):
    notify_representatives(instance)


@receiver(pre_save, sender=Revision)
def keep_reviewed_revision_unchanged(sender, instance, **kwargs):
    """Members vote on a revision; nothing may rewrite it in place while they do."""
    if (
        instance.pk
        and MemberReviewTaskState.objects.filter(
            revision_id=instance.pk, status=TaskState.STATUS_IN_PROGRESS
        ).exists()
    ):
        raise PermissionDenied(_("This version is under member review and cannot be changed."))


@receiver(post_save)
def restart_review_on_edit(sender, instance, update_fields=None, **kwargs):
    """A new revision during member review starts the review again on the new text.

    The earlier votes stay with the cancelled task state, in the history, and no longer count.
    """
    if not isinstance(instance, EndorsedPageMixin) or "latest_revision" not in (
        update_fields or ()
    ):
        return
    with transaction.atomic():
        state = (
            MemberReviewTaskState.objects.select_for_update()
            .filter(
                status=TaskState.STATUS_IN_PROGRESS,
                workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
                workflow_state__base_content_type=instance.get_base_content_type(),
                workflow_state__object_id=str(instance.pk),
            )
            .exclude(revision_id=instance.latest_revision_id)
            .first()
        )
        if state is None:
            return
        state.workflow_state.copy_approved_task_states_to_revision(instance.latest_revision)
        state.cancel(
            user=instance.latest_revision.user,
            resume=True,
            comment=_("The text was edited during the member review, so the review started again."),
        )
