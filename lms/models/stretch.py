"""Callables migration 0003 imports from this path."""

from lms.stretch.models import evidence_path, new_feed_token

__all__ = ["evidence_path", "new_feed_token"]
