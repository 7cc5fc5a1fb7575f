"""The daily nudge's line about reviews: "5 questions to review (2 minutes)", once a day."""

from lms.models import Notification
from lms.review.reminders import question_line, review_key
from lms.review.today import today_for

KIND = "review_line"


def review_line(user, today):
    """The sentence for `user`'s nudge on `today`, or None: nothing due, or said already.

    The mark it leaves in the notification log is written in the nudge's own
    send transaction, so a failed send leaves the line for the retry.
    """
    due = today_for(user)
    if not due.due:
        return None
    _mark, created = Notification.objects.get_or_create(
        key=review_key(user.pk, today),
        defaults={"user": user, "kind": KIND},
    )
    if not created:
        return None
    return question_line(len(due.due), due.minutes)
