"""Hand work to the worker once the transaction that asked for it commits."""

import atexit
import logging
import threading
from functools import partial

from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from lms.conf import lms_settings

logger = logging.getLogger(__name__)

# One message carries at most this many event ids.
MAX_IDS_PER_TASK = 500


def enqueue_recorded_events(sender, event_ids, **kwargs):
    if event_ids:
        transaction.on_commit(partial(_hand_off, list(event_ids)))


def _hand_off(event_ids):
    from tasks import celery_app

    if celery_app.conf.task_always_eager or lms_settings.HANDOFF_SECONDS <= 0:
        _enqueue(event_ids)
    else:
        _gathered.add(event_ids)


class _Gathered:
    """Event ids committed in this process during a short window, sent as one task.

    Publishing a Celery message costs a web process more CPU than recording a
    single event, and the worker drains every waiting event anyway, so one
    message per window (LMS_HANDOFF_SECONDS) is enough. Ids still waiting when
    the process dies are found by the sweeper, as after a broker outage.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.ids = []
        self.timer = None

    def add(self, event_ids):
        with self.lock:
            self.ids.extend(event_ids)
            if self.timer is None:
                self.timer = threading.Timer(lms_settings.HANDOFF_SECONDS, self.send)
                self.timer.daemon = True
                self.timer.start()

    def send(self):
        with self.lock:
            ids, self.ids, timer, self.timer = self.ids, [], self.timer, None
        if timer is not None:
            timer.cancel()  # sent early (tests, process exit): the timer has nothing left
        for start in range(0, len(ids), MAX_IDS_PER_TASK):
            try:
                _enqueue(ids[start : start + MAX_IDS_PER_TASK])
            except Exception:  # a timer thread has nobody to raise to
                logger.exception(
                    "could not hand events to the worker; the sweeper will"
                )


_gathered = _Gathered()
atexit.register(_gathered.send)


def _enqueue(event_ids):
    from tasks.progress import apply_progress_events

    try:
        apply_progress_events.delay(event_ids)
    except BrokerError:
        # The events are stored; the sweeper enqueues them once the broker is back.
        logger.warning(
            "broker unavailable; %d events left for the sweeper", len(event_ids)
        )
