"""Outcomes the server judged itself, such as a workbook's checked tasks,
stored as progress events that the roll-ups count like any other."""

import hashlib
import json
import uuid

from django.utils import timezone

from lms.core.sql import insert_new_rows
from lms.models import ProgressEvent
from lms.signals import events_recorded

# Ids of events the server makes itself are UUID5s under this namespace.
CHECKED = uuid.UUID("b1d4e0c2-7a8f-4f36-9a43-2e5c81f0d6a7")


def record_checked(user, enrolment, module, checks, now=None):
    """Store outcomes the server judged itself (a workbook's tasks), one
    `workbook_task` event per (block id, correct) pair in `checks`.

    The first check of each block is the one that counts, as a first answer
    does: its event id comes from the learner and the block, so a later
    check, or a copy of the same upload racing it, stores nothing new.
    Returns the ids stored.
    """
    when = now or timezone.now()
    rows = [
        _checked_row(user, enrolment, module, block_id, correct, when)
        for block_id, correct in checks
    ]
    stored = insert_new_rows(ProgressEvent, rows)
    ours = [str(row["id"]) for row in rows if row["id"].hex in stored]
    events_recorded.send(sender=ProgressEvent, event_ids=ours)
    return ours


def _checked_row(user, enrolment, module, block_id, correct, when):
    body = {"module_id": module.pk, "block_id": block_id, "correct": correct}
    return {
        "id": uuid.uuid5(CHECKED, f"{user.pk}:{module.pk}:{block_id}"),
        "user_id": user.pk,
        "module_id": module.pk,
        "enrolment_id": enrolment.pk,
        "kind": ProgressEvent.Kind.WORKBOOK_TASK.value,
        "block_id": block_id,
        "payload": {},
        "result": {"correct": bool(correct)},
        "seconds": 0,
        "occurred_at": when,
        "received_at": timezone.now(),
        "body_hash": hashlib.sha256(
            json.dumps(body, sort_keys=True).encode()
        ).hexdigest(),
        "applied_at": None,
        "failures": 0,
        "failed_at": None,
        "error": "",
    }
