"""The backup archive: a gzipped tar whose manifest proves it whole.

Its members are the database dump (`database.pgdump` or `database.sqlite3`), the uploaded files
under `media/`, and, last, `manifest.json`: the format, when the backup was made, from which kind
of database, and the size and SHA-256 of every other member. The manifest comes last because it
records the bytes exactly as they went into the archive, hashed while they were written; a file
that changes during the nightly backup cannot make it disagree with the archive.

Reading an archive checks all of it before any of it is used. gzip checks its CRC only at the
end of the stream, so the archive is always read to the end; a damaged or cut-short archive
otherwise unpacks its first members without complaint.
"""

import gzip
import hashlib
import io
import json
import os
import tarfile
import zlib
from contextlib import contextmanager
from pathlib import Path, PurePosixPath

from django.utils import timezone

FORMAT = 2
SITE = "idekammare"
MANIFEST = "manifest.json"
MEDIA = "media"
DUMP_NAMES = {"postgresql": "database.pgdump", "sqlite": "database.sqlite3"}
VENDOR_NAMES = {"postgresql": "PostgreSQL", "sqlite": "SQLite"}
CHUNK = 1024 * 1024
LARGEST_MANIFEST = 64 * 1024 * 1024


class BackupError(Exception):
    """A backup that cannot be written, read or restored; the message is one sentence that an
    operator can act on."""


class NoManifest(BackupError):
    """An archive without a manifest: a backup from before manifests, or not one of ours."""


class HashingReader:
    """A file's bytes as tarfile reads them into the archive, with their SHA-256."""

    def __init__(self, file):
        self.file = file
        self.sha256 = hashlib.sha256()

    def read(self, size=-1):
        data = self.file.read(size)
        self.sha256.update(data)
        return data


def write_archive(target: Path, dump: Path, media_root: Path, vendor: str) -> dict:
    """Write the dump and every file under `media_root` to `target`; return the manifest."""
    files = {}
    with tarfile.open(target, "w:gz") as tar:
        files[dump.name] = add_file(tar, dump, dump.name)
        for path in media_files(media_root):
            name = f"{MEDIA}/{path.relative_to(media_root).as_posix()}"
            files[name] = add_file(tar, path, name)
        manifest = {
            "format": FORMAT,
            "site": SITE,
            "created": timezone.localtime().isoformat(timespec="seconds"),
            "database": vendor,
            "files": files,
        }
        add_bytes(tar, MANIFEST, json.dumps(manifest, indent=1, ensure_ascii=False).encode())
    return manifest


def media_files(media_root: Path):
    if not media_root.is_dir():
        return
    for folder, subfolders, names in os.walk(media_root):
        subfolders.sort()
        for name in sorted(names):
            path = Path(folder, name)
            if path.is_file() and not path.is_symlink():
                yield path


def add_file(tar: tarfile.TarFile, path: Path, name: str) -> dict:
    try:
        file = path.open("rb")
    except FileNotFoundError as error:
        raise BackupError(f"{path} vanished while the backup was written; run it again.") from error
    with file:
        info = tar.gettarinfo(arcname=name, fileobj=file)
        reader = HashingReader(file)
        tar.addfile(info, reader)
    return {"size": info.size, "sha256": reader.sha256.hexdigest()}


def add_bytes(tar: tarfile.TarFile, name: str, data: bytes) -> None:
    info = tarfile.TarInfo(name)
    info.size = len(data)
    info.mtime = int(timezone.now().timestamp())
    info.mode = 0o600
    tar.addfile(info, io.BytesIO(data))


def read_archive(
    archive: Path,
    *,
    vendor: str | None = None,
    dump_to: Path | None = None,
    media_to: Path | None = None,
    require_manifest: bool = True,
) -> dict | None:
    """Check `archive` from end to end and return its manifest (None for an archive without one,
    read with `require_manifest=False`).

    With `vendor`, the archive must hold that kind of database. With `dump_to` and `media_to`
    (empty folders), the dump and the files are unpacked into them as they are read; the caller
    uses them only if this returns.
    """
    if not archive.is_file():
        raise BackupError(f"No backup at {archive}.")
    with archive.open("rb") as raw:
        start = raw.read(2)
    if not start:
        raise BackupError(f"{archive} is empty.")
    if start != b"\x1f\x8b":
        raise BackupError(f"{archive} is not a backup: it is not a gzip file.")
    try:
        manifest_bytes, found = read_members(archive, vendor, dump_to, media_to)
    except EOFError as error:
        raise BackupError(f"{archive} is damaged: it ends too early.") from error
    except (OSError, zlib.error, tarfile.TarError) as error:
        raise BackupError(f"{archive} is damaged ({error or type(error).__name__}).") from error
    if manifest_bytes is None:
        if require_manifest:
            raise NoManifest(
                f"{archive} has no manifest, so it cannot prove it is whole "
                "(it is a backup from before manifests, or not a backup of this site)."
            )
        if vendor and DUMP_NAMES[vendor] not in found:
            raise BackupError(f"{archive} holds no {VENDOR_NAMES[vendor]} database.")
        return None
    manifest = parse_manifest(archive, manifest_bytes)
    check_against_manifest(archive, manifest, found, vendor)
    return manifest


