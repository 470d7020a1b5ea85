"""E-mail about signals, each message in the language its reader chose for the admin: to the
editors when a signal comes in, to the organisation's representatives when the editors forward
it to the region or record the region's answer. Queued in the transaction of the change
(home/core/outbox.py), so both are kept or neither."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Permission
from django.core.mail import EmailMessage, get_connection
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from member_review.notifications import (
    mail_language,
    network_reply_to,
    representatives_of,
    site_address,
)


def triagers():
    """Who triages signals: the active users who may change them, with an e-mail address."""
    may_change = Permission.objects.filter(content_type__app_label="needs", codename="change_need")
    return (
        get_user_model()
        .objects.filter(
            Q(is_superuser=True)
            | Q(groups__permissions__in=may_change)
            | Q(user_permissions__in=may_change),
            is_active=True,
        )
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("pk")
    )


def message(kind, user, reply_to=None, **values):
    """The e-mail `kind` (templates needs/email/<kind>_subject.txt and _body.txt) to `user`."""
    with translation.override(mail_language(user)):
        values["user"] = user
        subject = render_to_string(f"needs/email/{kind}_subject.txt", values)
        body = render_to_string(f"needs/email/{kind}_body.txt", values)
    return EmailMessage(
        subject=" ".join(subject.split()), body=body, to=[user.email], reply_to=reply_to
    )


def tell_editors_of_new(need):
    link = site_address(reverse("needs:triage", args=[need.pk]))
    messages = [message("new_need", user, need=need, link=link) for user in triagers()]
    get_connection().send_messages(messages)


def tell_organisation(need):
    link = site_address(reverse("needs:mine_detail", args=[need.pk]))
    reply_to = network_reply_to()
    messages = [
        message("status_changed", representative.user, reply_to, need=need, link=link)
        for representative in representatives_of([need.organisation])
    ]
    get_connection().send_messages(messages)
