from wagtail.admin.ui.components import Component

from .models import Need, NeedStatus


class OurSignalsPanel(Component):
    """On a representative's dashboard: their organisation's signals and where each stands."""

    name = "our_signals"
    template_name = "needs/admin/our_signals_panel.html"
    order = 70

    def __init__(self, organisation):
        self.organisation = organisation

    def get_context_data(self, parent_context):
        needs = Need.objects.of_organisation(self.organisation).order_by("-reported_at", "-pk")
        return {"needs": list(needs[:5]), "organisation": self.organisation}


class NewSignalsPanel(Component):
    """On the dashboard of those who triage: the signals that came in and wait for them."""

    name = "new_signals"
    template_name = "needs/admin/new_signals_panel.html"
    order = 70

    def get_context_data(self, parent_context):
        waiting = (
            Need.objects.filter(status=NeedStatus.NEW)
            .select_related("organisation")
            .order_by("reported_at", "pk")
        )
        return {"needs": list(waiting[:10]), "count": waiting.count()}
