"""Invitations to set a password, emailed after an enrolment commits."""

from celery import shared_task
from django.db import transaction

from lms.accounts.invitations import invite_all
from lms.notifications.delivery import DeliveryFailed
from tasks.policy import TRANSIENT


@shared_task(
    name="tasks.send_invitations",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    retry_backoff=True,
    max_retries=5,
    acks_late=True,
)
def send_invitations(user_ids, programme_id, invited_by_id=None):
    """Email each account its invitation, once (the notification log keeps count)."""
    return invite_all(user_ids, programme_id, invited_by_id)


def enqueue_invitations(sender, user_ids, programme_id, invited_by_id=None, **kwargs):
    # A 5,000-row upload must not wait for 5,000 emails: a worker sends them.
    transaction.on_commit(
        lambda: send_invitations.delay(user_ids, programme_id, invited_by_id),
        robust=True,
    )
