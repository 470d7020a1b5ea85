"""Uploads: a document is accepted by its content, not its name, and a file that cannot be
written whole (a full disk) leaves nothing behind and tells the editor so."""

import errno
import io
import json
import os
import zipfile
from pathlib import Path

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import FileSystemStorage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import UploadedFile

import pytest
from PIL import Image as PILImage

from conftest import make_user
from home.core.document_content import every_document_extension_has_a_rule
from home.core.storage import WholeFileSystemStorage

Document = get_document_model()

NOT_A_PDF = "Filen är ingen PDF, fast namnet slutar på .pdf."
NOT_A_DOCX = "Filen är inget Word-dokument (DOCX), fast namnet slutar på .docx."
NOT_AN_ODT = "Filen är ingen OpenDocument-text (ODT), fast namnet slutar på .odt."
DISK_FULL = (
    "Filen kunde inte sparas: disken är full. Försök igen senare eller kontakta administratören."
)
COULD_NOT_SAVE = "Filen kunde inte sparas. Försök igen senare eller kontakta administratören."


def zipped(members):
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def office_open_xml(main_part):
    return zipped(
        {
            "[Content_Types].xml": (
                '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.'
                'openxmlformats.org/package/2006/content-types"><Override PartName="/main.xml" '
                f'ContentType="application/vnd.openxmlformats-officedocument.{main_part}"/></Types>'
            ),
            "main.xml": "<document/>",
        }
    )


def open_document(mimetype):
    return zipped({"mimetype": mimetype, "content.xml": "<office:document-content/>"})


PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n"
DOCX = office_open_xml("wordprocessingml.document.main+xml")
ODT = open_document("application/vnd.oasis.opendocument.text")

WHOLE = {"stadgar.pdf": PDF, "stadgar.docx": DOCX, "stadgar.odt": ODT}
DISGUISED = {
    "a web page named .pdf": ("rapport.pdf", b"<html><script>alert(1)</script></html>", NOT_A_PDF),
    "a PDF without its header": ("rapport.pdf", b"1 0 obj << >> endobj %PDF-1.4", NOT_A_PDF),
    "a spreadsheet named .docx": (
        "budget.docx",
        office_open_xml("spreadsheetml.sheet.main+xml"),
        NOT_A_DOCX,
    ),
    "a ZIP named .docx": ("brev.docx", zipped({"brev.txt": "Hej"}), NOT_A_DOCX),
    "a PDF named .docx": ("brev.docx", PDF, NOT_A_DOCX),
    "a spreadsheet named .odt": (
        "budget.odt",
        open_document("application/vnd.oasis.opendocument.spreadsheet"),
        NOT_AN_ODT,
    ),
    "a Word document named .odt": ("brev.odt", DOCX, NOT_AN_ODT),
}


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def stored_files(media_root):
    """Every file under MEDIA_ROOT, hidden ones too."""
    return sorted(
        path.relative_to(media_root).as_posix() for path in media_root.rglob("*") if path.is_file()
    )


@pytest.fixture
def editor_client(db):
    client = Client()
    client.force_login(make_user("redaktor", "Redaktörer"))
    return client


def upload(client, name, data):
    return client.post(
        reverse("wagtaildocs:add"),
        {"title": "Stadgar", "file": SimpleUploadedFile(name, data), "collection": 1},
    )


def upload_several(client, name, data):
    response = client.post(
        reverse("wagtaildocs:add_multiple"),
        {"files[]": SimpleUploadedFile(name, data), "collection": 1},
        headers={"x-requested-with": "XMLHttpRequest"},
    )
    return response.json()


def upload_in_the_chooser(client, name, data):
    response = client.post(
        reverse("wagtaildocs_chooser:create"),
        {
            "document-chooser-upload-title": "Stadgar",
            "document-chooser-upload-file": SimpleUploadedFile(name, data),
            "document-chooser-upload-collection": 1,
        },
    )
    return json.loads(response.content)


