from django.utils.translation import gettext_lazy as _

from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSetGroup

from home.core.snippets import SnippetViewSet
from members.models import MemberOrganisation, Representative


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


class MembersViewSetGroup(SnippetViewSetGroup):
    items = (MemberOrganisationViewSet, RepresentativeViewSet)
    menu_icon = "group"
    menu_label = _("Members")
    menu_order = 200


register_snippet(MembersViewSetGroup)
