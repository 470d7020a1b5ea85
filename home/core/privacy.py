"""A page and its translations share one privacy setting.

Wagtail keeps view restrictions per page, so a Swedish page made private would stay public in
English (wagtail#11015), and wagtail-localize only copies them when a translation is synced.
Here every change to a page's restrictions is made to its translations at once.
"""

from contextvars import ContextVar

from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import m2m_changed, post_delete, post_save

from wagtail.models import Page, PageViewRestriction
from wagtail.signals import copy_for_translation_done

sharing = ContextVar("sharing_view_restrictions", default=False)


def share_view_restrictions(page: Page) -> None:
    """Give every translation of `page` the view restrictions that `page` has now."""
    if sharing.get():
        return
    token = sharing.set(True)
    try:
        with transaction.atomic():
            wanted = restrictions_of(page)
            for translation in page.get_translations().prefetch_related(
                "view_restrictions__groups"
            ):
                if restrictions_of(translation) != wanted:
                    replace_restrictions(translation, page.view_restrictions.all())
    finally:
        sharing.reset(token)


def restrictions_of(page):
    return sorted(
        (r.restriction_type, r.password, tuple(sorted(g.pk for g in r.groups.all())))
        for r in page.view_restrictions.all()
    )


def replace_restrictions(page, restrictions):
    for old in page.view_restrictions.all():
        old.delete()
    for restriction in restrictions:
        copy = PageViewRestriction(
            page=page, restriction_type=restriction.restriction_type, password=restriction.password
        )
        copy.save()
        copy.groups.set(restriction.groups.all())


def restriction_saved(sender, instance, **kwargs):
    share_view_restrictions(instance.page)


def restriction_deleted(sender, instance, origin=None, **kwargs):
    # A restriction deleted because its page is being deleted says nothing about the page's
    # translations, which keep theirs.
    deleted = origin.model if isinstance(origin, QuerySet) else type(origin)
    if issubclass(deleted, Page):
        return
    page = Page.objects.filter(pk=instance.page_id).first()
    if page is not None:
        share_view_restrictions(page)


def groups_changed(sender, instance, action, reverse, pk_set, **kwargs):
    if action not in {"post_add", "post_remove", "post_clear"}:
        return
    # From the group's side, `pk_set` names the restrictions (none after a clear).
    changed = PageViewRestriction.objects.filter(pk__in=pk_set or ()) if reverse else [instance]
    for restriction in changed:
        share_view_restrictions(restriction.page)


def translation_copied(sender, source_obj, target_obj, **kwargs):
    if isinstance(source_obj, Page):
        share_view_restrictions(source_obj)


def connect():
    post_save.connect(restriction_saved, sender=PageViewRestriction, dispatch_uid="share-privacy")
    post_delete.connect(
        restriction_deleted, sender=PageViewRestriction, dispatch_uid="share-privacy"
    )
    m2m_changed.connect(
        groups_changed, sender=PageViewRestriction.groups.through, dispatch_uid="share-privacy"
    )
    copy_for_translation_done.connect(translation_copied, dispatch_uid="share-privacy")
