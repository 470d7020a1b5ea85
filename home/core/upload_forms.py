"""The admin's forms for documents and images (WAGTAILDOCS_DOCUMENT_FORM_BASE and
WAGTAILIMAGES_IMAGE_FORM_BASE), used by every upload: single and multiple, and the choosers'.

Their last steps of validation judge the uploaded file and then store it. Wagtail's views save
a valid form with no way back to it, so a disk that is full when the file is written would
otherwise be a bare server error; here it is an error on the file field, with nothing half
written (`storage.WholeFileSystemStorage`).
"""

import errno
import logging

from django.utils.translation import gettext as _

from wagtail.documents.forms import BaseDocumentForm
from wagtail.images.forms import BaseImageForm

from .document_content import content_refusal

logger = logging.getLogger("idekammare.uploads")

DISK_FULL = {errno.ENOSPC, errno.EDQUOT}


class UploadForm:
    def refusal(self, file) -> str | None:
        """Why the uploaded `file`, otherwise valid, is not accepted; None if it is."""
        return None

    def _post_clean(self):
        super()._post_clean()
        if "file" not in self.changed_data or "file" in self.errors:
            return
        file = self.instance.file
        if refusal := self.refusal(file):
            self.add_error("file", refusal)
        elif not self.errors:
            try:
                file.save(file.name, file.file, save=False)
            except OSError as error:
                logger.error("Could not store the upload %s: %s", file.name, error)
                self.add_error("file", storage_failure(error))


def storage_failure(error: OSError) -> str:
    if error.errno in DISK_FULL:
        return _(
            "The file could not be saved: the disk is full. Try again later or contact the "
            "administrator."
        )
    return _("The file could not be saved. Try again later or contact the administrator.")


class DocumentForm(UploadForm, BaseDocumentForm):
    def refusal(self, file):
        return content_refusal(file)


class ImageForm(UploadForm, BaseImageForm):
    pass
