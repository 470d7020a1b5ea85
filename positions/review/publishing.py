"""What happens when a workflow is approved: the reviewed revision goes live, never a later one."""

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from wagtail.models import Locale, TaskState

from positions.models import Endorsement
from positions.models.endorsements import EndorsedPageMixin
from positions.models.review import MemberReviewTaskState, VoteChoice


def requires_member_review(page):
    """Swedish statements and consultation responses speak for the members, so they vote first."""
    return (
        isinstance(page, EndorsedPageMixin) and page.locale.language_code == settings.LANGUAGE_CODE
    )


def translates_unadopted_text(page):
    """A translation of a statement whose Swedish text the members have not adopted yet."""
    if not isinstance(page, EndorsedPageMixin) or requires_member_review(page):
        return False
    source = page.get_translation_or_none(Locale.get_default())
    return source is not None and not source.live


def publish_reviewed_revision(workflow_state, user=None):
    """Wagtail's WAGTAIL_FINISH_WORKFLOW_ACTION: publish the revision the last task approved."""
    page = workflow_state.content_object.specific
    approved = workflow_state.current_task_state
    review = (
        MemberReviewTaskState.objects.filter(
            workflow_state=workflow_state,
            status=TaskState.STATUS_APPROVED,
            revision_id=approved.revision_id,
        )
        .order_by("-finished_at")
        .first()
    )
    if requires_member_review(page) and review is None:
        raise PermissionDenied("A statement goes live only after an approved member review.")
    if translates_unadopted_text(page):
        raise PermissionDenied("A translation goes live only after the members adopt the original.")

    revision = approved.revision
    if review is not None:
        record_adoption(page, revision, review)
    # The finished workflow is the authority to publish; the approving editor needs no more.
    revision.publish(user=user, skip_permission_checks=True)


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
