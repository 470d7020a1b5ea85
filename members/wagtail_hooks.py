from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.core.snippets import SnippetViewSet
from members.competence_profile import LOG_ACTION
from members.models import Competence, MemberOrganisation, Representative
from members.views import URL_NAME, OwnCompetencesPanel, OwnCompetencesView


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
    list_filter = ["municipality", "areas", "kind", "capacity", "active", "locale"]
    search_fields = ["name", "organisation_number"]
    search_backend_name = None


class CompetenceViewSet(SnippetViewSet):
    model = Competence
    icon = "tag"
    menu_label = _("Competences")
    list_display = ["name", "kind", "slug", "locale"]
    list_filter = ["kind", "locale"]
    search_fields = ["name", "slug"]
    search_backend_name = None


class RepresentativeViewSet(SnippetViewSet):
    model = Representative
    icon = "user"
    menu_label = _("Representatives")
    list_display = ["user", "organisation"]


class MembersViewSetGroup(SnippetViewSetGroup):
    items = (MemberOrganisationViewSet, CompetenceViewSet, RepresentativeViewSet)
    menu_icon = "group"
    menu_label = _("Members")
    menu_order = 200


register_snippet(MembersViewSetGroup)


@hooks.register("register_admin_urls")
def own_competences_url():
    # Opened to representatives in member_review/apps.py; the view finds their organisation.
    return [path("var-organisation/kompetenser/", OwnCompetencesView.as_view(), name=URL_NAME)]


@hooks.register("construct_main_menu")
def own_competences_for_representatives(request, menu_items):
    if Representative.voting_organisation(request.user) is not None:
        menu_items.append(
            MenuItem(
                _("Our competences"),
                reverse(URL_NAME),
                name="own-competences",
                icon_name="group",
                order=240,
            )
        )


@hooks.register("construct_homepage_panels")
def add_own_competences_panel(request, panels):
    organisation = Representative.voting_organisation(request.user)
    if organisation is not None:
        panels.append(OwnCompetencesPanel(organisation))


@hooks.register("register_log_actions")
def register_competences_log_action(actions):
    @actions.register_action(LOG_ACTION)
    class CompetencesChanged(LogFormatter):
        label = _("Competences changed by the organisation")
