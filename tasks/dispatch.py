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

    # The timer's thread class; a test may pass one whose start fails.
    timer_class = threading.Timer

    def __init__(self):
        self.lock = threading.Lock()
        self.ids = []
        self.timer = None

    def add(self, event_ids):
        with self.lock:
            # Ids past the cap stay stored and unapplied: the sweeper finds them.
            # The cap keeps a process whose broker is down from growing without end.
            room = max(0, lms_settings.HANDOFF_MAX_PENDING - len(self.ids))
            if len(event_ids) > room:
                logger.warning(
                    "%d event ids over LMS_HANDOFF_MAX_PENDING left for the sweeper",
                    len(event_ids) - room,
                )
            self.ids.extend(event_ids[:room])
            if self.timer is None:
                self._start_timer()

    def _start_timer(self):
        """Start the window's timer; on failure the next hand-off tries again."""
        timer = self.timer_class(lms_settings.HANDOFF_SECONDS, self.send)
        timer.daemon = True
        try:
            timer.start()
        except Exception:  # e.g. "can't start new thread": never fail the request
            logger.exception("could not start the hand-off timer; will try again")
            return
        self.timer = timer

    def send(self):
        # self.timer stays set while publishing, so a blocked broker holds one
        # thread per process, not one per window.
        with self.lock:
            ids, self.ids, timer = self.ids, [], self.timer
        if timer is not None:
            timer.cancel()  # sent early (tests, process exit): the timer has nothing left
        try:
            self._publish(ids)
        finally:
            with self.lock:
                if self.timer is timer:
                    self.timer = None
                if self.ids and self.timer is None:
                    self._start_timer()  # ids that came while publishing

    def _publish(self, ids):
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
