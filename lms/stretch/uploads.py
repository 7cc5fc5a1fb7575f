"""Checking evidence uploads by their bytes, never by the name the uploader gave.

Accepted: PDF, PNG, JPEG, GIF, WebP, Office Open XML (docx, xlsx, pptx) and
legacy Office (doc, xls, ppt). Everything else is refused, whatever its name
says. The name is kept only for display, cleaned of any path or control
characters; the stored file gets a generated name (see
`lms.stretch.models.evidence_path`), and a download gets the extension of
what the file really is.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from lms.conf import lms_settings
from lms.core.sniffing import (  # noqa: F401 - the names callers use from here
    DOC,
    DOCX,
    EXTENSIONS,
    GIF,
    JPEG,
    PDF,
    PNG,
    PPT,
    PPTX,
    WEBP,
    XLS,
    XLSX,
    sniff,
)

MAX_NAME_LENGTH = 120
FALLBACK_NAME = "file"

# The content types and their sniffing live in lms.core.sniffing.


def max_bytes():
    """The largest file accepted (LMS_EVIDENCE_MAX_BYTES)."""
    return lms_settings.EVIDENCE_MAX_BYTES


def max_files():
    """How many files one piece of evidence may bring (LMS_EVIDENCE_MAX_FILES)."""
    return lms_settings.EVIDENCE_MAX_FILES


@dataclass(frozen=True)
class CheckedUpload:
    """An uploaded file that passed every check, with what its bytes say it is."""

    file: object
    name: str
    content_type: str
    size: int


# Names


def display_name(raw):
    """The uploader's file name made safe to show: no folders, no control characters."""
    name = re.split(r"[\\/]", str(raw or ""))[-1]
    name = unicodedata.normalize("NFC", name)
    # Category C covers control and format characters, such as the
    # right-to-left override that disguises "gpj.exe" as "exe.jpg".
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C")
    name = name.strip().lstrip(".").strip()
    return _shorten(name) or FALLBACK_NAME


def _shorten(name):
    if len(name) <= MAX_NAME_LENGTH:
        return name
    stem, dot, extension = name.rpartition(".")
    if stem and 0 < len(extension) <= 10:
        return stem[: MAX_NAME_LENGTH - len(extension) - 1].rstrip() + dot + extension
    return name[:MAX_NAME_LENGTH].rstrip()


def download_name(name, content_type):
    """The name to download a file under: its extension always matches its content."""
    allowed = EXTENSIONS.get(content_type)
    if not allowed:
        return name
    stem, dot, extension = name.rpartition(".")
    if dot and extension.lower() in allowed:
        return name
    return f"{stem if dot and stem else name}.{allowed[0]}"


# Content


# Checking


def check_upload(uploaded):
    """Check one file; return a CheckedUpload or raise ValidationError with a sentence."""
    name = display_name(uploaded.name)
    size = uploaded.size or 0
    if size == 0:
        raise ValidationError(f"{name} is empty.", code="empty")
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            f"{name} is {filesizeformat(size)}; files can be at most "
            f"{filesizeformat(limit)}.",
            code="too_large",
        )
    content_type = sniff(uploaded)
    if content_type is None:
        raise ValidationError(
            f"{name} is not a PDF, Office document or image.", code="file_type"
        )
    return CheckedUpload(uploaded, name, content_type, size)


def check_uploads(files):
    """Check every file of one piece of evidence; all pass or every problem is raised."""
    files = list(files)
    limit = max_files()
    if len(files) > limit:
        raise ValidationError(
            f"Attach at most {limit} files at a time; you chose {len(files)}.",
            code="too_many",
        )
    checked, problems = [], []
    for uploaded in files:
        try:
            checked.append(check_upload(uploaded))
        except ValidationError as error:
            problems.extend(error.error_list)
    if problems:
        raise ValidationError(problems)
    return checked
