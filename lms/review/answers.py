"""Record a daily-review answer once, graded on the server from the live module.

The client sends a UUID with each answer. The same id with the same body is a
retry and changes nothing; the same id with a different body (or from someone
else) is a conflict. The card is then replayed from its whole log, so a late
answer lands in its place in time.
"""

import hashlib
import json
import uuid
from dataclasses import dataclass
from datetime import timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone

from courses.models import ModulePage
from lms.core.sql import add_rows
from lms.models import ReviewAnswer, ReviewCard, ReviewDay
from lms.progress import grading
from lms.review.cards import replay_cards
from lms.review.recall import refresh_recall
from lms.review.schedule import CONFIDENCE, rating_for
from lms.signals import review_answered

CLOCK_SKEW = timedelta(minutes=5)
MAX_CHOSEN = 10
MAX_KEYS = 500
_KEYS = {}  # (module id, live revision id) -> grading.AnswerKey


class ReviewRejected(Exception):
    """Nothing was stored; `status` is the HTTP status that says why."""

    def __init__(self, status, detail):
        super().__init__(detail)
        self.status, self.detail = status, detail


@dataclass(frozen=True)
class Recorded:
    answer: ReviewAnswer
    created: bool


def body_hash(card_id, chosen, occurred_at, confidence=None):
    body = {
        "card": int(card_id),
        "chosen": sorted(chosen),
        "occurred_at": occurred_at.isoformat() if occurred_at else None,
    }
    # Only when given, so answers stored before confidence existed keep their hash.
    if confidence:
        body["confidence"] = confidence
    return hashlib.sha256(json.dumps(body, sort_keys=True).encode()).hexdigest()


def record_review(
    user, answer_id, card_id, chosen, occurred_at=None, confidence=None, now=None
):
    """Store the answer unless it is a retry; raise ReviewRejected on bad input.

    `confidence` is the learner's "how sure were you?" (a CONFIDENCE key, or
    None when they did not say).
    """
    now = now or timezone.now()
    answer_id, card_id, chosen = _checked(answer_id, card_id, chosen)
    confidence = confidence or None
    if confidence is not None and (
        not isinstance(confidence, str) or confidence not in CONFIDENCE
    ):
        choices = ", ".join(CONFIDENCE)
        raise ReviewRejected(422, f"confidence must be one of: {choices}")
    if occurred_at is not None and occurred_at > now + CLOCK_SKEW:
        raise ReviewRejected(422, "occurred_at is in the future")
    digest = body_hash(card_id, chosen, occurred_at, confidence)
    known = ReviewAnswer.objects.filter(pk=answer_id).first()
    if known is not None:
        return Recorded(_same(known, user, digest), created=False)
    card = _card(user, card_id)
    result = grade(card, chosen)
    answer = ReviewAnswer(
        id=answer_id,
        card=card,
        user=user,
        source=ReviewAnswer.Source.REVIEW,
        correct=result["correct"],
        rating=int(rating_for(result["correct"], confidence)),
        chosen=chosen,
        reviewed_at=occurred_at or now,
        body_hash=digest,
    )
    try:
        with transaction.atomic():
            answer.save(force_insert=True)
            replay_cards([card.pk])
            count_review_day(answer)
            review_answered.send(sender=ReviewAnswer, answer_ids=[answer.pk])
    except IntegrityError:
        # A copy of this answer won the race: it is a retry or a conflict.
        known = ReviewAnswer.objects.get(pk=answer_id)
        return Recorded(_same(known, user, digest), created=False)
    refresh_recall([user.pk], now)
    return Recorded(answer, created=True)


def count_review_day(answer):
    """Count a stored answer on its day, for the dashboard's review participation."""
    row = {
        "user_id": answer.user_id,
        "day": timezone.localdate(answer.reviewed_at),
        "answers": 1,
        "correct": int(answer.correct),
    }
    add_rows(ReviewDay, [row], ["user_id", "day"])


def grade(card, chosen):
    """Grade `chosen` against the card's question as the live module has it now."""
    module = ModulePage.objects.live().filter(pk=card.module_id).first()
    if module is None:
        raise ReviewRejected(404, "this module is no longer published")
    key = _answer_key(module)
    try:
        return {**key.grade(card.question_id, chosen), "module": module}
    except grading.UnknownBlock as error:
        raise ReviewRejected(422, str(error)) from error


def _answer_key(module):
    """The module's answer key, read once per published revision of it.

    Reading a StreamField body costs more than the rest of recording an
    answer; an AnswerKey is immutable, so processes share it.
    """
    if module.live_revision_id is None:
        return grading.answer_key(module.pk, module.body)
    cache_key = (module.pk, module.live_revision_id)
    key = _KEYS.get(cache_key)
    if key is None:
        if len(_KEYS) >= MAX_KEYS:
            _KEYS.clear()
        key = _KEYS[cache_key] = grading.answer_key(module.pk, module.body)
    return key


def _checked(answer_id, card_id, chosen):
    try:
        answer_id = uuid.UUID(str(answer_id))
        card_id = int(card_id)
    except (TypeError, ValueError) as error:
        raise ReviewRejected(400, "an answer needs an id (UUID) and a card") from error
    if not isinstance(chosen, list) or not chosen or len(chosen) > MAX_CHOSEN:
        raise ReviewRejected(422, "choose an option")
    if not all(isinstance(option, str) and len(option) <= 64 for option in chosen):
        raise ReviewRejected(422, "unknown option")
    return answer_id, card_id, chosen


def _same(known, user, digest):
    if known.user_id != user.pk or known.body_hash != digest:
        raise ReviewRejected(
            409, f"answer {known.pk} was already recorded with a different body"
        )
    return known


def _card(user, card_id):
    card = ReviewCard.objects.filter(
        pk=card_id, user=user, retired_at__isnull=True
    ).first()
    if card is None:
        raise ReviewRejected(404, "no such review card")
    return card
