"""The one guard where pages go live.

Every path that makes a page live (publishing a revision, scheduled publishing, reverting, copying
with publish, creating or converting an alias, wagtail-localize's update and convert, bulk actions,
the admin API, a plain `revision.publish()` in a shell) ends in saving the page row with `live` set.
The guard runs there, in `pre_save` of every page model, so no path can go round it.

A page type may define `publication_refusal(page, actor)` (a classmethod returning why `page` may not
go live, or None); others follow `editorial_refusal`: a page goes live when a finished workflow
approved exactly that revision, when someone with publish permission publishes it, or when it was
scheduled by such a person.
"""

import logging
from contextlib import contextmanager
from contextvars import ContextVar

from django.apps import apps
from django.conf import settings
from django.contrib import messages
from django.db import transaction
from django.db.models import ProtectedError
from django.db.models.signals import post_save, pre_delete, pre_save
from django.http import JsonResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _

from wagtail.models import Page, PageLogEntry, WorkflowState

logger = logging.getLogger("idekammare.publication")

_actor = ContextVar("publication_actor", default=None)
_loading = ContextVar("publication_loading", default=False)

SAFE_METHODS = {"GET", "HEAD", "OPTIONS"}
LIVE_FIELDS = {"live", "live_revision", "live_revision_id", "alias_of", "alias_of_id"}


class RefusedChange(Exception):
    """A change the site's rules refuse; the message says why, in the user's language."""


class PublicationRefused(RefusedChange):
    """A page may not go live this way."""

    def __init__(self, message, page=None):
        super().__init__(message)
        self.page = page


class DeletionRefused(RefusedChange):
    """A page or record may not be deleted by this user now; the message says why."""


@contextmanager
def acting_as(user):
    """Whoever makes pages live inside this block does so as `user` (a request's user)."""
    token = _actor.set(user)
    try:
        yield
    finally:
        _actor.reset(token)


@contextmanager
def loading_content():
    """Content an operator loads (the demo, test fixtures, benchmark data) goes live as loaded."""
    token = _loading.set(True)
    try:
        yield
    finally:
        _loading.reset(token)


def acting_user():
    user = _actor.get()
    return user if user is not None and user.is_authenticated else None


def can_publish(page, actor):
    if actor is None:
        return False
    if page.pk:
        return page.permissions_for_user(actor).can_publish()
    return page.get_parent().permissions_for_user(actor).can_publish_subpage()


def approved_by_workflow(page, revision_id):
    """A workflow on `page` finished by approving exactly this revision."""
    return WorkflowState.objects.filter(
        base_content_type=page.get_base_content_type(),
        object_id=str(page.pk),
        status=WorkflowState.STATUS_APPROVED,
        current_task_state__revision_id=revision_id,
    ).exists()


def scheduled_by_publisher(page, revision_id):
    """Someone with publish permission scheduled this revision to go live."""
    schedule = (
        PageLogEntry.objects.filter(
            page_id=page.pk, revision_id=revision_id, action="wagtail.publish.schedule"
        )
        .select_related("user")
        .order_by("-timestamp")
        .first()
    )
    return schedule is not None and can_publish(page, schedule.user)


def follows_its_source(page, previous):
    """An alias made earlier, kept in step with its live source by Wagtail."""
    return (
        page.alias_of_id is not None
        and previous is not None
        and previous["alias_of_id"] == page.alias_of_id
        and Page.objects.filter(pk=page.alias_of_id, live=True).exists()
    )


def editorial_refusal(page, actor, previous=None):
    """The editorial rule: why `page` may not go live now, or None."""
    if follows_its_source(page, previous) or can_publish(page, actor):
        return None
    revision_id = page.live_revision_id
    if revision_id and (
        approved_by_workflow(page, revision_id) or scheduled_by_publisher(page, revision_id)
    ):
        return None
    return _(
        "“%(title)s” was not published: a page goes live when its workflow has approved it, "
        "or when someone with permission to publish publishes it."
    ) % {"title": page.title}


def refusal(page, actor, previous=None):
    rule = getattr(page.specific_class, "publication_refusal", None)
    if rule is not None:
        return rule(page, actor, previous)
    return editorial_refusal(page, actor, previous)


def live_state(page):
    return {
        "live": page.live,
        "live_revision_id": page.live_revision_id,
        "alias_of_id": page.alias_of_id,
    }


def guard_going_live(sender, instance, raw=False, update_fields=None, **kwargs):
    if raw or _loading.get():
        return
    if not (instance.live or instance.alias_of_id):
        return
    if update_fields is not None and not LIVE_FIELDS.intersection(update_fields):
        return
    previous = (
        Page.objects.filter(pk=instance.pk)
        .values("live", "live_revision_id", "alias_of_id")
        .first()
        if instance.pk
        else None
    )
    if previous == live_state(instance):
        return
    reason = refusal(instance, acting_user(), previous)
    if reason:
        logger.warning(
            "Publication refused: page %s (%s) revision %s by %s: %s",
            instance.pk,
            instance.specific_class.__name__,
            instance.live_revision_id,
            acting_user(),
            reason,
        )
        raise PublicationRefused(reason, page=instance)


