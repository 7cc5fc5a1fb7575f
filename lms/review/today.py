"""Today's review for one learner: the due cards within the daily cap, the streak,
and when the next review is. A handful of queries, whatever the number of cards."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.db.models.functions import TruncDate
from django.utils import timezone

from lms.conf import lms_settings
from lms.models import ReviewAnswer, ReviewCard

STREAK_HORIZON_DAYS = 366
SECONDS_PER_QUESTION = 24  # five questions are about two minutes


@dataclass
class Today:
    due: list = field(default_factory=list)  # ReviewCards to answer today, in order
    answered_today: int = 0
    streak: int = 0
    next_review: object = None  # a date, when nothing is due today
    has_cards: bool = False

    @property
    def position(self):
        return self.answered_today + 1

    @property
    def of_today(self):
        return self.answered_today + len(self.due)

    @property
    def minutes(self):
        return max(1, round(len(self.due) * SECONDS_PER_QUESTION / 60))


def day_bounds(now):
    """The start of today and of tomorrow in the site's time zone."""
    today = timezone.localdate(now)
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(today, time.min), zone)
    return start, start + timedelta(days=1)


def active_cards(user):
    return ReviewCard.objects.filter(user=user, retired_at__isnull=True)


def answered_today(user, start):
    """How many cards the learner reviewed since `start` (a retry counts once)."""
    return (
        ReviewAnswer.objects.filter(
            user=user, source=ReviewAnswer.Source.REVIEW, reviewed_at__gte=start
        )
        .values("card_id")
        .distinct()
        .count()
    )


def due_cards(user, start, tomorrow, limit):
    """Cards due by the end of today, oldest-overdue first, not already seen today."""
    if limit <= 0:
        return []
    cards = active_cards(user).filter(due__lt=tomorrow).exclude(last_review__gte=start)
    return list(cards.order_by("due", "pk")[:limit])


def streak(user, now):
    """Days in a row with a review answer, ending today (or yesterday, not yet broken)."""
    since = now - timedelta(days=STREAK_HORIZON_DAYS)
    days = set(
        ReviewAnswer.objects.filter(
            user=user, source=ReviewAnswer.Source.REVIEW, reviewed_at__gte=since
        )
        .annotate(day=TruncDate("reviewed_at", tzinfo=timezone.get_current_timezone()))
        .values_list("day", flat=True)
        .distinct()
    )
    day = timezone.localdate(now)
    if day not in days:
        day -= timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def next_review(user, tomorrow):
    """The first day from tomorrow on with a card due, or None without cards."""
    due = (
        active_cards(user)
        .filter(due__gte=tomorrow)
        .order_by("due")
        .values_list("due", flat=True)[:1]
    )
    return timezone.localdate(due[0]) if due else None


def today_for(user, now=None):
    """What "Today's review" shows the learner."""
    now = now or timezone.now()
    start, tomorrow = day_bounds(now)
    done = answered_today(user, start)
    cap = lms_settings.REVIEW_DAILY_CAP
    today = Today(answered_today=done, streak=streak(user, now))
    today.due = due_cards(user, start, tomorrow, cap - done)
    if not today.due:
        waiting = due_cards(user, start, tomorrow, 1) if done >= cap else []
        first = timezone.localdate(tomorrow) if waiting else next_review(user, tomorrow)
        today.next_review = first
    today.has_cards = bool(today.due or today.next_review or done)
    return today
