"""Nightly cohort snapshots: the dashboard's headline figures, kept for the trend chart.

A snapshot also stores the cohort's most-missed questions: working them out
reads every answer of the cohort, which the nightly job can afford and a page
view cannot, so the dashboard shows the latest stored list with its time.
"""

from django.utils import timezone

from lms.cohorts.dashboard import cohort_dashboard, running_cohorts
from lms.cohorts.missed_questions import most_missed
from lms.cohorts.statuses import AT_RISK, BEHIND
from lms.models import CohortSnapshot


def take_snapshot(cohort, today, now=None):
    """Store the cohort's figures for `today`; a second run that night replaces the row."""
    dashboard = cohort_dashboard(cohort, now or timezone.now())
    snapshot, _created = CohortSnapshot.objects.update_or_create(
        cohort=cohort,
        taken_on=today,
        defaults={
            "as_of": dashboard.as_of,
            "learners": dashboard.learners,
            "completion": dashboard.completion,
            "active_learners": dashboard.active_this_week,
            "behind": dashboard.count(BEHIND),
            "at_risk": dashboard.count(AT_RISK),
            "mastery": {
                competency.slug: round(share, 4)
                for competency, share, _learners in dashboard.competencies
            },
            "missed": [question.as_json() for question in most_missed(cohort)],
            "at_risk_enrolments": sorted(
                row.enrolment.pk for row in dashboard.rows if row.status == AT_RISK
            ),
        },
    )
    return snapshot


def snapshot_running_cohorts(today, now=None):
    """Snapshot every running cohort; returns how many were taken."""
    cohorts = list(running_cohorts(today))
    for cohort in cohorts:
        take_snapshot(cohort, today, now)
    return len(cohorts)
