"""Make statements for the progress already applied and the daily-review answers
already given, each in time order, and queue them (events first, then reviews).

Safe to run again: a statement already in the outbox keeps its place and content.
"""

from django.core.management.base import BaseCommand, CommandError

from lms.contrib.xapi import outbox
from lms.contrib.xapi.conf import xapi_setting
from lms.contrib.xapi.receivers import statements_of
from lms.contrib.xapi.reviews import review_answers, statements_of_answers
from lms.models import ProgressEvent
from lms.progress.applied import AppliedEvent


class Command(BaseCommand):
    help = (
        "Queue xAPI statements for progress events applied and daily reviews "
        "answered before xAPI was on."
    )

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1")
        if not xapi_setting("ENDPOINT"):
            raise CommandError("Set LMS_XAPI_ENDPOINT first: nothing would be sent.")
        events = ProgressEvent.objects.filter(applied_at__isnull=False)
        queued = self._queue(
            events,
            "occurred_at",
            batch,
            "events",
            lambda chunk: statements_of([AppliedEvent.of(e) for e in chunk]),
        )
        queued += self._queue(
            review_answers(), "reviewed_at", batch, "reviews", statements_of_answers
        )
        self.stdout.write(self.style.SUCCESS(f"{queued} statements queued."))

    def _queue(self, rows, when, batch, label, make):
        """Queue the statements of `rows` in (when, id) order, a chunk at a time."""
        rows = rows.order_by(when, "id")
        total, done, queued, last = rows.count(), 0, 0, None
        while True:
            chunk = list(self._after(rows, when, last)[:batch])
            if not chunk:
                break
            queued += outbox.add(make(chunk))
            done += len(chunk)
            last = chunk[-1]
            self.stdout.write(f"{done}/{total} {label} ({100 * done // total}%)")
        return queued

    @staticmethod
    def _after(rows, when, last):
        if last is None:
            return rows
        at = getattr(last, when)
        return rows.filter(**{f"{when}__gt": at}) | rows.filter(
            **{when: at, "id__gt": last.id}
        )
