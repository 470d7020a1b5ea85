"""What happens when a workflow is approved: the reviewed revision goes live, never a later one.

Whether it may go live at all is decided where every publication passes, in
`home.core.publication` and the page type's `publication_refusal`; this module only does the
work of a finished workflow.
"""

from wagtail.log_actions import LogContext, log
from wagtail.models import TaskState

from .models import MemberReviewTaskState
from .signals import revision_adopted


def publish_reviewed_revision(workflow_state, user=None):
    """Publish the revision the last task approved; a member review's is published as adopted."""
    page = workflow_state.content_object.specific
    revision = workflow_state.current_task_state.revision
    review = (
        MemberReviewTaskState.objects.filter(
            workflow_state=workflow_state,
            status=TaskState.STATUS_APPROVED,
            revision_id=revision.pk,
        )
        .order_by("-finished_at")
        .first()
    )
    if review is None:
        # The finished workflow is the authority to publish; the approving editor needs no more.
        revision.publish(user=user, skip_permission_checks=True)
        return
    tally = review.tally()
    # The members adopted it, not the representative whose vote happened to decide it.
    with LogContext(user=None):
        revision_adopted.send(
            sender=MemberReviewTaskState, review=review, page=page, revision=revision
        )
        revision.publish(user=None, skip_permission_checks=True, log_action=False)
        log(
            instance=page,
            action="member_review.adopted",
            revision=revision,
            data={"task_state_id": review.pk, "endorse": tally.endorse, "eligible": tally.eligible},
        )