# Accepted by content -------------------------------------------------------------------------


@pytest.mark.parametrize("name", WHOLE)
def test_a_real_pdf_docx_or_odt_is_accepted(editor_client, media_root, name):
    response = upload(editor_client, name, WHOLE[name])

    assert response.status_code == 302
    document = Document.objects.get()
    assert Path(document.file.path).read_bytes() == WHOLE[name]
    assert stored_files(media_root) == [f"documents/{name}"]


@pytest.mark.parametrize("disguise", DISGUISED)
def test_a_file_that_is_not_what_its_name_says_is_refused_in_the_upload_form(
    editor_client, media_root, disguise
):
    name, data, refusal = DISGUISED[disguise]

    response = upload(editor_client, name, data)

    assert response.status_code == 200
    assert refusal in response.content.decode()
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_the_multiple_upload_refuses_it_and_keeps_no_file(editor_client, media_root):
    answer = upload_several(editor_client, "rapport.pdf", b"<html></html>")

    assert answer == {"success": False, "error_message": NOT_A_PDF}
    assert not Document.objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(media_root) == []

    assert upload_several(editor_client, "rapport.pdf", PDF)["success"]
    assert Document.objects.count() == 1


def test_the_choosers_upload_refuses_it(editor_client, media_root):
    answer = upload_in_the_chooser(editor_client, "brev.odt", DOCX)

    assert answer["step"] == "reshow_creation_form"
    assert NOT_AN_ODT in answer["htmlFragment"]
    assert not Document.objects.exists()
    assert stored_files(media_root) == []

    assert upload_in_the_chooser(editor_client, "brev.odt", ODT)["step"] == "chosen"


def test_replacing_a_documents_file_is_checked_too(editor_client, media_root):
    document = Document.objects.create(title="Stadgar", file=ContentFile(PDF, name="stadgar.pdf"))

    response = editor_client.post(
        reverse("wagtaildocs:edit", args=[document.pk]),
        {
            "title": "Stadgar",
            "file": SimpleUploadedFile("stadgar.pdf", b"MZ\x90\x00"),
            "collection": 1,
        },
    )

    assert response.status_code == 200
    assert NOT_A_PDF in response.content.decode()
    document.refresh_from_db()
    assert Path(document.file.path).read_bytes() == PDF
    assert stored_files(media_root) == ["documents/stadgar.pdf"]


def test_code_that_creates_documents_cannot_go_round_the_rule(db, media_root):
    """A shell, a management command or any other code that saves a document."""
    with pytest.raises(ValidationError, match="ingen PDF"):
        Document.objects.create(title="Rapport", file=ContentFile(b"<html>", name="rapport.pdf"))
    with pytest.raises(ValidationError):
        Document.objects.create(title="Skript", file=ContentFile(b"<html>", name="skript.html"))
    document = Document.objects.create(title="Rapport", file=ContentFile(PDF, name="rapport.pdf"))
    document.file = ContentFile(DOCX, name="rapport.odt")
    with pytest.raises(ValidationError, match="ingen OpenDocument-text"):
        document.save()

    assert list(Document.objects.values_list("file", flat=True)) == ["documents/rapport.pdf"]
    assert stored_files(media_root) == ["documents/rapport.pdf"]


def test_every_allowed_extension_has_a_content_rule(settings):
    assert every_document_extension_has_a_rule() == []

    settings.WAGTAILDOCS_EXTENSIONS = [*settings.WAGTAILDOCS_EXTENSIONS, "txt"]

    assert [error.id for error in every_document_extension_has_a_rule()] == [
        "idekammare.documents.E001"
    ]


# A failed write ------------------------------------------------------------------------------


