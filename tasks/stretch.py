"""Stretch-project jobs: daily reminders, and news of a submission or review."""

import logging
from functools import partial

from celery import shared_task
from django.db import transaction
from kombu.exceptions import OperationalError as BrokerError

from lms.notifications.delivery import DeliveryFailed
from lms.stretch import reminders as stretch_reminders
from lms.stretch.reminders import NEWS_ACTIONS
from tasks.days import job_day
from tasks.policy import SCHEDULED, TRANSIENT

logger = logging.getLogger(__name__)


@shared_task(
    name="tasks.send_stretch_reminders",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_stretch_reminders(day=None):
    """Remind learners of milestones, due dates and overdue projects, each once."""
    return stretch_reminders.send_stretch_reminders(job_day(day))


@shared_task(
    name="tasks.send_stretch_news",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_stretch_news(assignment_id, action):
    """Email the mentor of a submission or the learner of a review, once."""
    return stretch_reminders.send_stretch_news(assignment_id, action)


def enqueue_stretch_news(sender, assignment, action, **kwargs):
    """After a stretch project moves, email whoever it concerns (once committed)."""
    if action in NEWS_ACTIONS:
        transaction.on_commit(partial(_enqueue_news, assignment.pk, action))


def _enqueue_news(assignment_id, action):
    try:
        send_stretch_news.delay(assignment_id, action)
    except BrokerError:
        # The move itself is saved; the daily reminder run sends the email
        # it finds missing (same key, so never twice).
        logger.warning(
            "broker unavailable; no %s email for stretch project %s",
            action,
            assignment_id,
        )
