"""Reviews whose deadline has passed are settled by a scheduled job (`close_member_reviews`)."""

from django.db import transaction
from django.utils import timezone

from wagtail.models import TaskState

from .models import MemberReviewTaskState
from .voting import settle


def close_expired_reviews(now=None):
    """Settle every review whose deadline has passed; returns the outcomes. Safe to run twice."""
    now = now or timezone.now()
    expired = MemberReviewTaskState.objects.filter(
        status=TaskState.STATUS_IN_PROGRESS, deadline__lte=now
    ).values_list("pk", flat=True)
    outcomes = []
    for pk in list(expired):
        with transaction.atomic():
            state = (
                MemberReviewTaskState.objects.select_for_update()
                .select_related("workflow_state", "task")
                .get(pk=pk)
            )
            if state.status == TaskState.STATUS_IN_PROGRESS:
                outcomes.append((state, settle(state, deadline_passed=True)))
    return outcomes
