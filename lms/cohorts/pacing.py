"""Weekly pacing: when a module opens for a learner in a paced cohort."""

from datetime import timedelta

from django.core.cache import cache
from django.utils import timezone

from courses.models import CoursePage
from lms.models import Cohort

ORDER_CACHE_SECONDS = 300


def course_paths(programme):
    """Tree paths of the programme's live courses in order; cached, as it rarely changes."""
    key = f"lms:course-order:{programme.pk}"
    paths = cache.get(key)
    if paths is None:
        paths = list(
            CoursePage.objects.child_of(programme)
            .live()
            .order_by("path")
            .values_list("path", flat=True)
        )
        cache.set(key, paths, ORDER_CACHE_SECONDS)
    return paths


def opens_on(enrolment, module, today=None):
    """The date the module opens for this learner, or None when it is open now."""
    cohort = enrolment.cohort
    if cohort is None or cohort.pacing != Cohort.Pacing.WEEKLY:
        return None
    course_path = module.path[: -module.steplen]
    paths = course_paths(enrolment.programme)
    week = paths.index(course_path) if course_path in paths else 0
    opening = cohort.start_date + timedelta(weeks=week)
    return opening if opening > (today or timezone.localdate()) else None
