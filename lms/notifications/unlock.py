"""Pacing emails: tell a weekly-paced cohort's learners their next course is open."""

from datetime import timedelta
from functools import partial
from itertools import chain

from lms.cohorts.dashboard import running_cohorts
from lms.cohorts.schedule import schedule_for, unlocked_course_count
from lms.models import Cohort, Enrolment
from lms.notifications.delivery import absolute, build_email, deliver, greeting_name

# A run missed for a day or two still announces the course that opened.
UNLOCK_NEWS_FOR = timedelta(days=3)


def learners_of(cohort):
    """The cohort's enrolments whose learners can receive email."""
    return (
        Enrolment.objects.filter(cohort=cohort, user__is_active=True)
        .exclude(user__email="")
        .select_related("user")
        .order_by("pk")
    )


def newly_opened_courses(cohort, schedule, today):
    """Courses a weekly-paced cohort opened in the last few days (none when all are open)."""
    opened = unlocked_course_count(cohort, schedule, today)
    before = unlocked_course_count(cohort, schedule, today - UNLOCK_NEWS_FOR)
    return [
        (before + n + 1, course)
        for n, (course, _count) in enumerate(schedule.courses[before:opened])
    ]


def unlock_emails(cohort, today):
    """One email per learner and newly opened course of the cohort."""
    opened = newly_opened_courses(cohort, schedule_for(cohort.programme), today)
    if not opened:
        return
    links = {course.pk: course.get_full_url() or absolute("/") for _w, course in opened}
    for enrolment in learners_of(cohort):
        user = enrolment.user
        for week, course in opened:
            context = {
                "user": user,
                "name": greeting_name(user),
                "cohort": cohort,
                "course": course,
                "week": week,
                "url": links[course.pk],
            }
            build = partial(
                build_email,
                "unlock",
                f"Week {week}: {course.title} is open",
                user.email,
                context,
            )
            yield user, "unlock", f"unlock:{cohort.pk}:{course.pk}:{user.pk}", build


def send_unlock_emails(today):
    """Tell the learners of weekly-paced cohorts about the course that just opened."""
    cohorts = running_cohorts(today).filter(pacing=Cohort.Pacing.WEEKLY)
    return deliver(chain.from_iterable(unlock_emails(c, today) for c in cohorts))
