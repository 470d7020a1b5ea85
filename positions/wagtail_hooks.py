from django.urls import include, path
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.auth import user_has_any_page_permission
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.core.snippets import SnippetViewSet
from positions.models import IssuingAuthority, MemberOrganisation, Representative
from positions.models.review import VoteChoice
from positions.review import urls as review_urls
from positions.review.panels import MemberReviewsDashboardPanel


class MemberOrganisationViewSet(SnippetViewSet):
    model = MemberOrganisation
    icon = "group"
    menu_label = _("Member organisations")
    list_display = [
        "name",
        "organisation_number",
        "municipality",
        BooleanColumn("active", label=_("Active")),
        "locale",
    ]
    list_filter = ["municipality", "areas", "active", "locale"]
    search_fields = ["name", "organisation_number"]
    search_backend_name = None


class RepresentativeViewSet(SnippetViewSet):
    model = Representative
    icon = "user"
    menu_label = _("Representatives")
    list_display = ["user", "organisation"]


class IssuingAuthorityViewSet(SnippetViewSet):
    model = IssuingAuthority
    icon = "site"
    menu_label = _("Issuing authorities")
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


class MembersViewSetGroup(SnippetViewSetGroup):
    items = (MemberOrganisationViewSet, RepresentativeViewSet, IssuingAuthorityViewSet)
    menu_icon = "group"
    menu_label = _("Members")
    menu_order = 200


register_snippet(MembersViewSetGroup)


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
        panels[:] = [p for p in panels if p.name != "workflow_objects_to_moderate"]
        panels.append(MemberReviewsDashboardPanel(user))
    elif user.has_perm("wagtailadmin.access_admin") and user_has_any_page_permission(user):
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
        return message


@hooks.register("register_log_actions")
def register_vote_log_actions(actions):
    @actions.register_action("positions.vote.endorse")
    class EndorseAction(VoteLogFormatter):
        label = _("Member review: endorse")
        verb = _("%(organisation)s endorses")

    @actions.register_action("positions.vote.abstain")
    class AbstainAction(VoteLogFormatter):
        label = _("Member review: abstain")
        verb = _("%(organisation)s abstains")

    @actions.register_action("positions.vote.object")
    class ObjectAction(VoteLogFormatter):
        label = _("Member review: object")
        verb = _("%(organisation)s objects")

    @actions.register_action("positions.adopted")
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


# Representatives reach only what they are asked about: positions/review/representative_gate.py.
@hooks.register("before_serve_document")
def refuse_draft_documents_to_representatives(document, request):
    from positions.review.representative_gate import refuse_document_to_representatives

    refuse_document_to_representatives(document, request)
