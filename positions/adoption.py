"""What the members' adoption of a revision means for a statement or consultation response:
the organisations that endorsed it, "N of M", the adoption date and the separate statements
published beside it."""

from django.utils import timezone

from member_review.choices import VoteChoice
from member_review.models import MemberReviewTaskState, SeparateStatement
from member_review.signals import revision_adopted

from .models import Adoption, Endorsement


def connect():
    revision_adopted.connect(
        record_adoption, sender=MemberReviewTaskState, dispatch_uid="positions-record-adoption"
    )


def record_adoption(sender, review, page, revision, **kwargs):
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
    # The separate statements of this review whose organisations consented go beside the text,
    # in place of those of an earlier adoption.
    # Only those of organisations that did not endorse: cast_vote withdraws an endorser's
    # statement, and this holds whatever wrote the row.
    SeparateStatement.objects.filter(page=page).update(page=None)
    review.separate_statements.filter(publish=True).exclude(organisation_id__in=endorsing).update(
        page=page
    )
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
