"""Health checks."""

from celery import shared_task


@shared_task(name="tasks.ping")
def ping():
    """Answer 'pong' from whichever worker picks it up; used by health checks."""
    return "pong"
