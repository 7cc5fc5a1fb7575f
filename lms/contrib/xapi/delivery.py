"""Sending the outbox to the LRS: in order, in batches, never losing a statement.

A batch the LRS takes (2xx) is marked sent. A server error, a timeout, a
refused connection or 429 stops the run and leaves the batch pending, to be
tried again after a back-off, so a later statement never overtakes it. A 4xx
means the LRS will never take something in the batch: its statements are
tried one by one, and each one refused is marked failed with the LRS's reply
(shown on the admin's xAPI status page) while the others go on.

Statements are read from the outbox as the JSON text the database holds and
joined into the request body as they are, never decoded and encoded again:
at a few hundred statements a batch that round trip cost as much time as the
LRS took to store them (docs/decisions.md).
"""

import logging
from dataclasses import dataclass

import requests
from django.db import transaction
from django.db.models import F, TextField
from django.db.models.functions import Cast
from django.utils import timezone

from lms.contrib.xapi.conf import xapi_setting
from lms.contrib.xapi.models import OutboxStatement

logger = logging.getLogger(__name__)
VERSION = "1.0.3"
Status = OutboxStatement.Status


@dataclass(frozen=True)
class Row:
    """An outbox row as delivery needs it: its JSON exactly as stored."""

    pk: int
    statement_id: object
    attempts: int
    body: str


@dataclass
class Run:
    sent: int = 0
    failed: int = 0
    retry_in: int | None = None  # seconds, when the LRS could not be reached


OK, REFUSED, UNAVAILABLE = "ok", "refused", "unavailable"


def deliver(limit=None):
    """Send pending statements until none are left, the LRS is unavailable, or
    `limit` statements were handled. Returns what happened."""
    run = Run()
    if not xapi_setting("ENDPOINT"):
        return run
    with requests.Session() as session:
        while limit is None or run.sent + run.failed < limit:
            if not _deliver_batch(session, run) or run.retry_in:
                break
    return run


def _deliver_batch(session, run):
    """Send one batch; the number of statements it held (0: nothing pending)."""
    with transaction.atomic():
        # The lock makes a second worker wait for this batch, not send the next
        # one first, so statements reach the LRS in the order they were made.
        batch = [
            Row(*fields)
            for fields in OutboxStatement.objects.select_for_update()
            .filter(status=Status.PENDING)
            .order_by("seq")
            .values_list("seq", "statement_id", "attempts", _AS_TEXT)[
                : xapi_setting("BATCH")
            ]
        ]
        if not batch:
            return 0
        outcome, reply = _post(session, batch)
        if outcome == OK:
            _mark_sent(batch)
            run.sent += len(batch)
            return len(batch)
        waiting = batch if outcome == UNAVAILABLE else _one_by_one(session, batch, run)
    if waiting:
        # After the transaction, so the note of the attempt is kept.
        attempts = _note_attempt(waiting, reply)
        run.retry_in = min(xapi_setting("BACKOFF_MAX"), 2 ** min(attempts, 20))
    return len(batch)


def _one_by_one(session, batch, run):
    """Send each statement alone; those left when the LRS stops answering."""
    for index, row in enumerate(batch):
        outcome, reply = _post(session, [row])
        if outcome == UNAVAILABLE:
            return batch[index:]
        if outcome == OK:
            _mark_sent([row])
            run.sent += 1
            continue
        OutboxStatement.objects.filter(pk=row.pk).update(
            status=Status.FAILED, last_error=reply, attempts=F("attempts") + 1
        )
        run.failed += 1
        logger.warning("LRS refused statement %s: %s", row.statement_id, reply)
    return []


# The statement's JSON text: PostgreSQL's jsonb output, SQLite's stored text.
_AS_TEXT = Cast("statement", output_field=TextField())


def _post(session, rows):
    """(OK, None), (REFUSED, reply) for good, or (UNAVAILABLE, reason) for now."""
    body = "[" + ",".join(row.body for row in rows) + "]"
    try:
        response = session.post(
            xapi_setting("ENDPOINT").rstrip("/") + "/statements",
            data=body.encode(),
            auth=(xapi_setting("USERNAME"), xapi_setting("PASSWORD")),
            headers={
                "X-Experience-API-Version": VERSION,
                "Content-Type": "application/json",
            },
            timeout=xapi_setting("TIMEOUT"),
        )
    except requests.RequestException as error:
        return UNAVAILABLE, f"{type(error).__name__}: {error}"
    if response.ok:
        return OK, None
    reply = f"{response.status_code}: {response.text[:500]}"
    if response.status_code == 429 or response.status_code >= 500:
        return UNAVAILABLE, reply
    return REFUSED, reply


def _note_attempt(rows, error):
    """Count a failed attempt on the rows; the highest attempt count among them."""
    ids = [row.pk for row in rows]
    OutboxStatement.objects.filter(pk__in=ids).update(
        attempts=F("attempts") + 1, last_error=error[:1000]
    )
    return max(row.attempts for row in rows) + 1


def _mark_sent(rows):
    OutboxStatement.objects.filter(pk__in=[row.pk for row in rows]).update(
        status=Status.SENT,
        sent_at=timezone.now(),
        attempts=F("attempts") + 1,
        last_error="",
    )


def retry_failed():
    """Put statements the LRS refused back in the queue (after fixing the cause)."""
    return OutboxStatement.objects.filter(status=Status.FAILED).update(
        status=Status.PENDING
    )
