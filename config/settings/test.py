"""Tests: fast hashing and a local-memory cache; databases and broker from the environment."""

import os

from .base import *  # noqa: F403
from .base import VAR_DIR

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
MEDIA_ROOT = VAR_DIR / "test-media"
LMS_PRIVATE_ROOT = VAR_DIR / "test-private"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WAGTAILEMBEDS_FINDERS = [{"class": "wagtail.embeds.finders.oembed"}]

# A real worker thread must see committed rows, so SQLite tests use a file,
# not the in-memory database Django would otherwise create; one per test run.
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):  # noqa: F405
    test_db = VAR_DIR / f"test-{os.getpid()}.sqlite3"
    DATABASES["default"]["TEST"] = {"NAME": str(test_db)}  # noqa: F405
elif os.environ.get("TEST_DATABASE_NAME"):
    # Lets several test runs share one PostgreSQL server without dropping each other's database.
    DATABASES["default"]["TEST"] = {"NAME": os.environ["TEST_DATABASE_NAME"]}  # noqa: F405

# Tests send many wrong passwords and tokens on purpose; the throttling tests
# set their own limit.
AXES_FAILURE_LIMIT = 1000
