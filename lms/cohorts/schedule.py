"""A cohort's schedule: the programme's courses in order and the one pacing rule."""

import math
from dataclasses import dataclass
from datetime import timedelta

from django.core.cache import cache
from django.db.models import F, Func, IntegerField, OuterRef, Subquery, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

from courses.models import CoursePage, ModulePage
from lms.cohorts.models import Cohort


@dataclass
class Schedule:
    """The programme's courses in order, with their module counts."""

    courses: list  # [(course, module_count)]

    @property
    def total(self):
        return sum(count for _course, count in self.courses)


def schedule_for(programme):
    """Courses of a programme and how many live modules each has: one query."""
    modules = (
        ModulePage.objects.live()
        .filter(path__startswith=OuterRef("path"), depth=OuterRef("depth") + 1)
        .order_by()
        .annotate(total=Func(F("pk"), function="COUNT"))
        .values("total")
    )
    courses = (
        CoursePage.objects.child_of(programme)
        .live()
        .order_by("path")
        .only("id", "title", "path")
        .annotate(
            module_count=Coalesce(
                Subquery(modules, output_field=IntegerField()), Value(0)
            )
        )
    )
    return Schedule(courses=[(course, course.module_count) for course in courses])


def weeks_elapsed(cohort, today):
    return max(0, (today - cohort.start_date).days // 7)


def course_opens_on(cohort, index):
    """The pacing rule: the date the programme's course at `index` (0 first) opens.

    Weekly pacing opens course k in week k from the start date; with all
    modules open (or no cohort) every course is open: None.
    """
    if cohort is None or cohort.pacing != Cohort.Pacing.WEEKLY:
        return None
    return cohort.start_date + timedelta(weeks=index)


def unlocked_course_count(cohort, schedule, today):
    """How many of the schedule's courses are open on `today`."""
    return sum(
        1
        for index in range(len(schedule.courses))
        if (opening := course_opens_on(cohort, index)) is None or opening <= today
    )


def opens_on(enrolment, module, today=None):
    """The date the module opens for this learner, or None when it is open now."""
    cohort = enrolment.cohort
    if cohort is None or cohort.pacing != Cohort.Pacing.WEEKLY:
        return None
    paths = course_paths(enrolment.programme)
    course_path = module.path[: -module.steplen]
    opening = course_opens_on(
        cohort, paths.index(course_path) if course_path in paths else 0
    )
    return opening if opening > (today or timezone.localdate()) else None


def course_paths(programme):
    """Tree paths of the programme's live courses in order, as `schedule_for` lists them.

    Recording checks pacing on every event, so the list is cached; publishing,
    unpublishing, moving or deleting a course clears it (lms.cohorts.apps wiring
    in `forget_course_order`), so pacing never reads a stale order.
    """
    key = _order_key(programme.pk)
    paths = cache.get(key)
    if paths is None:
        paths = list(
            CoursePage.objects.child_of(programme)
            .live()
            .order_by("path")
            .values_list("path", flat=True)
        )
        cache.set(key, paths, None)
    return paths


def forget_course_order(programme_id):
    cache.delete(_order_key(programme_id))


def _order_key(programme_id):
    return f"lms:course-order:{programme_id}"


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
