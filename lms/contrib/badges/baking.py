"""Baked badges: a signed credential carried inside its badge's PNG, and the
image drawn for a badge class that has none.

Open Badges 3.0 ("Baking"): one iTXt chunk with the keyword
``openbadgecredential``, uncompressed, whose text is the credential's compact
JWS; baking again replaces it. The chunks are spliced with the standard library
rather than re-saved through Pillow: Pillow's encoder keeps only what it knows
and drops the rest (tEXt, gAMA, pHYs, tIME were all lost in a trial), whereas
splicing leaves every other chunk of the issuer's image byte for byte.
"""

import hashlib
import io
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageColor, ImageDraw, ImageFont

KEYWORD = b"openbadgecredential"
SIGNATURE = b"\x89PNG\r\n\x1a\n"
MAX_CHUNK = 2**31 - 1  # the PNG limit on one chunk's length
MAX_TEXT = 1 << 20  # a compressed chunk from another baker inflates to at most this
MALFORMED = "The baked credential chunk is malformed."

SIZE = 400
# Dark enough for white text at 7:1 or more (WCAG AAA), told apart by hue.
PALETTE = ("#1d4e89", "#0b5e43", "#6a2c7e", "#8f2727", "#00566b", "#5b4636")
INK_LIGHT, INK_DARK = (255, 255, 255), (17, 17, 17)
BOLD_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans-Bold.ttf",
    "/usr/share/fonts/truetype/liberation/LiberationSans-Bold.ttf",
)
TEXT_BOX = (250, 210)  # what fits inside the inner ring, in pixels
FONT_SIZES = (46, 40, 34, 29, 25, 22)


def bake(png_bytes: bytes, credential_jwt: str) -> bytes:
    """The PNG with the credential in its one openbadgecredential chunk."""
    text = _credential_text(credential_jwt)
    kept = [chunk for chunk in _chunks(png_bytes) if not _is_credential(*chunk)]
    # keyword, NUL, compression flag 0, method 0, empty language tag and
    # translated keyword (each NUL-ended), then the text itself.
    baked = (b"iTXt", KEYWORD + b"\0\0\0\0\0" + text)
    chunks = [*kept[:-1], baked, kept[-1]]  # kept[-1] is IEND
    return SIGNATURE + b"".join(_encoded(kind, data) for kind, data in chunks)


def unbake(png_bytes: bytes) -> str | None:
    """The credential baked into the PNG, or None when it carries none."""
    for kind, data in _chunks(png_bytes):
        if _is_credential(kind, data):
            return _itxt_text(data)
    return None


def _chunks(png_bytes):
    """Each (type, data) up to IEND, refusing anything that is not a sound PNG."""
    if not isinstance(png_bytes, bytes | bytearray) or not png_bytes.startswith(
        SIGNATURE
    ):
        raise ValueError("Not a PNG image: it does not start with the PNG signature.")
    chunks, at, total = [], len(SIGNATURE), len(png_bytes)
    while True:
        if at + 12 > total:
            raise ValueError("Not a complete PNG image: it ends before its IEND chunk.")
        length, kind = struct.unpack(">I4s", png_bytes[at : at + 8])
        end = at + 12 + length
        if length > MAX_CHUNK or end > total:
            raise ValueError("Not a complete PNG image: a chunk runs past its end.")
        data = bytes(png_bytes[at + 8 : end - 4])
        if struct.unpack(">I", png_bytes[end - 4 : end])[0] != zlib.crc32(kind + data):
            name = kind.decode("latin-1")
            raise ValueError(f"Damaged PNG image: the {name!r} chunk fails its CRC.")
        if not chunks and kind != b"IHDR":
            raise ValueError("Not a valid PNG image: its first chunk is not IHDR.")
        chunks.append((kind, data))
        if kind == b"IEND":
            return chunks
        at = end


def _encoded(kind, data):
    crc = zlib.crc32(kind + data)
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", crc)


def _is_credential(kind, data):
    return kind == b"iTXt" and data.split(b"\0", 1)[0] == KEYWORD


def _credential_text(credential_jwt):
    if not isinstance(credential_jwt, str) or not credential_jwt.strip():
        raise ValueError("The credential to bake must be a non-empty string.")
    if "\0" in credential_jwt:
        raise ValueError("The credential to bake may not contain a NUL character.")
    return credential_jwt.encode("utf-8")


