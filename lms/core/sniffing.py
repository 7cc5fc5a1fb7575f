"""What a file is, by its bytes: the one place uploads are told apart.

`filetype` (which Wagtail brings) names PDF and images from their signatures;
an Office Open XML file is told by its package's parts (read from the zip's
directory only, so a zip bomb costs nothing), and a legacy Office file (OLE2,
which filetype does not name) by the stream names in its directory.
"""

import zipfile

import filetype

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

# What filetype may name and we take as it says; zips and OLE2 files are
# looked into further, below.
PLAIN_TYPES = {PDF, PNG, JPEG, GIF, WEBP}
ZIP_TYPES = {"application/zip", DOCX, XLSX, PPTX}
# filetype names no legacy Office format, so its container is found here.
OLE2_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
HEAD_BYTES = 8192

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


def sniff(file):
    """The content type the file's bytes show, among those accepted; None otherwise."""
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    if head.startswith(OLE2_MAGIC):
        return _ole2_type(file)
    kind = filetype.guess(head)
    if kind is None:
        return None
    if kind.mime in PLAIN_TYPES:
        return kind.mime
    if kind.mime in ZIP_TYPES:
        # filetype guesses Office from the first bytes; the package's own parts decide.
        return _ooxml_type(file)
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


def is_archive(head):
    """Whether these first bytes are a zip (an Office package or not)."""
    kind = filetype.guess(head[:HEAD_BYTES])
    return kind is not None and kind.mime in ZIP_TYPES
