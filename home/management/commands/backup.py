from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.core.backup import BackupError, write_backup


class Command(BaseCommand):
    help = "Writes the database and the uploaded files to one timestamped archive."

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=settings.BACKUP_DIR,
            help="Where to write the archive (default: BACKUP_DIR).",
        )

    def handle(self, *args, directory, **options):
        try:
            archive = write_backup(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(str(archive))
