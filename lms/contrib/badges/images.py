"""A badge class's image as PNG bytes: the trainer's image (converted to PNG
when it is another format), else the round badge drawn from its name."""

import io
from functools import lru_cache

from PIL import Image, UnidentifiedImageError

from lms.contrib.badges.baking import default_badge_png

PNG = b"\x89PNG\r\n\x1a\n"


def badge_png(badge_class):
    if badge_class.image_id:
        try:
            return _as_png(_read(badge_class.image))
        except (OSError, ValueError, UnidentifiedImageError):
            pass  # a missing or broken file: the drawn badge rather than a 500
    return drawn(badge_class.name)


@lru_cache(maxsize=128)
def drawn(name):
    return default_badge_png(name)


def _read(image):
    with image.open_file() as handle:
        return handle.read()


def _as_png(data):
    if data.startswith(PNG):
        return data
    with Image.open(io.BytesIO(data)) as picture:
        out = io.BytesIO()
        picture.convert("RGBA").save(out, "PNG")
        return out.getvalue()
