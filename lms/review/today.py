"""Today's review for one learner: the due cards within the daily cap, the streak,
and when the next review is. Two queries, whatever the number of cards or answers."""

from dataclasses import dataclass, field
from datetime import datetime, time, timedelta

from django.utils import timezone

from lms.conf import lms_settings
from lms.core.streaks import days_in_a_row
from lms.models import ReviewCard
from lms.review import today_reads

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


def review_days(user, now):
    """{day: answers} of the learner's daily reviews over the streak's horizon,
    from the per-day roll-up: one query, however many answers they gave."""
    since = timezone.localdate(now) - timedelta(days=STREAK_HORIZON_DAYS)
    return today_reads.review_days(user.pk, since)


def upcoming_cards(user, start, tomorrow, limit):
    """Up to `limit` cards due by the end of today and not seen today, oldest-overdue
    first, followed by those due later: one query answers both "what is due" and,
    when nothing is, "when is the next review"."""
    return today_reads.upcoming_cards(user.pk, start, tomorrow, max(limit, 1))


def today_for(user, now=None):
    """What "Today's review" shows the learner: two queries."""
    now = now or timezone.now()
    start, tomorrow = day_bounds(now)
    days = review_days(user, now)
    day = timezone.localdate(now)
    done = days.get(day, 0)
    cap = lms_settings.REVIEW_DAILY_CAP
    today = Today(answered_today=done, streak=days_in_a_row(days, day))
    cards = upcoming_cards(user, start, tomorrow, cap - done)
    waiting = [card for card in cards if card.later == 0]
    if done < cap:
        today.due = waiting
    if not today.due and cards:
        # Over the cap with cards still due today: the next review is tomorrow.
        today.next_review = timezone.localdate(tomorrow if waiting else cards[0].due)
    today.has_cards = bool(today.due or today.next_review or done)
    return today
