from wagtail.admin.ui.components import Component


class OpenCallsPanel(Component):
    """On a representative's dashboard: the calls open for answers, with their organisation's."""

    name = "open_calls"
    template_name = "calls/admin/panel.html"
    order = 70

    def __init__(self, organisation):
        self.organisation = organisation

    def get_context_data(self, parent_context):
        from .views import open_calls_with_answers

        return {"calls": open_calls_with_answers(self.organisation)}
