from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet

from home.core.snippets import SnippetViewSet
from positions.models import IssuingAuthority


class IssuingAuthorityViewSet(SnippetViewSet):
    model = IssuingAuthority
    icon = "site"
    menu_label = _("Issuing authorities")
    # Its own menu item: the members' menu belongs to members/, which cannot know of this one.
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "slug"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(IssuingAuthorityViewSet)
