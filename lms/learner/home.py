"""The learner's "My learning" page, read from roll-ups in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from courses.models import CoursePage, ModulePage
from lms.learner.panels import chosen_next_up, panels_for
from lms.models import (
    CompetencyMastery,
    CourseProgress,
    Enrolment,
    LearningDay,
    ModuleProgress,
    ProgressEvent,
)

STREAK_WINDOW_DAYS = 366
RECENT_EVENTS = 8


@dataclass
class CourseRow:
    course: object
    done: int
    total: int

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


@dataclass
class ProgrammeRow:
    enrolment: object
    courses: list = field(default_factory=list)
    next_module: object = None

    @property
    def done(self):
        return sum(row.done for row in self.courses)

    @property
    def total(self):
        return sum(row.total for row in self.courses)

    @property
    def percent(self):
        return round(100 * self.done / self.total) if self.total else 0


def learner_home(user):
    """Everything "My learning" shows, as plain objects."""
    enrolments = list(Enrolment.objects.filter(user=user).select_related("programme"))
    modules = _modules_of([e.programme for e in enrolments])
    progress = {
        p.module_id: p
        for p in ModuleProgress.objects.filter(
            user=user, module_id__in=[m.pk for m in modules]
        )
    }
    done = {
        (row.enrolment_id, row.course_id): row.modules_completed
        for row in CourseProgress.objects.filter(enrolment__in=enrolments)
    }
    courses = list(_courses_of([e.programme for e in enrolments]))
    days = _learning_days(user)
    return {
        "programmes": [
            _programme_row(user, e, courses, modules, progress, done)
            for e in enrolments
        ],
        "competencies": _competencies(user),
        "streak": streak(days, timezone.localdate()),
        "minutes_this_week": _minutes_this_week(days),
        "recent": _recent(user),
        "panels": panels_for(user),
    }


def _modules_of(programmes):
    if not programmes:
        return []
    query = ModulePage.objects.none()
    for programme in programmes:
        query |= ModulePage.objects.filter(path__startswith=programme.path)
    return list(query.live().order_by("path").only("id", "title", "path", "url_path"))


def _courses_of(programmes):
    if not programmes:
        return []
    query = CoursePage.objects.none()
    for programme in programmes:
        query |= CoursePage.objects.filter(path__startswith=programme.path)
    return query.live().order_by("path").only("id", "title", "path", "url_path")


def _programme_row(user, enrolment, courses, modules, progress, done):
    row = ProgrammeRow(enrolment=enrolment)
    path = enrolment.programme.path
    for course in (c for c in courses if c.path.startswith(path)):
        total = sum(1 for m in modules if m.path.startswith(course.path))
        count = min(total, done.get((enrolment.pk, course.pk), 0))
        row.courses.append(CourseRow(course=course, done=count, total=total))
    own = [m for m in modules if m.path.startswith(path)]
    row.next_module = chosen_next_up(user, enrolment, own, progress) or _next_module(
        own, progress
    )
    return row


def _next_module(modules, progress):
    """Resume the module touched last if unfinished; else the first one not completed."""
    started = [
        progress[m.pk]
        for m in modules
        if m.pk in progress and progress[m.pk].status != ModuleProgress.Status.COMPLETED
    ]
    if started:
        latest = max(started, key=lambda p: p.last_activity_at or timezone.now())
        return next(m for m in modules if m.pk == latest.module_id)
    return next(
        (
            m
            for m in modules
            if m.pk not in progress
            or progress[m.pk].status != ModuleProgress.Status.COMPLETED
        ),
        None,
    )


def _competencies(user):
    rows = CompetencyMastery.objects.filter(user=user, answered__gt=0).select_related(
        "competency"
    )
    return sorted(rows, key=lambda row: row.competency.name)


def _learning_days(user):
    since = timezone.localdate() - timedelta(days=STREAK_WINDOW_DAYS)
    return dict(
        LearningDay.objects.filter(user=user, day__gte=since).values_list(
            "day", "seconds"
        )
    )


def streak(days, today):
    """Consecutive learning days ending today, or yesterday if today is not done yet."""
    day = today if today in days else today - timedelta(days=1)
    count = 0
    while day in days:
        count += 1
        day -= timedelta(days=1)
    return count


def _minutes_this_week(days):
    today = timezone.localdate()
    monday = today - timedelta(days=today.weekday())
    return round(sum(seconds for day, seconds in days.items() if day >= monday) / 60)


def _recent(user):
    return list(
        ProgressEvent.objects.filter(user=user)
        .select_related("module")
        .only(
            "kind", "occurred_at", "module__title", "module__url_path", "module__path"
        )
        .order_by("-occurred_at")[:RECENT_EVENTS]
    )


def module_statuses(user, course):
    """{module id: "done" or "in progress"} for a course's modules the learner has
    touched: one query over their roll-ups."""
    rows = ModuleProgress.objects.filter(
        user=user, module__path__startswith=course.path
    ).values_list("module_id", "status")
    done = ModuleProgress.Status.COMPLETED
    return {
        module: "done" if status == done else "in progress" for module, status in rows
    }
