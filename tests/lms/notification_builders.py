"""Builders for snapshot, email and digest tests: cohorts, learners in them, managers."""

from datetime import timedelta
from itertools import count

from django.contrib.auth import get_user_model
from django.utils import timezone

from lms.enrolment.services import enrol
from lms.models import Cohort, Enrolment
from tests.conftest import make_course, make_module, make_programme
from tests.lms.progress_builders import make_quiz_module

_serial = count(1)


def make_person(**kwargs):
    """A user with an email address, as every recipient needs one."""
    kwargs.setdefault("username", f"person{next(_serial)}")
    kwargs.setdefault("email", f"{kwargs['username']}@example.com")
    return get_user_model().objects.create_user(**kwargs)


def make_programme_of(courses=1, modules=2, questions=3):
    """A programme of `courses` courses; each course's first module is a quiz."""
    programme = make_programme()
    for c in range(courses):
        course = make_course(parent=programme, slug=f"course-{c}", title=f"Course {c}")
        make_quiz_module(parent=course, slug=f"quiz-{c}", questions=questions)
        for m in range(1, modules):
            make_module(parent=course, slug=f"module-{c}-{m}", title=f"Module {c}.{m}")
    return programme


def make_cohort(programme, **kwargs):
    """A cohort running from a month ago to a month ahead, all modules open."""
    today = timezone.localdate()
    kwargs.setdefault("name", "Spring leaders")
    kwargs.setdefault("start_date", today - timedelta(days=30))
    kwargs.setdefault("end_date", today + timedelta(days=30))
    kwargs.setdefault("pacing", Cohort.Pacing.ALL_OPEN)
    return Cohort.objects.create(programme=programme, **kwargs)


def join(cohort, user=None, **fields):
    """Enrol a learner in the cohort's programme and cohort, with roll-ups set as given."""
    user = user or make_person()
    enrolment, _created = enrol(user, cohort.programme)
    fields.setdefault("enrolled_at", timezone.now() - timedelta(days=60))
    Enrolment.objects.filter(pk=enrolment.pk).update(cohort=cohort, **fields)
    return Enrolment.objects.select_related("user").get(pk=enrolment.pk)


def make_manager(*cohorts, **kwargs):
    manager = make_person(**kwargs)
    for cohort in cohorts:
        cohort.managers.add(manager)
    return manager


def days_ago(days):
    return timezone.now() - timedelta(days=days)
