from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PositionsConfig(AppConfig):
    name = "positions"
    verbose_name = _("Positions and consultations")

    def ready(self):
        from positions import adoption, cache_purging

        adoption.connect()
        cache_purging.connect()
