"""FSRS scheduling as a replay: a card's state is a pure function of its log.

The `fsrs` package does the scheduling. Fuzzing is off (it draws random
numbers, and a replay must give the same schedule every time) and there are
no same-day learning steps: a microlearner comes back tomorrow, not in ten
minutes. Answers are graded pass/fail: a wrong one is Again, a right one Good,
or Hard or Easy when the learner said how sure they were (`CONFIDENCE`).
"""

import functools
from dataclasses import dataclass
from datetime import UTC, datetime

from fsrs import Card, Rating, Scheduler

from lms.conf import lms_settings


@dataclass(frozen=True)
class Retrieval:
    """One entry of a card's log, as the replay needs it."""

    id: str
    reviewed_at: datetime
    correct: bool
    rating: int
    source: str = "module"  # or "review": a daily-review answer


# "How sure were you?" on a review answer, and the FSRS rating of a right answer.
CONFIDENCE = {"unsure": Rating.Hard, "sure": Rating.Good, "certain": Rating.Easy}


def rating_for(correct, confidence=None):
    """Again for a wrong answer whatever the learner felt; for a right one, the
    rating of their confidence (Good when they did not say)."""
    if not correct:
        return Rating.Again
    return CONFIDENCE.get(confidence, Rating.Good)


def retention_for(programme_id):
    by_programme = lms_settings.REVIEW_RETENTION_BY_PROGRAMME
    return float(by_programme.get(programme_id, lms_settings.REVIEW_RETENTION))


@functools.lru_cache(maxsize=32)
def scheduler(retention):
    return Scheduler(
        desired_retention=retention,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )


def replay(card_id, log, retention):
    """The fsrs.Card after every retrieval of `log`, taken in time order (ties by id)."""
    ordered = sorted(log, key=_order)
    if not ordered:
        return None
    fsrs = scheduler(retention)
    card = Card(card_id=card_id, due=_utc(ordered[0].reviewed_at))
    for retrieval in ordered:
        card, _log = fsrs.review_card(
            card, Rating(retrieval.rating), _utc(retrieval.reviewed_at)
        )
    return card


def card_fields(card_id, log, retention):
    """The ReviewCard fields the replay of `log` gives, or None for an empty log."""
    card = replay(card_id, log, retention)
    if card is None:
        return None
    ordered = sorted(log, key=_order)
    return {
        "state": int(card.state),
        "step": card.step,
        "stability": card.stability,
        "difficulty": card.difficulty,
        "due": card.due,
        "last_review": card.last_review,
        "reviews": len(log),
        # A lapse is a failed retrieval of something once learnt.
        "lapses": sum(1 for r in ordered[1:] if not r.correct),
        "first_review_correct": next(
            (r.correct for r in ordered if r.source == "review"), None
        ),
    }


def _order(retrieval):
    return (retrieval.reviewed_at, retrieval.id)


def _utc(moment):
    return moment.astimezone(UTC)