# What a page row holds besides its content: tree, state and bookkeeping fields.
NOT_CONTENT = {
    "id",
    "page_ptr",
    "path",
    "depth",
    "numchild",
    "url_path",
    "content_type",
    "translation_key",
    "locale",
    "live",
    "has_unpublished_changes",
    "first_published_at",
    "last_published_at",
    "live_revision",
    "latest_revision",
    "latest_revision_created_at",
    "draft_title",
    "locked",
    "locked_at",
    "locked_by",
    "owner",
    "go_live_at",
    "expire_at",
    "expired",
    "alias_of",
}


def content_fields(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.name not in NOT_CONTENT and not field.name.endswith("_ptr")
    ]


def keep_live_content(sender, instance, created=False, raw=False, update_fields=None, **kwargs):
    """A live page shows its live revision: a save that rewrites the row's content without
    publishing (wagtail-localize's "Update translations" does, even for drafts; so can a shell)
    leaves the row as published. The new content stays in the instance, so the revision that
    follows keeps it as a draft. Only a publisher may edit a live page without a rule of its own
    in place."""
    if raw or created or _loading.get() or not instance.live or instance.alias_of_id:
        return
    if instance.live_revision_id is None:
        return
    fields = content_fields(sender)
    if update_fields is not None and not {field.name for field in fields} & set(update_fields):
        return
    published = instance.live_revision.as_object()
    changed = [
        field
        for field in fields
        if field.value_to_string(instance) != field.value_to_string(published)
    ]
    if not changed:
        return
    if getattr(sender, "publication_refusal", None) is None and can_publish(
        instance, acting_user()
    ):
        return
    logger.warning(
        "Live content kept: page %s by %s tried to change %s without publishing",
        instance.pk,
        acting_user(),
        ", ".join(field.name for field in changed),
    )
    sender.objects.filter(pk=instance.pk).update(
        **{field.attname: field.value_from_object(published) for field in changed}
    )


def guard_deletion(sender, instance, **kwargs):
    """A page type may refuse deletion through `deletion_refusal(page, actor)`."""
    if _loading.get():
        return
    rule = getattr(instance.specific_class, "deletion_refusal", None)
    reason = rule(instance, acting_user()) if rule else None
    if reason:
        logger.warning("Deletion refused: page %s by %s: %s", instance.pk, acting_user(), reason)
        raise DeletionRefused(reason)


# Admin views that change nothing the guard or a workflow cares about: Wagtail's editing-session
# pings (sent every few seconds while a page is open, and on leaving it) and previews (which only
# render the form they are sent). They need no transaction holding locks while they run.
OUTSIDE_TRANSACTION = {
    "wagtailadmin_editing_sessions:ping",
    "wagtailadmin_editing_sessions:release",
    "wagtailadmin_pages:preview_on_edit",
    "wagtailadmin_pages:preview_on_add",
}


def changes_admin_data(request):
    """An admin request that may change what is stored, and so runs as one transaction."""
    if request.method in SAFE_METHODS or not request.path.startswith(settings.ADMIN_PATH_PREFIX):
        return False
    try:
        view_name = resolve(request.path_info).view_name
    except Resolver404:
        return False
    return view_name not in OUTSIDE_TRANSACTION


def connect():
    """Guard every page model; Django sends page signals with the concrete class as sender."""
    for model in apps.get_models():
        if issubclass(model, Page):
            pre_save.connect(guard_going_live, sender=model)
            post_save.connect(keep_live_content, sender=model)
            pre_delete.connect(guard_deletion, sender=model)


class PublicationGuardMiddleware:
    """Each request acts as its user; an admin request that changes something is one
    transaction, so a refused publication or deletion, or an error midway, rolls back whatever
    the request had done, and a refusal says why."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        with acting_as(request.user):
            if not changes_admin_data(request):
                return self.get_response(request)
            try:
                with transaction.atomic():
                    response = self.get_response(request)
                    if response.status_code >= 500:
                        # An error midway (wagtail#14586) leaves nothing half done.
                        transaction.set_rollback(True)
                    return response
            except RefusedChange as refused:
                # Raised by work deferred to the commit (wagtail-localize publishes then): what was
                # committed stays a draft, and what would have gone live did not.
                return self.refused(request, str(refused))

    def process_exception(self, request, exception):
        if not request.path.startswith(settings.ADMIN_PATH_PREFIX):
            return None
        if isinstance(exception, RefusedChange):
            message = str(exception)
        elif isinstance(exception, ProtectedError):
            message = _(
                "This cannot be deleted: votes, endorsements or other records depend on it. "
                "Make the organisation inactive instead."
            )
        else:
            return None
        if transaction.get_connection().in_atomic_block:
            transaction.set_rollback(True)
        return self.refused(request, message)

    def refused(self, request, message):
        if request.path.startswith(f"{settings.ADMIN_PATH_PREFIX}api/"):
            return JsonResponse({"message": message}, status=403)
        messages.error(request, message)
        back = request.headers.get("referer")
        if back and url_has_allowed_host_and_scheme(
            back, {request.get_host()}, request.is_secure()
        ):
            return redirect(back)
        return redirect("wagtailadmin_home")
