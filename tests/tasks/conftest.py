"""A real Celery worker for tests, on the configured broker or memory:// by default."""

import os
import threading

import pytest
from celery.contrib.testing.worker import start_worker

from tasks import celery_app

BROKER = os.environ.get("CELERY_BROKER_URL") or "memory://"
RESULTS = os.environ.get("CELERY_RESULT_BACKEND") or "cache+memory://"


def _forget_connections():
    """Drop the cached backend and producer pool so changed settings take effect."""
    celery_app._backend_cache = None
    celery_app._local = threading.local()
    celery_app._pool = None
    celery_app.amqp._producer_pool = None


@pytest.fixture
def worker():
    """A real worker thread (solo pool) consuming from the broker until the test ends."""
    keys = (
        "task_always_eager",
        "broker_url",
        "result_backend",
        "broker_transport_options",
    )
    saved = {key: celery_app.conf[key] for key in keys}
    celery_app.conf.update(
        task_always_eager=False,
        broker_url=BROKER,
        result_backend=RESULTS,
        broker_transport_options={
            **saved["broker_transport_options"],
            "polling_interval": 0.05,
        },
    )
    _forget_connections()
    try:
        with start_worker(
            celery_app, pool="solo", perform_ping_check=False, shutdown_timeout=10
        ) as started:
            yield started
    finally:
        celery_app.conf.update(saved)
        _forget_connections()
