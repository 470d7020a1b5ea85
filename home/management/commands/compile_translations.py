from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

import polib


class Command(BaseCommand):
    help = (
        "Compiles the project's .po files to .mo with polib, so a fresh machine needs no "
        "GNU gettext."
    )

    def handle(self, *args, **options):
        roots = [Path(path) for path in settings.LOCALE_PATHS]
        for po_path in sorted(p for root in roots for p in root.glob("*/LC_MESSAGES/*.po")):
            mo_path = po_path.with_suffix(".mo")
            if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
                continue
            polib.pofile(str(po_path)).save_as_mofile(str(mo_path))
            self.stdout.write(f"Compiled {po_path.relative_to(settings.BASE_DIR)}")
