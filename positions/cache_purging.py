"""What positions add to the purges of home/core/cache_purging.py (tags: home/core/http_cache.py).

- A statement or consultation response published or unpublished (an adoption among them):
  the member directory, whose organisation pages list what each organisation endorses. The
  page, its translations and their listings, which show the endorsers, are purged as for any
  page.
- A member organisation changed: the pages it endorses, which name it, and the API.
- An issuing authority changed: the consultation responses it referred, the search and the API.
- A published separate statement hidden or shown again: the page it stands beside, its
  translations, their listings and the API.
- A consultation case or a delivery to the authority changed (the members' input date, the
  response files, the date sent, the follow-up): the consultation response, its translations,
  their listings (the register, its feeds and the home pages) and the API. These pages read the
  case with their own rows on every request and keep nothing of it under the generation, so no
  new generation is needed. The members' input (MemberInput) is never public and purges nothing.
"""

from django.db.models.signals import post_delete, post_save

from wagtail.models import Page
from wagtail.signals import page_published, page_unpublished

from home.core.cache_purging import shown_pages
from home.core.xkey_purge import purge_on_commit, purging_enabled
from member_review.models import SeparateStatement
from members.models import MemberDirectoryPage, MemberOrganisation

from .models import ConsultationCase, ConsultationResponsePage, Delivery, IssuingAuthority
from .models.endorsements import EndorsedPageMixin


def directories():
    return {f"listing-{pk}" for pk in MemberDirectoryPage.objects.values_list("pk", flat=True)}


def endorsed_page_changed(sender, instance, **kwargs):
    if isinstance(instance, EndorsedPageMixin) and purging_enabled():
        purge_on_commit(directories())


def organisation_changed(sender, instance, **kwargs):
    if purging_enabled():
        endorsed = Page.objects.filter(endorsements__organisation=instance)
        purge_on_commit(shown_pages(endorsed) | {"api"})


def authority_changed(sender, instance, **kwargs):
    if purging_enabled():
        referred = ConsultationResponsePage.objects.filter(authority=instance)
        purge_on_commit(shown_pages(referred) | {"api", "search"})


def separate_statement_changed(sender, instance, **kwargs):
    if purging_enabled() and instance.page_id:
        beside = Page.objects.filter(translation_key=instance.page.translation_key)
        purge_on_commit(shown_pages(beside) | {"api"})


def case_changed(sender, instance, **kwargs):
    if purging_enabled():
        purge_on_commit(shown_pages(Page.objects.filter(pk=instance.page_id)) | {"api"})


def delivery_changed(sender, instance, **kwargs):
    if purging_enabled():
        case = ConsultationCase.objects.filter(pk=instance.case_id)
        purge_on_commit(shown_pages(Page.objects.filter(pk__in=case.values("page"))) | {"api"})


def connect():
    page_published.connect(endorsed_page_changed, dispatch_uid="purge-endorsed-published")
    page_unpublished.connect(endorsed_page_changed, dispatch_uid="purge-endorsed-unpublished")
    for signal in (post_save, post_delete):
        signal.connect(
            organisation_changed, sender=MemberOrganisation, dispatch_uid="purge-endorsers"
        )
        signal.connect(authority_changed, sender=IssuingAuthority, dispatch_uid="purge-authority")
        signal.connect(
            separate_statement_changed,
            sender=SeparateStatement,
            dispatch_uid="purge-separate-statement",
        )
        signal.connect(case_changed, sender=ConsultationCase, dispatch_uid="purge-case")
        signal.connect(delivery_changed, sender=Delivery, dispatch_uid="purge-delivery")
