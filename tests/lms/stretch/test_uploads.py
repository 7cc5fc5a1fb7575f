"""Evidence uploads are judged by their bytes: limits, types, names, storage."""

import io
import re
import zipfile

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import TemporaryUploadedFile

from lms.models import EvidenceFile
from lms.stretch import uploads
from lms.stretch.work import add_evidence
from tests.builders.stretch import make_stretch_scene
from tests.builders.uploads import (
    EXE,
    HTML,
    PDF,
    SCRIPT,
    SVG,
    image,
    ole2,
    ooxml,
    upload,
    zip_of,
)

MIB = 1024 * 1024


def refusal(uploaded):
    with pytest.raises(ValidationError) as refused:
        uploads.check_upload(uploaded)
    return refused.value.messages


# Accepted types, whatever the name says


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (PDF, uploads.PDF),
        (image("PNG"), uploads.PNG),
        (image("JPEG"), uploads.JPEG),
        (image("GIF"), uploads.GIF),
        (image("WEBP"), uploads.WEBP),
        (ooxml("word/"), uploads.DOCX),
        (ooxml("xl/"), uploads.XLSX),
        (ooxml("ppt/"), uploads.PPTX),
        (ole2("WordDocument"), uploads.DOC),
        (ole2("Workbook"), uploads.XLS),
        (ole2("PowerPoint Document"), uploads.PPT),
    ],
    ids=[
        "pdf",
        "png",
        "jpeg",
        "gif",
        "webp",
        "docx",
        "xlsx",
        "pptx",
        "doc",
        "xls",
        "ppt",
    ],
)
def test_accepted_files_are_recognised_by_content_even_with_a_misleading_name(
    data, content_type
):
    checked = uploads.check_upload(upload("holiday.txt", data, "text/plain"))

    assert checked.content_type == content_type
    assert checked.size == len(data)
    assert checked.name == "holiday.txt"


def test_a_real_spreadsheet_is_recognised():
    openpyxl = pytest.importorskip("openpyxl")
    workbook = openpyxl.Workbook()
    workbook.active["A1"] = "Handle time"
    buffer = io.BytesIO()
    workbook.save(buffer)

    checked = uploads.check_upload(upload("kpis.xlsx", buffer.getvalue()))

    assert checked.content_type == uploads.XLSX


def test_a_file_spooled_to_disk_is_checked_the_same_way():
    uploaded = TemporaryUploadedFile("scan.pdf", "application/pdf", len(PDF), None)
    uploaded.write(PDF)
    uploaded.seek(0)

    checked = uploads.check_upload(uploaded)

    assert checked.content_type == uploads.PDF
    uploaded.close()


def test_the_file_is_rewound_after_sniffing():
    uploaded = upload("deck.pptx", ooxml("ppt/"))

    uploads.check_upload(uploaded)

    assert uploaded.tell() == 0


# Refused types, even disguised


@pytest.mark.parametrize(
    ("name", "data"),
    [
        ("report.pdf", HTML),
        ("logo.png", SVG),
        ("notes.docx", SCRIPT),
        ("invoice.pdf", EXE),
        ("photos.pdf", zip_of(["a.jpg", "b.jpg"])),
        ("odd.docx", zip_of(["[Content_Types].xml", "content.xml"])),
        ("fake.docx", zip_of(["word/document.xml"])),
        ("installer.doc", ole2("SummaryInformation")),
        ("report.pdf", b"This is plain text, not a PDF at all."),
        ("report.pdf", b" %PDF-1.4 with a space in front"),
    ],
    ids=[
        "html",
        "svg",
        "script",
        "exe",
        "plain-zip",
        "zip-without-office-folder",
        "zip-without-content-types",
        "ole2-not-office",
        "text",
        "pdf-signature-not-at-start",
    ],
)
def test_other_files_are_refused_with_a_sentence_naming_them(name, data):
    messages = refusal(upload(name, data, "application/pdf"))

    assert messages == [f"{name} is not a PDF, Office document or image."]


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04" + b"\x00" * 40,
        b"PK\x03\x04garbage that is not a zip at all" * 10,
        ooxml("word/")[:-30],
        ooxml("word/")[:60],
    ],
    ids=["zeros", "garbage", "truncated-directory", "truncated-early"],
)
def test_a_corrupt_zip_is_refused_not_crashed_on(data):
    messages = refusal(upload("broken.docx", data))

    assert messages == ["broken.docx is not a PDF, Office document or image."]


def test_a_zip_bomb_is_judged_without_being_extracted():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as package:
        package.writestr("[Content_Types].xml", "<xml/>")
        package.writestr("word/document.xml", b"\x00" * (50 * MIB))

    checked = uploads.check_upload(upload("big.docx", buffer.getvalue()))

    assert checked.content_type == uploads.DOCX
    assert checked.size < MIB


# Limits


def test_an_empty_file_is_refused():
    assert refusal(upload("empty.pdf", b"")) == ["empty.pdf is empty."]


def test_a_file_over_the_default_limit_is_refused():
    data = PDF + b"\x00" * (10 * MIB)

    assert refusal(upload("huge.pdf", data)) == [
        "huge.pdf is 10.0\xa0MB; files can be at most 10.0\xa0MB."
    ]


