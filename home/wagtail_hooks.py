from django.http import Http404
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.snippets.models import register_snippet

from home.core import admin_api, outbox_admin
from home.core.files import is_published
from home.core.snippets import SnippetViewSet
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
register_snippet(FooterText, viewset=SnippetViewSet)


@hooks.register("before_serve_document")
def serve_drafts_documents_only_to_the_admin(document, request):
    """Users of the admin review drafts, so they need a draft's documents before anyone else."""
    if not request.user.has_perm("wagtailadmin.access_admin") and not is_published(document):
        raise Http404


@hooks.register("construct_admin_api", order=1)  # after Wagtail's own, which it replaces
def admin_api_signs_in_through_the_session(router):
    admin_api.register_endpoints(router)


@hooks.register("register_admin_urls")
def outbox_urls():
    return outbox_admin.urlpatterns


@hooks.register("register_reports_menu_item")
def outbox_menu_item():
    return outbox_admin.menu_item()
