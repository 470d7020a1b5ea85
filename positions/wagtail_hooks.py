from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter
from wagtail.snippets.models import register_snippet

from home.core.snippets import SnippetViewSet
from members.models import Representative
from positions.follow_up import add_follow_up_panel
from positions.models import ConsultationResponsePage, IssuingAuthority
from positions.remiss import urls as remiss_urls
from positions.remiss.panels import InputWantedPanel


class IssuingAuthorityViewSet(SnippetViewSet):
    model = IssuingAuthority
    icon = "site"
    menu_label = _("Issuing authorities")
    # Its own menu item: the members' menu belongs to members/, which cannot know of this one.
    add_to_admin_menu = True
    menu_order = 210
    list_display = ["name", "slug", "registrator_email"]
    search_fields = ["name"]
    search_backend_name = None


register_snippet(IssuingAuthorityViewSet)


@hooks.register("register_admin_urls")
def register_consultation_case_urls():
    return [path("remiss/", include(remiss_urls, namespace="positions_remiss"))]


@hooks.register("register_admin_menu_item")
def register_consultation_cases_menu_item():
    return MenuItem(
        _("Consultation cases"),
        reverse("positions_remiss:index"),
        name="consultation-cases",
        icon_name="doc-full",
        order=220,
    )


@hooks.register("construct_main_menu")
def consultation_input_for_representatives(request, menu_items):
    """Representatives see where their input is asked for instead of the editors' cases."""
    if Representative.voting_organisation(request.user) is not None:
        menu_items[:] = [item for item in menu_items if item.name != "consultation-cases"]
        menu_items.append(
            MenuItem(
                _("Consultations: your input"),
                reverse("positions_remiss:inputs"),
                name="consultation-input",
                icon_name="doc-full",
                order=220,
            )
        )


hooks.register("construct_homepage_panels", add_follow_up_panel)


@hooks.register("construct_homepage_panels")
def add_input_wanted_panel(request, panels):
    organisation = Representative.voting_organisation(request.user)
    if organisation is not None:
        panels.append(InputWantedPanel(organisation))


@hooks.register("register_page_header_buttons")
def consultation_case_button(page, user, view_name, next_url=None):
    if isinstance(page.specific_deferred, ConsultationResponsePage) and page.locale.is_default:
        yield Button(
            _("Consultation case"),
            reverse("positions_remiss:case", args=[page.pk]),
            icon_name="doc-full",
            priority=40,
        )


@hooks.register("register_log_actions")
def register_delivery_log_actions(actions):
    @actions.register_action("positions.remiss.sent")
    class SentAction(LogFormatter):
        label = _("Consultation response sent")

        def format_message(self, log_entry):
            if log_entry.data.get("by_hand"):
                return _("The response was sent to the authority by hand")
            return _("The response was sent to %(recipient)s") % {
                "recipient": log_entry.data.get("recipient", "")
            }

    @actions.register_action("positions.remiss.resent")
    class ResentAction(LogFormatter):
        label = _("Consultation response sent again")

        def format_message(self, log_entry):
            return _("The response was sent again: %(reason)s") % {
                "reason": log_entry.data.get("reason", "")
            }
