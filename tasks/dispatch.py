"""Hand work to the worker once the transaction that asked for it commits."""

import logging
from functools import partial

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

logger = logging.getLogger(__name__)


def enqueue_recorded_events(sender, event_ids, **kwargs):
    if event_ids:
        transaction.on_commit(partial(_enqueue, list(event_ids)))


def _enqueue(event_ids):
    from .jobs import apply_progress_events

    try:
        apply_progress_events.delay(event_ids)
    except BrokerError:
        # The events are stored; the sweeper enqueues them once the broker is back.
        logger.warning(
            "broker unavailable; %d events left for the sweeper", len(event_ids)
        )


def enqueue_stretch_news(sender, assignment, action, **kwargs):
    """After a stretch project moves, email whoever it concerns (once committed)."""
    from lms.stretch_reminders import NEWS_ACTIONS

    if action in NEWS_ACTIONS:
        transaction.on_commit(partial(_enqueue_news, assignment.pk, action))


def _enqueue_news(assignment_id, action):
    from .jobs import send_stretch_news

    try:
        send_stretch_news.delay(assignment_id, action)
    except BrokerError:
        # The move itself is saved and shows in the mentor's queue and the
        # learner's page; only this courtesy email is lost.
        logger.warning(
            "broker unavailable; no %s email for stretch project %s",
            action,
            assignment_id,
        )