def test_a_file_exactly_at_the_limit_is_accepted(settings):
    settings.LMS_EVIDENCE_MAX_BYTES = 1000
    data = PDF.ljust(1000, b" ")

    assert uploads.check_upload(upload("full.pdf", data)).size == 1000


def test_the_size_limit_comes_from_settings(settings):
    settings.LMS_EVIDENCE_MAX_BYTES = 1000

    messages = refusal(upload("slides.pdf", PDF.ljust(1001, b" ")))

    assert messages == [
        "slides.pdf is 1001\xa0bytes; files can be at most 1000\xa0bytes."
    ]


def test_the_defaults_are_ten_mebibytes_and_five_files(settings):
    del settings.LMS_EVIDENCE_MAX_BYTES
    del settings.LMS_EVIDENCE_MAX_FILES

    assert (uploads.max_bytes(), uploads.max_files()) == (10 * MIB, 5)


def test_more_files_than_allowed_are_refused_before_any_is_read(settings):
    settings.LMS_EVIDENCE_MAX_FILES = 2
    files = [upload(f"{n}.pdf") for n in range(3)]

    with pytest.raises(ValidationError) as refused:
        uploads.check_uploads(files)

    assert refused.value.messages == ["Attach at most 2 files at a time; you chose 3."]


def test_every_bad_file_is_named_and_good_ones_pass_only_together():
    files = [upload("good.pdf"), upload("page.pdf", HTML), upload("void.png", b"")]

    with pytest.raises(ValidationError) as refused:
        uploads.check_uploads(files)

    assert refused.value.messages == [
        "page.pdf is not a PDF, Office document or image.",
        "void.png is empty.",
    ]


def test_good_files_come_back_checked_in_order():
    checked = uploads.check_uploads([upload("a.pdf"), upload("b.png", image())])

    assert [(c.name, c.content_type) for c in checked] == [
        ("a.pdf", uploads.PDF),
        ("b.png", uploads.PNG),
    ]


# Names


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("../../etc/passwd", "passwd"),
        ("..\\..\\windows\\win.ini", "win.ini"),
        ("/var/www/report.pdf", "report.pdf"),
        ("C:\\Users\\sam\\My report.pdf", "My report.pdf"),
        ("..", "file"),
        ("", "file"),
        (".htaccess", "htaccess"),
        ("re\x00port\n\r.pdf", "report.pdf"),
        ("invoice\u202efdp.exe", "invoicefdp.exe"),
        ("  spaced out.pdf  ", "spaced out.pdf"),
        ("Résumé.pdf", "Résumé.pdf"),
    ],
)
def test_display_names_lose_folders_and_control_characters(raw, shown):
    assert uploads.display_name(raw) == shown


def test_long_names_are_capped_but_keep_their_extension():
    name = uploads.display_name("a" * 300 + ".pdf")

    assert len(name) == uploads.MAX_NAME_LENGTH
    assert name.endswith("a.pdf")


def test_a_long_name_without_extension_is_cut():
    assert uploads.display_name("b" * 300) == "b" * uploads.MAX_NAME_LENGTH


def test_the_refusal_names_the_cleaned_file_name():
    messages = refusal(upload("../../secret/page.pdf", HTML))

    assert messages == ["page.pdf is not a PDF, Office document or image."]


@pytest.mark.parametrize(
    ("name", "content_type", "downloaded"),
    [
        ("report.pdf", uploads.PDF, "report.pdf"),
        ("report.PDF", uploads.PDF, "report.PDF"),
        ("evil.exe", uploads.PDF, "evil.pdf"),
        ("notes", uploads.DOCX, "notes.docx"),
        ("photo.jpeg", uploads.JPEG, "photo.jpeg"),
        ("photo.png", uploads.JPEG, "photo.jpg"),
        ("setup.msi", uploads.DOC, "setup.doc"),
        ("my.report.html", uploads.PDF, "my.report.pdf"),
    ],
)
def test_downloads_carry_the_extension_of_their_content(name, content_type, downloaded):
    assert uploads.download_name(name, content_type) == downloaded


# Storage


@pytest.mark.django_db
def test_the_stored_path_is_generated_and_never_holds_the_uploaders_name(
    settings, tmp_path
):
    settings.LMS_PRIVATE_ROOT = tmp_path
    scene = make_stretch_scene()
    checked = uploads.check_uploads(
        [upload("../../etc/passwd", PDF), upload("my-secret-plan.pdf", PDF)]
    )

    evidence = add_evidence(scene.assignment, scene.learner, "Slides", checked)

    rows = list(EvidenceFile.objects.filter(evidence=evidence).order_by("pk"))
    assert [row.original_name for row in rows] == ["passwd", "my-secret-plan.pdf"]
    for row in rows:
        assert re.fullmatch(
            rf"evidence/{scene.assignment.pk}/[0-9a-f]{{32}}", row.file.name
        )
        assert "passwd" not in row.file.name and "secret" not in row.file.name
        stored = tmp_path / row.file.name
        assert stored.read_bytes() == PDF
        assert stored.resolve().is_relative_to(tmp_path.resolve())
