"""The e-mail to every representative of the active member organisations when a Swedish call is
first published while open: what is sought, the reply-by date and where to answer.

It is sent once per call. The announcement row is unique per call and made in the transaction
that queues the messages, so republishing, publishing a translation, scheduled publishing or two
workers publishing at once send nothing more: the second insert waits for the first and finds it.
"""

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from wagtail.signals import page_published

from member_review.notifications import (
    mail_language,
    network_reply_to,
    representatives_of,
    site_address,
)
from members.models import MemberOrganisation

from .answers import is_public
from .models import CallAnnouncement, CallPage


def announce(call):
    """Announce the Swedish `call` to the representatives unless it was announced before;
    returns how many messages were queued."""
    if not call.locale.is_default or not call.is_open() or not is_public(call):
        return 0
    with transaction.atomic():
        announcement, created = CallAnnouncement.objects.get_or_create(call_id=call.pk)
        if not created:
            return 0
        representatives = list(representatives_of(MemberOrganisation.objects.active()))
        get_connection().send_messages(list(messages(call, representatives)))
        announcement.recipients = len(representatives)
        announcement.save(update_fields=["recipients"])
    return len(representatives)


def messages(call, representatives):
    by_language = {
        translation_.locale.language_code: translation_
        for translation_ in call.get_translations(inclusive=True)
        .live()
        .specific()
        .select_related("locale")
    }
    admin_link = site_address(reverse("calls:answer", args=[call.pk]))
    reply_to = network_reply_to()
    competences = {}
    for representative in representatives:
        user = representative.user
        language = mail_language(user)
        shown = by_language.get(language, call)
        with translation.override(language):
            if language not in competences:
                competences[language] = [c.name for c in shown.localized_competences()]
            values = {
                "call": shown,
                "representative": representative,
                "page_link": shown.full_url,
                "admin_link": admin_link,
                "competences": competences[language],
            }
            subject = render_to_string("calls/email/announcement_subject.txt", values)
            body = render_to_string("calls/email/announcement_body.txt", values)
        yield EmailMessage(
            subject=" ".join(subject.split()), body=body, to=[user.email], reply_to=reply_to
        )


def call_published(sender, instance, **kwargs):
    announce(instance)


def connect():
    page_published.connect(call_published, sender=CallPage, dispatch_uid="calls-announce")
