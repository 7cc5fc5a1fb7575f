"""The figures of the cohort dashboard.

Everything is read from roll-ups (enrolments, course progress, mastery,
snapshots) in a fixed number of queries, whatever the size of the cohort.
A cohort of thousands is read as plain column values, not model instances:
building three instances per learner cost more than the queries themselves.
"""

from dataclasses import dataclass, field, fields
from datetime import UTC, datetime

from django.db.models import (
    Case,
    Count,
    F,
    FloatField,
    JSONField,
    Subquery,
    Sum,
    Value,
    When,
)
from django.db.models.functions import Cast
from django.utils import timezone
from wagtail import hooks

from courses.models import Competency
from lms.cohorts.missed_questions import MissedQuestion
from lms.cohorts.schedule import Schedule, expected_modules, schedule_for
from lms.cohorts.statuses import ACTIVE_WITHIN, RUNS_AFTER_END, learner_status
from lms.core.expressions import InSubquery, UtcText
from lms.models import (
    Cohort,
    CohortSnapshot,
    CompetencyMastery,
    CourseProgress,
    Enrolment,
)


@dataclass(slots=True)
class EnrolmentFigures:
    """The columns of an enrolment the dashboard reads: who, and its roll-ups."""

    pk: int
    user_id: int
    enrolled_at: datetime
    team: str
    site: str
    modules_completed: int
    last_activity_at: datetime | None
    questions_answered: int
    questions_correct: int


TIMESTAMPS = ("enrolled_at", "last_activity_at")
ENROLMENT_COLUMNS = [
    UtcText(f.name) if f.name in TIMESTAMPS else f.name
    for f in fields(EnrolmentFigures)
]
PEOPLE_COLUMNS = [
    "user__first_name",
    "user__last_name",
    "user__username",
    "user__email",
    "mentor__first_name",
    "mentor__last_name",
    "mentor__username",
]


def _full_name(first, last, username):
    """User.get_full_name() or else the username, from the columns ('' for no user)."""
    return f"{first or ''} {last or ''}".strip() or username or ""


@dataclass
class LearnerRow:
    """One line of the dashboard's learner table (and its export)."""

    enrolment: EnrolmentFigures
    status: str
    expected: int
    total: int
    name: str = ""
    email: str = ""
    mentor: str = ""

    team = property(lambda self: self.enrolment.team)
    site = property(lambda self: self.enrolment.site)
    completed = property(lambda self: self.enrolment.modules_completed)
    last_active = property(lambda self: self.enrolment.last_activity_at)

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
    # The latest snapshot's most-missed questions ([MissedQuestion]).
    missed: list = field(default_factory=list)
    # What `SUMS_HOOK` contributors added: {kind: [SumsRow]}.
    sums: dict = field(default_factory=dict)

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
    """All the dashboard's figures, from roll-ups, in four queries."""
    now = now or timezone.now()
    schedule = schedule_for(cohort.programme)
    expected = expected_modules(cohort, schedule, timezone.localdate(now))
    rows = _learner_rows(cohort, expected, schedule.total, now)
    completions, competencies, sums = _cohort_sums(cohort, now)
    snapshots = _snapshots(cohort)
    latest = snapshots[-1] if snapshots else None
    return Dashboard(
        cohort=cohort,
        as_of=now,
        schedule=schedule,
        rows=rows,
        course_completion=_course_completion(schedule, completions, len(rows)),
        competencies=competencies,
        snapshots=snapshots,
        missed=[MissedQuestion.from_json(q) for q in latest.latest_missed or []]
        if latest
        else [],
        sums=sums,
    )


def _learner_rows(cohort, expected, total, now):
    """The learner table, by name, from one query of plain column values."""
    enrolments = (
        Enrolment.objects.filter(cohort=cohort)
        .order_by("user__last_name", "user__first_name", "user__username")
        .values_list(*ENROLMENT_COLUMNS, *PEOPLE_COLUMNS)
    )
    width = len(ENROLMENT_COLUMNS)
    rows = []
    for values in enrolments:
        figures = EnrolmentFigures(*values[:width])
        figures.enrolled_at = timestamp(figures.enrolled_at)
        figures.last_activity_at = timestamp(figures.last_activity_at)
        first, last, username, email, *mentor = values[width:]
        rows.append(
            LearnerRow(
                figures,
                learner_status(figures, cohort, expected, now),
                expected,
                total,
                name=_full_name(first, last, username),
                email=email,
                mentor=_full_name(*mentor),
            )
        )
    return rows


