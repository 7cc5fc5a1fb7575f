"""The weekly digest to each cohort manager: figures, newly at risk, most missed."""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import timedelta
from functools import partial

from django.urls import reverse
from django.utils import timezone

from lms.cohorts.dashboard import cohort_dashboard, running_cohorts
from lms.cohorts.missed_questions import most_missed
from lms.cohorts.schedule import expected_modules
from lms.cohorts.statuses import AT_RISK, learner_status
from lms.notifications.delivery import absolute, build_email, deliver, greeting_name

DIGEST_COMPARES_WITH = timedelta(days=7)

MISSED_IN_DIGEST = 5


@dataclass
class CohortDigest:
    """One cohort's part of a manager's weekly digest."""

    cohort: object
    learners: int
    completion: int
    active: int
    at_risk: int
    at_risk_before: int | None
    new_at_risk: list = field(default_factory=list)  # LearnerRow
    most_missed: list = field(default_factory=list)  # missed_questions.MissedQuestion


def baseline_snapshot(snapshots, today):
    """The latest snapshot at least a week old: what the previous digest reported."""
    older = [s for s in snapshots if s.taken_on <= today - DIGEST_COMPARES_WITH]
    return older[-1] if older else None


def newly_at_risk(dashboard, baseline):
    """At-risk learners who were not at risk when the baseline snapshot was taken.

    The snapshot names the enrolments at risk that night. Older snapshots keep
    only the count; then each learner's status is worked out again from their
    roll-ups: exact for learners idle since, and learners enrolled or active
    since count as new.
    """
    rows = [row for row in dashboard.rows if row.status == AT_RISK]
    if baseline is None:
        return rows
    if (known := baseline.at_risk_enrolments) is not None:
        known = set(known)
        return [row for row in rows if row.enrolment.pk not in known]
    then, cohort = baseline.as_of, dashboard.cohort
    expected = expected_modules(cohort, dashboard.schedule, timezone.localdate(then))
    return [
        row for row in rows if not _was_at_risk(row.enrolment, cohort, expected, then)
    ]


def _was_at_risk(enrolment, cohort, expected, then):
    moved = (enrolment.enrolled_at, enrolment.last_activity_at)
    if any(moment and moment > then for moment in moved):
        return False
    return learner_status(enrolment, cohort, expected, then) == AT_RISK


def cohort_digest(cohort, today, now):
    """A cohort's progress, new at-risk learners and most-missed questions."""
    dashboard = cohort_dashboard(cohort, now)
    baseline = baseline_snapshot(dashboard.snapshots, today)
    return CohortDigest(
        cohort=cohort,
        learners=dashboard.learners,
        completion=dashboard.completion,
        active=dashboard.active_this_week,
        at_risk=dashboard.count(AT_RISK),
        at_risk_before=baseline.at_risk if baseline else None,
        new_at_risk=newly_at_risk(dashboard, baseline),
        most_missed=most_missed(cohort, limit=MISSED_IN_DIGEST),
    )


def digest_emails(today, now):
    """One digest per manager of running cohorts; each cohort is worked out once."""
    managers, theirs, digests = {}, defaultdict(list), {}
    for cohort in running_cohorts(today).prefetch_related("managers"):
        for manager in cohort.managers.all():
            managers[manager.pk] = manager
            theirs[manager.pk].append(cohort)

    def digest_of(cohort):
        if cohort.pk not in digests:
            digests[cohort.pk] = cohort_digest(cohort, today, now)
        return digests[cohort.pk]

    year, week, _day = today.isocalendar()
    for pk, manager in managers.items():
        if not (manager.is_active and manager.email):
            continue
        build = partial(
            _digest_email, manager, theirs[pk], digest_of, f"{year}-W{week}"
        )
        yield manager, "digest", f"digest:{pk}:{year}-W{week}", build


def _digest_email(manager, cohorts, digest_of, week):
    parts = [digest_of(cohort) for cohort in cohorts]
    at_risk = sum(part.at_risk for part in parts)
    context = {
        "name": greeting_name(manager),
        "week": week,
        "cohorts": parts,
        "at_risk": at_risk,
        "admin_url": absolute(reverse("wagtailadmin_home")),
    }
    subject = f"Your cohorts this week ({week}): {at_risk} at risk"
    return build_email("digest", subject, manager.email, context)


def send_digests(today, now=None):
    """Send each manager this ISO week's digest of their running cohorts, once."""
    return deliver(digest_emails(today, now or timezone.now()))
