"""What a change to a member organisation purges from Varnish besides the directory
(members/cache_purging.py): the meeting pages that name it as taking part, and the API."""

from django.db.models.signals import post_save, pre_delete

from council.models import CouncilMeetingPage
from home.core.xkey_purge import purge_on_commit, purging_enabled
from members.models import MemberOrganisation


def organisation_changed(sender, instance, **kwargs):
    if not purging_enabled():
        return
    field = CouncilMeetingPage._meta.get_field("organisations")
    meetings = field.remote_field.through.objects.filter(
        **{field.m2m_reverse_field_name(): instance.pk}
    ).values_list(field.m2m_field_name(), flat=True)
    if tags := {f"page-{pk}" for pk in meetings}:
        purge_on_commit(tags | {"api"})


def connect():
    # Before a delete, while the meetings that name the organisation can still be found.
    post_save.connect(organisation_changed, sender=MemberOrganisation, dispatch_uid="purge-council")
    pre_delete.connect(
        organisation_changed, sender=MemberOrganisation, dispatch_uid="purge-council"
    )
