from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NeedsConfig(AppConfig):
    name = "needs"
    verbose_name = _("Needs we see")

    def ready(self):
        from member_review.representative_gate import SAFE, open_to_representatives
        from needs import cache_purging

        cache_purging.connect()
        # Representatives report and follow their own organisation's signals; each view finds
        # the organisation's signals only (needs/representative_views.py).
        open_to_representatives("needs:mine")
        open_to_representatives("needs:report", SAFE | {"POST"})
        open_to_representatives("needs:mine_detail")
        open_to_representatives("needs:edit", SAFE | {"POST"})
        open_to_representatives("needs:consent", {"POST"})
