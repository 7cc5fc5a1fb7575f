"""The delivery job. A worker finds it through Celery's autodiscovery of installed
apps; it runs after each batch of new statements commits, on its own back-off
when the LRS is unavailable, and every minute from beat as a safety net."""

from celery import shared_task
from django.core.cache import cache

from lms.contrib.xapi import delivery

DELIVER = "lms_xapi.deliver"
RETRY_LOCK = "lms_xapi:retry-waiting"


@shared_task(name=DELIVER, bind=True, acks_late=True, ignore_result=True)
def deliver_statements(self):
    run = delivery.deliver()
    # Eager runs (no broker) must not call themselves again at once: the next
    # new statement or the next run of the command tries again.
    # One retry waits at a time, however many new statements asked for a run.
    waiting = run.retry_in and not self.request.is_eager
    if waiting and cache.add(RETRY_LOCK, True, timeout=run.retry_in):
        self.apply_async(countdown=run.retry_in)
    return {"sent": run.sent, "failed": run.failed, "retry_in": run.retry_in}
