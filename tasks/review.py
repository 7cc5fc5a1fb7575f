"""Spaced-review jobs: the nightly refresh of predicted recall, and the hourly
look for learners whose review email is due."""

from celery import shared_task

from lms.review import reminders
from lms.review.recall import refresh_everyone
from tasks.policy import SCHEDULED, TRANSIENT


@shared_task(name="tasks.refresh_recall", autoretry_for=TRANSIENT, **SCHEDULED)
def refresh_recall():
    """Every learner's recall as of now; returns how many learners were refreshed.

    Retrievability falls each day without any event, so the rows age; a rerun
    rewrites them, nothing adds up twice.
    """
    return refresh_everyone()


@shared_task(name="tasks.send_review_reminders", autoretry_for=TRANSIENT, **SCHEDULED)
def send_review_reminders():
    """Email "questions to review" to the learners whose chosen hour this is."""
    return reminders.send_review_reminders()
