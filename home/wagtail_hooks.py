from django.utils.translation import gettext_lazy as _

from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from home.models import ContactPerson, FooterText, Topic


class TopicViewSet(SnippetViewSet):
    model = Topic
    icon = "tag"
    menu_label = _("Topics")
    add_to_admin_menu = True
    menu_order = 300
    list_display = ["name", "slug", "locale"]
    search_fields = ["name", "slug"]
    search_backend_name = None


class ContactPersonViewSet(SnippetViewSet):
    model = ContactPerson
    icon = "user"
    menu_label = _("Contact persons")
    add_to_admin_menu = True
    menu_order = 310
    list_display = ["name", "role", "organisation", "email"]
    search_fields = ["name", "organisation", "email"]
    search_backend_name = None


register_snippet(TopicViewSet)
register_snippet(ContactPersonViewSet)
register_snippet(FooterText)
