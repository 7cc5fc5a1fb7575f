"""Time-audit jobs: the weekly reminder on each learner's chosen day."""

from celery import shared_task

from lms.notifications.delivery import DeliveryFailed
from lms.time_audit.reminders import send_time_audit_reminders as send_reminders
from tasks.days import job_day
from tasks.policy import SCHEDULED, TRANSIENT


@shared_task(
    name="tasks.send_time_audit_reminders",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_time_audit_reminders(day=None):
    """Remind learners whose day it is to log the week, once a week each."""
    return send_reminders(job_day(day))
