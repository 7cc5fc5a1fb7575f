"""Cards from applied answers, their log, their replay, and their retirement.

Work per batch of applied events is a fixed number of queries: create the
missing cards, read them back, add the answers to the log (ignoring ids
already there), read the touched cards' logs, write their replayed state.
"""

from django.db import transaction
from django.utils import timezone

from lms.core.sql import update_rows
from lms.models import ReviewAnswer, ReviewCard
from lms.review.schedule import Retrieval, card_fields, rating_for, retention_for

REPLAYED_FIELDS = (
    "state",
    "step",
    "stability",
    "difficulty",
    "due",
    "last_review",
    "reviews",
    "lapses",
    "first_review_correct",
)


def cards_from_events(events):
    """Make a card of each question answered in `events` (AppliedEvent) and replay it."""
    answers = [e for e in events if e.kind == "answered" and e.block_id]
    if not answers:
        return 0
    with transaction.atomic():
        cards = _cards_for(answers)
        ReviewAnswer.objects.bulk_create(
            [_module_answer(e, cards[_key(e)]) for e in answers],
            ignore_conflicts=True,
        )
        replay_cards({card.pk for card in cards.values()})
    return len(answers)


def _key(event):
    return (event.user_id, event.module_id, event.block_id)


def _cards_for(answers):
    """The card of each (user, module, question) answered, created when missing."""
    first = {}
    for event in sorted(answers, key=lambda e: e.occurred_at):
        first.setdefault(_key(event), event)
    ReviewCard.objects.bulk_create(
        [
            ReviewCard(
                user_id=e.user_id,
                module_id=e.module_id,
                enrolment_id=e.enrolment_id,
                question_id=e.block_id,
                due=e.occurred_at,
            )
            for e in first.values()
        ],
        ignore_conflicts=True,
    )
    found = ReviewCard.objects.filter(
        user_id__in={k[0] for k in first},
        module_id__in={k[1] for k in first},
        question_id__in={k[2] for k in first},
    ).only("pk", "user_id", "module_id", "question_id")
    return {
        key: card
        for card in found
        if (key := (card.user_id, card.module_id, card.question_id)) in first
    }


def _module_answer(event, card):
    correct = bool(event.result.get("correct"))
    return ReviewAnswer(
        id=event.id,
        card_id=card.pk,
        user_id=event.user_id,
        source=ReviewAnswer.Source.MODULE,
        correct=correct,
        rating=int(rating_for(correct)),
        chosen=event.payload.get("chosen", []),
        reviewed_at=event.occurred_at,
    )


def replay_cards(card_ids):
    """Rebuild each card's FSRS fields from its whole log, in time order."""
    if not card_ids:
        return
    cards = list(ReviewCard.objects.filter(pk__in=card_ids).select_related("enrolment"))
    logs = {card.pk: [] for card in cards}
    for card_id, answer_id, *fields in ReviewAnswer.objects.filter(
        card_id__in=logs
    ).values_list("card_id", "id", "reviewed_at", "correct", "rating", "source"):
        logs[card_id].append(Retrieval(str(answer_id), *fields))
    rows = []
    for card in cards:
        retention = retention_for(card.enrolment.programme_id)
        fields = card_fields(card.pk, logs[card.pk], retention)
        if fields:
            rows.append({"id": card.pk, **fields})
    # One statement (bulk_update's CASE per field per row cost more than the replay).
    update_rows(ReviewCard, rows, set=REPLAYED_FIELDS)


def retire_removed(module_id, question_ids, now=None):
    """Retire the module's cards whose question is gone; revive those whose came back."""
    now = now or timezone.now()
    cards = ReviewCard.objects.filter(module_id=module_id)
    retired = (
        cards.filter(retired_at__isnull=True)
        .exclude(question_id__in=question_ids)
        .update(retired_at=now)
    )
    cards.filter(retired_at__isnull=False, question_id__in=question_ids).update(
        retired_at=None
    )
    return retired
