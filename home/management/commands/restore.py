from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.core.backup import BackupError, restore_backup


class Command(BaseCommand):
    help = "Replaces the database with the one in a backup archive and puts its files back."

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="An archive written by `backup`.")

    def handle(self, *args, archive, **options):
        if not archive.is_file():
            raise CommandError(f"No backup at {archive}.")
        try:
            restore_backup(archive)
        except BackupError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Restored {archive}.")
