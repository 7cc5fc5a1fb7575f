"""Cohort schedules, learner status and the figures of the cohort dashboard.

Everything is read from roll-ups (enrolments, course progress, mastery,
snapshots) in a fixed number of queries, whatever the size of the cohort.
"""

import math
from dataclasses import dataclass, field
from datetime import timedelta

from django.db.models import Count, Sum
from django.utils import timezone

from courses.models import Competency, CoursePage, ModulePage

from .models import Cohort, CohortSnapshot, CompetencyMastery, CourseProgress, Enrolment

INACTIVE_AFTER = timedelta(days=7)
# Snapshots, nudges and digests carry on for a week after a cohort ends.
RUNS_AFTER_END = timedelta(days=7)
ACTIVE_WITHIN = timedelta(days=7)
FAILING_BELOW = 0.6  # knowledge-check average under this is failing...
FAILING_AFTER_ANSWERS = 5  # ...once the learner has answered this many questions

ON_TRACK, BEHIND, AT_RISK = "on track", "behind", "at risk"


@dataclass
class Schedule:
    """The programme's courses in order, with their module counts."""

    courses: list  # [(course, module_count)]

    @property
    def total(self):
        return sum(count for _course, count in self.courses)


def schedule_for(programme):
    """Courses of a programme and how many live modules each has: two queries."""
    courses = list(
        CoursePage.objects.child_of(programme)
        .live()
        .order_by("path")
        .only("id", "title", "path")
    )
    paths = ModulePage.objects.live().filter(path__startswith=programme.path)
    counts = {}
    for path in paths.values_list("path", flat=True):
        parent = path[: -ModulePage.steplen]
        counts[parent] = counts.get(parent, 0) + 1
    return Schedule(
        courses=[(course, counts.get(course.path, 0)) for course in courses]
    )


def weeks_elapsed(cohort, today):
    return max(0, (today - cohort.start_date).days // 7)


def unlocked_course_count(cohort, schedule, today):
    """Weekly pacing opens one course a week from the start date; otherwise all are open."""
    if cohort.pacing == Cohort.Pacing.ALL_OPEN:
        return len(schedule.courses)
    if today < cohort.start_date:
        return 0
    return min(len(schedule.courses), weeks_elapsed(cohort, today) + 1)


def expected_modules(cohort, schedule, today):
    """How many modules a learner on schedule has completed by today."""
    if today <= cohort.start_date:
        return 0
    if cohort.pacing == Cohort.Pacing.WEEKLY:
        # A course is due by the end of the week it opened in.
        done_courses = min(len(schedule.courses), weeks_elapsed(cohort, today))
        return sum(count for _course, count in schedule.courses[:done_courses])
    days = max(1, (cohort.end_date - cohort.start_date).days)
    share = min(1.0, (today - cohort.start_date).days / days)
    return math.floor(schedule.total * share)


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


@dataclass
class LearnerRow:
    """One line of the dashboard's learner table (and its export)."""

    enrolment: object
    status: str
    expected: int
    total: int

    name = property(
        lambda self: self.enrolment.user.get_full_name() or self.enrolment.user.username
    )
    email = property(lambda self: self.enrolment.user.email)
    team = property(lambda self: self.enrolment.team)
    site = property(lambda self: self.enrolment.site)
    completed = property(lambda self: self.enrolment.modules_completed)
    last_active = property(lambda self: self.enrolment.last_activity_at)

    @property
    def mentor(self):
        mentor = self.enrolment.mentor
        return (mentor.get_full_name() or mentor.username) if mentor else ""

    @property
    def percent(self):
        return round(100 * self.completed / self.total) if self.total else 0

    @property
    def score(self):
        answered = self.enrolment.questions_answered
        return (
            round(100 * self.enrolment.questions_correct / answered)
            if answered
            else None
        )


@dataclass
class Dashboard:
    cohort: object
    as_of: object
    schedule: Schedule
    rows: list
    course_completion: list = field(default_factory=list)  # [(course, percent)]
    competencies: list = field(default_factory=list)  # [(competency, average)]
    snapshots: list = field(default_factory=list)

    @property
    def learners(self):
        return len(self.rows)

    @property
    def completion(self):
        total = self.schedule.total * len(self.rows)
        return round(100 * sum(r.completed for r in self.rows) / total) if total else 0

    def count(self, status):
        return sum(1 for row in self.rows if row.status == status)

    @property
    def active_this_week(self):
        since = self.as_of - ACTIVE_WITHIN
        return sum(
            1 for row in self.rows if row.last_active and row.last_active >= since
        )

    @property
    def latest_snapshot(self):
        return self.snapshots[-1] if self.snapshots else None


def cohort_dashboard(cohort, now=None):
    """All the dashboard's figures, from roll-ups, in a fixed number of queries."""
    now = now or timezone.now()
    schedule = schedule_for(cohort.programme)
    expected = expected_modules(cohort, schedule, timezone.localdate(now))
    enrolments = Enrolment.objects.filter(cohort=cohort).select_related(
        "user", "mentor"
    )
    rows = [
        LearnerRow(
            e, learner_status(e, cohort, expected, now), expected, schedule.total
        )
        for e in enrolments.order_by(
            "user__last_name", "user__first_name", "user__username"
        )
    ]
    return Dashboard(
        cohort=cohort,
        as_of=now,
        schedule=schedule,
        rows=rows,
        course_completion=_course_completion(cohort, schedule, len(rows)),
        competencies=_competency_averages(cohort),
        snapshots=list(
            CohortSnapshot.objects.filter(cohort=cohort).order_by("taken_on")
        ),
    )


def _course_completion(cohort, schedule, learners):
    done = dict(
        CourseProgress.objects.filter(enrolment__cohort=cohort)
        .values("course_id")
        .annotate(done=Sum("modules_completed"))
        .values_list("course_id", "done")
    )
    return [
        (
            course,
            round(100 * done.get(course.pk, 0) / (count * learners))
            if count and learners
            else 0,
        )
        for course, count in schedule.courses
    ]


def _competency_averages(cohort):
    rows = (
        CompetencyMastery.objects.filter(
            user__enrolments__cohort=cohort, answered__gt=0
        )
        .values("competency_id")
        .annotate(
            answered=Sum("answered"), correct=Sum("correct"), learners=Count("id")
        )
    )
    names = {
        c.pk: c
        for c in Competency.objects.filter(pk__in=[r["competency_id"] for r in rows])
    }
    found = [
        (names[r["competency_id"]], r["correct"] / r["answered"], r["learners"])
        for r in rows
    ]
    return sorted(found, key=lambda item: item[1])


def heat_map(cohort, users):
    """Mastery per learner and competency for the learners shown on one page."""
    cells = {}
    for row in CompetencyMastery.objects.filter(user__in=users, answered__gt=0):
        cells[(row.user_id, row.competency_id)] = row.correct / row.answered
    return cells


def running_cohorts(today):
    """Cohorts that have started and ended no more than a week before `today`."""
    return Cohort.objects.filter(
        start_date__lte=today, end_date__gte=today - RUNS_AFTER_END
    ).select_related("programme")


def visible_cohorts(user):
    """The cohorts a user may see: all for superusers, else the ones they manage."""
    if user.is_superuser:
        return Cohort.objects.all()
    return Cohort.objects.filter(managers=user)
