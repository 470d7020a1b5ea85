"""Where a representative gives their organisation's input: in the admin, or from the e-mail's
personal link on the public site. Both save through `member_input.save_input`."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_protect
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from home.core.navigation import url_in_each_language
from member_review.representative_gate import RepresentativeViewMixin
from members.models import Representative

from .forms import MemberInputForm
from .input_links import InputLinkRefused, open_input_link
from .member_input import (
    InputRefused,
    cases_open_to,
    input_of,
    input_refusal,
    save_input,
)
from .panels import InputWantedPanel

SAVED = "saved"


def initial_for(entry):
    return {"text": entry.text} if entry else {}


def saved_input(form, case, user):
    """Save a valid form's input; the refusal as a form error, None when saved."""
    try:
        return save_input(
            case,
            user,
            form.cleaned_data["text"],
            upload=form.cleaned_data["file"],
            remove_file=form.cleaned_data["remove_file"],
        )
    except InputRefused as refused:
        form.add_error(None, str(refused))
        return None


class InputListView(RepresentativeViewMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "positions/remiss/input_list.html"
    header_icon = "doc-full"
    page_title = gettext_lazy("Consultations: your input")

    def get_context_data(self, **kwargs):
        return (
            super().get_context_data(**kwargs)
            | InputWantedPanel(self.organisation).get_context_data(None)
            | {"organisation": self.organisation}
        )


class InputView(RepresentativeViewMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "positions/remiss/input.html"
    header_icon = "doc-full"
    page_title = gettext_lazy("Your input")

    def dispatch(self, request, *args, case_id, **kwargs):
        # Only what the organisation is asked about, or once answered: a representative learns
        # nothing of other consultations, drafts among them, by trying ids.
        organisation = Representative.voting_organisation(request.user)
        if organisation is None:
            raise PermissionDenied
        self.case = get_object_or_404(
            cases_open_to(organisation).select_related("page__authority"), pk=case_id
        )
        return super().dispatch(request, *args, case_id=case_id, **kwargs)

    def get_page_subtitle(self):
        return self.case.page.referral_title

    def get_context_data(self, form=None, **kwargs):
        entry = input_of(self.case, self.organisation)
        return super().get_context_data(**kwargs) | {
            "case": self.case,
            "page": self.case.page,
            "entry": entry,
            "organisation": self.organisation,
            "form": form or MemberInputForm(initial=initial_for(entry)),
            "refused": None if form else input_refusal(self.case, self.request.user),
        }

    def post(self, request, case_id):
        form = MemberInputForm(request.POST, request.FILES)
        if form.is_valid() and saved_input(form, self.case, request.user):
            messages.success(request, _("Your organisation's input is saved. Thank you!"))
            return redirect("positions_remiss:input", case_id=self.case.pk)
        return self.render_to_response(self.get_context_data(form=form), status=400)


@method_decorator([never_cache, csrf_protect], name="dispatch")
class InputByLinkView(View):
    """The public page of the personal link. Opening it changes nothing and logs no one in."""

    def dispatch(self, request, token):
        try:
            self.request_for_input = open_input_link(token)
        except InputLinkRefused as refused:
            return self.refused(request, token, refused)
        return super().dispatch(request, token)

    def get(self, request, token):
        entry = self.entry()
        return self.page(request, token, MemberInputForm(initial=initial_for(entry)), entry)

    def post(self, request, token):
        asked = self.request_for_input
        form = MemberInputForm(request.POST, request.FILES)
        if form.is_valid() and saved_input(form, asked.case, asked.user):
            return redirect(request.path + "?" + urlencode({SAVED: 1}))
        return self.page(request, token, form, self.entry(), status=400)

    def entry(self):
        return input_of(self.request_for_input.case, self.request_for_input.organisation)

    def page(self, request, token, form, entry, status=200):
        asked = self.request_for_input
        context = {
            "page_title": _("Your input on a consultation"),
            "case": asked.case,
            "consultation": asked.case.page,
            "organisation": asked.organisation,
            "entry": entry,
            "saved": bool(request.GET.get(SAVED)) and entry is not None,
            "form": form,
            "language_links": url_in_each_language("consultation_input_link", token),
        }
        response = TemplateResponse(
            request, "positions/remiss/input_by_link.html", context, status=status
        )
        # The address is the credential (see member_review/vote_link_views.py).
        response["Referrer-Policy"] = "same-origin"
        return response

    def refused(self, request, token, refused):
        context = {
            "page_title": _("Your input on a consultation"),
            "message": refused.message,
            "login_url": reverse("wagtailadmin_login")
            + "?"
            + urlencode({"next": reverse("positions_remiss:inputs")}),
            "language_links": url_in_each_language("consultation_input_link", token),
        }
        return TemplateResponse(
            request, "positions/remiss/input_link_refused.html", context, status=refused.status
        )
