"""Self-assessment jobs: the invitation to rate oneself again."""

from celery import shared_task

from lms.assessment.reminders import send_reassessment_invitations as send_invitations
from lms.notifications.delivery import DeliveryFailed
from tasks.policy import SCHEDULED, TRANSIENT


@shared_task(
    name="tasks.send_reassessment_invitations",
    autoretry_for=(*TRANSIENT, DeliveryFailed),
    **SCHEDULED,
)
def send_reassessment_invitations():
    """Invite learners whose latest round is old enough to rate again, once per round."""
    return send_invitations()
