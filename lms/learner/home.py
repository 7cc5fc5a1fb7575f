"""The learner's "My learning" page, read from roll-ups in a fixed number of queries."""

from dataclasses import dataclass, field
from datetime import timedelta

from django.utils import timezone

from courses.outline import listed_modules, programme_outline
from lms.core.sql import module_reads
from lms.core.sql.instances import placeholders, select
from lms.core.streaks import days_in_a_row
from lms.learner.panels import chosen_next_up, panels_for
from lms.models import (
    CompetencyMastery,
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
    enrolments = list(
        Enrolment.objects.filter(user=user).select_related("programme", "cohort")
    )
    outlines = {e.pk: programme_outline(e.programme) for e in enrolments}
    module_ids = [m.pk for outline in outlines.values() for m in outline.modules]
    progress = {p.module_id: p for p in _progress(user, module_ids)}
    days = _learning_days(user)
    return {
        "programmes": [
            _programme_row(user, e, outlines[e.pk], progress) for e in enrolments
        ],
        "competencies": _competencies(user),
        "streak": days_in_a_row(days, timezone.localdate()),
        "minutes_this_week": _minutes_this_week(days),
        "recent": _recent(user),
        "panels": panels_for(user),
    }


def _programme_row(user, enrolment, outline, progress):
    """The programme's courses with the modules done in each, counted from the
    learner's module roll-ups over the live outline (so a retired module never
    counts), and the module to do next."""
    row = ProgrammeRow(enrolment=enrolment)
    for course in outline.courses:
        modules = outline.modules_of(course)
        done = sum(1 for m in modules if _completed(progress.get(m.pk)))
        row.courses.append(CourseRow(course=course, done=done, total=len(modules)))
    modules = outline.modules
    row.next_module = chosen_next_up(
        user, enrolment, modules, progress
    ) or _next_module(modules, progress)
    return row


def _completed(row):
    return row is not None and row.status == ModuleProgress.Status.COMPLETED


def _next_module(modules, progress):
    """Resume the module touched last if unfinished; else the first one not completed."""
    started = [
        progress[m.pk]
        for m in modules
        if m.pk in progress and not _completed(progress[m.pk])
    ]
    if started:
        latest = max(started, key=lambda p: p.last_activity_at or timezone.now())
        return next(m for m in modules if m.pk == latest.module_id)
    return next((m for m in modules if not _completed(progress.get(m.pk))), None)


def _competencies(user):
    rows = CompetencyMastery.objects.filter(user=user, answered__gt=0).select_related(
        "competency"
    )
    return sorted(rows, key=lambda row: row.competency.name)


def _progress(user, module_ids):
    if not module_ids:
        return []
    where = f"{{user}} = %s AND {{module}} IN ({placeholders(len(module_ids))})"
    return select(ModuleProgress, where, [user.pk, *module_ids])


def _learning_days(user):
    since = timezone.localdate() - timedelta(days=STREAK_WINDOW_DAYS)
    rows = select(LearningDay, "{user} = %s AND {day} >= %s", [user.pk, since])
    return {row.day: row.seconds for row in rows}


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
    """{module id: "done" or "in progress"} for a course's live modules the
    learner has touched: one query over their roll-ups, by the ids of the
    course's cached module list (no join to the page tree)."""
    ids = [module.pk for module in listed_modules(course)]
    done = ModuleProgress.Status.COMPLETED
    return {
        module: "done" if status == done else "in progress"
        for module, status in module_reads.module_statuses(user.pk, ids)
    }
