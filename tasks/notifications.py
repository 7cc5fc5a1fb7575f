"""Email campaigns: pacing emails, inactivity nudges, the weekly digest."""

from celery import shared_task

from lms.notifications.delivery import DeliveryFailed
from lms.notifications.digest import send_digests
from lms.notifications.nudges import send_nudges
from lms.notifications.unlock import send_unlock_emails
from tasks.days import job_day
from tasks.policy import SCHEDULED, TRANSIENT


@shared_task(
    name="tasks.send_pacing_emails",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_pacing_emails(day=None):
    """Email learners of weekly-paced cohorts when their next course opens."""
    return send_unlock_emails(job_day(day))


@shared_task(
    name="tasks.send_inactivity_nudges",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_inactivity_nudges(day=None):
    """Nudge learners idle for 3, 7 and 14 days, each nudge once."""
    return send_nudges(job_day(day))


@shared_task(
    name="tasks.send_manager_digests",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_manager_digests(day=None):
    """Send each cohort manager this week's digest, once a week."""
    return send_digests(job_day(day))
