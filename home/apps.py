from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        # The publication guard and the workflow integrity checks connect on import.
        from home import privacy, publication, signals, workflow_integrity  # noqa: F401

        signals.connect()
        privacy.connect()
