"""Every e-mail waits in the outbox and is sent by the worker, so no request waits for a mail server.

`EMAIL_BACKEND` is `QueueingEmailBackend`: whatever sends mail (the member review, Wagtail's
workflow notices, password resets) writes an `OutgoingEmail` row and a task for the worker in the
transaction that caused it, so both are kept or both are rolled back. `manage.py db_worker
--backend email` runs `deliver`, which sends through `EMAIL_DELIVERY_BACKEND` (SMTP in
production). A message that fails is tried again with a growing pause for a day, then shown as
"Could not be sent" in the admin's report "E-post", where an administrator can send it again.
"""

import base64
import logging
from datetime import timedelta
from email.utils import make_msgid

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.utils import timezone

from django_tasks import task

from home.models import OutgoingEmail

logger = logging.getLogger(__name__)

RETRY_FOR = timedelta(days=1)
LONGEST_PAUSE = timedelta(hours=2)


class QueueingEmailBackend(BaseEmailBackend):
    def send_messages(self, email_messages):
        for message in email_messages:
            queue(message)
        return len(email_messages)


def queue(message):
    """Put `message` in the outbox; the worker sends it once the current transaction commits."""
    message.extra_headers.setdefault("Message-ID", make_msgid(domain=message_domain()))
    with transaction.atomic():
        email = OutgoingEmail.objects.create(
            subject=message.subject,
            recipients=", ".join(message.recipients()),
            message=serialised(message),
            message_id=message.extra_headers["Message-ID"],
        )
        deliver.enqueue(email.pk)
    return email


def send_again(email):
    """An administrator's "Send again": one more try now, however the earlier ones ended."""
    with transaction.atomic():
        OutgoingEmail.objects.filter(pk=email.pk).exclude(status=OutgoingEmail.Status.SENT).update(
            status=OutgoingEmail.Status.QUEUED, next_attempt_at=None
        )
        deliver.enqueue(email.pk)


@task(backend="email")
def deliver(email_id):
    """Send one message from the outbox, at most once, or schedule its next try."""
    with transaction.atomic():
        # The row stays locked while the mail server answers (EMAIL_TIMEOUT at most), so a
        # second task for the same message ("send again" during a retry) waits and then skips.
        email = OutgoingEmail.objects.select_for_update().filter(pk=email_id).first()
        if email is None or email.status == OutgoingEmail.Status.SENT:
            return
        email.attempts += 1
        email.last_attempt_at = timezone.now()
        try:
            with get_connection(settings.EMAIL_DELIVERY_BACKEND) as connection:
                connection.send_messages([restored(email.message)])
        except Exception as error:  # noqa: BLE001: whatever the mail server did, try again later
            schedule_retry(email, error)
        else:
            email.status = OutgoingEmail.Status.SENT
            email.sent_at = email.last_attempt_at
            email.next_attempt_at = None
            email.last_error = ""
        email.save()


def schedule_retry(email, error):
    email.last_error = f"{type(error).__name__}: {error}"[:2000]
    if email.last_attempt_at - email.created_at >= RETRY_FOR:
        email.status = OutgoingEmail.Status.FAILED
        email.next_attempt_at = None
        logger.error("E-mail %s to %s given up: %s", email.pk, email.recipients, email.last_error)
        return
    email.status = OutgoingEmail.Status.RETRYING
    email.next_attempt_at = email.last_attempt_at + pause_after(email.attempts)
    deliver.using(run_after=email.next_attempt_at).enqueue(email.pk)
    logger.warning(
        "E-mail %s to %s not sent (%s); next try at %s",
        email.pk, email.recipients, email.last_error, email.next_attempt_at.isoformat(),
    )  # fmt: skip


def pause_after(attempts):
    """1, 2, 4, 8 … minutes, then every two hours: about seventeen tries in the day."""
    return min(timedelta(minutes=2 ** (attempts - 1)), LONGEST_PAUSE)


def message_domain():
    return settings.DEFAULT_FROM_EMAIL.rpartition("@")[2].strip("> ") or "localhost"


def serialised(message):
    return {
        "subject": message.subject,
        "body": message.body,
        "from_email": message.from_email,
        "to": list(message.to),
        "cc": list(message.cc),
        "bcc": list(message.bcc),
        "reply_to": list(message.reply_to),
        "headers": dict(message.extra_headers),
        "alternatives": [
            [content, mimetype] for content, mimetype in getattr(message, "alternatives", [])
        ],
        "attachments": [attachment_data(attachment) for attachment in message.attachments],
    }


def attachment_data(attachment):
    filename, content, mimetype = attachment
    if isinstance(content, str):
        content = content.encode()
    return [filename, base64.b64encode(content).decode("ascii"), mimetype]


def restored(data):
    message = EmailMultiAlternatives(
        subject=data["subject"],
        body=data["body"],
        from_email=data["from_email"],
        to=data["to"],
        cc=data["cc"],
        bcc=data["bcc"],
        reply_to=data["reply_to"],
        headers=data["headers"],
        alternatives=[tuple(alternative) for alternative in data["alternatives"]],
    )
    for filename, content, mimetype in data["attachments"]:
        message.attach(filename, base64.b64decode(content), mimetype)
    return message
