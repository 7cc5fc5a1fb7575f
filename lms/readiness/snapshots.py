"""The nightly record of each learner's scores, box and verdict, so a grid can show
movement since the last review and a cohort its "ready now" count over time.

A learner a manager moved is recorded in the box of the move, placed by
"manager": the snapshot keeps the judgement in force, not only the evidence.
A rerun the same day writes the same rows over the night's (one upsert), so
nothing changes unless the evidence did.
"""

from django.utils import timezone

from lms.cohorts.dashboard import running_cohorts
from lms.models import ReadinessSnapshot
from lms.readiness.evidence import evidence_for_cohort

UPDATED = [
    "cohort",
    "performance_score",
    "potential_score",
    "performance",
    "potential",
    "verdict",
    "placed_by",
]


def snapshot_row(profile, cohort, today):
    performance, potential = profile.boxes or (None, None)
    return ReadinessSnapshot(
        enrolment_id=profile.enrolment_id,
        cohort=cohort,
        taken_on=today,
        performance_score=profile.performance_score,
        potential_score=profile.potential_score,
        performance=performance,
        potential=potential,
        verdict=profile.verdict,
        placed_by=profile.placed_by,
    )


def snapshot_readiness(cohort, today, now=None):
    """Record every learner of the cohort for `today`; returns how many."""
    evidence = evidence_for_cohort(cohort, today=today, now=now or timezone.now())
    rows = [snapshot_row(p, cohort, today) for p in evidence.profiles]
    ReadinessSnapshot.objects.bulk_create(
        rows,
        update_conflicts=True,
        unique_fields=["enrolment", "taken_on"],
        update_fields=UPDATED,
    )
    return len(rows)


def snapshot_running_readiness(today, now=None):
    """Snapshot every running cohort; returns how many learners were recorded."""
    return sum(
        snapshot_readiness(cohort, today, now) for cohort in running_cohorts(today)
    )
