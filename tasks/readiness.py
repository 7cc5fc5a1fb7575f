"""Readiness jobs: the nightly record of each learner's box and verdict."""

from celery import shared_task

from lms.readiness.snapshots import snapshot_running_readiness
from tasks.days import job_day
from tasks.policy import SCHEDULED, TRANSIENT


@shared_task(
    name="tasks.take_readiness_snapshots", autoretry_for=TRANSIENT, **SCHEDULED
)
def take_readiness_snapshots(day=None):
    """Snapshot every running cohort's readiness; a rerun that day rewrites the rows."""
    return snapshot_running_readiness(job_day(day))