def timestamp(text):
    """A timestamp read by `UtcText`, as an aware datetime."""
    if text is None:
        return None
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


COURSE, COMPETENCY = "course", "competency"
SUMS_COLUMNS = ["kind", "total", "correct", "learners", "name", "slug"]
# Other concepts add sums to the dashboard's one query of roll-ups: a hook
# gets (cohort, enrolments queryset, now) and returns `shaped(...)` rows,
# which come back in `Dashboard.sums[kind]` for their panel or heat layer.
SUMS_HOOK = "cohort_dashboard_sums"


@dataclass(frozen=True)
class SumsRow:
    key: object
    total: float
    correct: float
    learners: int
    name: str


def shaped(
    queryset, key, kind, total, correct=None, learners=None, name=None, slug=None
):
    """Sums of `queryset` grouped by `key`, in the columns the dashboard's UNION reads."""
    return (
        queryset.values(key)
        .annotate(
            kind=Value(kind),
            total=total,
            # Float in every row: a union takes its column types from its
            # first query, and recall sums fractions.
            correct=Cast(Value(0) if correct is None else correct, FloatField()),
            learners=Value(0) if learners is None else learners,
            name=Value("") if name is None else name,
            slug=Value("") if slug is None else slug,
        )
        .values_list(key, *SUMS_COLUMNS)
        .order_by()
    )


def _cohort_sums(cohort, now):
    """Modules completed per course and answers per competency, over the cohort,
    with what other concepts add (`SUMS_HOOK`).

    Every sum reads every learner's roll-ups; one UNION of them is one round
    trip, and `InSubquery` has PostgreSQL probe the cohort's rows by index.
    Returns ({course id: modules completed}, [(competency, share correct,
    learners)] weakest first, {kind: [SumsRow]}).
    """
    enrolments = Enrolment.objects.filter(cohort=cohort)
    per_course = shaped(
        CourseProgress.objects.filter(
            InSubquery(F("enrolment_id"), enrolments.values("pk"))
        ),
        "course_id",
        COURSE,
        Sum("modules_completed"),
    )
    per_competency = shaped(
        CompetencyMastery.objects.filter(
            InSubquery(F("user_id"), enrolments.values("user_id")), answered__gt=0
        ),
        "competency_id",
        COMPETENCY,
        Sum("answered"),
        correct=Sum("correct"),
        learners=Count("id"),
        name=F("competency__name"),
        slug=F("competency__slug"),
    )
    added = [hook(cohort, enrolments, now) for hook in hooks.get_hooks(SUMS_HOOK)]
    completions, competencies, sums = {}, [], {}
    for key, kind, total, correct, learners, name, slug in per_course.union(
        per_competency, *added, all=True
    ):
        if kind == COURSE:
            completions[key] = total
        elif kind == COMPETENCY:
            competency = Competency(pk=key, name=name, slug=slug)
            competencies.append((competency, correct / total, learners))
        else:
            sums.setdefault(kind, []).append(
                SumsRow(key, total, correct, learners, name)
            )
    competencies.sort(key=lambda item: (item[1], item[0].name))
    return completions, competencies, sums


def _course_completion(schedule, completions, learners):
    return [
        (
            course,
            round(100 * completions.get(course.pk, 0) / (modules * learners))
            if modules and learners
            else 0,
        )
        for course, modules in schedule.courses
    ]


def _snapshots(cohort):
    """Every snapshot for the trend; only the latest brings its most-missed list."""
    mine = CohortSnapshot.objects.filter(cohort=cohort)
    newest = mine.order_by("-taken_on").values("taken_on")[:1]
    return list(
        mine.order_by("taken_on")
        .defer("mastery", "missed", "at_risk_enrolments")
        .annotate(
            latest_missed=Case(
                When(taken_on=Subquery(newest), then=F("missed")),
                output_field=JSONField(),
            )
        )
    )


def heat_map(cohort, users):
    """Mastery per learner and competency for the learners shown on one page."""
    rows = CompetencyMastery.objects.filter(user__in=users, answered__gt=0)
    return {
        (user, competency): correct / answered
        for user, competency, answered, correct in rows.values_list(
            "user_id", "competency_id", "answered", "correct"
        )
    }


def running_cohorts(today):
    """Cohorts that have started and ended no more than a week before `today`."""
    return Cohort.objects.filter(
        start_date__lte=today, end_date__gte=today - RUNS_AFTER_END
    ).select_related("programme")
