"""Celery runs eagerly without a broker, and a real worker answers with one."""

import os

import pytest

from tasks import celery_app
from tasks.health import ping


@pytest.mark.skipif(
    bool(os.environ.get("CELERY_BROKER_URL")), reason="a broker is configured"
)
def test_without_a_broker_tasks_run_eagerly():
    result = ping.delay()

    assert celery_app.conf.task_always_eager
    assert result.get(timeout=1) == "pong"
    assert result.__class__.__name__ == "EagerResult"


def test_a_real_worker_runs_a_task_from_the_broker(worker):
    result = ping.delay()

    assert result.get(timeout=20) == "pong"
    assert result.__class__.__name__ == "AsyncResult"


def test_tasks_serialise_json_only():
    assert celery_app.conf.accept_content == ["json"]
    assert celery_app.conf.task_acks_late
    assert celery_app.conf.task_reject_on_worker_lost
