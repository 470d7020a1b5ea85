from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PositionsConfig(AppConfig):
    name = "positions"
    verbose_name = _("Positions and consultations")

    def ready(self):
        from home.core.signals import renew_when_changed
        from member_review.models import SeparateStatement
        from positions import adoption, cache_purging
        from positions.models import Adoption, Endorsement, IssuingAuthority

        adoption.connect()
        cache_purging.connect()
        # The home page names the authority of each open consultation; statements and responses
        # show their endorsers and separate statements (templates/positions/).
        renew_when_changed(IssuingAuthority, Endorsement, Adoption, SeparateStatement)
