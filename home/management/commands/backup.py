from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.core.backup import BackupError, verify_backup, write_backup
from home.core.backup_archive import VENDOR_NAMES
from home.core.locks import another_server_runs, run_once_across_servers


class Command(BaseCommand):
    help = (
        "Writes the database and the uploaded files to one timestamped archive and checks it; "
        "with --verify, checks an existing archive against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--directory",
            type=Path,
            default=settings.BACKUP_DIR,
            help="Where to write the archive (default: BACKUP_DIR).",
        )
        parser.add_argument(
            "--verify",
            type=Path,
            metavar="FILE",
            help="Check FILE from end to end against its manifest, changing nothing.",
        )

    def handle(self, *args, directory, verify, **options):
        try:
            if verify:
                self.verify(verify)
            else:
                self.write(directory)
        except BackupError as error:
            raise CommandError(str(error)) from error

    def verify(self, archive):
        manifest = verify_backup(archive)
        database = VENDOR_NAMES[manifest["database"]]
        files = len(manifest["files"]) - 1
        self.stdout.write(
            f"{archive} is whole: its {database} database and {files} file(s) match its "
            f"manifest of {manifest['created']}."
        )

    def write(self, directory):
        with run_once_across_servers("backup") as this_server_runs_it:
            if not this_server_runs_it:
                self.stdout.write(another_server_runs("backup"))
                return
            self.stdout.write(str(write_backup(directory)))
