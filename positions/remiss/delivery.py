"""Sending the adopted response to the authority's registrator, once.

The e-mail carries the submission package (the PDF and the Word file) and a short cover text, has
the diarienummer and the referral's title in its subject, goes to the authority's registrator with
a copy to the network, and waits in the outbox until the mail server takes it. Each delivery is a
row with its date, message id and sender; a second one needs a stated reason and is logged as a
resend. Where the authority has no registrator address, the editor sends the files themselves and
records the delivery by hand.
"""

from email.utils import make_msgid

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from wagtail.log_actions import log

from home.core.outbox import message_domain
from home.core.publication import RefusedChange
from home.models import NetworkSettings
from member_review.models import adopted_revision_id, is_adopted
from positions.models import (
    ConsultationCase,
    ConsultationStatus,
    Delivery,
)
from positions.remiss.handling import change_handling


class DeliveryRefused(RefusedChange):
    """The response cannot be sent (or recorded as sent) now; the message says why."""


def network():
    """The network's name and address, read without creating the settings row."""
    settings = NetworkSettings.objects.filter(site__is_default_site=True).first()
    return {
        "name": settings.network_name if settings else "Idékammaren",
        "email": settings.email if settings else "",
    }


def delivery_refusal(case, resend_reason, by_hand=False):
    page = case.page
    if not page.live or not is_adopted(page, page.live_revision_id):
        return _("The response can be sent once the member organisations have adopted it.")
    if not (case.package_pdf_id and case.package_docx_id) or (
        case.package_revision_id != adopted_revision_id(page)
    ):
        return _("The response's PDF and Word file are missing. Make the package first.")
    if not by_hand and not page.authority.registrator_email:
        return _(
            "%(authority)s has no registrator's e-mail address. Send the files yourself and "
            "record the delivery."
        ) % {"authority": page.authority.name}
    first = case.deliveries.first()
    if first is not None and not resend_reason.strip():
        return _(
            "The response was already sent on %(date)s. To send it again, say why (a "
            "correction, say)."
        ) % {"date": timezone.localtime(first.sent_at).date().isoformat()}
    return None


def prepared_message(case):
    """The subject and cover text of the delivery, in Swedish, as sent or as shown to copy."""
    page = case.page
    values = {"page": page, "case": case, "network": network()}
    with translation.override("sv"):
        subject = render_to_string("positions/remiss/email/delivery_subject.txt", values)
        body = render_to_string("positions/remiss/email/delivery_body.txt", values)
    return " ".join(subject.split()), body


def attachment(document):
    with document.open_file() as file:
        return (f"{document.title}.{document.file_extension}", file.read(), content_type(document))


def content_type(document):
    return {
        "pdf": "application/pdf",
        "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    }.get(document.file_extension, "application/octet-stream")


def send_to_authority(case, user, resend_reason=""):
    """Send `case`'s package to the registrator; the Delivery recorded."""
    with transaction.atomic():
        # Locked: two presses of the button send one e-mail.
        case = locked(case)
        if refused := delivery_refusal(case, resend_reason):
            raise DeliveryRefused(refused)
        page = case.page
        subject, body = prepared_message(case)
        copy_to = network()["email"]
        message = EmailMessage(
            subject=subject,
            body=body,
            to=[page.authority.registrator_email],
            cc=[copy_to] if copy_to else [],
            reply_to=[copy_to] if copy_to else None,
            headers={"Message-ID": make_msgid(domain=message_domain())},
        )
        for document in (case.package_pdf, case.package_docx):
            message.attach(*attachment(document))
        get_connection().send_messages([message])
        return record(
            case,
            user,
            recipient=page.authority.registrator_email,
            message_id=message.extra_headers["Message-ID"],
            resend_reason=resend_reason,
        )


def record_sent_by_hand(case, user, sent_on, resend_reason=""):
    """The editor sent the package themselves; record when."""
    with transaction.atomic():
        case = locked(case)
        if refused := delivery_refusal(case, resend_reason, by_hand=True):
            raise DeliveryRefused(refused)
        if sent_on > timezone.localdate():
            raise DeliveryRefused(_("The date it was sent cannot be in the future."))
        if sent_on < case.page.received_date:
            raise DeliveryRefused(
                _("The date it was sent cannot be before the consultation was received.")
            )
        sent_at = timezone.make_aware(
            timezone.datetime.combine(sent_on, timezone.localtime().time())
        )
        return record(case, user, sent_at=sent_at, resend_reason=resend_reason)


def locked(case):
    return (
        ConsultationCase.objects.select_for_update(of=("self",))
        .select_related("page__authority", "package_pdf", "package_docx")
        .get(pk=case.pk)
    )


def record(case, user, recipient="", message_id="", resend_reason="", sent_at=None):
    page = case.page
    resend = case.deliveries.exists()
    delivery = Delivery.objects.create(
        case=case,
        sent_at=sent_at or timezone.now(),
        sent_by=user,
        recipient=recipient,
        message_id=message_id,
        revision=case.package_revision,
        resend_reason=resend_reason.strip() if resend else "",
    )
    if not resend:
        record_answered(page, timezone.localtime(delivery.sent_at).date())
    log(
        instance=page,
        action="positions.remiss.resent" if resend else "positions.remiss.sent",
        user=user,
        data={
            "recipient": recipient,
            "message_id": message_id,
            "reason": delivery.resend_reason,
            "by_hand": not message_id,
        },
    )
    return delivery


def record_answered(page, sent_on):
    """The response and its translations are answered, submitted on the first delivery's day."""
    change_handling(page, status=ConsultationStatus.ANSWERED, submitted_date=sent_on)
