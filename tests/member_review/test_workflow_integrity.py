"""Workflow actions are whole: an error midway leaves the workflow as it was, and a second
submission of a decided step changes nothing and says so."""

from django.db.models.signals import pre_save
from django.test import Client
from django.urls import reverse

from wagtail.models import PageLogEntry, TaskState, WorkflowState

import pytest

from news.factories import NewsPageFactory
from tests.review_fixtures import submit

pytestmark = pytest.mark.django_db


@pytest.fixture
def submitted_news(news_index, editor):
    page = NewsPageFactory(parent=news_index, title="Årsmötet", live=False)
    workflow_state = submit(page, editor)
    return page, workflow_state


def approve_url(page, task_state):
    return reverse("wagtailadmin_pages:workflow_action", args=[page.pk, "approve", task_state.pk])


def test_an_approval_interrupted_midway_leaves_the_workflow_as_it_was(
    submitted_news, administrator
):
    page, workflow_state = submitted_news
    task_state = workflow_state.current_task_state
    client = Client(raise_request_exception=False)
    client.force_login(administrator)

    def fail_when_going_live(sender, instance, **kwargs):
        if getattr(instance, "pk", None) == page.pk and instance.live:
            raise RuntimeError("the disk is full")

    pre_save.connect(fail_when_going_live, weak=False)
    try:
        response = client.post(approve_url(page, task_state), {"comment": ""})
    finally:
        pre_save.disconnect(fail_when_going_live)

    assert response.status_code == 500
    task_state.refresh_from_db()
    workflow_state.refresh_from_db()
    assert task_state.status == TaskState.STATUS_IN_PROGRESS
    assert workflow_state.status == WorkflowState.STATUS_IN_PROGRESS
    assert not type(page).objects.get(pk=page.pk).live

    response = client.post(approve_url(page, task_state), {"comment": ""})

    assert response.status_code == 302
    assert type(page).objects.get(pk=page.pk).live
    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1


def test_a_second_approval_of_a_decided_step_changes_nothing(submitted_news, administrator):
    page, workflow_state = submitted_news
    stale = workflow_state.current_task_state
    client = Client()
    client.force_login(administrator)
    assert client.post(approve_url(page, stale), {"comment": ""}).status_code == 302

    stale.status = TaskState.STATUS_IN_PROGRESS  # the copy the second request had loaded
    stale._loaded_status = TaskState.STATUS_IN_PROGRESS
    with pytest.raises(Exception, match="redan avgjort|already been decided"):
        stale.approve(user=administrator)

    assert PageLogEntry.objects.filter(page=page, action="wagtail.publish").count() == 1
    assert PageLogEntry.objects.filter(page=page, action="wagtail.workflow.approve").count() == 1
