"""The review screen: representatives read and vote, editors follow the tally."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views import View
from django.views.generic import TemplateView

from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin
from wagtail.admin.views.generic.models import RevisionsCompareView

from member_review.choices import VoteChoice
from member_review.models import MemberReviewTaskState
from members.models import Representative

from .access import TALLY, VOTE, review_role
from .forms import VoteForm, vote_form_initial
from .reminders import ReminderRefused, remind_now
from .summary import review_outcome, review_summary, unanswered_organisations
from .voting import VoteRefused, refusal


class ReviewMixin:
    """Loads the review from the URL and refuses anyone who neither votes nor edits the page."""

    def load_review(self, task_state_id):
        self.state = get_object_or_404(
            MemberReviewTaskState.objects.select_related("task", "revision", "workflow_state"),
            pk=task_state_id,
        )
        self.page = self.state.workflow_state.content_object.specific

    def dispatch(self, request, *args, **kwargs):
        self.role = review_role(request.user, self.state, self.page)
        if self.role is None:
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)


class ReviewView(ReviewMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "member_review/review.html"
    header_icon = "group"
    page_title = gettext_lazy("Member review")

    def setup(self, request, *args, task_state_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.load_review(task_state_id)

    def get_page_subtitle(self):
        return self.state.revision.object_str

    def get_breadcrumbs_items(self):
        return [
            *self.breadcrumbs_items,
            {"url": "", "label": self.get_page_title(), "sublabel": self.get_page_subtitle()},
        ]

    def get_context_data(self, form=None, **kwargs):
        context = super().get_context_data(**kwargs)
        closed = refusal(self.state, self.page)
        context |= {
            "page": self.page,
            "reviewed": self.state.revision.as_object(),
            "closed": closed,
            "outcome": review_outcome(self.state, self.page),
            "role": self.role,
            "preview_url": self.preview_url(closed),
            "changes_url": reverse("member_review:changes", args=[self.state.pk])
            if not closed
            and self.page.live
            and self.page.live_revision_id != self.state.revision_id
            else None,
            **review_summary(self.state),
        }
        if self.role == TALLY:
            context["unanswered"] = unanswered_organisations(self.state)
        if self.role == VOTE:
            organisation = Representative.voting_organisation(self.request.user)
            vote = self.state.votes.filter(organisation=organisation).first()
            context |= {
                "organisation": organisation,
                "vote": vote,
                "form": form or VoteForm(initial=vote_form_initial(self.state, organisation, vote)),
            }
        return context

    def preview_url(self, closed):
        """Representatives preview through the task while it runs; editors see the revision."""
        if self.role == VOTE:
            return (
                None
                if closed
                else reverse(
                    "wagtailadmin_pages:workflow_preview", args=[self.page.pk, self.state.task_id]
                )
            )
        return reverse(
            "wagtailadmin_pages:revisions_view", args=[self.page.pk, self.state.revision_id]
        )

    def post(self, request, *args, **kwargs):
        if self.role != VOTE:
            raise PermissionDenied
        form = VoteForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        task = self.state.task.specific
        try:
            task.on_action(
                self.state,
                request.user,
                form.cleaned_data["choice"],
                comment=form.cleaned_data["reason"],
                statement=form.cleaned_data["statement"],
                publish_statement=form.cleaned_data["publish_statement"],
            )
        except VoteRefused as refused:
            messages.error(request, str(refused))
            return self.render_to_response(self.get_context_data(form=form), status=400)
        messages.success(
            request,
            _("Your organisation's vote is recorded: %(choice)s.")
            % {"choice": VoteChoice(form.cleaned_data["choice"]).label},
        )
        return redirect("member_review:detail", self.state.pk)


class ReviewChangesView(ReviewMixin, RevisionsCompareView):
    """The revision under review against the live page, while the review is open.

    For a page never published there is nothing to compare with: the revision is shown whole,
    as new text. The page row of such a page holds its latest draft, which is never shown here.
    """

    template_name = "member_review/changes.html"

    def setup(self, request, *args, task_state_id, **kwargs):
        self.load_review(task_state_id)
        if refusal(self.state, self.page) is not None:
            raise Http404
        self.model = type(self.page)
        super().setup(
            request,
            pk=self.page.pk,
            revision_id_a="live",
            revision_id_b=self.state.revision_id,
        )

    def get_object(self, queryset=None):
        return self.page

    def get_edit_handler(self):
        return self.page.get_edit_handler()

    def _get_revision_and_heading(self, revision_id):
        if revision_id != "live":
            return self.state.revision.as_object(), _("Under review")
        if self.page.live:
            return self.page, _("Published")
        # An empty page of the same type: everything in the revision shows as added.
        return self.model(), _("Nothing published")

    def get_context_data(self, **kwargs):
        return super().get_context_data(**kwargs) | {"new_text": not self.page.live}

    def get_breadcrumbs_items(self):
        return [
            {
                "url": reverse("member_review:detail", args=[self.state.pk]),
                "label": _("Member review"),
            },
            {"url": "", "label": _("Changes"), "sublabel": self.page.get_admin_display_title()},
        ]


class RemindView(ReviewMixin, View):
    """An editor's "Remind now": a reminder to every organisation that has not answered."""

    http_method_names = ["post"]

    def setup(self, request, *args, task_state_id, **kwargs):
        super().setup(request, *args, **kwargs)
        self.load_review(task_state_id)

    def post(self, request, *args, **kwargs):
        if self.role != TALLY:
            raise PermissionDenied
        try:
            reminded = remind_now(self.state, request.user)
        except ReminderRefused as refused:
            messages.error(request, str(refused))
        else:
            messages.success(
                request,
                ngettext(
                    "A reminder is on its way to %(count)d organisation.",
                    "A reminder is on its way to %(count)d organisations.",
                    len(reminded),
                )
                % {"count": len(reminded)},
            )
        return redirect("member_review:detail", self.state.pk)
