from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        from home.core import privacy, publication, signals, workflow_integrity

        signals.connect()
        privacy.connect()
        publication.connect()
        workflow_integrity.connect()
