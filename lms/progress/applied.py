"""What `events_applied` carries: each applied event as plain values."""

import logging
from dataclasses import dataclass
from datetime import datetime

from lms.signals import events_applied

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class AppliedEvent:
    """One progress event after the roll-ups counted it.

    `block_id` is the question, scenario or prompt it is about; `result` is
    what the server decided when it was recorded (for an answer: `correct`,
    `question_count`); `payload` is what the learner sent (`chosen`, `text`).
    """

    id: str
    user_id: int
    module_id: int
    enrolment_id: int
    kind: str
    block_id: str
    payload: dict
    result: dict
    seconds: int
    occurred_at: datetime

    @classmethod
    def of(cls, event):
        return cls(
            id=str(event.id),
            user_id=event.user_id,
            module_id=event.module_id,
            enrolment_id=event.enrolment_id,
            kind=event.kind,
            block_id=event.block_id,
            payload=event.payload,
            result=event.result,
            seconds=event.seconds,
            occurred_at=event.occurred_at,
        )


def announce(events):
    """Send `events_applied`; a failing receiver is logged and the others still run."""
    if not events:
        return
    for receiver, outcome in events_applied.send_robust(
        sender=AppliedEvent, events=events
    ):
        if isinstance(outcome, Exception):
            logger.error(
                "events_applied receiver %r failed on %d events",
                receiver,
                len(events),
                exc_info=outcome,
            )
