"""The certificate of completion: one A4 landscape PDF page with the learner's
name, the programme, the date, the competencies, the issuer, and a QR code to
the credential's public verification page.

Drawn with reportlab (pure Python). Fonts come from Debian's packages that
`make pdf-deps` installs, embedded as subsets: DejaVu Sans (Latin, Greek,
Cyrillic, Armenian, Georgian and more), with Droid Sans Fallback for Chinese,
Japanese and Korean. Without them, Helvetica (Latin-1) is used and CJK text is
set in the Adobe CJK fonts PDF viewers know but the file does not embed. Any
character no font has becomes U+FFFD (or "?"), so no name ever fails to
render. Right-to-left scripts are neither shaped nor reordered (reportlab would
need rlbidi, which PyPI does not carry): a known limitation.
"""

import datetime
import io
import unicodedata
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.graphics import renderPDF
from reportlab.graphics.barcode.qr import QrCodeWidget
from reportlab.graphics.shapes import Drawing
from reportlab.lib.colors import HexColor
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.pagesizes import A4, landscape
from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Paragraph

PAGE = landscape(A4)
ACCENT, INK, MUTED = HexColor("#1d4e89"), HexColor("#1f1f1f"), HexColor("#555555")
MONTHS = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)
MAX_COMPETENCIES = 12  # 3 columns of 4; past that, the last cell says "and N more"
MAX_TEXT = 400  # characters of one field that are ever laid out
MAX_URL = 500  # longer, and the QR code's modules get too small to scan
QR_SIZE = 100
TOP, FOOTER_TOP = PAGE[1] - 62, 160
DEJAVU, DROID = "/usr/share/fonts/truetype/dejavu", "/usr/share/fonts-droid-fallback"
FONT_FILES = {  # our name: (files to try, standard font when none is there)
    "CertificateSans": ((f"{DEJAVU}/DejaVuSans.ttf",), "Helvetica"),
    "CertificateSans-Bold": ((f"{DEJAVU}/DejaVuSans-Bold.ttf",), "Helvetica-Bold"),
    "CertificateCJK": ((f"{DROID}/truetype/DroidSansFallback.ttf",), None),
}
SPACES = {"Cc", "Zs", "Zl", "Zp"}
DROPPED = {"Cf", "Co", "Cn", "Cs"}
CID_FONTS = {"zh": "STSong-Light", "ja": "HeiseiMin-W3", "ko": "HYSMyeongJo-Medium"}


def certificate_pdf(
    *,
    learner_name: str,
    programme_title: str,
    completed_on: datetime.date,
    competencies: list[str],
    verify_url: str,
    issuer_name: str,
) -> bytes:
    """The certificate as PDF bytes; ValueError for a missing name, programme or
    issuer, a date that is not one, or an address that is not http(s)."""
    _check(completed_on, verify_url)
    required = {"learner_name": learner_name, "programme_title": programme_title}
    for field, value in (required | {"issuer_name": issuer_name}).items():
        if not _clean(value):
            raise ValueError(f"{field} must not be empty.")
    regular, bold = _font("CertificateSans"), _font("CertificateSans-Bold")
    content = (regular, bold, learner_name, programme_title, completed_on, competencies)
    # Laid out once on a scratch page to measure it, then centred above the footer.
    height = TOP - _content(Canvas(io.BytesIO(), pagesize=PAGE), TOP, *content)
    out = io.BytesIO()
    canvas = Canvas(out, pagesize=PAGE, pageCompression=1)
    canvas.setTitle(f"Certificate of completion: {_clean(programme_title)}")
    canvas.setAuthor(_clean(issuer_name))
    canvas.setSubject(_clean(learner_name))
    _frame(canvas)
    _content(canvas, TOP - max(0, (TOP - FOOTER_TOP - height) / 2), *content)
    _footer(canvas, regular, bold, issuer_name, verify_url)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def long_date(day):
    """4 December 2026: the same in every locale, no leading zero."""
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def _check(completed_on, verify_url):
    if not isinstance(completed_on, datetime.date):
        raise ValueError("completed_on must be a date.")
    if (
        not isinstance(verify_url, str)
        or not verify_url.startswith(("https://", "http://"))
        or len(verify_url) > MAX_URL
        or any(ch.isspace() for ch in verify_url)
    ):
        raise ValueError(
            f"verify_url must be an http(s) address without spaces, at most {MAX_URL} characters."
        )


def _frame(canvas):
    width, height = PAGE
    canvas.setStrokeColor(ACCENT)
    canvas.setLineWidth(3)
    canvas.rect(22, 22, width - 44, height - 44)
    canvas.setLineWidth(0.75)
    canvas.rect(30, 30, width - 60, height - 60)


