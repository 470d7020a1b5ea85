"""The admin's screens for calls: where a representative answers for their organisation, and
where editors read the answers and export them for the partner. Both keep answers through
`answers.save_answer` and nowhere else."""

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Q
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.models import Locale
from wagtail.permission_policies.pages import PagePermissionPolicy

from member_review.representative_gate import RepresentativeViewMixin
from members.models import Representative

from .answers import (
    AnswerRefused,
    answer_of,
    answer_refusal,
    answers_by_call,
    answers_csv,
    answers_for_editors,
    calls_for_representatives,
    calls_open_to,
    organisations_without_answer,
    save_answer,
)
from .forms import CallAnswerForm
from .models import Answer, CallPage

ANSWERS_PERMISSION = "calls.view_callanswer"


# Representatives -----------------------------------------------------------------------------


class TitledMixin:
    """The page's title as the last breadcrumb, which Wagtail's header shows."""

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]


def open_calls_with_answers(organisation):
    """The calls open for answers, each with `organisation`'s answer or None."""
    calls = list(calls_for_representatives())
    answers = answers_by_call(calls, organisation)
    return [(call, answers.get(call.pk)) for call in calls]


class CallListView(RepresentativeViewMixin, TitledMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "calls/admin/representative_list.html"
    header_icon = "mail"
    page_title = gettext_lazy("Calls: your answers")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {
            "organisation": self.organisation,
            "calls": open_calls_with_answers(self.organisation),
        }


class AnswerView(RepresentativeViewMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "calls/admin/answer.html"
    header_icon = "mail"
    page_title = gettext_lazy("Your answer")

    def dispatch(self, request, *args, page_id, **kwargs):
        # Published calls, or one the organisation answered: a representative learns nothing of
        # drafts by trying ids.
        organisation = Representative.voting_organisation(request.user)
        if organisation is None:
            raise PermissionDenied
        self.call = get_object_or_404(calls_open_to(organisation), pk=page_id)
        return super().dispatch(request, *args, page_id=page_id, **kwargs)

    def get_page_subtitle(self):
        return self.call.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("calls:representative_list"), "label": _("Calls: your answers")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, form=None, refused=None, **kwargs):
        entry = answer_of(self.call, self.organisation)
        initial = (
            {"answer": entry.answer, "note": entry.note, "consent_to_name": entry.consent_to_name}
            if entry
            else {}
        )
        return super().get_context_data(**kwargs) | {
            "call": self.call,
            "competences": self.call.localized_competences(),
            "entry": entry,
            "organisation": self.organisation,
            "form": form or CallAnswerForm(initial=initial),
            "refused": refused or answer_refusal(self.call, self.request.user),
        }

    def post(self, request, page_id):
        form = CallAnswerForm(request.POST)
        if form.is_valid():
            try:
                save_answer(self.call, request.user, **form.cleaned_data)
            except AnswerRefused as refused:
                return self.render_to_response(
                    self.get_context_data(form=form, refused=str(refused)), status=400
                )
            messages.success(request, _("Your organisation's answer is saved. Thank you!"))
            return redirect("calls:answer", page_id=self.call.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


# Editors ---------------------------------------------------------------------------------------


def may_read_answers(user, page):
    return user.has_perm(ANSWERS_PERMISSION) and page.permissions_for_user(user).can_edit()


def calls_for(user):
    """The Swedish calls `user` may edit, latest reply-by date first, each with its answers
    counted, in one query."""
    editable = PagePermissionPolicy().instances_user_has_any_permission_for(user, {"change"})
    return (
        CallPage.objects.filter(locale=Locale.get_default(), pk__in=editable.values("pk"))
        .defer_streamfields()
        .annotate(
            participating=Count("answers", filter=Q(answers__answer=Answer.PARTICIPATE)),
            declining=Count("answers", filter=Q(answers__answer=Answer.DECLINE)),
        )
        .order_by("-reply_by", "-pk")
    )


class EditorIndexView(TitledMixin, WagtailAdminTemplateMixin, TemplateView):
    """Every call the user may edit, with its answers counted."""

    template_name = "calls/admin/index.html"
    header_icon = "mail"
    page_title = gettext_lazy("Calls")

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(ANSWERS_PERMISSION):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"calls": calls_for(self.request.user)}


class CallMixin:
    """Loads the Swedish call from the URL; only those who may edit it and read answers get
    further."""

    def setup(self, request, *args, page_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.call = get_object_or_404(CallPage.objects.defer_streamfields(), pk=page_id)
        if self.call.locale_id != Locale.get_default().pk:
            raise Http404

    def dispatch(self, request, *args, **kwargs):
        if not may_read_answers(request.user, self.call):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class AnswersView(CallMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "calls/admin/answers.html"
    header_icon = "mail"
    page_title = gettext_lazy("Answers to the call")

    def get_page_subtitle(self):
        return self.call.get_admin_display_title()

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("calls:index"), "label": _("Calls")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        answers = list(answers_for_editors(self.call))
        return super().get_context_data(**kwargs) | {
            "call": self.call,
            "answers": answers,
            "participating": sum(entry.participates for entry in answers),
            "declining": sum(not entry.participates for entry in answers),
            "named": sum(entry.participates and entry.consent_to_name for entry in answers),
            "without_answer": organisations_without_answer(self.call),
            "matching_count": self.call.matching_organisations().count(),
            "announcement": getattr(self.call, "announcement", None),
            "is_open": self.call.is_open(),
        }


class AnswersCsvView(CallMixin, View):
    def get(self, request, page_id):
        response = HttpResponse(answers_csv(self.call), content_type="text/csv; charset=utf-8")
        name = f"svar-{slugify(self.call.slug)[:80] or self.call.pk}.csv"
        response["Content-Disposition"] = "attachment; filename*=UTF-8''" + quote(name)
        response["Cache-Control"] = "private, no-store"
        return response
