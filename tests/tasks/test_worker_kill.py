"""A worker killed while it applies events loses none and applies none twice.

CI's second tier only (REQUIRE_SERVICES=1: PostgreSQL and Redis). Events are
recorded and enqueued to Redis; a real `celery worker` process is SIGKILLed
mid-way; a fresh worker and the sweeper finish the job; every roll-up must
then equal the ground truth worked out from the events alone.
"""

import contextlib
import os
import random
import signal
import subprocess
import sys
import time
import uuid
from urllib.parse import quote

import pytest
from django.conf import settings
from django.db import connection
from django.db.models import Sum

from lms.models import LearningDay, ModuleProgress, ProgressEvent
from lms.progress.recording import record_events
from tasks import celery_app
from tasks.progress import sweep_unapplied_events
from tests.builders.pages import make_competency
from tests.builders.progress import (
    actual_rollups,
    by_learner,
    expected_rollups,
    make_scene,
    random_journey,
)
from tests.conftest import SERVICES_REQUIRED

pytestmark = [
    pytest.mark.real_broker,
    pytest.mark.skipif(
        not SERVICES_REQUIRED,
        reason="kills a real `celery worker` process: runs only in CI's second tier "
        "(REQUIRE_SERVICES=1 with PostgreSQL DATABASE_URL and Redis CELERY_BROKER_URL)",
    ),
    pytest.mark.django_db(transaction=True),
]

EVENTS = 600
EVENTS_PER_TASK = 3  # many small tasks, so the kill lands while work remains
WAIT_SECONDS = 120
SWEEP_EVERY_SECONDS = 5


def current_database_url():
    """The URL of the database this test runs on (pytest-django's test_ copy)."""
    db = connection.settings_dict
    auth = quote(db["USER"] or "", safe="")
    if db["PASSWORD"]:
        auth += ":" + quote(db["PASSWORD"], safe="")
    port = f":{db['PORT']}" if db["PORT"] else ""
    return f"postgres://{auth}@{db['HOST'] or 'localhost'}{port}/{db['NAME']}"


class Workers:
    """`celery worker` processes, each in its own process group, all killed at the end."""

    def __init__(self, log_dir):
        self.log_dir = log_dir
        self.processes = []

    def start(self):
        env = {
            **os.environ,
            "DATABASE_URL": current_database_url(),
            "DJANGO_SETTINGS_MODULE": "config.settings.test",
        }
        command = [sys.executable, "-m", "celery", "-A", "tasks", "worker"]
        command += ["--pool=prefork", "--concurrency=2", "-l", "warning"]
        command += ["-n", f"kill-test-{uuid.uuid4().hex[:8]}@%h"]
        log_path = self.log_dir / f"worker-{len(self.processes)}.log"
        with open(log_path, "wb") as log:
            process = subprocess.Popen(
                command,
                cwd=settings.BASE_DIR,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self.processes.append(process)
        return process

    def kill(self, process):
        """SIGKILL the worker and its pool children: no shutdown, no acks."""
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal.SIGKILL)
        process.wait(timeout=30)

    def kill_all(self):
        for process in self.processes:
            self.kill(process)

    def logs(self):
        return "\n".join(
            path.read_text(errors="replace")[-3000:]
            for path in sorted(self.log_dir.glob("worker-*.log"))
        )


@pytest.fixture
def workers(tmp_path):
    started = Workers(tmp_path)
    try:
        yield started
    finally:
        started.kill_all()
        _wait_for_other_connections_to_close()


def _wait_for_other_connections_to_close():
    """Killed workers' sessions must end before the test database is flushed or dropped."""
    deadline = time.monotonic() + 30
    with connection.cursor() as cursor:
        while time.monotonic() < deadline:
            cursor.execute(
                "SELECT count(*) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            if cursor.fetchone()[0] == 0:
                return
            time.sleep(0.2)


def applied():
    return ProgressEvent.objects.exclude(applied_at=None).count()


def record_in_small_batches(plan, capture):
    """Record every learner's events as they would send them; each commit enqueues a task."""
    for user, planned in by_learner(plan).items():
        for start in range(0, len(planned), EVENTS_PER_TASK):
            chunk = planned[start : start + EVENTS_PER_TASK]
            with capture(execute=True):
                record_events(user, [p.raw for p in chunk])


def test_killing_the_worker_mid_way_applies_every_event_exactly_once(
    workers, django_capture_on_commit_callbacks
):
    rng = random.Random(1234)
    shared = make_competency(name="Listening", slug="listening")
    own = make_competency(name="Staying calm", slug="staying-calm")
    scene = make_scene(
        learners=3, modules=2, questions=3, competencies=[[shared, own], [shared]]
    )
    plan = random_journey(rng, scene, EVENTS)
    celery_app.control.purge()
    record_in_small_batches(plan, django_capture_on_commit_callbacks)
    assert applied() == 0

    first = workers.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while applied() < EVENTS // 4 and time.monotonic() < deadline:
        time.sleep(0.02)
    workers.kill(first)
    applied_at_kill = applied()

    workers.start()
    deadline = time.monotonic() + WAIT_SECONDS
    while applied() < len(plan) and time.monotonic() < deadline:
        sweep_unapplied_events(older_than_seconds=0)
        sweep_deadline = time.monotonic() + SWEEP_EVERY_SECONDS
        while applied() < len(plan) and time.monotonic() < sweep_deadline:
            time.sleep(0.1)

    assert 0 < applied_at_kill < len(plan), workers.logs()
    assert applied() == len(plan), workers.logs()
    totals = ModuleProgress.objects.aggregate(
        seconds=Sum("time_spent_seconds"), attempts=Sum("attempts")
    )
    assert totals["seconds"] == sum(p.raw["seconds"] for p in plan)
    assert totals["attempts"] == sum(p.kind == "started" for p in plan)
    assert LearningDay.objects.aggregate(n=Sum("events"))["n"] == len(plan)
    expected, actual = expected_rollups(plan, scene), actual_rollups(scene)
    for table in expected:
        assert actual[table] == expected[table], table
