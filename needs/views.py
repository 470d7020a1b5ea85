"""The editors' screens for signals ("Behov vi ser" in the admin menu): the list with its
filters, and each signal's triage screen with its history. Who may read them has the
permission `needs.view_need`; who may change them, `needs.change_need` (group Redaktörer by
migration; Administratörer decide who else). Representatives never reach them
(member_review/representative_gate.py)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from .forms import FilterForm, MergeForm, NoteForm, PublicForm, StatusForm
from .models import Need
from .triage import NeedRefused, add_note, change_status, merge, save_public_texts

PER_PAGE = 50


def may_read(user):
    return user.has_perm("needs.view_need") or user.has_perm("needs.change_need")


def may_triage(user):
    return user.has_perm("needs.change_need")


class ReaderMixin:
    def dispatch(self, request, *args, **kwargs):
        if not may_read(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class NeedIndexView(ReaderMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "needs/admin/index.html"
    header_icon = "help"
    page_title = gettext_lazy("Needs we see")

    def get_breadcrumbs_items(self):
        return [*self.breadcrumbs_items, {"url": "", "label": self.get_page_title()}]

    def get(self, request):
        form = FilterForm(request.GET)
        valid = form.is_valid()
        needs = Need.objects.select_related("organisation", "topic", "merged_into").order_by(
            "-reported_at", "-pk"
        )
        listed = Paginator(form.filter(needs) if valid else needs.none(), PER_PAGE)
        items = listed.get_page(request.GET.get("p"))
        context = self.get_context_data(
            form=form,
            items=items,
            elided_page_range=listed.get_elided_page_range(items.number),
        )
        return self.render_to_response(context, status=200 if valid else 400)


class NeedMixin(ReaderMixin):
    """Loads the signal from the URL, for those who may read signals."""

    def setup(self, request, *args, pk, **kwargs):
        super().setup(request, *args, **kwargs)
        self.pk = pk

    def dispatch(self, request, *args, **kwargs):
        if not may_read(request.user):
            raise PermissionDenied
        self.need = get_object_or_404(
            Need.objects.select_related("organisation", "topic", "reported_by", "merged_into"),
            pk=self.pk,
        )
        return super().dispatch(request, *args, **kwargs)

    def back(self, anchor=""):
        return redirect(reverse("needs:triage", args=[self.need.pk]) + anchor)


class TriageView(NeedMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "needs/admin/triage.html"
    header_icon = "help"
    page_title = gettext_lazy("Signal")

    def get_page_subtitle(self):
        return self.need.title

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": reverse("needs:index"), "label": _("Needs we see")},
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, **kwargs):
        need = self.need
        return super().get_context_data(**kwargs) | {
            "need": need,
            "may_triage": may_triage(self.request.user),
            "events": need.events.select_related("user", "other").order_by("at", "pk"),
            "merged": need.merged.select_related("organisation").order_by("pk"),
            "status_form": kwargs.get("status_form") or StatusForm(need=need),
            "note_form": kwargs.get("note_form") or NoteForm(),
            "merge_form": kwargs.get("merge_form") or MergeForm(need=need),
            "public_form": kwargs.get("public_form") or PublicForm(instance=need),
        }


class ActionView(TriageView):
    """A change on the triage screen: refused with the reason, or done and logged."""

    http_method_names = ["post"]
    form_name = None
    anchor = ""

    def dispatch(self, request, *args, **kwargs):
        if not may_triage(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form(self, data):
        raise NotImplementedError

    def act(self, form):
        raise NotImplementedError

    def post(self, request, pk):
        form = self.form(request.POST)
        if form.is_valid():
            try:
                message = self.act(form)
            except NeedRefused as refused:
                form.add_error(None, str(refused))
            else:
                messages.success(request, message)
                return self.back(self.anchor)
        context = self.get_context_data(**{self.form_name: form})
        return self.render_to_response(context, status=400)


class StatusView(ActionView):
    form_name = "status_form"
    anchor = "#status"

    def form(self, data):
        return StatusForm(data, need=self.need)

    def act(self, form):
        need = change_status(
            self.need, self.request.user, form.cleaned_data["status"], form.cleaned_data["note"]
        )
        return _("The signal is now “%(status)s”.") % {"status": need.get_status_display()}


class NoteView(ActionView):
    form_name = "note_form"
    anchor = "#history"

    def form(self, data):
        return NoteForm(data)

    def act(self, form):
        add_note(self.need, self.request.user, form.cleaned_data["note"])
        return _("The note is saved.")


class MergeView(ActionView):
    form_name = "merge_form"

    def form(self, data):
        return MergeForm(data, need=self.need)

    def act(self, form):
        target = form.cleaned_data["target"]
        merge(self.need, target, self.request.user, form.cleaned_data["note"])
        return _("The signal is merged into “%(title)s”.") % {"title": target.title}


class PublicView(ActionView):
    form_name = "public_form"
    anchor = "#public"

    def form(self, data):
        return PublicForm(data, instance=Need.objects.get(pk=self.need.pk))

    def act(self, form):
        texts = {name: form.cleaned_data[name] for name in form.Meta.fields}
        published = texts.pop("published")
        need = save_public_texts(self.need, self.request.user, texts, published)
        if need.is_public:
            return _("Saved. The signal is on the public page.")
        return " ".join(
            [_("Saved. The signal is not on the public page:"), *need.not_public_because()]
        )
