"""The certificate is one A4 landscape page whose text says who completed what,
when, with which competencies, from which issuer, and whose QR code leads to
the verification page; no name, however long or in whatever script, breaks it."""

import datetime
import io
from pathlib import Path

import pypdf
import pypdfium2
import pytest
import zxingcpp

from lms.contrib.badges import certificate
from lms.contrib.badges.certificate import certificate_pdf, long_date

URL = "https://learn.example.org/badges/verify/3f2a9c1e-4b7d-4e2a-9f1c-8d6e5b4a3c21/"
HAS_DEJAVU = Path(certificate.FONT_FILES["CertificateSans"][0][0]).exists()


def make_certificate(**overrides):
    fields = {
        "learner_name": "Amara Okonkwo",
        "programme_title": "Front line to team leader",
        "completed_on": datetime.date(2026, 12, 4),
        "competencies": [
            "Coaching conversations",
            "Giving feedback",
            "Running a huddle",
        ],
        "verify_url": URL,
        "issuer_name": "Northwind Contact Centres Academy",
    }
    return certificate_pdf(**(fields | overrides))


def text_of(pdf):
    """The page's text, its line breaks made spaces (long fields wrap)."""
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    assert len(reader.pages) == 1
    return " ".join(reader.pages[0].extract_text().split())


def flat(text):
    """The text with its line breaks and spaces gone, for words that may wrap."""
    return "".join(text.split())


def test_it_is_one_a4_landscape_page():
    page = pypdf.PdfReader(io.BytesIO(make_certificate())).pages[0]
    assert (round(page.mediabox.width), round(page.mediabox.height)) == (842, 595)


def test_the_text_names_learner_programme_date_competencies_issuer_and_url():
    text = text_of(make_certificate())
    for expected in (
        "Amara Okonkwo",
        "Front line to team leader",
        "4 December 2026",
        "Coaching conversations",
        "Giving feedback",
        "Running a huddle",
        "Northwind Contact Centres Academy",
    ):
        assert expected in text
    assert URL in flat(text)


@pytest.mark.parametrize(
    ("day", "said"),
    [((2026, 12, 4), "4 December 2026"), ((2027, 1, 31), "31 January 2027")],
)
def test_the_date_is_written_out_without_a_leading_zero(day, said):
    assert long_date(datetime.date(*day)) == said
    assert said in text_of(make_certificate(completed_on=datetime.date(*day)))


def test_the_qr_code_decodes_to_the_verification_url():
    pdf = make_certificate()
    page = pypdfium2.PdfDocument(pdf)[0].render(scale=2).to_pil()
    assert [code.text for code in zxingcpp.read_barcodes(page)] == [URL]


def test_up_to_twelve_competencies_are_all_shown():
    names = [f"Competency {n:02d}" for n in range(1, 13)]
    text = text_of(make_certificate(competencies=names))
    assert all(name in text for name in names)
    assert "more" not in text


def test_past_twelve_the_rest_are_counted():
    names = [f"Competency {n:02d}" for n in range(1, 21)]
    text = text_of(make_certificate(competencies=names))
    assert all(name in text for name in names[:11])
    assert "Competency 12" not in text
    assert "and 9 more" in text


def test_a_long_competency_is_cut_to_one_line():
    long = "Handling escalations calmly " * 10
    text = text_of(make_certificate(competencies=[long, "Giving feedback"]))
    assert "Handling escalations calmly" in text
    assert long.strip() not in text
    assert "…" in text
    assert "Giving feedback" in text


def test_no_competencies_leaves_out_the_heading():
    assert "COMPETENCIES" not in text_of(make_certificate(competencies=[]))


def test_a_very_long_name_is_cut_and_stays_on_one_page():
    name = "Wolfeschlegelsteinhausenbergerdorff " * 60 + "X" * 3000
    text = text_of(make_certificate(learner_name=name, programme_title="P" * 5000))
    assert "Wolfeschlegelsteinhausenbergerdorff" in text
    assert "…" in text
    assert "4 December 2026" in text


@pytest.mark.skipif(
    not HAS_DEJAVU, reason="DejaVu Sans is not installed (make pdf-deps)"
)
@pytest.mark.parametrize(
    "name",
    [
        "Zoë Ωμέγα-Παπαδοπούλου",
        "Жанна Иванова",
        "李小龍",
        "さくら 山田",
        "김민준",
        "Ōtaki Nguyễn",
    ],
)
def test_a_non_latin_name_is_in_the_text(name):
    assert name in text_of(make_certificate(learner_name=name))


def test_right_to_left_and_unknown_characters_do_not_break_it():
    name = "عمر الفاروق 😀 \U00013000 Tom"
    text = text_of(make_certificate(learner_name=name, issuer_name="אקדמיה"))
    assert "Tom" in text
    assert "4 December 2026" in text


def test_without_embedded_fonts_every_name_still_renders(monkeypatch):
    # As on a machine without the font packages: Helvetica, Adobe CJK fonts.
    monkeypatch.setattr(
        certificate, "_font", lambda name: certificate.FONT_FILES[name][1]
    )
    pdf = make_certificate(learner_name="Zoë Жанна 李小龍", issuer_name="Ωμέγα")
    text = text_of(pdf)
    assert "Zoë" in text
    assert "李小龍" in text
    assert "Жанна" not in text  # outside Latin-1: replaced, not raised
    assert "4 December 2026" in text


def test_markup_in_user_text_is_printed_not_obeyed():
    name = '<b>Tom & Jerry</b> <font size="80">&amp;</font>'
    text = text_of(make_certificate(learner_name=name, competencies=["<i>x</i> & y"]))
    assert '<b>Tom & Jerry</b> <font size="80">&amp;</font>' in text
    assert "<i>x</i> & y" in text


def test_line_breaks_and_control_characters_in_names_are_flattened():
    text = text_of(make_certificate(learner_name="Amara\n\tOkonkwo\x00\u200b"))
    assert "Amara Okonkwo" in text


@pytest.mark.parametrize(
    "url",
    [
        "javascript:alert(1)",
        "ftp://example.org/x",
        "https://example.org/a b",
        "",
        None,
        "https://x/" + "a" * 600,
    ],
    ids=["javascript", "ftp", "space", "empty", "none", "too-long"],
)
def test_a_bad_verification_url_is_refused(url):
    with pytest.raises(ValueError, match="verify_url"):
        make_certificate(verify_url=url)


@pytest.mark.parametrize("field", ["learner_name", "programme_title", "issuer_name"])
@pytest.mark.parametrize("blank", ["", " \n\t", None])
def test_a_blank_name_programme_or_issuer_is_refused(field, blank):
    with pytest.raises(ValueError, match=field):
        make_certificate(**{field: blank})


def test_a_date_that_is_not_a_date_is_refused():
    with pytest.raises(ValueError, match="completed_on"):
        make_certificate(completed_on="2026-12-04")
