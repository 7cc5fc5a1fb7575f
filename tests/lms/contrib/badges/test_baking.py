"""Baking puts the credential in one uncompressed openbadgecredential iTXt chunk
before IEND, leaves the rest of the image as it was, and refuses what is not a
PNG; the default badge image is a stable 400×400 PNG."""

import io
import struct
import zlib

import pytest
from PIL import Image
from PIL.PngImagePlugin import PngInfo

from lms.contrib.badges.baking import bake, default_badge_png, unbake

JWT = "eyJhbGciOiJSUzI1NiJ9.eyJ2YyI6eyJ0eXBlIjpbIk9wZW5CYWRnZUNyZWRlbnRpYWwiXX19.c2ln"
OTHER_JWT = "eyJhbGciOiJFZERTQSJ9.eyJzdWIiOiJ1cm46dXVpZDoxIn0.b3RoZXI"


def walk(png):
    """Each (type, data, stored crc) of a PNG, read independently of the code."""
    chunks, at = [], 8
    while at < len(png):
        (length,) = struct.unpack(">I", png[at : at + 4])
        kind = png[at + 4 : at + 8]
        data = png[at + 8 : at + 8 + length]
        (crc,) = struct.unpack(">I", png[at + 8 + length : at + 12 + length])
        chunks.append((kind, data, crc))
        at += 12 + length
    return chunks


def credential_chunks(png):
    return [
        data for kind, data, _ in walk(png) if data.startswith(b"openbadgecredential\0")
    ]


@pytest.fixture
def png():
    """A small RGBA gradient with the ancillary chunks a real badge may carry."""
    image = Image.new("RGBA", (37, 23))
    image.putdata(
        [
            (x * 7 % 256, y * 11 % 256, (x * y) % 256, 200)
            for y in range(23)
            for x in range(37)
        ]
    )
    info = PngInfo()
    info.add_text("Author", "Programme team")
    info.add(b"gAMA", struct.pack(">I", 45455))
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, dpi=(144, 144))
    return out.getvalue()


def test_a_baked_credential_comes_back_out(png):
    assert unbake(bake(png, JWT)) == JWT


def test_a_png_without_a_credential_unbakes_to_none(png):
    assert unbake(png) is None


def test_the_chunk_is_the_one_the_spec_describes_just_before_iend(png):
    chunks = walk(bake(png, JWT))
    kinds = [kind for kind, _, _ in chunks]
    assert kinds[-2:] == [b"iTXt", b"IEND"]
    # keyword, NUL, compression flag 0, method 0, no language tag, no translated keyword
    assert chunks[-2][1] == b"openbadgecredential\0\0\0\0\0" + JWT.encode()


def test_every_chunk_crc_is_right(png):
    baked = bake(png, JWT)
    for kind, data, crc in walk(baked):
        assert crc == zlib.crc32(kind + data), kind
    Image.open(io.BytesIO(baked)).verify()  # Pillow checks the CRCs too


def test_baking_again_replaces_the_credential(png):
    twice = bake(bake(png, JWT), OTHER_JWT)
    assert unbake(twice) == OTHER_JWT
    assert len(credential_chunks(twice)) == 1


def test_a_compressed_credential_from_another_baker_is_read_and_replaced(png):
    info = PngInfo()
    info.add_itxt("openbadgecredential", JWT, zip=True)
    out = io.BytesIO()
    Image.open(io.BytesIO(png)).save(out, "PNG", pnginfo=info)
    assert unbake(out.getvalue()) == JWT
    rebaked = bake(out.getvalue(), OTHER_JWT)
    assert credential_chunks(rebaked) == [
        b"openbadgecredential\0\0\0\0\0" + OTHER_JWT.encode()
    ]


def test_the_image_decodes_with_the_same_pixels(png):
    before = Image.open(io.BytesIO(png))
    after = Image.open(io.BytesIO(bake(png, JWT)))
    assert (after.size, after.mode) == (before.size, before.mode)
    assert after.tobytes() == before.tobytes()
    assert after.text["openbadgecredential"] == JWT  # an independent reader finds it


def test_every_other_chunk_is_kept_byte_for_byte(png):
    others = [
        chunk
        for chunk in walk(bake(png, JWT))
        if not chunk[1].startswith(b"openbadgecredential")
    ]
    assert others == walk(png)
    assert {b"tEXt", b"gAMA", b"pHYs"} <= {kind for kind, _, _ in others}


@pytest.mark.parametrize(
    "not_png",
    [b"", b"GIF89a\x01\x00\x01\x00", b'{"@context": []}', "a string"],
    ids=["empty", "gif", "json", "str"],
)
def test_what_is_not_a_png_is_refused(not_png):
    with pytest.raises(ValueError, match="Not a PNG"):
        bake(not_png, JWT)
    with pytest.raises(ValueError, match="Not a PNG"):
        unbake(not_png)


def test_a_jpeg_is_refused():
    out = io.BytesIO()
    Image.new("RGB", (4, 4), "red").save(out, "JPEG")
    with pytest.raises(ValueError, match="Not a PNG"):
        bake(out.getvalue(), JWT)


def test_a_truncated_png_is_refused(png):
    with pytest.raises(ValueError, match="complete PNG"):
        bake(png[: len(png) // 2], JWT)


def test_a_damaged_chunk_is_refused(png):
    damaged = bytearray(png)
    damaged[20] ^= 0xFF  # inside IHDR's data, so its CRC no longer matches
    with pytest.raises(ValueError, match="CRC"):
        bake(bytes(damaged), JWT)


@pytest.mark.parametrize("credential", ["", "   ", "a.b\0.c", None])
def test_an_empty_or_binary_credential_is_refused(png, credential):
    with pytest.raises(ValueError, match="credential"):
        bake(png, credential)


def test_the_default_badge_is_a_400_pixel_png_the_same_each_time():
    first = default_badge_png("Leading through change")
    image = Image.open(io.BytesIO(first))
    assert (image.format, image.size) == ("PNG", (400, 400))
    assert default_badge_png("Leading through change") == first
    assert default_badge_png("Coaching conversations") != first


def test_the_default_badge_uses_the_colour_asked_for_and_readable_ink():
    image = Image.open(io.BytesIO(default_badge_png("Feedback", "#ffd54f"))).convert(
        "RGB"
    )
    assert image.getpixel((200, 14)) == (255, 213, 79)  # the disc, outside the ring
    assert image.getpixel((0, 0)) == (0, 0, 0)  # transparent corner
    colours = {colour for _, colour in image.getcolors(400 * 400)}
    assert (17, 17, 17) in colours  # dark ink on a light disc


def test_a_dark_badge_gets_white_ink():
    image = Image.open(io.BytesIO(default_badge_png("Feedback", "#1d4e89"))).convert(
        "RGB"
    )
    assert (255, 255, 255) in {colour for _, colour in image.getcolors(400 * 400)}


def test_an_unknown_colour_is_refused():
    with pytest.raises(ValueError, match="colour"):
        default_badge_png("Feedback", "not-a-colour")


@pytest.mark.parametrize(
    "title",
    ["", "W" * 500, "Antidisestablishmentarianism " * 30, "Лидерство 领导力 القيادة"],
    ids=["empty", "one-long-word", "many-words", "non-latin"],
)
def test_any_title_gives_a_bakeable_badge(title):
    badge = default_badge_png(title)
    assert Image.open(io.BytesIO(badge)).size == (400, 400)
    assert unbake(bake(badge, JWT)) == JWT
