"""Fixtures for member review: people in their roles and a statement on its way through review.

A pytest plugin of the root conftest, for every app's tests above the member review."""

from types import SimpleNamespace

from wagtail.models import Workflow, WorkflowPage

import pytest

from conftest import deliver_queued_mail, make_user
from member_review.models import MemberReviewTask
from members.models import Representative
from positions.factories import PositionStatementPageFactory


@pytest.fixture
def editor(db):
    return make_user("redaktor", "Redaktörer", first_name="Rut", last_name="Redaktör")


@pytest.fixture
def administrator(db):
    return make_user("admin", is_superuser=True)


@pytest.fixture
def representatives(members):
    """One representative per member organisation, in the order of `members`."""
    people = []
    for number, organisation in enumerate(members, start=1):
        user = make_user(f"representant{number}", "Medlemsrepresentanter", first_name="Rep")
        Representative.objects.create(user=user, organisation=organisation)
        people.append(user)
    return people


@pytest.fixture
def member_review_task(db):
    """The "Medlemsgranskning" task the migration creates; tests set the rule they need."""
    return MemberReviewTask.objects.get(name="Medlemsgranskning")


@pytest.fixture
def statement_workflow(statements_index, register):
    """The "Ställningstagande" workflow on the statements and consultations indexes, as in the demo."""
    workflow = Workflow.objects.get(name="Ställningstagande")
    for index in (statements_index, register):
        WorkflowPage.objects.create(page=index, workflow=workflow)
    return workflow


def submit(page, user):
    """Save a revision and start the page's workflow, as the editor's "Submit" button does."""
    page.save_revision(user=user, log_action=True)
    return page.get_workflow().start(page, user)


def in_member_review(page, editor, administrator):
    """Submit `page` as `editor` and approve the editorial step as `administrator`."""
    workflow_state = submit(page, editor)
    workflow_state.current_task_state.approve(user=administrator)
    workflow_state.refresh_from_db()
    return workflow_state.current_task_state.specific


@pytest.fixture
def draft_statement(statements_index, statement_workflow, editor):
    page = PositionStatementPageFactory(
        parent=statements_index,
        title="Föreningslokaler ska vara öppna för alla",
        slug="foreningslokaler",
        summary="Allmänna samlingslokaler är demokratins infrastruktur.",
        date_adopted=None,
        live=False,
        owner=editor,
    )
    return page


@pytest.fixture
def review(
    draft_statement,
    editor,
    administrator,
    representatives,
    member_review_task,
    django_capture_on_commit_callbacks,
):
    """A statement in member review under the task's current rule, with twelve voters.

    The invitations, queued when the transaction commits and sent by the e-mail worker, are in
    `mail.outbox`.
    """
    with django_capture_on_commit_callbacks(execute=True):
        state = in_member_review(draft_statement, editor, administrator)
    deliver_queued_mail()
    return SimpleNamespace(
        page=draft_statement,
        state=state,
        task=member_review_task,
        representatives=representatives,
    )
