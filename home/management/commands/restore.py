from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from home.core.backup import BackupError, NoManifest, restore_backup


class Command(BaseCommand):
    help = (
        "Replaces the database with the one in a backup archive and puts its files back, "
        "once the whole archive has been checked against its manifest."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", type=Path, help="An archive written by `backup`.")
        parser.add_argument(
            "--without-manifest",
            action="store_true",
            help=(
                "Also restore an archive from before backups carried a manifest. Its gzip and "
                "tar structure are still checked from end to end, but not each file's hash."
            ),
        )

    def handle(self, *args, archive, without_manifest, **options):
        if not archive.is_file():
            raise CommandError(f"No backup at {archive}.")
        try:
            restore_backup(archive, without_manifest=without_manifest)
        except NoManifest as error:
            raise CommandError(
                f"Nothing was restored: {str(error).removesuffix('.')}; if it is an older backup "
                "of this site, restore it with --without-manifest."
            ) from error
        except BackupError as error:
            raise CommandError(f"Nothing was restored: {error}") from error
        self.stdout.write(f"Restored {archive}.")
