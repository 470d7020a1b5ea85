"""Where a representative reports the needs their organisation sees, follows them, edits them
while they are new and gives or withdraws consent to publication. Each view finds the signals of
the representative's own organisation only: another organisation's is a 404."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from member_review.representative_gate import RepresentativeViewMixin
from members.models import Representative

from .forms import ConsentForm, NeedForm, ReportForm
from .models import Need, NeedStatus
from .triage import REPORTED_FIELDS, NeedRefused, edit, report, set_consent


def signals_of(organisation):
    return (
        Need.objects.of_organisation(organisation)
        .select_related("topic", "merged_into")
        .order_by("-reported_at", "-pk")
    )


class RepresentativeMixin(RepresentativeViewMixin):
    def get_breadcrumbs_items(self):
        items = [*self.breadcrumbs_items, {"url": reverse("needs:mine"), "label": _("Our signals")}]
        if self.page_title != _("Our signals"):
            items.append({"url": "", "label": self.get_page_title()})
        return items


class OwnNeedMixin(RepresentativeMixin):
    def dispatch(self, request, *args, pk, **kwargs):
        organisation = Representative.voting_organisation(request.user)
        if organisation is None:
            raise PermissionDenied
        self.need = get_object_or_404(signals_of(organisation), pk=pk)
        return super().dispatch(request, *args, pk=pk, **kwargs)

    def get_page_subtitle(self):
        return self.need.title


class MyNeedsView(RepresentativeMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "needs/admin/mine.html"
    header_icon = "help"
    page_title = gettext_lazy("Our signals")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "organisation": self.organisation,
            "needs": signals_of(self.organisation),
        }


class ReportView(RepresentativeMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "needs/admin/report.html"
    header_icon = "help"
    page_title = gettext_lazy("Report a need")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "organisation": self.organisation,
            "form": kwargs.get("form") or ReportForm(),
        }

    def post(self, request):
        form = ReportForm(request.POST)
        if form.is_valid():
            try:
                need = report(request.user, **form.cleaned_data)
            except NeedRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(
                    request, _("Thank you! The network's editors have received the signal.")
                )
                return redirect("needs:mine_detail", pk=need.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class MyNeedView(OwnNeedMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "needs/admin/my_need.html"
    header_icon = "help"
    page_title = gettext_lazy("Our signal")

    def get_context_data(self, **kwargs):
        need = self.need
        return super().get_context_data(**kwargs) | {
            "need": need,
            "organisation": self.organisation,
            "editable": need.status == NeedStatus.NEW,
            # What became of it; the editors' notes stay with the editors.
            "steps": need.events.filter(action__in=["reported", "status", "merged_into"]).order_by(
                "at", "pk"
            ),
            "answer": need.public_text("region_answer", get_language())[0]
            if need.status == NeedStatus.ANSWERED
            else "",
        }


class EditView(OwnNeedMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "needs/admin/edit.html"
    header_icon = "help"
    page_title = gettext_lazy("Change our signal")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "need": self.need,
            "form": kwargs.get("form") or NeedForm(instance=self.need),
            "refused": ""
            if self.need.status == NeedStatus.NEW
            else _("The editors have taken up the signal; its text can no longer be changed."),
        }

    def post(self, request, pk):
        form = NeedForm(request.POST, instance=Need.objects.get(pk=self.need.pk))
        if form.is_valid():
            fields = {name: form.cleaned_data[name] for name in REPORTED_FIELDS}
            try:
                edit(self.need, request.user, **fields)
            except NeedRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, _("The signal is changed."))
                return redirect("needs:mine_detail", pk=self.need.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


class ConsentView(MyNeedView):
    http_method_names = ["post"]

    def post(self, request, pk):
        form = ConsentForm(request.POST)
        if not form.is_valid():
            context = self.get_context_data(
                consent_error=_("Choose whether your organisation agrees.")
            )
            return self.render_to_response(context, status=400)
        consent = form.cleaned_data["consent"]
        set_consent(self.need, request.user, consent)
        if consent:
            messages.success(
                request,
                _(
                    "Thank you. The network may now publish its summary of the need, naming "
                    "your organisation."
                ),
            )
        else:
            messages.success(
                request,
                _("The consent is withdrawn. Nothing of the signal is public any more."),
            )
        return redirect("needs:mine_detail", pk=pk)
