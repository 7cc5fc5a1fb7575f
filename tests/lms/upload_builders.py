"""Old home of the upload builders: they live in tests.builders.uploads now."""

from tests.builders.uploads import (  # noqa: F401
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
