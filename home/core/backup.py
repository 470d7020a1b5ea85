"""Backups: the database and the uploaded files together in one timestamped archive.

PostgreSQL is dumped with `pg_dump` in its custom format and brought back with `pg_restore`;
the SQLite database of a development machine is copied with SQLite's own backup API. The
archive's format, and the manifest that proves it whole, are in `backup_archive`.
"""

import os
import sqlite3
import subprocess
from pathlib import Path
from tempfile import TemporaryDirectory

from django.conf import settings
from django.db import connection
from django.utils import timezone

from .backup_archive import DUMP_NAMES, BackupError, NoManifest, read_archive, write_archive

__all__ = ["BackupError", "NoManifest", "restore_backup", "verify_backup", "write_backup"]


def write_backup(directory: Path) -> Path:
    """Write `idekammare-<time>.tar.gz` into `directory`, check it, and return its path.

    The archive holds password hashes and page passwords, so only its owner may read it, and it
    gets its name only once it is whole and has been read back against its manifest.
    """
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"idekammare-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    unfinished = archive.with_name(f".{archive.name}.unfinished")
    with TemporaryDirectory() as work:
        dump = Path(work) / DUMP_NAMES[connection.vendor]
        dump_database(dump)
        unfinished.touch(mode=0o600)
        try:
            write_archive(unfinished, dump, Path(settings.MEDIA_ROOT), connection.vendor)
            try:
                read_archive(unfinished, vendor=connection.vendor)
            except BackupError as error:
                raise BackupError(
                    f"The backup just written failed its check, so it was not kept: {error}"
                ) from error
        except BaseException:
            unfinished.unlink()
            raise
    unfinished.rename(archive)
    return archive


def verify_backup(archive: Path) -> dict:
    """Read `archive` through against its manifest, touching nothing; return the manifest."""
    return read_archive(archive)


def restore_backup(archive: Path, *, without_manifest: bool = False) -> None:
    """Replace the database with the one in `archive` and put its uploaded files back.

    The whole archive is read and checked first, unpacking the files into a folder beside
    MEDIA_ROOT (so on the same filesystem); the database is replaced and the files are moved
    into place only when every one is whole. Files uploaded since the backup stay.
    """
    media_root = Path(settings.MEDIA_ROOT)
    media_root.parent.mkdir(parents=True, exist_ok=True)
    with (
        TemporaryDirectory() as work,
        TemporaryDirectory(dir=media_root.parent, prefix=f".{media_root.name}-restore-") as staged,
    ):
        read_archive(
            archive,
            vendor=connection.vendor,
            dump_to=Path(work),
            media_to=Path(staged),
            require_manifest=not without_manifest,
        )
        restore_database(Path(work) / DUMP_NAMES[connection.vendor])
        move_into_place(Path(staged), media_root)


def move_into_place(staged: Path, media_root: Path) -> None:
    for folder, _subfolders, names in os.walk(staged):
        for name in names:
            source = Path(folder, name)
            target = media_root / source.relative_to(staged)
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(source, target)


def dump_database(target: Path) -> None:
    if connection.vendor == "postgresql":
        run_postgres(
            "pg_dump", "--format=custom", "--no-owner", "--no-privileges", f"--file={target}"
        )
    else:
        connection.ensure_connection()
        with sqlite3.connect(target) as copy:
            connection.connection.backup(copy)


def restore_database(dump: Path) -> None:
    if connection.vendor == "postgresql":
        connection.close()
        run_postgres(
            "pg_restore", "--clean", "--if-exists", "--no-owner", "--no-privileges",
            "--single-transaction", "--exit-on-error", dump,
        )  # fmt: skip
        return
    connection.ensure_connection()
    with sqlite3.connect(dump) as source:
        source.backup(connection.connection)


def run_postgres(program: str, *arguments) -> None:
    """Run a PostgreSQL client program against the site's database, reached as Django reaches it."""
    database = connection.settings_dict
    given = {
        "PGHOST": database["HOST"],
        "PGPORT": database["PORT"],
        "PGUSER": database["USER"],
        "PGPASSWORD": database["PASSWORD"],
        "PGSSLMODE": database["OPTIONS"].get("sslmode"),
    }
    environment = os.environ | {name: str(value) for name, value in given.items() if value}
    try:
        result = subprocess.run(  # noqa: S603
            [program, f"--dbname={database['NAME']}", *map(str, arguments)],
            env=environment,
            capture_output=True,
            text=True,
        )
    except FileNotFoundError as error:
        raise BackupError(f"{program} is not installed (Debian: postgresql-client).") from error
    if result.returncode:
        raise BackupError(f"{program} failed: {result.stderr.strip()}")
