"""What calls add to the purges of home/core/cache_purging.py (tags: home/core/http_cache.py).

- An answer given, changed or removed: the call, its translations and their listings (the calls
  page and its feeds show how many organisations take part once the call has closed) and the API.
  These pages read the answers on every request and keep nothing of them under the generation.
- A member organisation changed (its competences, kind, reach or name), or a competence: every
  call, whose page counts the organisations that have what it seeks, names the competences and
  those taking part, and the API.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page

from home.core.cache_purging import shown_pages
from home.core.xkey_purge import purge_on_commit, purging_enabled
from members.models import Competence, MemberOrganisation

from .models import CallAnswer, CallPage


def answer_changed(sender, instance, **kwargs):
    if purging_enabled():
        call = Page.objects.filter(pk=instance.call_id)
        purge_on_commit(shown_pages(call) | {"api"})


def members_changed(sender, **kwargs):
    if purging_enabled():
        calls = Page.objects.filter(pk__in=CallPage.objects.values("pk"))
        purge_on_commit(shown_pages(calls) | {"api"})


def connect():
    for signal in (post_save, post_delete):
        signal.connect(answer_changed, sender=CallAnswer, dispatch_uid="purge-call-answer")
        for model in (MemberOrganisation, Competence):
            signal.connect(
                members_changed, sender=model, dispatch_uid=f"purge-calls-{model.__name__}"
            )
