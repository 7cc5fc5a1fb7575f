"""Celery jobs: thin wrappers that add retry and idempotency policy to lms functions."""

import logging
from datetime import date, timedelta

from celery import shared_task
from django.db import IntegrityError, InterfaceError, OperationalError
from django.utils import timezone

from lms.cohorts.snapshots import snapshot_running_cohorts
from lms.conf import lms_settings
from lms.notifications.delivery import DeliveryFailed
from lms.notifications.digest import send_digests
from lms.notifications.nudges import send_nudges
from lms.notifications.unlock import send_unlock_emails
from lms.progress.rollup import apply_events, unapplied_event_ids
from lms.stretch import reminders as stretch_reminders

logger = logging.getLogger(__name__)

# Deadlocks, lost connections and a racing insert are worth another try.
TRANSIENT = (OperationalError, InterfaceError, IntegrityError)

# Scheduled jobs are idempotent (update_or_create, notification keys), so they
# are acked late and retried; a retry of an email job sends only what is missing.
SCHEDULED = {
    "acks_late": True,
    "reject_on_worker_lost": True,
    "retry_backoff": 60,
    "retry_backoff_max": 900,
    "retry_jitter": True,
    "max_retries": 5,
}


@shared_task(name="tasks.ping")
def ping():
    """Answer 'pong' from whichever worker picks it up; used by health checks."""
    return "pong"


@shared_task(
    bind=True,
    name="tasks.apply_progress_events",
    acks_late=True,
    reject_on_worker_lost=True,
    autoretry_for=TRANSIENT,
    retry_backoff=1,
    retry_backoff_max=60,
    retry_jitter=True,
    max_retries=10,
)
def apply_progress_events(self, event_ids):
    """Roll recorded events up into progress; applying twice changes nothing."""
    # In-process (eager) runs apply just their own events; a worker also drains the queue.
    drain = 0 if self.request.is_eager else lms_settings.APPLY_DRAIN
    return apply_events(event_ids, drain=drain)


@shared_task(name="tasks.sweep_unapplied_events", acks_late=True)
def sweep_unapplied_events(older_than_seconds=30, limit=1000):
    """Re-enqueue events a lost message or broker outage left unapplied."""
    ids = unapplied_event_ids(timedelta(seconds=older_than_seconds), limit)
    for start in range(0, len(ids), 100):
        apply_progress_events.delay(ids[start : start + 100])
    if ids:
        logger.info("re-enqueued %d unapplied progress events", len(ids))
    return len(ids)


def _day(day):
    """The ISO date a job was given, or today in the site's time zone."""
    return date.fromisoformat(day) if day else timezone.localdate()


@shared_task(name="tasks.take_cohort_snapshots", autoretry_for=TRANSIENT, **SCHEDULED)
def take_cohort_snapshots(day=None):
    """Snapshot every running cohort for the trend chart; a rerun replaces the rows."""
    return snapshot_running_cohorts(_day(day))


@shared_task(
    name="tasks.send_pacing_emails",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_pacing_emails(day=None):
    """Email learners of weekly-paced cohorts when their next course opens."""
    return send_unlock_emails(_day(day))


@shared_task(
    name="tasks.send_inactivity_nudges",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_inactivity_nudges(day=None):
    """Nudge learners idle for 3, 7 and 14 days, each nudge once."""
    return send_nudges(_day(day))


@shared_task(
    name="tasks.send_manager_digests",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_manager_digests(day=None):
    """Send each cohort manager this week's digest, once a week."""
    return send_digests(_day(day))


@shared_task(
    name="tasks.send_stretch_reminders",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_stretch_reminders(day=None):
    """Remind learners of milestones, due dates and overdue projects, each once."""
    return stretch_reminders.send_stretch_reminders(_day(day))


@shared_task(
    name="tasks.send_stretch_news",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_stretch_news(assignment_id, action):
    """Email the mentor of a submission or the learner of a review, once."""
    return stretch_reminders.send_stretch_news(assignment_id, action)
