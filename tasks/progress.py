"""Progress jobs: apply recorded events to the roll-ups; sweep what was left unapplied."""

import logging
from datetime import timedelta

from celery import shared_task

from lms.conf import lms_settings
from lms.progress.rollup import apply_events, unapplied_event_ids
from tasks.policy import TRANSIENT

logger = logging.getLogger(__name__)


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
def sweep_unapplied_events(older_than_seconds=None, limit=1000):
    """Re-enqueue events a lost message or broker outage left unapplied,
    those received more than LMS_SWEEP_AGE_SECONDS ago."""
    if older_than_seconds is None:
        older_than_seconds = lms_settings.SWEEP_AGE_SECONDS
    ids = unapplied_event_ids(timedelta(seconds=older_than_seconds), limit)
    for start in range(0, len(ids), 100):
        apply_progress_events.delay(ids[start : start + 100])
    if ids:
        logger.info("re-enqueued %d unapplied progress events", len(ids))
    return len(ids)
