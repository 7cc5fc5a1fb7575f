"""Local development: the embedded default (SQLite, eager Celery, console email)."""

import os

os.environ.setdefault("DEBUG", "true")

from .base import *  # noqa: E402,F403
