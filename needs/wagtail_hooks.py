from django.urls import include, path, reverse
from django.utils.translation import gettext_lazy as _

from wagtail import hooks
from wagtail.admin.menu import MenuItem

from members.models import Representative
from needs import urls as needs_urls

from .panels import NewSignalsPanel, OurSignalsPanel
from .views import may_read, may_triage


@hooks.register("register_admin_urls")
def register_needs_urls():
    return [path("behov/", include(needs_urls, namespace="needs"))]


class NeedsMenuItem(MenuItem):
    def is_shown(self, request):
        return may_read(request.user)


@hooks.register("register_admin_menu_item")
def register_needs_menu_item():
    return NeedsMenuItem(
        _("Needs we see"), reverse("needs:index"), name="needs", icon_name="help", order=230
    )


@hooks.register("construct_main_menu")
def our_signals_for_representatives(request, menu_items):
    """Representatives report and follow their organisation's signals instead."""
    if Representative.voting_organisation(request.user) is not None:
        menu_items[:] = [item for item in menu_items if item.name != "needs"]
        menu_items.append(
            MenuItem(
                _("Needs we see: our signals"),
                reverse("needs:mine"),
                name="our-signals",
                icon_name="help",
                order=230,
            )
        )


@hooks.register("construct_homepage_panels")
def add_signal_panels(request, panels):
    organisation = Representative.voting_organisation(request.user)
    if organisation is not None:
        panels.append(OurSignalsPanel(organisation))
    elif may_triage(request.user):
        panels.append(NewSignalsPanel())