def _content(canvas, top, regular, bold, name, programme, completed_on, competencies):
    """Everything above the footer, from `top` down; returns the y below it."""
    y = _body(canvas, top, regular, bold, name, programme, completed_on)
    return _competencies(canvas, regular, bold, competencies, y)


def _body(canvas, top, regular, bold, name, programme, completed_on):
    """The centred column from the heading to the date; returns the y below it."""
    column = _Column(canvas, top)
    column.text("CERTIFICATE OF COMPLETION", _style(bold, 14, colour=ACCENT), gap=0)
    column.text("This certifies that", _style(regular, 12), gap=18)
    column.fitted(name, bold, (32, 26, 21, 17, 14), gap=6)
    column.text("has completed the programme", _style(regular, 12), gap=8)
    column.fitted(programme, bold, (22, 18, 15, 12), gap=6, colour=ACCENT)
    column.text(f"on {long_date(completed_on)}", _style(regular, 12), gap=8)
    return column.y


class _Column:
    """A cursor down the page's centred column: each block goes below the last."""

    left, width = 70, PAGE[0] - 140

    def __init__(self, canvas, top):
        self.canvas, self.y = canvas, top

    def text(self, text, style, gap):
        self.y -= gap
        self.y -= _draw(self.canvas, text, style, self.left, self.y, self.width)

    def fitted(self, text, font, sizes, gap, colour=INK):
        self.y -= gap
        self.y -= _fit(
            self.canvas, text, font, sizes, 2, self.left, self.y, self.width, colour
        )


