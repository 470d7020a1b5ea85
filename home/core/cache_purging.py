"""What a change to a page or to the site chrome purges from Varnish (tags: home/core/http_cache.py).

A page published, unpublished, moved or deleted purges itself and its translations (their
language links), the listings of their parents, the search, the sitemap, the API and the 404s,
and the chrome if the menu or footer shows it. Members and positions add what their models show.
"""

from django.apps import apps
from django.db.models.signals import post_delete, post_save, pre_delete

from wagtail.models import Page, PageViewRestriction, Site
from wagtail.signals import page_published, page_unpublished, post_page_move

from home.core.xkey_purge import purge_on_commit, purging_enabled
from home.models import ContactPerson, FooterText, NetworkSettings, Topic
from home.models.mixins import ContactPersonsMixin

PAGES_ELSEWHERE = {"search", "sitemap", "api", "not-found"}
# The home pages are at depth 2, and their children are the menu and the chrome's sections.
CHROME_DEPTH = 3


def shown_pages(pages):
    """`page-<id>` of `pages` (a queryset) and of their translations, `listing-<id>` of their
    parents."""
    translations = Page.objects.filter(translation_key__in=pages.values("translation_key"))
    tags, parent_paths = set(), set()
    for pk, path in translations.values_list("pk", "path"):
        tags.add(f"page-{pk}")
        parent_paths.add(path[: -Page.steplen])
    parents = Page.objects.filter(path__in=parent_paths).values_list("pk", flat=True)
    return tags | {f"listing-{pk}" for pk in parents}


def page_change(page):
    tags = shown_pages(Page.objects.filter(pk=page.pk)) | PAGES_ELSEWHERE
    if page.depth <= CHROME_DEPTH or is_in_footer(page):
        tags.add("chrome")
    return tags


def is_in_footer(page):
    chosen = NetworkSettings.objects.values_list("accessibility_page", "privacy_page")
    chosen_ids = {pk for pair in chosen for pk in pair if pk}
    return Page.objects.filter(pk__in=chosen_ids, translation_key=page.translation_key).exists()


def page_published_or_unpublished(sender, instance, **kwargs):
    if purging_enabled():
        purge_on_commit(page_change(instance))


def page_moved(sender, instance, parent_page_before, url_path_before, url_path_after, **kwargs):
    if not purging_enabled():
        return
    tags = page_change(instance) | {f"listing-{parent_page_before.pk}", "chrome"}
    if url_path_before != url_path_after:
        moved = Page.objects.descendant_of(instance).values_list("pk", flat=True)
        tags |= {f"page-{pk}" for pk in moved}
    purge_on_commit(tags)


def page_deleted(sender, instance, **kwargs):
    # Before the delete, while its parent and translations can still be found. Each page of a
    # deleted subtree comes here, once as a `Page` and once as its own type.
    if type(instance) is Page and purging_enabled():
        purge_on_commit(page_change(instance))


def privacy_changed(sender, **kwargs):
    # A page that turns private must leave every cache at once, wherever it is shown.
    purge_on_commit({"all"})


def chrome_changed(sender, **kwargs):
    purge_on_commit({"chrome"})


def topic_changed(sender, **kwargs):
    purge_on_commit({"chrome", "api", "search"})


def contact_person_changed(sender, instance, **kwargs):
    if purging_enabled():
        purge_on_commit({f"page-{pk}" for pk in pages_naming(instance)})


def pages_naming(person):
    for model in apps.get_models():
        if issubclass(model, ContactPersonsMixin):
            field = model._meta.get_field("contact_persons")
            through = field.remote_field.through
            yield from through.objects.filter(
                **{field.m2m_reverse_field_name(): person}
            ).values_list(field.m2m_field_name(), flat=True)


def connect():
    page_published.connect(page_published_or_unpublished, dispatch_uid="purge-page-published")
    page_unpublished.connect(page_published_or_unpublished, dispatch_uid="purge-page-unpublished")
    post_page_move.connect(page_moved, dispatch_uid="purge-page-moved")
    pre_delete.connect(page_deleted, dispatch_uid="purge-page-deleted")
    for signal in (post_save, post_delete):
        signal.connect(privacy_changed, sender=PageViewRestriction, dispatch_uid="purge-privacy")
        signal.connect(topic_changed, sender=Topic, dispatch_uid="purge-topic")
        for model in (NetworkSettings, FooterText, Site):
            signal.connect(chrome_changed, sender=model, dispatch_uid=f"purge-{model.__name__}")
    post_save.connect(contact_person_changed, sender=ContactPerson, dispatch_uid="purge-contact")
    pre_delete.connect(contact_person_changed, sender=ContactPerson, dispatch_uid="purge-contact")
