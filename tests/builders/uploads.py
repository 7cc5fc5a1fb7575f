"""Uploaded files: small real files of each evidence kind, fakes, and enrolment sheets."""

import io
import zipfile

import openpyxl
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from lms.core.sniffing import OLE2_MAGIC

PDF = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << >>\n%%EOF\n"
HTML = (
    b"<!doctype html><html><body><script>alert(document.cookie)</script></body></html>"
)
SVG = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
SCRIPT = b"#!/bin/sh\nrm -rf ~\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48


def image(fmt="PNG"):
    """A real 2x2 image in the given Pillow format."""
    buffer = io.BytesIO()
    Image.new("RGB", (2, 2), "orange").save(buffer, fmt)
    return buffer.getvalue()


def zip_of(names):
    """A zip holding the given member names, each with a little content."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name in names:
            package.writestr(name, "<xml/>")
    return buffer.getvalue()


def ooxml(folder="word/"):
    """The skeleton of a docx (word/), xlsx (xl/) or pptx (ppt/) package."""
    return zip_of(["[Content_Types].xml", "_rels/.rels", f"{folder}document.xml"])


def ole2(stream="WordDocument"):
    """A compound-file header followed by a directory entry naming `stream`."""
    entry = stream.encode("utf-16-le").ljust(64, b"\x00")
    return OLE2_MAGIC + b"\x00" * 504 + entry + b"\x00" * 448


def upload(name="report.pdf", data=PDF, content_type="application/pdf"):
    """An uploaded file as Django hands it to a view; the declared type means nothing."""
    return SimpleUploadedFile(name, data, content_type=content_type)


def csv_upload(content, name="learners.csv"):
    """A small CSV upload from text (sent as UTF-8) or bytes."""
    data = content.encode("utf-8") if isinstance(content, str) else content
    return SimpleUploadedFile(name, data, content_type="text/csv")


def csv_file(*lines, name="learners.csv", encoding="utf-8"):
    """A CSV upload of these lines, encoded as told."""
    return csv_upload("\n".join(lines).encode(encoding), name)


def xlsx_bytes(rows):
    workbook = openpyxl.Workbook()
    for row in rows:
        workbook.active.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


def xlsx_file(rows, name="learners.xlsx"):
    return SimpleUploadedFile(name, xlsx_bytes(rows))
