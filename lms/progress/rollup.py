"""Apply stored progress events to the roll-ups, exactly once.

`apply_events` takes event ids, locks the events that are not applied yet
(skipping any another worker holds), updates module progress, question
responses, the module page's block states, competency mastery, course and
programme progress, learning days and the journal, and marks the events
applied, all in one transaction. An event applied twice changes nothing;
a batch is handled in a fixed number of statements whatever the number of
learners and modules in it, so one worker keeps up with many learners.
"""

import logging
from datetime import timedelta
from functools import partial

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from lms.conf import lms_settings
from lms.core.sql import update_rows
from lms.core.transient import TRANSIENT
from lms.models import ProgressEvent
from lms.progress.applied import AppliedEvent, announce
from lms.progress.changes import Rollup

logger = logging.getLogger(__name__)


def apply_events(event_ids, drain=0):
    """Apply the given events that are still unapplied; return how many were applied.

    With `drain`, up to that many other waiting events (oldest first) are applied
    in the same transaction: under load one task then does the work of many,
    and the tasks that follow find their events done and return at once.

    When the batch fails for a reason in the data rather than the database,
    it is split until each bad event is tried alone, so one cannot hold back
    the rest; an event that fails alone has the failure counted against it.
    """
    ids = [str(pk) for pk in event_ids]
    try:
        return _apply_batch(ids, drain)
    except TRANSIENT:
        raise
    except Exception:
        logger.exception("applying a batch of progress events failed; isolating")
    # The batch as it was, halved until what fails stands alone: one bad
    # event among hundreds costs about twenty small transactions.
    return _apply_part(ids + _drained_ids(ids, drain))


def _apply_part(ids):
    try:
        return _apply_batch(ids, drain=0)
    except TRANSIENT:
        raise
    except Exception as error:
        if len(ids) == 1:
            _count_failure(ids[0], error)
            return 0
    half = len(ids) // 2
    return _apply_part(ids[:half]) + _apply_part(ids[half:])


def _drained_ids(ids, drain):
    if not drain:
        return []
    oldest = _drainable().exclude(id__in=ids).values_list("id", flat=True)
    return [str(pk) for pk in oldest[:drain]]


def _drainable():
    """Waiting events, oldest first, that have never failed: one that has is
    tried only alone."""
    return waiting().filter(failures=0).order_by("received_at")


def _count_failure(pk, error):
    """Keep the error; after LMS_APPLY_MAX_FAILURES tries, set the event aside."""
    with transaction.atomic():
        event = waiting().select_for_update().filter(pk=pk).first()
        if event is None:
            return
        event.failures += 1
        event.error = f"{type(error).__name__}: {error}"[:2000]
        if event.failures >= lms_settings.APPLY_MAX_FAILURES:
            event.failed_at = timezone.now()
            logger.error("progress event %s set aside: %s", pk, event.error)
        event.save(update_fields=["failures", "error", "failed_at"])


def _apply_batch(ids, drain):
    with transaction.atomic():
        events = _lock_events(ids, drain)
        if not events:
            return 0
        Rollup(events).apply()
        now = timezone.now()
        applied = [{"id": event.id, "applied_at": now} for event in events]
        update_rows(ProgressEvent, applied, set=["applied_at"])
        # Subscribers hear of the events only once the roll-ups are durable.
        announced = [AppliedEvent.of(event) for event in events]
        transaction.on_commit(partial(announce, announced))
    return len(events)


def _lock_events(ids, drain):
    """The unapplied events among `ids` and the `drain` oldest waiting, locked, in time order.

    Events another worker holds are skipped: that worker applies them. An
    event that has failed before is never drained: it is tried only alone.
    """
    wanted = Q(id__in=ids)
    if drain:
        wanted |= Q(id__in=_drainable().values("id")[:drain])
    return list(
        waiting()
        .select_for_update(skip_locked=True)
        .filter(wanted)
        .order_by("occurred_at", "id")
    )


def waiting():
    """Events not applied yet and not set aside (the `event_unapplied` index)."""
    return ProgressEvent.objects.filter(applied_at__isnull=True, failed_at__isnull=True)


def unapplied_event_ids(older_than=timedelta(seconds=30), limit=1000):
    """Ids of events still waiting to be applied: the sweeper re-enqueues these."""
    cutoff = timezone.now() - older_than
    return [
        str(pk)
        for pk in waiting()
        .filter(received_at__lte=cutoff)
        .order_by("received_at")
        .values_list("id", flat=True)[:limit]
    ]
