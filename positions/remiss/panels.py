from wagtail.admin.ui.components import Component

from positions.models import MemberInput

from .member_input import cases_asking_for_input


class InputWantedPanel(Component):
    """On a representative's dashboard: the consultations on which their input is wanted."""

    name = "consultation_input"
    template_name = "positions/remiss/input_panel.html"
    order = 60

    def __init__(self, organisation):
        self.organisation = organisation

    def get_context_data(self, parent_context):
        cases = list(cases_asking_for_input())
        answered = set(
            MemberInput.objects.filter(case__in=cases, organisation=self.organisation).values_list(
                "case_id", flat=True
            )
        )
        return {"cases": [(case, case.pk in answered) for case in cases]}
