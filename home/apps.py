from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class HomeConfig(AppConfig):
    name = "home"
    verbose_name = _("Website")

    def ready(self):
        from django.urls import register_converter

        from home.core import (
            cache_purging,
            checks,
            converters,
            document_content,
            privacy,
            publication,
            signals,
            workflow_integrity,
        )

        register_converter(converters.RowId, "row_id")
        checks.connect()
        cache_purging.connect()
        signals.connect()
        document_content.connect()
        privacy.connect()
        publication.connect()
        workflow_integrity.connect()
