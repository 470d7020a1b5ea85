"""`make backup`, `make verify-backup` and `make restore`: a lost database and lost files come
back whole, and an archive that is not whole changes nothing.

The round trips commit for real (transactional tests), because `pg_dump` reads the database
from its own connection. Serialized rollback puts back the rows the data migrations made, which
the flush after a transactional test removes. A refused archive never reaches the database, so
those tests run in the usual rolled-back transaction.
"""

import copy
import hashlib
import io
import os
import subprocess
import sys
import tarfile
from io import StringIO
from pathlib import Path

from django.conf import settings as django_settings
from django.core.management import CommandError, call_command
from django.db import connection

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

import pytest

from home.core.backup_archive import DUMP_NAMES, MANIFEST, VENDOR_NAMES, write_archive
from member_review.models import Vote
from tests.conftest import load_demo_content

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    # The test deletes every uploaded file; those of the run's other tests stay out of its way.
    settings.MEDIA_ROOT = tmp_path / "media"


def snapshot():
    """What must survive: every page, revision, vote and uploaded file, with its content."""
    files = [*get_document_model().objects.all(), *get_image_model().objects.all()]
    return {
        "pages": set(Page.objects.values_list("pk", "title", "live", "url_path")),
        "revisions": set(Revision.objects.values_list("pk", "object_id", "created_at")),
        "votes": set(Vote.objects.values_list("task_state", "organisation", "choice", "reason")),
        "files": {item.file.name: Path(item.file.path).read_bytes() for item in files},
    }


def drop_every_table():
    connection.disable_constraint_checking()
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names(cursor):
            cascade = " CASCADE" if connection.vendor == "postgresql" else ""
            cursor.execute(f"DROP TABLE IF EXISTS {connection.ops.quote_name(table)}{cascade}")
    connection.enable_constraint_checking()


def test_a_backup_brings_back_every_page_revision_vote_and_file(tmp_path, settings):
    load_demo_content()
    before = snapshot()
    assert before["votes"] and before["revisions"] and before["files"]

    output = StringIO()
    call_command("backup", directory=tmp_path / "backups", stdout=output)
    archive = Path(output.getvalue().strip())
    assert archive.name.startswith("idekammare-") and archive.name.endswith(".tar.gz")
    assert archive.stat().st_mode & 0o777 == 0o600
    assert [path.name for path in archive.parent.iterdir()] == [archive.name]
    verified = StringIO()
    call_command("backup", verify=archive, stdout=verified)
    assert f"{len(before['files'])} file(s) match its manifest" in verified.getvalue()

    drop_every_table()
    for path in Path(settings.MEDIA_ROOT).rglob("*"):
        if path.is_file():
            path.unlink()
    assert connection.introspection.table_names() == []

    call_command("restore", str(archive), stdout=StringIO())

    assert snapshot() == before
    assert Page.objects.filter(title="Föreningslokaler ska vara öppna för alla").exists()


def test_restore_refuses_a_missing_archive(tmp_path):
    with pytest.raises(CommandError, match="No backup at"):
        call_command("restore", str(tmp_path / "nothing.tar.gz"))


# Archives that are not whole ----------------------------------------------------------------

OTHER_VENDOR = {"postgresql": "sqlite", "sqlite": "postgresql"}
IN_THE_ARCHIVE = b"%PDF-1.4 the file as it was at the backup"
ON_THE_SITE = b"%PDF-1.4 the file as it is now"


def members_of(archive):
    with tarfile.open(archive) as tar:
        return [(member, tar.extractfile(member).read()) for member in tar if member.isreg()]


def tar_gz(target, members):
    """Write `members`, pairs of a TarInfo (or a name) and the bytes, to `target`."""
    with tarfile.open(target, "w:gz") as tar:
        for member, data in members:
            info = (
                copy.copy(member)
                if isinstance(member, tarfile.TarInfo)
                else tarfile.TarInfo(member)
            )
            info.size = len(data)
            tar.addfile(info, io.BytesIO(data))


