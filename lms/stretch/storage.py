"""Where private uploads live: outside MEDIA_ROOT, with no public URL.

Evidence files are only ever served by a view that checks who is asking.
"""

import os

from django.core.files.storage import FileSystemStorage

from lms.conf import lms_settings


class PrivateStorage(FileSystemStorage):
    """File-system storage under LMS_PRIVATE_ROOT, read when used (tests move it)."""

    @property
    def base_location(self):
        return str(lms_settings.PRIVATE_ROOT)

    @property
    def location(self):
        return os.path.abspath(self.base_location)

    def url(self, name):
        raise ValueError("Private files have no public URL; serve them through a view.")


_storage = PrivateStorage()


def private_storage():
    """The storage of evidence files (a callable keeps migrations free of paths)."""
    return _storage
