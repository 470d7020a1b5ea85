from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MemberReviewConfig(AppConfig):
    name = "member_review"
    verbose_name = _("Member review")

    def ready(self):
        from member_review import signals  # noqa: F401  (receivers connect on import)
        from member_review.representative_gate import SAFE, open_to_representatives

        # A representative describes their own organisation's competences (members/views.py),
        # which members/ cannot open itself: it sits below this app.
        open_to_representatives("members_own_competences", SAFE | {"POST"})
