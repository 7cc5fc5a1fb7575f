"""Cohort jobs: the nightly snapshots."""

from celery import shared_task

from lms.cohorts.snapshots import snapshot_running_cohorts
from tasks.days import job_day
from tasks.policy import SCHEDULED, TRANSIENT


@shared_task(name="tasks.take_cohort_snapshots", autoretry_for=TRANSIENT, **SCHEDULED)
def take_cohort_snapshots(day=None):
    """Snapshot every running cohort for the trend chart; a rerun replaces the rows."""
    return snapshot_running_cohorts(job_day(day))
