"""E-mail to the member organisations' representatives when a review opens."""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from member_review.models import running_reviews
from members.models import MemberOrganisation, Representative

from .vote_links import vote_link
from .voting import review_url


def representatives_to_notify():
    """Every representative of every active member organisation, with an e-mail address."""
    return (
        Representative.objects.filter(
            organisation__in=MemberOrganisation.objects.active(),
            user__is_active=True,
        )
        .exclude(user__email="")
        .select_related("user__wagtail_userprofile", "organisation")
        .order_by("organisation__name", "user__last_name")
    )


def mail_language(user):
    """The language a user chose for the admin, if the site has it; the site's language otherwise."""
    profile = getattr(user, "wagtail_userprofile", None)
    chosen = profile.preferred_language if profile else ""
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def review_messages(task_state):
    page = task_state.workflow_state.content_object.specific
    admin_link = settings.WAGTAILADMIN_BASE_URL.rstrip("/") + review_url(task_state)
    task = task_state.task.specific
    for representative in representatives_to_notify():
        user = representative.user
        language = mail_language(user)
        with translation.override(language):
            context = {
                "page": page,
                "task": task,
                "task_state": task_state,
                "representative": representative,
                "link": vote_link(task_state, user, language),
                "admin_link": admin_link,
            }
            subject = render_to_string("member_review/email/opened_subject.txt", context)
            body = render_to_string("member_review/email/opened_body.txt", context)
        yield EmailMessage(subject=" ".join(subject.split()), body=body, to=[user.email])


def notify_representatives(task_state):
    """Queue the invitations after the transaction commits, and only if the review is still open
    then: it may have rolled back, or ended in the same transaction (an administrator publishing,
    say). The worker sends them (home/core/outbox.py); a failure here is logged, never shown to
    the editor whose change has already been saved."""

    def send():
        if running_reviews().filter(pk=task_state.pk).exists():
            get_connection().send_messages(list(review_messages(task_state)))

    transaction.on_commit(send, robust=True)
