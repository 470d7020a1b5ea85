"""Workflow decisions happen once.

Wagtail 8.0 reads a task or workflow state, then saves its new status without locking the row, so
two Approve clicks at once can both act (wagtail#14460). Here every save that moves a task state or
workflow state out of a waiting status locks that row and checks that the database still holds the
status this copy was loaded with; if another request got there first, the change is refused and,
since an admin request is one transaction (`home.core.publication.PublicationGuardMiddleware`), nothing
of it stays.
"""

from django.apps import apps
from django.db import transaction
from django.db.models.signals import post_init, post_save, pre_save
from django.utils.translation import gettext as _

from wagtail.models import TaskState, WorkflowState

from .publication import RefusedChange

WAITING = {
    TaskState: {TaskState.STATUS_IN_PROGRESS},
    WorkflowState: {WorkflowState.STATUS_IN_PROGRESS, WorkflowState.STATUS_NEEDS_CHANGES},
}


class WorkflowConflict(RefusedChange):
    """Someone else has already decided this step."""


def tracked_model(cls):
    """TaskState or WorkflowState, whichever `cls` is (or extends), else None."""
    return next((model for model in WAITING if issubclass(cls, model)), None)


def remember_loaded_status(sender, instance, **kwargs):
    instance._loaded_status = instance.status


def decide_once(sender, instance, raw=False, **kwargs):
    model = tracked_model(sender)
    if raw or instance.pk is None:
        return
    loaded = getattr(instance, "_loaded_status", None)
    if loaded not in WAITING[model] or instance.status == loaded:
        return
    # Inside a request or a job this joins its transaction, which keeps the lock until it ends.
    with transaction.atomic():
        stored = model.objects.select_for_update().filter(pk=instance.pk)
        stored_status = stored.values_list("status", flat=True).first()
    if stored_status != loaded:
        raise WorkflowConflict(
            _("This step has already been decided, so nothing was changed. Reload the page.")
        )


def connect():
    """Watch task and workflow states, Wagtail's and every app's subclasses of them."""
    for model in apps.get_models():
        if tracked_model(model) is not None:
            post_init.connect(remember_loaded_status, sender=model)
            post_save.connect(remember_loaded_status, sender=model)
            pre_save.connect(decide_once, sender=model)
