"""Who sees what of a member review: representatives vote, editors follow the tally."""

from django.db.models import F

from wagtail.models import TaskState, WorkflowState

from positions.models.organisations import Representative
from positions.models.review import MemberReviewTaskState

VOTE = "vote"
TALLY = "tally"


def review_role(user, page):
    """VOTE for a representative of an active member, TALLY for those who may edit the page."""
    if Representative.voting_organisation(user) is not None:
        return VOTE
    if page.permissions_for_user(user).can_edit():
        return TALLY
    return None


def running_reviews():
    """Member reviews that are open: the current task of a workflow in progress."""
    return MemberReviewTaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS,
        workflow_state__status=WorkflowState.STATUS_IN_PROGRESS,
        workflow_state__current_task_state=F("pk"),
    )


def running_reviews_of(page):
    return running_reviews().filter(
        workflow_state__base_content_type=page.get_base_content_type(),
        workflow_state__object_id=str(page.pk),
    )


def running_review(page):
    """The member review `page` is in now, or None."""
    return running_reviews_of(page).select_related("task", "revision").first()
