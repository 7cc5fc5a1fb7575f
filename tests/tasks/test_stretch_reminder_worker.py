"""Stretch-project emails through a real worker: run twice or redelivered, each goes out once.

The worker runs in a thread on the configured broker (memory:// by default)
and reads the database through its own connection, so these tests commit.
A redelivered message carries the same task id and arguments as the first
delivery; sending the job again under the first run's id stands for it.
"""

from collections import Counter
from datetime import date

import pytest
from django.core import mail

from lms.models import Evidence, Notification, Review
from lms.stretch.reviews import review
from lms.stretch.states import transition
from tasks import celery_app
from tasks.health import ping
from tasks.stretch import send_stretch_news, send_stretch_reminders
from tests.builders.stretch import make_stretch_scene

pytestmark = pytest.mark.django_db(transaction=True)

WAIT_SECONDS = 20
# The scene's projects are due on 5 October 2026; milestones fall on the 4th.
THREE_DAYS_BEFORE_LAST_MILESTONE = date(2026, 10, 1)
DAY_BEFORE_DUE = date(2026, 10, 4)


def run_twice_and_redeliver(job, *args):
    """Run the job twice, then deliver the first run again; return what each run sent."""
    first = job.apply_async(args)
    results = [first.get(timeout=WAIT_SECONDS)]
    results.append(job.apply_async(args).get(timeout=WAIT_SECONDS))
    first.forget()  # so waiting on the redelivery's id waits for its own result
    redelivered = job.apply_async(args, task_id=first.id)
    results.append(redelivered.get(timeout=WAIT_SECONDS))
    return results


def drain():
    """Wait until the worker has run everything enqueued so far (one solo worker, FIFO)."""
    assert ping.delay().get(timeout=WAIT_SECONDS) == "pong"


def recipients():
    return Counter(message.to[0] for message in mail.outbox)


def test_reminders_run_twice_and_redelivered_are_sent_once_each(worker):
    scene = make_stretch_scene()
    scene.assign(learners=[scene.other_learner])
    learners = {scene.learner.email: 1, scene.other_learner.email: 1}

    milestones = run_twice_and_redeliver(
        send_stretch_reminders, THREE_DAYS_BEFORE_LAST_MILESTONE.isoformat()
    )
    assert milestones == [2, 0, 0]
    assert recipients() == learners

    due = run_twice_and_redeliver(send_stretch_reminders, DAY_BEFORE_DUE.isoformat())
    assert due == [2, 0, 0]
    assert recipients() == {email: 2 for email in learners}
    assert Counter(
        n.kind for n in Notification.objects.filter(sent_at__isnull=False)
    ) == {
        "stretch_milestone": 2,
        "stretch_due": 2,
    }


def test_news_enqueued_on_commit_and_redelivered_is_sent_once(worker):
    scene = make_stretch_scene()
    assignment, mentor, learner = scene.assignment, scene.mentor, scene.learner
    transition(assignment, "start", learner)
    Evidence.objects.create(assignment=assignment, text="My deck.")

    transition(assignment, "submit", learner)  # commits, then enqueues the news
    drain()
    assert recipients() == {mentor.email: 1}

    assert run_twice_and_redeliver(send_stretch_news, assignment.pk, "submit") == [
        0,
        0,
        0,
    ]
    assert recipients() == {mentor.email: 1}

    review(assignment, mentor, Review.Outcome.CHANGES_REQUESTED, {}, "Add figures.")
    drain()
    assert run_twice_and_redeliver(
        send_stretch_news, assignment.pk, "request_changes"
    ) == [0, 0, 0]
    assert recipients() == {mentor.email: 1, learner.email: 1}
    assert "Add figures." in mail.outbox[-1].body


@pytest.mark.django_db(transaction=False)
def test_beat_sends_the_stretch_reminders_every_morning_with_an_expiry():
    (entry,) = [
        entry
        for entry in celery_app.conf.beat_schedule.values()
        if entry["task"] == "tasks.send_stretch_reminders"
    ]

    assert entry["task"] in celery_app.tasks
    assert entry["schedule"].hour == {6}
    assert entry["schedule"].minute == {30}
    assert entry["options"]["expires"] > 0