def read_members(archive, vendor, dump_to, media_to):
    """Read every member: the manifest's bytes, and the size and hash of every other file."""
    manifest_bytes = None
    found = {}
    with gzip.open(archive, "rb") as stream:
        with tarfile.open(fileobj=stream, mode="r|") as tar:
            for member in tar:
                name = checked_name(archive, member)
                if name is None:
                    continue
                if name in found or (name == MANIFEST and manifest_bytes is not None):
                    raise BackupError(f"{archive} holds {name} twice.")
                if name == MANIFEST:
                    if member.size > LARGEST_MANIFEST:
                        raise BackupError(f"{archive} has an unreadable manifest.")
                    manifest_bytes = tar.extractfile(member).read()
                    continue
                destination = destination_of(name, vendor, dump_to, media_to)
                found[name] = copy_member(tar.extractfile(member), destination)
        # gzip compares its CRC and length only here, at the end of the stream.
        while stream.read(CHUNK):
            pass
    return manifest_bytes, found


def checked_name(archive: Path, member: tarfile.TarInfo) -> str | None:
    """The member's name if it is a file that belongs in a backup, None for a folder."""
    path = PurePosixPath(member.name)
    if path.is_absolute() or ".." in path.parts or not path.parts:
        raise BackupError(f"{archive} holds an unsafe path: {member.name!r}.")
    if member.isdir():
        return None
    if not member.isreg():
        raise BackupError(f"{archive} holds {member.name}, which is not a plain file.")
    name = path.as_posix()
    is_media = path.parts[0] == MEDIA and len(path.parts) > 1
    if not is_media and name != MANIFEST and name not in DUMP_NAMES.values():
        raise BackupError(f"{archive} holds {name}, which is not part of a backup of this site.")
    return name


def destination_of(name, vendor, dump_to, media_to) -> Path | None:
    if name.startswith(f"{MEDIA}/"):
        return media_to.joinpath(*PurePosixPath(name).parts[1:]) if media_to else None
    if dump_to and vendor and name == DUMP_NAMES[vendor]:
        return dump_to / name
    return None


def copy_member(source, destination: Path | None) -> dict:
    """Hash and count the member's bytes, writing them to `destination` if one is given."""
    sha256 = hashlib.sha256()
    size = 0
    target = None
    if destination is not None:
        with unpacking_into(destination):
            destination.parent.mkdir(parents=True, exist_ok=True)
            target = destination.open("xb")
    try:
        while chunk := source.read(CHUNK):
            sha256.update(chunk)
            size += len(chunk)
            if target is not None:
                with unpacking_into(destination):
                    target.write(chunk)
    finally:
        if target is not None:
            with unpacking_into(destination):
                target.close()
    return {"size": size, "sha256": sha256.hexdigest()}


@contextmanager
def unpacking_into(destination: Path):
    """A full disk where the backup is unpacked is not a damaged archive."""
    try:
        yield
    except OSError as error:
        raise BackupError(f"Could not unpack the backup into {destination}: {error}.") from error


def parse_manifest(archive: Path, data: bytes) -> dict:
    try:
        manifest = json.loads(data)
        files = manifest["files"]
        valid = (
            isinstance(manifest["format"], int)
            and isinstance(files, dict)
            and all(
                isinstance(entry, dict) and {"size", "sha256"} <= entry.keys()
                for entry in files.values()
            )
        )
    except (ValueError, TypeError, KeyError):
        valid = False
    if not valid:
        raise BackupError(f"{archive} has an unreadable manifest.")
    if manifest.get("site") != SITE:
        raise BackupError(f"{archive} is not a backup of this site.")
    if manifest["format"] > FORMAT:
        raise BackupError(
            f"{archive} is in backup format {manifest['format']}, newer than this version of the "
            f"site reads ({FORMAT})."
        )
    return manifest


def check_against_manifest(archive: Path, manifest: dict, found: dict, vendor: str | None):
    listed = manifest["files"]
    made_from = manifest.get("database")
    if (
        not isinstance(made_from, str)
        or made_from not in DUMP_NAMES
        or DUMP_NAMES[made_from] not in listed
    ):
        raise BackupError(f"{archive} lists no database in its manifest.")
    if vendor and made_from != vendor:
        raise BackupError(
            f"{archive} holds a {VENDOR_NAMES[made_from]} database, and this site runs on "
            f"{VENDOR_NAMES[vendor]}."
        )
    missing = [name for name in listed if name not in found]
    if missing:
        raise BackupError(
            f"{archive} is incomplete: {len(missing)} of the {len(listed)} files its manifest "
            f"lists are missing, the first {missing[0]}."
        )
    unlisted = [name for name in found if name not in listed]
    if unlisted:
        raise BackupError(f"{archive} holds {unlisted[0]}, which its manifest does not list.")
    for name, entry in listed.items():
        if found[name] != {"size": entry["size"], "sha256": entry["sha256"]}:
            raise BackupError(f"{archive} is damaged: {name} does not match its manifest.")