def _competencies(canvas, regular, bold, competencies, top):
    """Up to twelve, three columns of four, each cut to one line; returns the y
    below them."""
    names = [n for n in (_clean(c) for c in competencies or ()) if n]
    if not names:
        return top
    items = [f"• {n}" for n in names]
    if len(items) > MAX_COMPETENCIES:
        shown = MAX_COMPETENCIES - 1
        items = [*items[:shown], f"and {len(names) - shown} more"]
    heading = _style(bold, 10, colour=MUTED)
    y = top - 14
    y -= 4 + _draw(canvas, "COMPETENCIES DEMONSTRATED", heading, 70, y, PAGE[0] - 140)
    columns, cell = min(3, len(items)), 220
    x0 = (PAGE[0] - columns * cell) / 2
    style = _style(regular, 9.5, TA_LEFT)
    for index, item in enumerate(items):
        row, col = divmod(index, columns)
        line = _one_line(item, style, cell - 12)
        _draw(canvas, line, style, x0 + col * cell, y - row * 14, cell - 12, raw=True)
    return y - 14 * -(-len(items) // columns)


def _footer(canvas, regular, bold, issuer, verify_url):
    """Issuer at the left; the verification address and its QR code at the right."""
    base = 48
    canvas.setStrokeColor(MUTED)
    canvas.setLineWidth(0.5)
    canvas.line(70, base + 52, 330, base + 52)
    _draw(canvas, "Issued by", _style(regular, 9, TA_LEFT, MUTED), 70, base + 48, 260)
    _fit(canvas, issuer, bold, (13, 11, 9), 2, 70, base + 34, 260, align=TA_LEFT)
    qr_x = PAGE[0] - 70 - QR_SIZE
    renderPDF.draw(_qr_drawing(verify_url), canvas, qr_x, base)
    left, width = 360, qr_x - 12 - 360
    label = _style(regular, 9, TA_RIGHT, MUTED)
    _draw(canvas, "Check this certificate at", label, left, base + 40, width)
    # One line if any size allows it; else wrapped, at most three lines.
    smallest = _style(regular, 6.5, TA_RIGHT)
    lines = 1 if _line_count(_markup(verify_url, regular), smallest, width) == 1 else 3
    sizes = (8.5, 7.5, 6.5)
    _fit(
        canvas,
        verify_url,
        regular,
        sizes,
        lines,
        left,
        base + 27,
        width,
        ACCENT,
        TA_RIGHT,
    )
    canvas.linkURL(verify_url, (left, base, qr_x + QR_SIZE, base + QR_SIZE), relative=0)


def _qr_drawing(url):
    """A QR_SIZE-point square QR code for the url, error correction M."""
    widget = QrCodeWidget(url, barLevel="M")
    x0, y0, x1, y1 = widget.getBounds()
    drawing = Drawing(
        QR_SIZE,
        QR_SIZE,
        transform=[QR_SIZE / (x1 - x0), 0, 0, QR_SIZE / (y1 - y0), 0, 0],
    )
    drawing.add(widget)
    return drawing


def _style(font, size, align=TA_CENTER, colour=INK):
    return ParagraphStyle(
        f"{font}-{size}-{align}",
        fontName=font,
        fontSize=size,
        leading=size * 1.22,
        alignment=align,
        textColor=colour,
        splitLongWords=1,
    )


def _draw(canvas, text, style, x, top, width, raw=False):
    """Draws text (or ready markup) with its top at `top`; returns its height."""
    paragraph = Paragraph(text if raw else _markup(text, style.fontName), style)
    _w, height = paragraph.wrap(width, PAGE[1])
    paragraph.drawOn(canvas, x, top - height)
    return height


def _fit(canvas, text, font, sizes, lines, x, top, width, colour=INK, align=TA_CENTER):
    """The largest size at which text fits in `lines` lines, cut with … at the
    smallest; draws it and returns its height."""
    text = _clean(text)
    for size in sizes:
        style = _style(font, size, align, colour)
        markup = _markup(text, font)
        if _line_count(markup, style, width) <= lines:
            break
    else:
        markup = _cut(text, style, width, lines)
    return _draw(canvas, markup, style, x, top, width, raw=True)


def _one_line(text, style, width):
    markup = _markup(text, style.fontName)
    if _line_count(markup, style, width) <= 1:
        return markup
    return _cut(text, style, width, 1)


def _cut(text, style, width, lines):
    """Markup of the longest start of text that, with …, fits in `lines` lines."""
    low, high = 0, len(text)
    while low < high:  # binary search: long names stay cheap
        mid = (low + high + 1) // 2
        if (
            _line_count(_markup(text[:mid] + "…", style.fontName), style, width)
            <= lines
        ):
            low = mid
        else:
            high = mid - 1
    return _markup(text[:low].rstrip() + "…", style.fontName)


def _line_count(markup, style, width):
    paragraph = Paragraph(markup, style)
    paragraph.wrap(width, PAGE[1])
    return len(paragraph.blPara.lines)


def _clean(text):
    """One line of printable text, NFC, at most MAX_TEXT characters."""
    text = unicodedata.normalize("NFC", str(text or ""))
    # Line breaks and other separators become spaces; format, private-use,
    # unassigned and lone surrogate code points go.
    text = "".join(
        " " if unicodedata.category(ch) in SPACES else ch
        for ch in text
        if unicodedata.category(ch) not in DROPPED
    )
    return " ".join(text.split())[:MAX_TEXT]


def _markup(text, font):
    """Paragraph markup for text: escaped, each run in a font that has its
    characters, the rest replaced, so that drawing never fails."""
    runs, current, face = [], [], None
    for ch in _clean(text):
        want, ch = _face_of(ch, font)
        if want != face and current:
            runs.append((face, "".join(current)))
            current = []
        face = want
        current.append(ch)
    if current:
        runs.append((face, "".join(current)))
    return "".join(
        escape(run) if face is None else f'<font face="{face}">{escape(run)}</font>'
        for face, run in runs
    )


def _face_of(ch, font):
    """(None for the text's own font, or the face to switch to; the character)."""
    if _covered(ch, font):
        return None, ch
    cjk = _font("CertificateCJK")
    if cjk and _covered(ch, cjk):
        return cjk, ch
    language = _cjk_language(ch)
    if language:
        return _cid_font(CID_FONTS[language]), ch
    return None, "\ufffd" if _covered("\ufffd", font) else "?"


def _covered(ch, font):
    if ch == " ":
        return True
    face = getattr(pdfmetrics.getFont(font), "face", None)
    if hasattr(face, "charToGlyph"):  # an embedded TrueType font
        return ord(ch) in face.charToGlyph
    try:  # a standard PDF font: WinAnsi, which is cp1252
        ch.encode("cp1252")
    except UnicodeEncodeError:
        return False
    return True


def _cjk_language(ch):
    """Which Adobe CJK font a character needs, or None when it is not CJK."""
    code = ord(ch)
    if 0x1100 <= code <= 0x11FF or 0x3130 <= code <= 0x318F or 0xAC00 <= code <= 0xD7AF:
        return "ko"  # Hangul
    if 0x3040 <= code <= 0x30FF or 0xFF66 <= code <= 0xFF9F:
        return "ja"  # kana
    if (
        0x2E80 <= code <= 0x9FFF  # radicals, punctuation, Han
        or 0xF900 <= code <= 0xFAFF  # compatibility ideographs
        or 0xFF00 <= code <= 0xFFEF  # full- and half-width forms
        or 0x20000 <= code <= 0x3134F  # Han extensions B to G
    ):
        return "zh"
    return None


def _cid_font(name):
    if name not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(UnicodeCIDFont(name))
    return name


def _font(name):
    """Our registered font by that name, registered from the first of its files
    that exists; else its standard stand-in."""
    files, stand_in = FONT_FILES[name]
    if name in pdfmetrics.getRegisteredFontNames():
        return name
    for path in files:
        if Path(path).exists():
            pdfmetrics.registerFont(TTFont(name, path))
            return name
    return stand_in
