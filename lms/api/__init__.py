"""The JSON API (django-ninja): `from lms.api import api` and add `api.urls`."""

from lms.api.events import api

__all__ = ["api"]
