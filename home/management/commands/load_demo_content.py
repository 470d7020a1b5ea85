from importlib import import_module
from importlib.util import find_spec

from django.apps import apps
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction


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
        with transaction.atomic():
            for app_config in apps.get_app_configs():
                module_name = f"{app_config.name}.demo_content"
                if find_spec(module_name) is not None:
                    import_module(module_name).load(self.stdout)
        if settings.DEBUG:
            self.print_accounts()

    def print_accounts(self):
        from home.demo_content import ACCOUNTS, DEMO_PASSWORD

        self.stdout.write("\nDemo accounts (development only), log in at /admin/:")
        for username, *_ in ACCOUNTS:
            self.stdout.write(f"  {username:<16} password: {DEMO_PASSWORD}")
