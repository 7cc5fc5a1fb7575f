"""Predicted recall per learner and competency: the roll-up managers' views read.

A card's retrievability (FSRS's chance of recalling it) falls day by day, so
the roll-up holds it as of a moment: refreshed for a learner whenever their
cards change (a module answer applied, a review answered) and for everyone
each night. The heat-map and the drill-down read these rows with their
`as_of`; no page view reads cards or their logs.
"""

from collections import defaultdict

from django.utils import timezone
from fsrs import Card, State

from courses.models import TaggedCompetency
from lms.models import CompetencyRecall, ReviewCard
from lms.review.schedule import scheduler
from lms.review.today import day_bounds

BATCH_USERS = 500
CARD_COLUMNS = ("user_id", "module_id", "state", "stability", "due", "last_review")
RECALL_FIELDS = ["cards", "recall_total", "due", "overdue", "as_of"]
# Retrievability depends on the FSRS weights only, not on desired retention.
_FSRS = scheduler(0.9)


def refresh_recall(user_ids, now=None):
    """Rewrite the learners' recall rows as of `now`: four queries, whatever the cards."""
    user_ids = sorted(set(user_ids))
    if not user_ids:
        return 0
    now = now or timezone.now()
    cards = list(
        ReviewCard.objects.filter(
            user_id__in=user_ids, retired_at__isnull=True
        ).values_list(*CARD_COLUMNS)
    )
    competencies = module_competencies({card[1] for card in cards})
    rows = _rows(cards, competencies, now)
    if rows:
        CompetencyRecall.objects.bulk_create(
            rows,
            update_conflicts=True,
            unique_fields=["user", "competency"],
            update_fields=RECALL_FIELDS,
        )
    # What was not rewritten has no card left (retired, or untagged since).
    CompetencyRecall.objects.filter(user_id__in=user_ids).exclude(as_of=now).delete()
    return len(rows)


def refresh_everyone(now=None, batch=BATCH_USERS, progress=None):
    """The nightly refresh: every learner with a card, `batch` learners at a time."""
    now = now or timezone.now()
    learners = (
        ReviewCard.objects.filter(retired_at__isnull=True)
        .values_list("user_id", flat=True)
        .distinct()
        .order_by("user_id")
    )
    after, done = 0, 0
    while chunk := list(learners.filter(user_id__gt=after)[:batch]):
        refresh_recall(chunk, now)
        after, done = chunk[-1], done + len(chunk)
        if progress:
            progress(done)
    return done


def module_competencies(module_ids):
    """module id -> the ids of the competencies it is tagged with."""
    found = defaultdict(list)
    links = TaggedCompetency.objects.filter(content_object_id__in=module_ids)
    for module, competency in links.values_list("content_object_id", "tag_id"):
        found[module].append(competency)
    return found


def retrievability(state, stability, last_review, now):
    """The package's retrievability of a card with these fields at `now`."""
    # An explicit id: without one the package makes a unique id by sleeping 1 ms.
    card = Card(
        card_id=0, state=State(state), stability=stability, last_review=last_review
    )
    return _FSRS.get_card_retrievability(card, now)


def _rows(cards, competencies, now):
    start, tomorrow = day_bounds(now)
    sums = defaultdict(lambda: [0, 0.0, 0, 0])  # cards, recall, due, overdue
    for user_id, module_id, state, stability, due, last_review in cards:
        recall = retrievability(state, stability, last_review, now)
        for competency in competencies.get(module_id, ()):
            total = sums[(user_id, competency)]
            total[0] += 1
            total[1] += recall
            total[2] += due < tomorrow
            total[3] += due < start
    return [
        CompetencyRecall(
            user_id=user_id,
            competency_id=competency,
            cards=cards,
            recall_total=recall,
            due=due,
            overdue=overdue,
            as_of=now,
        )
        for (user_id, competency), (cards, recall, due, overdue) in sums.items()
    ]
