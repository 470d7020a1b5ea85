"""The editors' screen for one consultation (remissärendet): the members' input, the submission
package, the delivery to the authority and the follow-up. Editors are those who may edit the
consultation response; representatives never reach it (member_review/representative_gate.py)."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Min
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from home.core.publication import RefusedChange
from member_review.models import is_adopted
from positions.models import (
    ConsultationCase,
    ConsultationResponsePage,
    MemberInput,
)
from positions.submission_package import make_package, safe_file_stem

from .delivery import (
    delivery_refusal,
    prepared_message,
    record_sent_by_hand,
    send_to_authority,
)
from .forms import (
    FollowUpForm,
    InputDeadlineForm,
    PinForm,
    RecordSentForm,
    SendForm,
    StatusForm,
)
from .handling import change_handling
from .input_requests import request_input
from .member_input import (
    collecting_input,
    inputs_csv,
    inputs_for_editors,
    organisations_without_input,
)


def cases_for(user):
    """The Swedish consultation responses `user` may edit, latest deadline first, each with its
    input count, first delivery and follow-up, in one query."""
    pages = (
        ConsultationResponsePage.objects.filter(locale=Locale.get_default())
        .select_related("authority", "case")
        .annotate(
            input_count=Count("case__inputs", distinct=True),
            sent_at=Min("case__deliveries__sent_at"),
        )
        .order_by("-response_deadline", "-pk")
    )
    permissions = PagePermissionPolicy()
    editable = permissions.instances_user_has_any_permission_for(user, {"change"})
    return pages.filter(pk__in=editable.values("pk"))


def case_of(page):
    case, _created = ConsultationCase.objects.get_or_create(page=page)
    case.page = page
    return case


class CaseMixin:
    """Loads the Swedish consultation response from the URL; only its editors get further."""

    def setup(self, request, *args, page_id, **kwargs):
        super().setup(request, *args, **kwargs)
        page = get_object_or_404(
            ConsultationResponsePage.objects.select_related("authority"), pk=page_id
        )
        if page.locale_id != Locale.get_default().pk:
            raise Http404
        self.page = page

    def dispatch(self, request, *args, **kwargs):
        if not self.page.permissions_for_user(request.user).can_edit():
            raise PermissionDenied
        self.case = case_of(self.page)
        return super().dispatch(request, *args, **kwargs)

    def back(self, anchor=""):
        return redirect(reverse("positions_remiss:case", args=[self.page.pk]) + anchor)


class CaseIndexView(WagtailAdminTemplateMixin, TemplateView):
    """Every consultation response the user may edit, with where its handling stands."""

    template_name = "positions/remiss/index.html"
    header_icon = "doc-full"
    page_title = gettext_lazy("Consultation cases")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"cases": cases_for(self.request.user)}


class CaseView(CaseMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "positions/remiss/case.html"
    header_icon = "doc-full"
    page_title = gettext_lazy("Consultation case")

    def get_page_subtitle(self):
        return self.page.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("positions_remiss:index"), "label": _("Consultation cases")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        case = self.case
        deliveries = list(case.deliveries.select_related("sent_by"))
        subject, body = prepared_message(case)
        return super().get_context_data(**kwargs) | {
            "page": self.page,
            "case": case,
            "collecting": collecting_input(case),
            "inputs": inputs_for_editors(case),
            "without_input": organisations_without_input(case),
            "deadline_form": kwargs.get("deadline_form") or InputDeadlineForm(instance=case),
            "pin_form": PinForm(instance=case),
            "status_form": StatusForm(initial={"status": self.page.status}),
            "adopted": self.page.live and is_adopted(self.page, self.page.live_revision_id),
            "deliveries": deliveries,
            "send_form": SendForm(),
            "record_form": RecordSentForm(initial={"sent_on": timezone.localdate()}),
            "send_refusal": delivery_refusal(case, "resend" if deliveries else ""),
            "record_refusal": delivery_refusal(case, "resend" if deliveries else "", by_hand=True),
            "prepared_subject": subject,
            "prepared_body": body,
            "follow_up_form": kwargs.get("follow_up_form") or FollowUpForm(instance=case),
        }


class CaseActionView(CaseMixin, View):
    http_method_names = ["post"]


class StatusView(CaseActionView):
    def post(self, request, page_id):
        form = StatusForm(request.POST)
        if self.case.deliveries.exists():
            messages.error(request, _("The response has been sent; its status stays answered."))
        elif form.is_valid():
            change_handling(self.page, status=form.cleaned_data["status"])
            messages.success(request, _("The status is saved."))
        return self.back()


class InputDeadlineView(CaseView):
    http_method_names = ["post"]

    def post(self, request, page_id):
        form = InputDeadlineForm(request.POST, instance=self.case)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(deadline_form=form), status=400)
        form.save()
        messages.success(request, _("The date for the members' input is saved."))
        return self.back("#input")


class RequestInputView(CaseActionView):
    def post(self, request, page_id):
        try:
            count = request_input(self.case, request.user)
        except RefusedChange as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("The request for input is on its way to %(count)d representatives.")
                % {"count": count},
            )
        return self.back("#input")


class InputsCsvView(CaseMixin, View):
    def get(self, request, page_id):
        response = HttpResponse(inputs_csv(self.case), content_type="text/csv; charset=utf-8")
        name = safe_file_stem(f"synpunkter {self.page.diarienummer or self.page.slug}")
        response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(f"{name}.csv")
        response["Cache-Control"] = "private, no-store"
        return response


class PinView(CaseActionView):
    def post(self, request, page_id):
        form = PinForm(request.POST, instance=self.case)
        form.save()
        messages.success(request, _("Which PDF the page shows is saved."))
        return self.back("#package")


class RemakePackageView(CaseActionView):
    def post(self, request, page_id):
        if not (self.page.live and is_adopted(self.page, self.page.live_revision_id)):
            messages.error(request, _("The package is made from the text the members adopted."))
            return self.back("#package")
        make_package(self.case)
        self.case.refresh_from_db()
        if self.case.package_error:
            messages.error(
                request,
                _("The package could not be made: %(error)s") % {"error": self.case.package_error},
            )
        else:
            messages.success(request, _("The PDF and the Word file were made again."))
        return self.back("#package")


class SendView(CaseActionView):
    def post(self, request, page_id):
        form = SendForm(request.POST)
        form.is_valid()
        reason = form.cleaned_data.get("resend_reason", "")
        try:
            delivery = send_to_authority(self.case, request.user, reason)
        except RefusedChange as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                _("The response is on its way to %(recipient)s.")
                % {"recipient": delivery.recipient},
            )
        return self.back("#delivery")


class RecordSentView(CaseActionView):
    def post(self, request, page_id):
        form = RecordSentForm(request.POST)
        if not form.is_valid():
            messages.error(request, _("Give the date the response was sent."))
            return self.back("#delivery")
        try:
            record_sent_by_hand(
                self.case,
                request.user,
                form.cleaned_data["sent_on"],
                form.cleaned_data["resend_reason"],
            )
        except RefusedChange as refused:
            messages.error(request, str(refused))
        else:
            messages.success(request, _("The delivery is recorded."))
        return self.back("#delivery")


class FollowUpView(CaseView):
    http_method_names = ["post"]

    def post(self, request, page_id):
        form = FollowUpForm(request.POST, instance=self.case)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(follow_up_form=form), status=400)
        case = form.save(commit=False)
        case.followed_up_at = timezone.now()
        case.followed_up_by = request.user
        case.save()
        messages.success(request, _("The follow-up is saved."))
        return self.back("#follow-up")


class InputFileView(View):
    """An attached file of the members' input, for the editors and the organisation itself."""

    def get(self, request, input_id):
        entry = get_object_or_404(
            MemberInput.objects.select_related("case__page", "organisation"), pk=input_id
        )
        own = entry.organisation.representatives.filter(user=request.user).exists()
        # Whoever may not read it learns nothing, not even that it exists.
        if not own and not entry.case.page.permissions_for_user(request.user).can_edit():
            raise Http404
        if not entry.file_content:
            raise Http404
        response = HttpResponse(bytes(entry.file_content), content_type=entry.file_type)
        response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(entry.file_name)
        response["Cache-Control"] = "private, no-store"
        response["X-Content-Type-Options"] = "nosniff"
        return response
