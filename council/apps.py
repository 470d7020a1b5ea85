from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CouncilConfig(AppConfig):
    name = "council"
    verbose_name = _("The council for idea-driven organisations")

    def ready(self):
        from council import cache_purging

        cache_purging.connect()
