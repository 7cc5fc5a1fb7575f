"""Readiness history for trend and movement tests: a learner's nightly snapshot on
a given day, written as the job would have written it, and a superuser."""

from datetime import timedelta

from django.utils import timezone

from lms.models import ReadinessSnapshot
from tests.builders.people import make_user


def snapshot_on(enrolment, days_ago, boxes=None, verdict="", cohort=None):
    """The learner's snapshot `days_ago` days before today, in `boxes` or unplaced."""
    performance, potential = boxes or (None, None)
    return ReadinessSnapshot.objects.create(
        enrolment=enrolment,
        cohort=cohort or enrolment.cohort,
        taken_on=timezone.localdate() - timedelta(days=days_ago),
        performance=performance,
        potential=potential,
        verdict=verdict,
        placed_by="evidence" if boxes else "",
    )


def make_superuser(username=None):
    return make_user(username, is_superuser=True, is_staff=True)
