"""Errors that point at a file and a line."""

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class ContentError:
    path: Path
    line: int
    message: str

    def __str__(self):
        return f"{self.path}:{self.line}: {self.message}"


class CurriculumInvalid(Exception):
    """One or more files are wrong; nothing was imported."""

    def __init__(self, errors):
        self.errors = sorted(errors, key=lambda e: (str(e.path), e.line))
        super().__init__("\n".join(str(error) for error in self.errors))
