"""Backups: the database and the uploaded files together in one timestamped archive.

PostgreSQL is dumped with `pg_dump` in its custom format and brought back with `pg_restore`;
the SQLite database of a development machine is copied with SQLite's own backup API.
"""

import os
import shutil
import sqlite3
import subprocess
import tarfile
from pathlib import Path
from tempfile import TemporaryDirectory

from django.conf import settings
from django.db import connection
from django.utils import timezone

DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
MEDIA = "media"


def write_backup(directory: Path) -> Path:
    """Write `idekammare-<time>.tar.gz` into `directory` and return its path.

    The archive holds password hashes and page passwords, so only its owner may read it, and it
    gets its name only once it is whole.
    """
    directory.mkdir(parents=True, exist_ok=True)
    archive = directory / f"idekammare-{timezone.localtime():%Y%m%d-%H%M%S}.tar.gz"
    unfinished = archive.with_name(f".{archive.name}.unfinished")
    with TemporaryDirectory() as work:
        dump = Path(work) / DUMP_NAMES[connection.vendor]
        dump_database(dump)
        unfinished.touch(mode=0o600)
        try:
            with tarfile.open(unfinished, "w:gz") as tar:
                tar.add(dump, arcname=dump.name)
                media_root = Path(settings.MEDIA_ROOT)
                if media_root.is_dir():
                    tar.add(media_root, arcname=MEDIA)
        except BaseException:
            unfinished.unlink()
            raise
    unfinished.rename(archive)
    return archive


def restore_backup(archive: Path) -> None:
    """Replace the database with the one in `archive` and put its uploaded files back."""
    with TemporaryDirectory() as work, tarfile.open(archive) as tar:
        tar.extractall(work, filter="data")
        dump = Path(work) / DUMP_NAMES[connection.vendor]
        if not dump.exists():
            raise BackupError(f"{archive} holds no {connection.vendor} database.")
        restore_database(dump)
        media = Path(work) / MEDIA
        if media.is_dir():
            shutil.copytree(media, settings.MEDIA_ROOT, dirs_exist_ok=True)


class BackupError(Exception):
    pass


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
