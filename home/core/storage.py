"""Uploaded files are written whole or not at all.

Django's FileSystemStorage writes an upload straight under its final name and, when the write
fails (a full disk, a permission), leaves the part it wrote there. This storage writes to a
hidden file in the same folder, gives it its final name only once every byte is on disk, and
removes it if the write fails, so MEDIA_ROOT never holds a truncated upload.
"""

import os
import uuid
from contextlib import suppress
from pathlib import PurePosixPath

from django.core.files.storage import FileSystemStorage


class WholeFileSystemStorage(FileSystemStorage):
    def _save(self, name, content):
        folder = PurePosixPath(name).parent
        partial = str(folder / f".partial-{uuid.uuid4().hex}")
        try:
            partial = super()._save(partial, content)
            return self._name_when_whole(partial, name)
        finally:
            with suppress(FileNotFoundError):
                os.remove(self.path(partial))

    def _name_when_whole(self, partial, name):
        """Link the written file under `name`, or the next free name if another upload took it
        meanwhile (a rename would replace that one)."""
        while True:
            try:
                os.link(self.path(partial), self.path(name))
            except FileExistsError:
                name = self.get_available_name(name)
            else:
                return name
