"""Member reviews for the demo, started as the editors would start them."""

from django.contrib.auth import get_user_model

from home.demo_content import topics
from positions.factories import PositionStatementPageFactory
from positions.models import PositionStatementPage


def start_member_review(index, workflow, spec, topic, page_factory=None):
    """A draft the editors submitted and approved, now in member review; None if it exists."""
    page_factory = page_factory or PositionStatementPageFactory
    model = page_factory._meta.model
    if model.objects.child_of(index).filter(slug=spec["slug"]).exists():
        return None
    User = get_user_model()
    editor = User.objects.get(username="redaktor")
    if model is PositionStatementPage:
        spec = dict(spec, date_adopted=None)
    page = page_factory(parent=index, live=False, owner=editor, topics=topics(topic), **spec)
    page.save_revision(user=editor, log_action=True)
    workflow_state = workflow.start(page, editor)
    workflow_state.current_task_state.approve(user=User.objects.get(username="admin"))
    return workflow_state.current_task_state.specific


def representative(number):
    return get_user_model().objects.get(username=f"representant{number}")
