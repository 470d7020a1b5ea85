from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from home.core.publication import loading_content


class Command(BaseCommand):
    help = (
        "Builds the demo site: Swedish pages with English translations, site settings and demo "
        "accounts. Safe to run again; it only adds what is missing."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force",
            action="store_true",
            help="Run even when DEBUG is off. Demo accounts have the password 'demo'.",
        )

    def handle(self, *args, force=False, **options):
        if not settings.DEBUG and not force:
            raise CommandError(
                "Refusing to load demo content with DEBUG off: its accounts have the password "
                "'demo'. Pass --force if you really mean it."
            )
        modules = [
            import_module(f"{app_config.name}.demo_content")
            for app_config in apps.get_app_configs()
            if find_spec(f"{app_config.name}.demo_content") is not None
        ]
        with transaction.atomic(), loading_content():
            for module in modules:
                module.load(self.stdout)
        if settings.DEBUG:
            self.print_accounts(
                [row for module in modules for row in getattr(module, "ACCOUNTS", [])]
            )

    def print_accounts(self, accounts):
        self.stdout.write(
            "\nDemo accounts (development only), log in at /admin/ with password 'demo':"
        )
        for username, _name, _is_superuser, group in accounts:
            self.stdout.write(f"  {username:<16} {group or 'superuser'}")
