"""What a change to a signal shows elsewhere: the needs page, its feeds, the search and the API.

The page reads the public signals on every request and keeps nothing of them under the
generation (home/core/navigation.py), so it shows a change, a withdrawn consent among them, on
the next request. Varnish keeps it by its tags (home/core/http_cache.py): a signal saved or
deleted purges the needs page in each language, whose feeds are its routes and carry its tags,
and the search and the API. The page's search entry holds the public signals' words
(`NeedsPage.public_needs_text`), so the page is indexed again in the same transaction. A member
organisation renamed does the same, since the entries name their organisations.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.search.index import insert_or_update_object

from home.core.cache_purging import shown_pages
from home.core.xkey_purge import purge_on_commit, purging_enabled
from members.models import MemberOrganisation

from .models import Need, NeedsPage


def public_signals_changed(sender, **kwargs):
    pages = NeedsPage.objects.live()
    for page in pages:
        insert_or_update_object(page)
    if purging_enabled():
        purge_on_commit(shown_pages(NeedsPage.objects.all()) | {"search", "api"})


def connect():
    for signal in (post_save, post_delete):
        signal.connect(public_signals_changed, sender=Need, dispatch_uid="needs-signal-changed")
        signal.connect(
            public_signals_changed,
            sender=MemberOrganisation,
            dispatch_uid="needs-organisation-changed",
        )
