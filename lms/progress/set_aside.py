"""Progress events set aside after failing to apply: what the admin lists, and
trying them again."""

from django.db import transaction

from lms.models import ProgressEvent
from lms.signals import events_recorded


def _aside():
    return ProgressEvent.objects.filter(
        failed_at__isnull=False, applied_at__isnull=True
    )


def set_aside(limit=100):
    return _aside().select_related("user", "module").order_by("-failed_at")[:limit]


def count():
    return _aside().count()


def try_again():
    """Put every set-aside event back in the queue; return how many."""
    with transaction.atomic():
        ids = [
            str(pk) for pk in _aside().select_for_update().values_list("pk", flat=True)
        ]
        ProgressEvent.objects.filter(pk__in=ids).update(
            failed_at=None, failures=0, error=""
        )
        # The hand-off sends them to the apply job once this commits.
        events_recorded.send(sender=ProgressEvent, event_ids=ids)
    return len(ids)
