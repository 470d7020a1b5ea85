"""What happens when a workflow is approved: the reviewed revision goes live, never a later one.

Whether it may go live at all is decided where every publication passes, in `home.core.publication`
and the page type's `publication_refusal`; this module only does the work of a finished workflow.
"""

from django.utils import timezone

from wagtail.log_actions import LogContext, log
from wagtail.models import TaskState

from positions.models import Adoption, Endorsement
from positions.models.review import MemberReviewTaskState, VoteChoice


def publish_reviewed_revision(workflow_state, user=None):
    """Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION: publish the revision the last task approved."""
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
    tally = record_adoption(page, revision, review)
    # The members adopted it, not the representative whose vote happened to decide it.
    with LogContext(user=None):
        revision.publish(user=None, skip_permission_checks=True, log_action=False)
        log(
            instance=page,
            action="positions.adopted",
            revision=revision,
            data={"task_state_id": review.pk, "endorse": tally.endorse, "eligible": tally.eligible},
        )


def record_adoption(page, revision, review):
    """The members' decision becomes the page's endorsements and, if unset, its adoption date."""
    endorsing = list(
        review.current_votes()
        .filter(choice=VoteChoice.ENDORSE)
        .values_list("organisation_id", flat=True)
    )
    Endorsement.objects.filter(page=page).exclude(organisation_id__in=endorsing).delete()
    for organisation_id in endorsing:
        Endorsement.objects.update_or_create(
            page=page, organisation_id=organisation_id, defaults={"revision": revision}
        )
    # The adoption date is the one field the decision itself supplies; it is written into the
    # reviewed revision so that the published text stays exactly what the members read.
    if "date_adopted" in revision.content and not revision.content["date_adopted"]:
        decided_on = timezone.localdate(review.finished_at)
        revision.content["date_adopted"] = decided_on.isoformat()
        revision.save(update_fields=["content"])
    tally = review.tally()
    Adoption.objects.update_or_create(
        page=page,
        defaults={
            "task_state": review,
            "endorse": tally.endorse,
            "eligible": tally.eligible,
            "adopted_at": review.finished_at,
        },
    )
    return tally
