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
import zipfile
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat

from lms.conf import lms_settings

MAX_NAME_LENGTH = 120
FALLBACK_NAME = "file"

PDF = "application/pdf"
PNG = "image/png"
JPEG = "image/jpeg"
GIF = "image/gif"
WEBP = "image/webp"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
PPTX = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
DOC = "application/msword"
XLS = "application/vnd.ms-excel"
PPT = "application/vnd.ms-powerpoint"

# The extensions each type may carry; a download gets the first unless its name has one.
EXTENSIONS = {
    PDF: ("pdf",),
    PNG: ("png",),
    JPEG: ("jpg", "jpeg"),
    GIF: ("gif",),
    WEBP: ("webp",),
    DOCX: ("docx",),
    XLSX: ("xlsx",),
    PPTX: ("pptx",),
    DOC: ("doc", "dot"),
    XLS: ("xls", "xlt"),
    PPT: ("ppt", "pps", "pot"),
}

# Signatures at the very start of the file.
MAGIC = (
    (b"%PDF-", PDF),
    (b"\x89PNG\r\n\x1a\n", PNG),
    (b"\xff\xd8\xff", JPEG),
    (b"GIF87a", GIF),
    (b"GIF89a", GIF),
)
ZIP_MAGIC = b"PK\x03\x04"
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEAD_BYTES = 16

# The folder an OOXML package keeps its main part in.
OOXML_FOLDERS = (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX))
# Stream names (UTF-16 in the OLE2 directory) of each legacy Office type, checked
# in this order: a Word file may embed a workbook, rarely the other way round.
# OLE2 files with none of them (installers, mail messages...) are refused.
OLE2_STREAMS = (
    ("WordDocument".encode("utf-16-le"), DOC),
    ("PowerPoint Document".encode("utf-16-le"), PPT),
    ("Workbook".encode("utf-16-le"), XLS),
    ("Book".encode("utf-16-le"), XLS),
)
SCAN_CHUNK = 1024 * 1024

# A corrupt zip can make zipfile raise any of these.
ZIP_ERRORS = (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError)


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


def sniff(file):
    """The content type the file's bytes show, among those accepted; None otherwise."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    for magic, content_type in MAGIC:
        if head.startswith(magic):
            return content_type
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head.startswith(ZIP_MAGIC):
        return _ooxml_type(file)
    if head.startswith(OLE2_MAGIC):
        return _ole2_type(file)
    return None


def _ooxml_type(file):
    """docx, xlsx or pptx by the package's parts; None for any other or a broken zip."""
    try:
        # Only the central directory is read: nothing is extracted, so a zip
        # bomb costs nothing here.
        with zipfile.ZipFile(file) as package:
            names = package.namelist()
    except ZIP_ERRORS:
        return None
    finally:
        file.seek(0)
    if "[Content_Types].xml" not in names:
        return None
    for folder, content_type in OOXML_FOLDERS:
        if any(name.startswith(folder) for name in names):
            return content_type
    return None


def _ole2_type(file):
    """doc, ppt or xls by the stream names in the compound file's directory."""
    found = set()
    overlap = max(len(stream) for stream, _type in OLE2_STREAMS) - 1
    tail = b""
    file.seek(0)
    while chunk := file.read(SCAN_CHUNK):
        window = tail + chunk
        found.update(kind for stream, kind in OLE2_STREAMS if stream in window)
        tail = window[-overlap:]
    file.seek(0)
    for _stream, content_type in OLE2_STREAMS:
        if content_type in found:
            return content_type
    return None


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
