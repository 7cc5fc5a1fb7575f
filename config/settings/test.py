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


def _own_redis_database(url, worker):
    """The Redis URL with the database number of one parallel test worker."""
    from urllib.parse import urlsplit

    number = 1 + int(worker.removeprefix("gw"))
    return urlsplit(url)._replace(path=f"/{number}").geturl()


# Parallel test workers (pytest-xdist) each use their own Redis database, so one
# worker's Celery consumer never takes a job another worker published. The
# environment carries it to the worker processes the tests start.
_worker = os.environ.get("PYTEST_XDIST_WORKER", "")
if _worker.startswith("gw") and CELERY_BROKER_URL.startswith("redis"):  # noqa: F405
    for _name in ("CELERY_BROKER_URL", "CELERY_RESULT_BACKEND"):
        if os.environ.get(_name, "").startswith("redis"):
            os.environ[_name] = _own_redis_database(os.environ[_name], _worker)
            globals()[_name] = os.environ[_name]
