"""E-mail to the member organisations' representatives: the invitation when a review opens, the
reminders before its deadline and the outcome when it ends.

Each message is written in the language its reader chose for the admin and carries their personal
vote link. Messages go to the outbox (home/core/outbox.py), whose worker sends them and tries
again when the mail server fails.
"""

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.models import Page

from home.models import NetworkSettings
from member_review.models import running_reviews
from members.models import MemberOrganisation, Representative

from .vote_links import vote_link
from .voting import review_url


def representatives_of(organisations):
    """The active representatives, with an e-mail address, of `organisations`."""
    return (
        Representative.objects.filter(organisation__in=organisations, user__is_active=True)
        .exclude(user__email="")
        .select_related("user__wagtail_userprofile", "organisation")
        .order_by("organisation__name", "user__last_name")
    )


def mail_language(user):
    """The language a user chose for the admin, if the site has it; the site's language otherwise."""
    profile = getattr(user, "wagtail_userprofile", None)
    chosen = profile.preferred_language if profile else ""
    return chosen if chosen in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE


def site_address(path):
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/") + path


def network_reply_to():
    """The network's own address from its settings, where a reply to a review e-mail goes.
    Read only: NetworkSettings.for_site() would create the settings row, and with it a purge of
    every page's chrome, as a side effect of sending mail."""
    address = (
        NetworkSettings.objects.filter(site__is_default_site=True)
        .values_list("email", flat=True)
        .first()
    )
    return [address] if address else None


def messages_for(task_state, representatives, kind, with_vote_link=True, **context):
    """One message of `kind` (templates member_review/email/<kind>_subject.txt and _body.txt) to
    each of `representatives`, each in its reader's language."""
    page = task_state.workflow_state.content_object.specific
    reviewed = task_state.revision.as_object()
    task = task_state.task.specific
    common = {
        "page": page,
        "summary": getattr(reviewed, "summary", ""),
        "contact_persons": list(reviewed.contact_persons.all())
        if hasattr(reviewed, "contact_persons")
        else [],
        "task": task,
        "task_state": task_state,
        "admin_link": site_address(review_url(task_state)),
        **context,
    }
    reply_to = network_reply_to()
    for representative in representatives:
        user = representative.user
        language = mail_language(user)
        with translation.override(language):
            values = common | {
                "representative": representative,
                "link": vote_link(task_state, user, language) if with_vote_link else None,
                "help_link": site_address(reverse("member_review_help")),
            }
            subject = render_to_string(f"member_review/email/{kind}_subject.txt", values)
            body = render_to_string(f"member_review/email/{kind}_body.txt", values)
        yield EmailMessage(
            subject=" ".join(subject.split()), body=body, to=[user.email], reply_to=reply_to
        )


def review_messages(task_state):
    organisations = MemberOrganisation.objects.active()
    return messages_for(task_state, representatives_of(organisations), "opened")


def notify_representatives(task_state):
    """Queue the invitations after the transaction commits, and only if the review is still open
    then: it may have rolled back, or ended in the same transaction (an administrator publishing,
    say). A failure here is logged, never shown to the editor whose change has already been
    saved."""

    def send():
        if running_reviews().filter(pk=task_state.pk).exists():
            get_connection().send_messages(list(review_messages(task_state)))

    transaction.on_commit(send, robust=True)


def send_reminder_messages(task_state, organisations):
    """Queue a reminder to every representative of `organisations`, in the current transaction:
    the reminder rows and their messages are saved together or not at all."""
    representatives = representatives_of(organisations)
    get_connection().send_messages(list(messages_for(task_state, representatives, "reminder")))


def notify_outcome(task_state, adopted):
    """After the transaction that ended the review commits, tell every representative of its
    electorate how it ended: adopted, with the published page's address, or not adopted."""

    def send():
        # Read again: the adoption published the page in the transaction that just committed.
        page = Page.objects.get(pk=task_state.workflow_state.object_id).specific
        organisations = task_state.electorate().filter(active=True)
        messages = messages_for(
            task_state,
            representatives_of(organisations),
            "outcome",
            with_vote_link=False,
            adopted=adopted,
            tally=task_state.tally(),
            page_url=page.full_url if adopted and page.live else None,
        )
        get_connection().send_messages(list(messages))

    transaction.on_commit(send, robust=True)
