"""A learner's status in a cohort: on track, behind the schedule, or at risk."""

from datetime import timedelta

from django.utils import timezone

INACTIVE_AFTER = timedelta(days=7)
# Snapshots, nudges and digests carry on for a week after a cohort ends.
RUNS_AFTER_END = timedelta(days=7)
ACTIVE_WITHIN = timedelta(days=7)
FAILING_BELOW = 0.6  # knowledge-check average under this is failing...
FAILING_AFTER_ANSWERS = 5  # ...once the learner has answered this many questions

ON_TRACK, BEHIND, AT_RISK = "on track", "behind", "at risk"


def learner_status(enrolment, cohort, expected, now):
    """On track, behind the schedule, or at risk (behind and inactive, or failing)."""
    behind = expected - enrolment.modules_completed >= max(1, cohort.behind_threshold)
    last = enrolment.last_activity_at or timezone.make_aware(
        timezone.datetime.combine(cohort.start_date, timezone.datetime.min.time())
    )
    inactive = now - last >= INACTIVE_AFTER
    answered = enrolment.questions_answered
    failing = (
        answered >= FAILING_AFTER_ANSWERS
        and enrolment.questions_correct / answered < FAILING_BELOW
    )
    if (behind and inactive) or failing:
        return AT_RISK
    return BEHIND if behind else ON_TRACK
