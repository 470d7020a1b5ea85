"""A document is what its name says: a .pdf is a PDF, a .docx a Word document, an .odt an
OpenDocument text, judged by the bytes and never by the name alone.

Wagtail checks only the name's extension (WAGTAILDOCS_EXTENSIONS). The admin's upload forms
show the rule's refusal on the file field (`upload_forms.DocumentForm`, which Wagtail's write API
would use too); any other save of a new file (a shell, a management command, a data import)
meets the rule in `pre_save` and is refused with a ValidationError.
"""

import zipfile
import zlib
from pathlib import PurePath

from django.conf import settings
from django.core import checks
from django.core.exceptions import ValidationError
from django.db.models.signals import pre_save
from django.utils.translation import gettext as _

from wagtail.documents import get_document_model

DOCX_MAIN_PART = b"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
LARGEST_INDEX = 1024 * 1024


def is_pdf(file) -> bool:
    return file.read(5) == b"%PDF-"


def is_docx(file) -> bool:
    # The main part's content type is looked for as bytes: parsing an upload's XML safely would
    # need defusedxml, which the site does not otherwise depend on.
    return small_member(file, "[Content_Types].xml", lambda index: DOCX_MAIN_PART in index)


def is_odt(file) -> bool:
    return small_member(file, "mimetype", lambda mimetype: mimetype == ODT_MIMETYPE)


def small_member(file, name, test) -> bool:
    """Whether `file` is a ZIP archive whose member `name` is small and passes `test`."""
    try:
        with zipfile.ZipFile(file) as archive:
            member = archive.getinfo(name)
            return member.file_size <= LARGEST_INDEX and test(archive.read(member))
    except (zipfile.BadZipFile, KeyError, OSError, EOFError, zlib.error, NotImplementedError):
        return False


def not_a_pdf():
    return _("This file is not a PDF, although its name ends in .pdf.")


def not_a_docx():
    return _("This file is not a Word document (DOCX), although its name ends in .docx.")


def not_an_odt():
    return _("This file is not an OpenDocument text (ODT), although its name ends in .odt.")


RULES = {"pdf": (is_pdf, not_a_pdf), "docx": (is_docx, not_a_docx), "odt": (is_odt, not_an_odt)}


def content_refusal(file) -> str | None:
    """Why `file`'s bytes are not what its extension says, or None.

    A name outside WAGTAILDOCS_EXTENSIONS is not judged here: Wagtail refuses it.
    """
    extension = PurePath(file.name or "").suffix.lower().removeprefix(".")
    if extension not in RULES:
        return None
    looks_right, refusal = RULES[extension]
    file.seek(0)
    try:
        return None if looks_right(file) else refusal()
    finally:
        file.seek(0)


def refuse_wrong_content(sender, instance, raw=False, update_fields=None, **kwargs):
    """Refuse saving a document whose new file is not what its name says."""
    if update_fields is not None and "file" not in update_fields:
        return
    if raw or not instance.file or instance.file._committed:
        return
    instance.clean()  # Wagtail's extension rule
    if refusal := content_refusal(instance.file):
        raise ValidationError({"file": refusal})


def every_document_extension_has_a_rule(app_configs=None, **kwargs):
    return [
        checks.Error(
            f"WAGTAILDOCS_EXTENSIONS allows .{extension}, which home.core.document_content has "
            "no rule to check by content.",
            id="idekammare.documents.E001",
        )
        for extension in getattr(settings, "WAGTAILDOCS_EXTENSIONS", None) or []
        if extension.lower() not in RULES
    ]


def connect():
    pre_save.connect(
        refuse_wrong_content, sender=get_document_model(), dispatch_uid="document-content"
    )
    checks.register(every_document_extension_has_a_rule)
