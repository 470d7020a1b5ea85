"""The admin's report "E-post": every message the site has queued, and "Send again"."""

from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from wagtail.admin import messages
from wagtail.admin.auth import user_passes_test
from wagtail.admin.filters import WagtailFilterSet
from wagtail.admin.menu import AdminOnlyMenuItem
from wagtail.admin.ui.tables import Column, DateColumn
from wagtail.admin.views.reports import ReportView

import django_filters

from home.core.outbox import send_again
from home.models import OutgoingEmail


def is_administrator(user):
    return user.is_active and user.is_superuser


class OutboxFilterSet(WagtailFilterSet):
    status = django_filters.ChoiceFilter(
        label=_("Status"), choices=OutgoingEmail.Status.choices, empty_label=_("All")
    )

    class Meta:
        model = OutgoingEmail
        fields = ["status"]


class SendAgainColumn(Column):
    cell_template_name = "home/outbox/send_again_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["unsent"] = instance.status != OutgoingEmail.Status.SENT
        context["action"] = reverse("outbox_send_again", args=[instance.pk])
        return context


@method_decorator(user_passes_test(is_administrator), name="dispatch")
class OutboxReport(ReportView):
    page_title = _("E-mail")
    header_icon = "mail"
    index_url_name = "outbox_report"
    index_results_url_name = "outbox_report_results"
    model = OutgoingEmail
    filterset_class = OutboxFilterSet
    columns = [
        Column("subject", label=_("Subject")),
        Column("recipients", label=_("Recipients")),
        Column("get_status_display", label=_("Status")),
        Column("attempts", label=_("Attempts")),
        DateColumn("created_at", label=_("Queued")),
        DateColumn("sent_at", label=_("Sent")),
        Column("last_error", label=_("Last error")),
        SendAgainColumn("send_again", label=""),
    ]
    list_export = [
        "created_at", "subject", "recipients", "status", "attempts", "sent_at", "next_attempt_at",
        "last_error", "message_id",
    ]  # fmt: skip

    def get_queryset(self):
        return OutgoingEmail.objects.all()

    def get_filename(self):
        return "e-post"


@require_POST
@user_passes_test(is_administrator)
def send_again_view(request, pk):
    email = get_object_or_404(OutgoingEmail, pk=pk)
    if email.status == OutgoingEmail.Status.SENT:
        messages.warning(request, _("“%(subject)s” has already been sent.") % {"subject": email})
    else:
        send_again(email)
        messages.success(request, _("“%(subject)s” will be sent again.") % {"subject": email})
    return redirect("outbox_report")


urlpatterns = [
    path("reports/e-post/", OutboxReport.as_view(), name="outbox_report"),
    path(
        "reports/e-post/results/",
        OutboxReport.as_view(results_only=True),
        name="outbox_report_results",
    ),
    path("reports/e-post/<row_id:pk>/send-again/", send_again_view, name="outbox_send_again"),
]


def menu_item():
    return AdminOnlyMenuItem(
        _("E-mail"), reverse("outbox_report"), name="e-mail", icon_name="mail", order=1100
    )
