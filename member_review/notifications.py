"""E-mail to the member organisations' representatives when a review opens."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from member_review.models import running_reviews
from members.models import MemberOrganisation, Representative

from .voting import review_url


def representatives_to_notify():
    """Every representative of every active member organisation, with an e-mail address."""
    return (
        Representative.objects.filter(
            organisation__in=MemberOrganisation.objects.active(),
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user", "organisation")
        .order_by("organisation__name", "user__last_name")
    )


def review_messages(task_state):
    page = task_state.workflow_state.content_object.specific
    link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + review_url(task_state)
    task = task_state.task.specific
    with translation.override(settings.LANGUAGE_CODE):
        for representative in representatives_to_notify():
            context = {
                "page": page,
                "task": task,
                "task_state": task_state,
                "representative": representative,
                "link": link,
            }
            subject = render_to_string("member_review/email/opened_subject.txt", context)
            body = render_to_string("member_review/email/opened_body.txt", context)
            yield EmailMessage(
                subject=" ".join(subject.split()),
                body=body,
                to=[representative.user.email],
            )


def notify_representatives(task_state):
    """Queue the invitations after the transaction commits, and only if the review is still open
    then: it may have rolled back, or ended in the same transaction (an administrator publishing,
    say). The worker sends them (home/core/outbox.py); a failure here is logged, never shown to
    the editor whose change has already been saved."""

    def send():
        if running_reviews().filter(pk=task_state.pk).exists():
            get_connection().send_messages(list(review_messages(task_state)))

    transaction.on_commit(send, robust=True)
