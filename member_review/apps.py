from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MemberReviewConfig(AppConfig):
    name = "member_review"
    verbose_name = _("Member review")

    def ready(self):
        from member_review import signals  # noqa: F401  (receivers connect on import)
