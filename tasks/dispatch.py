"""Hand recorded events to the worker once their transaction commits."""

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
