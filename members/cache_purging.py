"""What a change to a member organisation purges from Varnish (tags: home/core/http_cache.py):
the member directory with the organisations' pages, the home pages' member count (both carry
the directory's listing tag), and the search. A competence is shown and filtered by there too."""

from django.db.models.signals import post_delete, post_save

from home.core.xkey_purge import purge_on_commit, purging_enabled
from members.models import Competence, MemberDirectoryPage, MemberOrganisation


def organisation_changed(sender, **kwargs):
    if purging_enabled():
        directories = MemberDirectoryPage.objects.values_list("pk", flat=True)
        purge_on_commit({"search", *(f"listing-{pk}" for pk in directories)})


def connect():
    for signal in (post_save, post_delete):
        signal.connect(
            organisation_changed, sender=MemberOrganisation, dispatch_uid="purge-organisation"
        )
        signal.connect(organisation_changed, sender=Competence, dispatch_uid="purge-competence")
