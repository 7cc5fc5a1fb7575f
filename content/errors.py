"""Errors that point at a file and a line."""

from dataclasses import dataclass
from pathlib import Path


def printable(text):
    """Text safe to print anywhere: stray bytes and control characters escaped."""
    text = (
        str(text).encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    )
    return "".join(
        char if char.isprintable() or char == " " else ascii(char)[1:-1]
        for char in text
    )


@dataclass(frozen=True)
class ContentError:
    path: Path
    line: int
    message: str

    def __str__(self):
        return f"{printable(self.path)}:{self.line}: {printable(self.message)}"


class CurriculumInvalid(Exception):
    """One or more files are wrong; nothing was imported."""

    def __init__(self, errors):
        self.errors = sorted(errors, key=lambda e: (str(e.path), e.line))
        super().__init__("\n".join(str(error) for error in self.errors))
