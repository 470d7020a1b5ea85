from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PositionsConfig(AppConfig):
    name = "positions"
    verbose_name = _("Positions and consultations")

    def ready(self):
        from wagtail.signals import copy_for_translation_done

        from home.core.files import also_public
        from home.core.signals import renew_when_changed
        from member_review.models import SeparateStatement
        from member_review.representative_gate import SAFE, open_to_representatives
        from positions import adoption, cache_purging, submission_package
        from positions.models import Adoption, Endorsement, IssuingAuthority
        from positions.remiss.handling import translation_shares_the_handling

        adoption.connect()
        cache_purging.connect()
        submission_package.connect()
        copy_for_translation_done.connect(
            translation_shares_the_handling, dispatch_uid="positions-translation-handling"
        )
        also_public(submission_package.shown_packages)
        # Representatives give their organisation's input in the admin; the views decide what
        # each may see (positions/remiss/input_views.py).
        open_to_representatives("positions_remiss:inputs")
        open_to_representatives("positions_remiss:input", SAFE | {"POST"})
        open_to_representatives("positions_remiss:input_file")
        # The home page names the authority of each open consultation; statements and responses
        # show their endorsers and separate statements (templates/positions/).
        renew_when_changed(IssuingAuthority, Endorsement, Adoption, SeparateStatement)