def _itxt_text(data):
    """The text of an iTXt chunk; compressed text (another baker's) is inflated."""
    rest = data.partition(b"\0")[2]
    fields = rest[2:].split(b"\0", 2)
    if len(rest) < 2 or len(fields) != 3:
        raise ValueError(MALFORMED)
    text = _inflated(fields[2]) if rest[0] else fields[2]
    try:
        return text.decode("utf-8")
    except UnicodeDecodeError as error:
        raise ValueError(MALFORMED) from error


def _inflated(text):
    inflate = zlib.decompressobj()
    try:
        text = inflate.decompress(text, MAX_TEXT)
    except zlib.error as error:
        raise ValueError(MALFORMED) from error
    if inflate.unconsumed_tail:
        raise ValueError("The baked credential is larger than 1 MiB.")
    return text


def default_badge_png(title: str, colour: str | None = None) -> bytes:
    """A 400×400 round badge with the title in it; the same input, the same bytes."""
    title = " ".join(str(title).split()) or "Badge"
    fill = _fill(title, colour)
    ink = _ink_on(fill)
    image = Image.new("RGBA", (SIZE, SIZE), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.ellipse((6, 6, SIZE - 6, SIZE - 6), fill=fill)
    draw.ellipse((24, 24, SIZE - 24, SIZE - 24), outline=ink, width=4)
    font, size, lines = _fitted(title)
    spacing = round(size * 0.2)
    draw.multiline_text(
        (SIZE / 2, SIZE / 2),
        "\n".join(lines),
        font=font,
        fill=ink,
        anchor="mm",
        align="center",
        spacing=spacing,
    )
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def _fill(title, colour):
    """The colour asked for, or one picked from the palette by the title."""
    if colour is None:
        digest = hashlib.sha256(title.encode("utf-8")).digest()
        colour = PALETTE[digest[0] % len(PALETTE)]
    try:
        return ImageColor.getrgb(colour)[:3]
    except (ValueError, AttributeError) as error:
        raise ValueError(f"Not a colour: {colour!r} (try e.g. '#1d4e89').") from error


def _ink_on(fill):
    """White or near-black, whichever contrasts more with the fill (WCAG)."""

    def luminance(rgb):
        linear = [c / 255 for c in rgb]
        linear = [
            c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in linear
        ]
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]

    back = luminance(fill)
    on_light = (luminance(INK_LIGHT) + 0.05) / (back + 0.05)
    on_dark = (back + 0.05) / (luminance(INK_DARK) + 0.05)
    return INK_LIGHT if on_light >= on_dark else INK_DARK


def _fitted(title):
    """The largest font at which the wrapped title fits, words whole if it can be;
    at the smallest, what does not fit is cut with an ellipsis."""
    width, height = TEXT_BOX
    fitting = []
    for size in FONT_SIZES:
        font = _font(size)
        lines = _wrapped(title, font, width)
        if len(lines) * size * 1.2 <= height:
            if _words_whole(title, lines):
                return font, size, lines
            fitting.append((font, size, lines))
    if fitting:
        return fitting[0]
    most = int(height // (size * 1.2))
    lines = lines[:most]
    last = lines[-1]
    while last and font.getlength(last + "…") > width:
        last = last[:-1]
    lines[-1] = last.rstrip() + "…"
    return font, size, lines


def _words_whole(title, lines):
    return len(title.split(" ")) == sum(len(line.split(" ")) for line in lines)


def _wrapped(text, font, width):
    """Greedy word wrap; a word wider than the line is broken between letters."""
    lines, line = [], ""
    for word in text.split(" "):
        candidate = f"{line} {word}" if line else word
        if font.getlength(candidate) <= width:
            line = candidate
            continue
        if line:
            lines.append(line)
        line = word
        while font.getlength(line) > width and len(line) > 1:
            cut = len(line) - 1
            while cut > 1 and font.getlength(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    return [*lines, line]


def _font(size):
    for path in BOLD_FONTS:
        if Path(path).exists():
            return ImageFont.truetype(path, size)
    return ImageFont.load_default(size=size)  # Pillow's own, Latin only
