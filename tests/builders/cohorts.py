"""Cohorts and the learners in them, with the roll-ups a test needs them to have."""

from datetime import timedelta
from itertools import count

from django.utils import timezone

from courses.models import ProgrammePage
from lms.enrolment.services import enrol
from lms.models import Cohort, CohortSnapshot, CourseProgress, Enrolment
from lms.roles import LEARNERS
from tests.builders.pages import make_programme
from tests.builders.people import make_learner, make_user

_serial = count(1)


def make_cohort(programme=None, name=None, managers=(), mentors=(), **kwargs):
    """A cohort halfway through (started 30 days ago, ends in 30) unless told."""
    today = timezone.localdate()
    kwargs.setdefault("start_date", today - timedelta(days=30))
    kwargs.setdefault("end_date", today + timedelta(days=30))
    cohort = Cohort.objects.create(
        programme=programme or make_programme(),
        name=name or f"Cohort {next(_serial)}",
        **kwargs,
    )
    cohort.managers.set(managers)
    cohort.mentors.set(mentors)
    return cohort


def make_open_cohort(programme=None, **kwargs):
    """A cohort with every module open, as the email campaigns' tests want."""
    kwargs.setdefault("name", "Spring leaders")
    kwargs.setdefault("pacing", Cohort.Pacing.ALL_OPEN)
    return make_cohort(programme, **kwargs)


def enrol_in_cohort(user, cohort, mentor=None, **kwargs):
    """The enrolment a manager makes: the user in the cohort, with a mentor if given."""
    kwargs.setdefault("source", Enrolment.Source.MANAGER)
    return Enrolment.objects.create(
        user=user, programme=cohort.programme, cohort=cohort, mentor=mentor, **kwargs
    )


def enrol_in(user, page, **kwargs):
    """Enrol the user in the programme that holds `page` (or is it)."""
    programme = (
        page.specific
        if isinstance(page.specific, ProgrammePage)
        else ProgrammePage.objects.ancestor_of(page).get()
    )
    return enrol(user, programme, **kwargs)[0]


def enrolled_learner(module, **kwargs):
    """A learner enrolled in the programme that holds the module."""
    learner = make_learner(**kwargs)
    enrol_in(learner, module)
    return learner


def join(cohort, user=None, **fields):
    """Enrol through the service, then set the roll-ups and dates as given."""
    user = user or make_user()
    enrolment, _created = enrol(user, cohort.programme)
    fields.setdefault("enrolled_at", timezone.now() - timedelta(days=60))
    Enrolment.objects.filter(pk=enrolment.pk).update(cohort=cohort, **fields)
    return Enrolment.objects.select_related("user").get(pk=enrolment.pk)


def enrol_learner(cohort, username=None, days_inactive=1, completed=(), **kwargs):
    """A learner in the cohort; `completed` is [(course, modules done)] of roll-ups."""
    first_name = kwargs.pop("first_name", "")
    last_name = kwargs.pop("last_name", "")
    user = make_user(username, LEARNERS, first_name=first_name, last_name=last_name)
    last = timezone.now() - timedelta(days=days_inactive) if days_inactive else None
    enrolment = enrol_in_cohort(
        user,
        cohort,
        modules_completed=sum(done for _course, done in completed),
        last_activity_at=last,
        **kwargs,
    )
    for course, done in completed:
        CourseProgress.objects.create(
            enrolment=enrolment, course=course, modules_completed=done
        )
    return enrolment


def snapshot(cohort, days_ago, completion, at_risk, learners=10):
    day = timezone.localdate() - timedelta(days=days_ago)
    return CohortSnapshot.objects.create(
        cohort=cohort,
        taken_on=day,
        as_of=timezone.now() - timedelta(days=days_ago),
        learners=learners,
        completion=completion,
        at_risk=at_risk,
    )


def days_ago(days):
    return timezone.now() - timedelta(days=days)
