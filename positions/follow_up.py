"""Reminding the editors to follow up an answered consultation response.

Three months after a response's deadline (svarsdagen) the authority has usually decided, and the
editors should record what the decision made of the network's points (the case's follow-up,
shown on the page). Until they do, the response is listed on the editors' dashboard, and
`send_follow_up_reminders`, run daily from cron, e-mails the editors about it once.
"""

import calendar

from django.contrib.auth import get_user_model
from django.core.mail import EmailMessage, get_connection
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation

from wagtail.admin.ui.components import Component

from member_review.access import edits_pages
from member_review.notifications import mail_language, network_reply_to, site_address
from positions.models import ConsultationCase, ConsultationStatus

FOLLOW_UP_AFTER_MONTHS = 3
# The editors' group (home/migrations/0002_editors_group.py).
EDITORS = "Redaktörer"


def months_before(day, months):
    """The same day `months` calendar months earlier, or that month's last day if it is shorter."""
    year, month = divmod(day.year * 12 + day.month - 1 - months, 12)
    month += 1
    return day.replace(
        year=year, month=month, day=min(day.day, calendar.monthrange(year, month)[1])
    )


def needing_follow_up(today=None):
    """The cases of live, answered consultation responses whose deadline is three months past
    and whose follow-up is not recorded: the one rule for the dashboard and the e-mail."""
    today = today or timezone.localdate()
    return ConsultationCase.objects.filter(
        page__live=True,
        page__status=ConsultationStatus.ANSWERED,
        page__response_deadline__lte=months_before(today, FOLLOW_UP_AFTER_MONTHS),
        uptake="",
    )


class FollowUpDashboardPanel(Component):
    """The answered consultation responses whose follow-up is due, oldest deadline first."""

    name = "consultation_follow_ups"
    template_name = "positions/follow_up_panel.html"
    order = 60

    def get_context_data(self, parent_context):
        cases = needing_follow_up().select_related("page__authority")
        return {
            "cases": cases.order_by("page__response_deadline", "pk"),
            "months": FOLLOW_UP_AFTER_MONTHS,
        }


def add_follow_up_panel(request, panels):
    """Wagtail's `construct_homepage_panels`: the panel for those who edit pages."""
    if edits_pages(request.user):
        panels.append(FollowUpDashboardPanel())


def editors():
    """Who is reminded: the active editors and superusers with an e-mail address."""
    return (
        get_user_model()
        .objects.filter(Q(groups__name=EDITORS) | Q(is_superuser=True), is_active=True)
        .exclude(email="")
        .select_related("wagtail_userprofile")
        .distinct()
        .order_by("pk")
    )


def send_follow_up_reminders(now=None):
    """E-mail the editors about each response whose follow-up has become due, once: the case
    records when, in the transaction that queues the messages. Returns the cases reminded of;
    none while there is no editor to tell."""
    now = now or timezone.now()
    recipients = list(editors())
    if not recipients:
        return []
    with transaction.atomic():
        due = list(
            needing_follow_up(timezone.localdate(now))
            .filter(follow_up_reminded_at__isnull=True)
            .select_for_update(of=("self",))
            .select_related("page__authority")
            .order_by("page__response_deadline", "pk")
        )
        if due:
            # An update, not a save: the reminder is not public and purges no cache.
            ConsultationCase.objects.filter(pk__in=[case.pk for case in due]).update(
                follow_up_reminded_at=now
            )
            get_connection().send_messages(list(reminder_messages(due, recipients)))
    return due


def reminder_messages(cases, recipients):
    """One message per case to each of `recipients`, in the language they chose for the admin."""
    reply_to = network_reply_to()
    for case in cases:
        common = {
            "page": case.page,
            "edit_link": site_address(
                reverse("positions_remiss:case", args=[case.page_id]) + "#follow-up"
            ),
            "months": FOLLOW_UP_AFTER_MONTHS,
        }
        for user in recipients:
            with translation.override(mail_language(user)):
                values = common | {"user": user}
                subject = render_to_string("positions/email/follow_up_subject.txt", values)
                body = render_to_string("positions/email/follow_up_body.txt", values)
            yield EmailMessage(
                subject=" ".join(subject.split()), body=body, to=[user.email], reply_to=reply_to
            )
