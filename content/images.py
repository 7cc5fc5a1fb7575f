"""Check the image files modules use before anything is imported."""

from django.conf import settings
from PIL import Image

# The formats Wagtail renders without extra settings or plugins.
FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "GIF": "GIF", "WEBP": "WebP"}
DEFAULT_MAX_PIXELS = 128_000_000  # Wagtail's WAGTAILIMAGES_MAX_IMAGE_PIXELS default


def image_problems(root, src):
    """Why the image at src (relative to root) cannot be imported; [] if it can."""
    path = root / src
    try:
        real = path.resolve(strict=True)
    except (OSError, RuntimeError):
        return [f"image file '{src}' not found"]
    if not real.is_relative_to(root.resolve()):
        return [f"image file '{src}' leads outside the content folder"]
    if not real.is_file():
        return [f"image file '{src}' is not a file"]
    return _readable(real, src)


def _readable(path, src):
    limit = getattr(settings, "WAGTAILIMAGES_MAX_IMAGE_PIXELS", DEFAULT_MAX_PIXELS)
    formats = ", ".join(FORMATS.values())
    try:
        with Image.open(path) as image:
            image.verify()
            kind, (width, height) = image.format, image.size
        if kind not in FORMATS:
            return [f"image file '{src}' is a {kind} image; use {formats}"]
        if width * height > limit:
            return [
                f"image file '{src}' has {width * height:,} pixels; the limit is {limit:,}"
            ]
        with Image.open(path) as image:
            image.load()  # verify() skips the pixel data; a truncated file fails here
    # Pillow raises many kinds of errors for a broken file; all mean the same here.
    except Exception:  # noqa: BLE001
        return [f"image file '{src}' is not a readable image ({formats})"]
    return []
