from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.widgets import Button
from wagtail.log_actions import LogFormatter

from calls import urls
from calls.models import Answer, CallPage
from calls.panels import OpenCallsPanel
from members.models import Representative


@hooks.register("register_admin_urls")
def register_call_urls():
    return [path("forfragningar/", include(urls, namespace="calls"))]


class CallsMenuItem(MenuItem):
    def is_shown(self, request):
        return request.user.has_perm("calls.view_callanswer")


@hooks.register("register_admin_menu_item")
def register_calls_menu_item():
    return CallsMenuItem(
        _("Calls"), reverse("calls:index"), name="calls", icon_name="mail", order=230
    )


@hooks.register("construct_main_menu")
def calls_for_representatives(request, menu_items):
    """Representatives see the calls they may answer instead of the editors' screen."""
    if Representative.voting_organisation(request.user) is not None:
        menu_items[:] = [item for item in menu_items if item.name != "calls"]
        menu_items.append(
            MenuItem(
                _("Calls: your answers"),
                reverse("calls:representative_list"),
                name="call-answers",
                icon_name="mail",
                order=230,
            )
        )


@hooks.register("construct_homepage_panels")
def add_open_calls_panel(request, panels):
    organisation = Representative.voting_organisation(request.user)
    if organisation is not None:
        panels.append(OpenCallsPanel(organisation))


@hooks.register("register_page_header_buttons")
def answers_button(page, user, view_name, next_url=None):
    """The answers of the call, from the Swedish page or any of its translations."""
    if not isinstance(page.specific_deferred, CallPage) or not user.has_perm(
        "calls.view_callanswer"
    ):
        return
    source = page if page.locale.is_default else page.specific_deferred.source_call()
    if source is not None:
        yield Button(
            _("Answers"), reverse("calls:answers", args=[source.pk]), icon_name="mail", priority=40
        )


class AnswerLogFormatter(LogFormatter):
    verb = ""

    def format_message(self, log_entry):
        organisation = log_entry.data.get("organisation", {}).get("name", "")
        message = self.verb % {"organisation": organisation}
        previous = log_entry.data.get("previous")
        if previous in Answer.values:
            message += " " + _("(changed from %(previous)s)") % {"previous": Answer(previous).label}
        return message


@hooks.register("register_log_actions")
def register_answer_log_actions(actions):
    @actions.register_action(f"calls.answer.{Answer.PARTICIPATE}")
    class ParticipateAction(AnswerLogFormatter):
        label = _("Call: wants to take part")
        verb = _("%(organisation)s wants to take part")

    @actions.register_action(f"calls.answer.{Answer.DECLINE}")
    class DeclineAction(AnswerLogFormatter):
        label = _("Call: not this time")
        verb = _("%(organisation)s answers not this time")
