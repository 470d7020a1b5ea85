"""The member review as editors see it: in the page editor and on the dashboard."""

from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import Panel
from wagtail.admin.ui.components import Component

from member_review.models import running_reviews
from members.models.organisations import Representative

from .access import running_review
from .summary import review_summary, unanswered_organisations


class MemberReviewPanel(Panel):
    """The running review's tally at the top of a statement's edit form; nothing otherwise."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("heading", _("Member review"))
        super().__init__(*args, **kwargs)

    class BoundPanel(Panel.BoundPanel):
        template_name = "member_review/tally_panel.html"

        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            self.review = running_review(self.instance) if self.instance.pk else None

        def is_shown(self):
            return self.review is not None

        def get_context_data(self, parent_context=None):
            context = super().get_context_data(parent_context)
            return (
                context
                | review_summary(self.review)
                | {"unanswered": unanswered_organisations(self.review)}
            )


class MemberReviewsDashboardPanel(Component):
    """Open member reviews: what a representative is asked to answer, or what editors follow."""

    name = "member_reviews"
    template_name = "member_review/dashboard_panel.html"
    order = 50

    def __init__(self, user):
        self.user = user

    def get_context_data(self, parent_context):
        organisation = Representative.voting_organisation(self.user)
        states = (
            running_reviews()
            .select_related("task", "revision", "workflow_state")
            .order_by("deadline")
        )
        reviews = []
        for state in states:
            summary = review_summary(state)
            if organisation is not None:
                summary["vote"] = state.votes.filter(organisation=organisation).first()
            reviews.append(summary)
        return {"reviews": reviews, "organisation": organisation}
