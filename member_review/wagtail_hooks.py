from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.panels import FieldPanel
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from home.core.snippets import SnippetViewSet
from member_review import urls as review_urls
from member_review.access import edits_pages
from member_review.choices import VoteChoice
from member_review.models import SeparateStatement
from member_review.panels import MemberReviewsDashboardPanel
from member_review.representative_gate import refuse_document_to_representatives
from members.models import Representative

# Wagtail's list of pages awaiting the user's moderation, by its component name (see UPGRADING.md).
WAGTAIL_MODERATION_PANEL = "workflow_objects_to_moderate"


@hooks.register("register_admin_urls")
def register_member_review_urls():
    return [
        path("medlemsgranskning/", include(review_urls, namespace="member_review")),
    ]


@hooks.register("construct_homepage_panels")
def add_member_reviews_panel(request, panels):
    user = request.user
    if Representative.voting_organisation(user) is not None:
        # Representatives answer on the review screen; Wagtail's moderation list would only repeat it.
        panels[:] = [p for p in panels if p.name != WAGTAIL_MODERATION_PANEL]
        panels.append(MemberReviewsDashboardPanel(user))
    elif user.has_perm("wagtailadmin.access_admin") and edits_pages(user):
        panels.append(MemberReviewsDashboardPanel(user))


class VoteLogFormatter(LogFormatter):
    verb = ""

    def format_message(self, log_entry):
        organisation = log_entry.data.get("organisation", {}).get("name", "")
        message = self.verb % {"organisation": organisation}
        if previous := log_entry.data.get("previous"):
            message += " " + _("(changed from %(previous)s)") % {
                "previous": VoteChoice(previous).label
            }
        if log_entry.data.get("via") == "email":
            message += " " + _("(via e-mail)")
        return message


@hooks.register("register_log_actions")
def register_vote_log_actions(actions):
    @actions.register_action("member_review.vote.endorse")
    class EndorseAction(VoteLogFormatter):
        label = _("Member review: endorse")
        verb = _("%(organisation)s endorses")

    @actions.register_action("member_review.vote.abstain")
    class AbstainAction(VoteLogFormatter):
        label = _("Member review: abstain")
        verb = _("%(organisation)s abstains")

    @actions.register_action("member_review.vote.object")
    class ObjectAction(VoteLogFormatter):
        label = _("Member review: object")
        verb = _("%(organisation)s objects")

    @actions.register_action("member_review.adopted")
    class AdoptedAction(LogFormatter):
        label = _("Adopted by the members")

        def format_message(self, log_entry):
            return _("Adopted by the members: %(endorse)d of %(eligible)d") % {
                "endorse": log_entry.data.get("endorse", 0),
                "eligible": log_entry.data.get("eligible", 0),
            }


@hooks.register("construct_reports_menu")
def hide_reports_from_representatives(request, menu_items):
    """Reports list page history; a representative has none to see, so the menu stays away."""
    if Representative.voting_organisation(request.user) is not None:
        menu_items[:] = []


# Representatives reach only what they are asked about: member_review/representative_gate.py.
hooks.register("before_serve_document", refuse_document_to_representatives)


class SeparateStatementViewSet(SnippetViewSet):
    """Administrators hide a published separate statement, giving a reason; nobody edits its
    text, which is the organisation's. Only administrators have the permissions (migration
    member_review 0004); Wagtail logs each change with its user."""

    model = SeparateStatement
    icon = "openquote"
    menu_label = _("Separate statements")
    add_to_admin_menu = True
    menu_order = 330
    list_display = ["organisation", "page", "publish", "hidden_reason", "written_at"]
    panels = [FieldPanel("hidden_reason")]
    search_backend_name = None


register_snippet(SeparateStatementViewSet)
