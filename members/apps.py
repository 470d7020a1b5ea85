from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members")

    def ready(self):
        from home.core.signals import renew_when_changed
        from members import cache_purging
        from members.models import Competence, MemberOrganisation

        cache_purging.connect()
        # The home page counts the active member organisations; the directory's filters keep
        # the competences under the generation.
        renew_when_changed(MemberOrganisation, Competence)