@pytest.fixture(scope="module")
def archives(tmp_path_factory):
    """An intact archive made by `write_archive` from a stand-in dump, and its damaged kin."""
    folder = tmp_path_factory.mktemp("archives")
    media = folder / "media"
    (media / "documents").mkdir(parents=True)
    (media / "documents" / "lokaler.pdf").write_bytes(IN_THE_ARCHIVE)
    dump = folder / "dump" / DUMP_NAMES[connection.vendor]
    dump.parent.mkdir()
    # Incompressible, so that the middle of the archive is the middle of the dump.
    dump.write_bytes(hashlib.shake_256(b"dump").digest(200_000))
    intact = folder / "intact.tar.gz"
    write_archive(intact, dump, media, connection.vendor)
    data = intact.read_bytes()

    other_vendor = folder / f"other-vendor-{dump.name}"
    other_dump = dump.with_name(DUMP_NAMES[OTHER_VENDOR[connection.vendor]])
    other_dump.write_bytes(b"made elsewhere")
    write_archive(other_vendor, other_dump, media, OTHER_VENDOR[connection.vendor])

    flipped = bytearray(data)
    for offset in range(4):
        flipped[len(data) // 2 + offset] ^= 0xFF
    (folder / "flipped.tar.gz").write_bytes(bytes(flipped))
    (folder / "truncated.tar.gz").write_bytes(data[: len(data) * 2 // 3])
    (folder / "empty.tar.gz").write_bytes(b"")
    (folder / "random.tar.gz").write_bytes(hashlib.shake_256(b"noise").digest(len(data)))
    tar_gz(folder / "foreign.tar.gz", [("README.md", b"# Another project"), ("src/app.py", b"")])

    members = members_of(intact)
    tar_gz(folder / "before-manifests.tar.gz", [(m, d) for m, d in members if m.name != MANIFEST])
    tar_gz(
        folder / "tampered.tar.gz",
        [(m, b"%PDF-1.4 changed" if m.name.endswith(".pdf") else d) for m, d in members],
    )
    tar_gz(folder / "unlisted.tar.gz", [*members, ("media/documents/smuggled.pdf", b"%PDF-")])
    tar_gz(folder / "unsafe.tar.gz", [("media/../../etc/cron.d/evil", b"* * * * * root true")])
    return folder


DAMAGED = {
    "flipped": r"flipped\.tar\.gz is damaged",
    "truncated": r"truncated\.tar\.gz is damaged",
    "empty": r"empty\.tar\.gz is empty\.",
    "random": r"random\.tar\.gz is not a backup: it is not a gzip file\.",
    "foreign": r"holds README\.md, which is not part of a backup of this site\.",
    "tampered": r"media/documents/lokaler\.pdf does not match its manifest\.",
    "unlisted": r"holds media/documents/smuggled\.pdf, which its manifest does not list\.",
    "unsafe": r"holds an unsafe path: 'media/\.\./\.\./etc/cron\.d/evil'\.",
}


@pytest.fixture
def site_as_it_is(settings, db):
    """A page title and an uploaded file that a refused restore must leave as they are."""
    Page.objects.filter(depth=2).update(title="Före återställningen")
    document = Path(settings.MEDIA_ROOT) / "documents" / "lokaler.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(ON_THE_SITE)

    def unchanged():
        assert Page.objects.filter(depth=2, title="Före återställningen").exists()
        assert document.read_bytes() == ON_THE_SITE
        assert sorted(path.name for path in Path(settings.MEDIA_ROOT).rglob("*")) == [
            "documents",
            "lokaler.pdf",
        ]
        # No unpacked files are left beside MEDIA_ROOT.
        assert [path.name for path in Path(settings.MEDIA_ROOT).parent.iterdir()] == ["media"]

    return unchanged


@pytest.mark.django_db
@pytest.mark.parametrize("damage", DAMAGED)
def test_a_damaged_or_foreign_archive_is_refused_and_changes_nothing(
    archives, site_as_it_is, damage
):
    archive = archives / f"{damage}.tar.gz"

    with pytest.raises(CommandError, match=DAMAGED[damage]):
        call_command("backup", verify=archive, stdout=StringIO())
    with pytest.raises(CommandError, match=f"^Nothing was restored: .*{DAMAGED[damage]}"):
        call_command("restore", str(archive), stdout=StringIO())

    site_as_it_is()


@pytest.mark.django_db
def test_a_backup_of_the_other_database_verifies_but_is_not_restored(archives, site_as_it_is):
    archive = next(archives.glob("other-vendor-*"))
    here, there = VENDOR_NAMES[connection.vendor], VENDOR_NAMES[OTHER_VENDOR[connection.vendor]]

    # Whole, wherever it is checked: an archive copied off the machine can be verified anywhere.
    call_command("backup", verify=archive, stdout=StringIO())

    with pytest.raises(
        CommandError, match=f"holds a {there} database, and this site runs on {here}"
    ):
        call_command("restore", str(archive), stdout=StringIO())

    site_as_it_is()


@pytest.mark.django_db
def test_an_archive_from_before_manifests_is_restored_only_when_asked(archives, site_as_it_is):
    with pytest.raises(CommandError, match="has no manifest.*restore it with --without-manifest"):
        call_command("restore", str(archives / "before-manifests.tar.gz"))
    with pytest.raises(CommandError, match="has no manifest"):
        call_command("backup", verify=archives / "before-manifests.tar.gz")

    site_as_it_is()


@pytest.mark.django_db
def test_verify_accepts_an_intact_archive_and_touches_nothing(archives):
    before = {path: path.stat().st_mtime_ns for path in archives.rglob("*")}
    output = StringIO()

    call_command("backup", verify=archives / "intact.tar.gz", stdout=output)

    database = VENDOR_NAMES[connection.vendor]
    assert f"intact.tar.gz is whole: its {database} database and 1 file(s)" in output.getvalue()
    assert {path: path.stat().st_mtime_ns for path in archives.rglob("*")} == before


@pytest.mark.django_db
def test_an_operator_sees_one_sentence_and_exit_status_1(archives, tmp_path):
    """The command line as cron and an operator see it; a scratch SQLite database and media
    folder stand in for the site's, in case the refusal ever failed to refuse."""
    environment = os.environ | {
        "DATABASE_URL": f"sqlite:///{tmp_path / 'scratch.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "DJANGO_SETTINGS_MODULE": "idekammare.settings.dev",
    }
    archive = archives / "truncated.tar.gz"

    result = subprocess.run(
        [sys.executable, "manage.py", "restore", str(archive)],
        cwd=django_settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
    )

    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert result.stderr.strip().startswith("CommandError: Nothing was restored: ")
    assert len(result.stderr.strip().splitlines()) == 1


@pytest.mark.django_db
def test_a_backup_that_fails_its_own_check_is_not_kept_and_the_command_fails(tmp_path, monkeypatch):
    def write_then_damage(target, *args):
        manifest = write_archive(target, *args)
        data = bytearray(target.read_bytes())
        data[len(data) // 2] ^= 0xFF
        target.write_bytes(bytes(data))
        return manifest

    monkeypatch.setattr("home.core.backup.write_archive", write_then_damage)

    with pytest.raises(CommandError, match="^The backup just written failed its check, so it"):
        call_command("backup", directory=tmp_path / "backups", stdout=StringIO())

    assert list((tmp_path / "backups").iterdir()) == []


def test_an_archive_from_before_manifests_comes_back_with_without_manifest(tmp_path, settings):
    Page.objects.filter(depth=2).update(title="Som vid säkerhetskopian")
    document = Path(settings.MEDIA_ROOT) / "documents" / "lokaler.pdf"
    document.parent.mkdir(parents=True)
    document.write_bytes(IN_THE_ARCHIVE)
    output = StringIO()
    call_command("backup", directory=tmp_path / "backups", stdout=output)
    # The archive as the previous release wrote it: the dump and MEDIA_ROOT, folders and all.
    unpacked = tmp_path / "unpacked"
    with tarfile.open(output.getvalue().strip()) as tar:
        tar.extractall(unpacked, filter="data")
    legacy = tmp_path / "idekammare-20250101-021500.tar.gz"
    with tarfile.open(legacy, "w:gz") as tar:
        dump = next(unpacked.glob("database.*"))
        tar.add(dump, arcname=dump.name)
        tar.add(settings.MEDIA_ROOT, arcname="media")

    Page.objects.filter(depth=2).update(title="Ändrad efteråt")
    document.write_bytes(ON_THE_SITE)
    call_command("restore", str(legacy), without_manifest=True, stdout=StringIO())

    assert Page.objects.filter(depth=2, title="Som vid säkerhetskopian").exists()
    assert document.read_bytes() == IN_THE_ARCHIVE
