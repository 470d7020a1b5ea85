"""The e-mail that asks the member organisations' representatives for their input, each with a
personal link, in the language each reader chose for the admin."""

from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from member_review.notifications import (
    mail_language,
    network_reply_to,
    representatives_of,
    site_address,
)
from members.models import MemberOrganisation
from positions.models import ConsultationCase

from .input_links import input_link
from .member_input import InputRefused, collecting_input


def request_input(case, user):
    """Ask every active member organisation's representatives for input on `case`; returns how
    many messages were queued."""
    with transaction.atomic():
        case = (
            ConsultationCase.objects.select_for_update(of=("self",))
            .select_related("page__authority")
            .get(pk=case.pk)
        )
        if not collecting_input(case):
            raise InputRefused(
                _("Set a date for the members' input, before the response deadline, first.")
            )
        representatives = list(representatives_of(MemberOrganisation.objects.active()))
        get_connection().send_messages([message(case, r) for r in representatives])
        case.input_requested_at = timezone.now()
        case.save(update_fields=["input_requested_at"])
    return len(representatives)


def message(case, representative):
    user = representative.user
    language = mail_language(user)
    with translation.override(language):
        values = {
            "case": case,
            "page": case.page,
            "representative": representative,
            "link": input_link(case, user, language),
            "admin_link": site_address(reverse("positions_remiss:input", args=[case.pk])),
        }
        subject = render_to_string("positions/remiss/email/input_request_subject.txt", values)
        body = render_to_string("positions/remiss/email/input_request_body.txt", values)
    return EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[user.email], reply_to=network_reply_to()
    )
