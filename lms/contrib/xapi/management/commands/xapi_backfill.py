"""Make statements for the progress already applied, in time order, and queue them.

Safe to run again: a statement already in the outbox keeps its place and content.
"""

from django.core.management.base import BaseCommand, CommandError

from lms.contrib.xapi import outbox
from lms.contrib.xapi.conf import xapi_setting
from lms.contrib.xapi.receivers import statements_of
from lms.models import ProgressEvent
from lms.progress.applied import AppliedEvent


class Command(BaseCommand):
    help = "Queue xAPI statements for progress events applied before xAPI was on."

    def add_arguments(self, parser):
        parser.add_argument("--batch", type=int, default=500)

    def handle(self, *args, batch, **options):
        if batch < 1:
            raise CommandError("--batch must be at least 1")
        if not xapi_setting("ENDPOINT"):
            raise CommandError("Set LMS_XAPI_ENDPOINT first: nothing would be sent.")
        events = ProgressEvent.objects.filter(applied_at__isnull=False).order_by(
            "occurred_at", "id"
        )
        total, done, queued = events.count(), 0, 0
        last = None
        while True:
            chunk = list(self._after(events, last)[:batch])
            if not chunk:
                break
            queued += outbox.add(statements_of([AppliedEvent.of(e) for e in chunk]))
            done += len(chunk)
            last = chunk[-1]
            self.stdout.write(f"{done}/{total} events ({100 * done // total}%)")
        self.stdout.write(self.style.SUCCESS(f"{queued} statements queued."))

    @staticmethod
    def _after(events, last):
        if last is None:
            return events
        return events.filter(occurred_at__gt=last.occurred_at) | events.filter(
            occurred_at=last.occurred_at, id__gt=last.id
        )
