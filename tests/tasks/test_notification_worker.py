"""Nudge and digest jobs run twice through a real worker, and each email goes out once.

The worker runs in a thread on the configured broker (memory:// by default)
and reads the database through its own connection, so these tests commit.
Running a job twice stands for beat firing twice or the broker redelivering.
Beat schedules every job, and every entry expires so missed runs never pile up.
"""

from collections import Counter

import pytest
from django.core import mail

from lms.models import Notification
from tasks import celery_app
from tasks.notifications import send_inactivity_nudges, send_manager_digests
from tests.builders.cohorts import days_ago, join, make_open_cohort
from tests.builders.pages import make_programme_of
from tests.builders.people import make_manager

pytestmark = pytest.mark.django_db(transaction=True)

WAIT_SECONDS = 20


def run_twice(job):
    """Enqueue the job twice and wait for both runs; return what each sent."""
    results = [job.delay(), job.delay()]
    assert {type(result).__name__ for result in results} == {"AsyncResult"}
    return [result.get(timeout=WAIT_SECONDS) for result in results]


def test_nudges_run_twice_by_the_worker_are_sent_once_each(worker):
    cohort = make_open_cohort(make_programme_of())
    idle = [join(cohort, last_activity_at=days_ago(days)) for days in (3, 7, 14)]
    join(cohort, last_activity_at=days_ago(1))

    sent = run_twice(send_inactivity_nudges)

    assert sorted(sent) == [0, 3]
    assert Counter(m.to[0] for m in mail.outbox) == {e.user.email: 1 for e in idle}
    assert Notification.objects.filter(kind="nudge", sent_at__isnull=False).count() == 3


def test_digests_run_twice_by_the_worker_are_sent_once_each(worker):
    programme = make_programme_of()
    spring = make_open_cohort(programme, name="Spring")
    autumn = make_open_cohort(programme, name="Autumn")
    join(spring, last_activity_at=days_ago(10))
    managers = [
        make_manager("ann", cohorts=[spring]),
        make_manager("bo", cohorts=[spring, autumn]),
    ]

    sent = run_twice(send_manager_digests)

    assert sorted(sent) == [0, 2]
    assert Counter(m.to[0] for m in mail.outbox) == {m.email: 1 for m in managers}
    (both,) = [m for m in mail.outbox if m.to == [managers[1].email]]
    assert "Spring" in both.body and "Autumn" in both.body
    assert both.alternatives[0][1] == "text/html"


@pytest.mark.django_db(transaction=False)
def test_beat_schedules_each_job_with_an_expiry():
    schedule = celery_app.conf.beat_schedule
    tasks = {entry["task"] for entry in schedule.values()}

    assert {
        "tasks.take_cohort_snapshots",
        "tasks.send_pacing_emails",
        "tasks.send_inactivity_nudges",
        "tasks.send_manager_digests",
    } <= tasks
    assert tasks <= set(celery_app.tasks)
    assert all(entry["options"]["expires"] > 0 for entry in schedule.values())
