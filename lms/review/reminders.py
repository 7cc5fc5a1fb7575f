"""The daily review email: "5 questions to review (2 minutes)", at the time of day
the learner chose (morning by default, in the site's time zone), at most once
a day, and never twice with the nudge's review line (they share one key).

The job runs every hour and serves the learners whose time it is; three
queries find them all and how many cards each has due, whatever their number.
"""

from functools import partial

from django.contrib.auth import get_user_model
from django.db.models import Count
from django.urls import reverse
from django.utils import timezone

from lms.conf import lms_settings
from lms.models import ReviewAnswer, ReviewCard, ReviewReminder
from lms.notifications.delivery import (
    absolute,
    build_email,
    deliver,
    greeting_name,
    opt_out_url,
)
from lms.review.today import SECONDS_PER_QUESTION, day_bounds

Slot = ReviewReminder.Slot
HOURS = {Slot.MORNING: 8, Slot.MIDDAY: 12, Slot.EVENING: 18}
KIND = "review_reminder"


def review_key(user_id, day):
    """The notification key of a day's mention of reviews (email or nudge line)."""
    return f"review-line:{user_id}:{day.isoformat()}"


def slot_at(now):
    """The slot whose hour `now` is in (site time zone), or None."""
    hour = timezone.localtime(now).hour
    return next((slot for slot, at in HOURS.items() if at == hour), None)


def due_counts(slot, now):
    """{user id: questions to ask today} for learners of this slot with cards due."""
    start, tomorrow = day_bounds(now)
    cards = ReviewCard.objects.filter(
        retired_at__isnull=True,
        due__lt=tomorrow,
        user__is_active=True,
        user__nudge_opt_out__isnull=True,
    ).exclude(last_review__gte=start)
    others = [other for other in HOURS if other != slot]
    if slot == Slot.MORNING:  # the default: no choice made, or the morning
        cards = cards.exclude(user__review_reminder__slot__in=others)
    else:
        cards = cards.filter(user__review_reminder__slot=slot)
    due = dict(
        cards.values("user_id").annotate(n=Count("id")).values_list("user_id", "n")
    )
    done = dict(
        ReviewAnswer.objects.filter(
            user_id__in=due, source=ReviewAnswer.Source.REVIEW, reviewed_at__gte=start
        )
        .values("user_id")
        .annotate(n=Count("card_id", distinct=True))
        .values_list("user_id", "n")
    )
    cap = lms_settings.REVIEW_DAILY_CAP
    counts = {user: min(n, cap - done.get(user, 0)) for user, n in due.items()}
    return {user: n for user, n in counts.items() if n > 0}


def reminder_emails(slot, now):
    counts = due_counts(slot, now)
    today = timezone.localdate(now)
    for user in get_user_model().objects.filter(pk__in=counts).order_by("pk"):
        count = counts[user.pk]
        minutes = max(1, round(count * SECONDS_PER_QUESTION / 60))
        context = {
            "name": greeting_name(user),
            "line": question_line(count, minutes),
            "url": absolute(reverse("lms:review")),
            "settings_url": absolute(reverse("lms:review") + "#reminder"),
            "opt_out_url": opt_out_url(user),
        }
        subject = f"{count} question{'s' if count != 1 else ''} to review today"
        build = partial(build_email, "review_reminder", subject, user.email, context)
        yield user, KIND, review_key(user.pk, today), build


def question_line(count, minutes):
    return (
        f"{count} question{'s' if count != 1 else ''} to review "
        f"({minutes} minute{'s' if minutes != 1 else ''})."
    )


def send_review_reminders(now=None):
    """Email the learners whose chosen hour it is; 0 outside the three hours."""
    now = now or timezone.now()
    slot = slot_at(now)
    if slot is None:
        return 0
    return deliver(reminder_emails(slot, now))
