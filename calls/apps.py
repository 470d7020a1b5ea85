from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CallsConfig(AppConfig):
    name = "calls"
    verbose_name = _("Calls from the region")

    def ready(self):
        from calls import announcements, cache_purging
        from member_review.representative_gate import SAFE, open_to_representatives

        announcements.connect()
        cache_purging.connect()
        # Representatives answer for their organisation in the admin; the views decide what each
        # may see (calls/views.py).
        open_to_representatives("calls:representative_list")
        open_to_representatives("calls:answer", SAFE | {"POST"})