class FailingPartway:
    """A file on a disk that fills up: the first write puts half its bytes on disk and fails."""

    def __init__(self, file, error_number):
        self.file = file
        self.error_number = error_number
        self.bytes_on_disk = 0

    def write(self, data):
        half = data[: len(data) // 2]
        self.file.write(half)
        self.file.flush()
        self.bytes_on_disk = os.fstat(self.file.fileno()).st_size
        raise OSError(self.error_number, os.strerror(self.error_number))

    def __getattr__(self, name):
        return getattr(self.file, name)


class FailingDisk:
    """A disk that refuses the rest of every file written under MEDIA_ROOT."""

    def __init__(self):
        self.error_number = errno.ENOSPC
        self.files = []

    def bytes_written_before_the_failure(self):
        return [file.bytes_on_disk for file in self.files]


@pytest.fixture
def failing_disk(monkeypatch, media_root):
    """Django's FileSystemStorage writes through `os.fdopen`; the fault is injected there, in
    the file the operating system opened, and Django's own code runs as in production."""
    disk = FailingDisk()
    real_fdopen = os.fdopen

    def fdopen(fd, *args, **kwargs):
        file = real_fdopen(fd, *args, **kwargs)
        if not os.readlink(f"/proc/self/fd/{fd}").startswith(str(media_root)):
            return file
        disk.files.append(FailingPartway(file, disk.error_number))
        return disk.files[-1]

    monkeypatch.setattr(os, "fdopen", fdopen)
    return disk


def test_the_storage_keeps_no_partial_file_where_djangos_would(failing_disk, media_root):
    with pytest.raises(OSError, match="No space left"):
        FileSystemStorage().save("documents/stadgar.pdf", ContentFile(PDF))
    assert failing_disk.bytes_written_before_the_failure() == [len(PDF) // 2]
    assert stored_files(media_root) == ["documents/stadgar.pdf"]  # Django's, truncated
    (media_root / "documents" / "stadgar.pdf").unlink()

    with pytest.raises(OSError, match="No space left"):
        WholeFileSystemStorage().save("documents/stadgar.pdf", ContentFile(PDF))
    assert failing_disk.bytes_written_before_the_failure()[-1] == len(PDF) // 2
    assert stored_files(media_root) == []


def test_the_storage_names_a_file_only_once_it_is_whole(media_root):
    storage = WholeFileSystemStorage()

    first = storage.save("documents/stadgar.pdf", ContentFile(PDF))
    second = storage.save("documents/stadgar.pdf", ContentFile(PDF + b"v2"))

    assert first == "documents/stadgar.pdf"
    assert second != first and second.startswith("documents/stadgar_")
    assert storage.open(second).read() == PDF + b"v2"
    assert stored_files(media_root) == sorted([first, second])


def test_a_full_disk_is_a_form_error_and_leaves_no_file(editor_client, failing_disk, media_root):
    response = upload(editor_client, "stadgar.pdf", PDF)

    assert response.status_code == 200
    assert DISK_FULL in response.content.decode()
    assert failing_disk.bytes_written_before_the_failure() == [len(PDF) // 2]
    assert not Document.objects.exists()
    assert stored_files(media_root) == []


def test_a_full_disk_in_the_multiple_upload_is_its_error(editor_client, failing_disk, media_root):
    answer = upload_several(editor_client, "stadgar.pdf", PDF)

    assert answer == {"success": False, "error_message": DISK_FULL}
    assert not Document.objects.exists()
    assert not UploadedFile.objects.exists()
    assert stored_files(media_root) == []


def test_an_image_that_cannot_be_written_is_a_form_error(editor_client, failing_disk, media_root):
    failing_disk.error_number = errno.EACCES
    buffer = io.BytesIO()
    PILImage.new("RGB", (40, 40), "#2a6f4e").save(buffer, "PNG")

    response = editor_client.post(
        reverse("wagtailimages:add"),
        {
            "title": "Bild",
            "file": SimpleUploadedFile("bild.png", buffer.getvalue(), content_type="image/png"),
            "collection": 1,
        },
    )

    assert response.status_code == 200
    assert COULD_NOT_SAVE in response.content.decode()
    assert not get_image_model().objects.exists()
    assert stored_files(media_root) == []
