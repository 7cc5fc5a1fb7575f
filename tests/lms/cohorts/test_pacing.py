"""Weekly pacing: a paced cohort's courses open one a week from the start date."""

from datetime import date, timedelta

import pytest
from django.core.cache import cache
from django.utils import timezone

from lms.cohorts.schedule import opens_on
from lms.models import Cohort, Enrolment, ProgressEvent
from lms.progress.recording import EventsRejected, record_events
from tests.builders.cohorts import enrolled_learner
from tests.builders.events import event
from tests.builders.pages import make_course, make_mixed_quiz_module, make_programme

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def paced_setup(pacing=Cohort.Pacing.WEEKLY, start=None):
    """A programme of two courses with one module each, and a learner in a cohort."""
    programme = make_programme()
    first = make_mixed_quiz_module(
        parent=make_course(parent=programme, slug="one"), slug="a"
    )
    second = make_mixed_quiz_module(
        parent=make_course(parent=programme, slug="two"), slug="b"
    )
    learner = enrolled_learner(first)
    start = start or timezone.localdate()
    cohort = Cohort.objects.create(
        programme=programme,
        name="Spring",
        start_date=start,
        end_date=start + timedelta(weeks=8),
        pacing=pacing,
    )
    Enrolment.objects.filter(user=learner).update(cohort=cohort)
    return (
        learner,
        first,
        second,
        Enrolment.objects.select_related("cohort", "programme").get(user=learner),
    )


def test_in_the_first_week_only_the_first_course_is_open():
    _learner, first, second, enrolment = paced_setup()

    assert opens_on(enrolment, first) is None
    assert opens_on(enrolment, second) == enrolment.cohort.start_date + timedelta(
        weeks=1
    )


def test_a_week_after_the_start_the_second_course_opens():
    _learner, _first, second, enrolment = paced_setup()

    later = enrolment.cohort.start_date + timedelta(days=7)

    assert opens_on(enrolment, second, today=later) is None


def test_all_open_pacing_never_closes_a_module():
    _learner, _first, second, enrolment = paced_setup(pacing=Cohort.Pacing.ALL_OPEN)

    assert opens_on(enrolment, second) is None


def test_an_event_for_a_module_not_open_yet_is_refused_and_not_stored():
    learner, _first, second, enrolment = paced_setup()

    with pytest.raises(EventsRejected) as rejected:
        record_events(learner, [event(second)])

    opening = enrolment.cohort.start_date + timedelta(weeks=1)
    assert rejected.value.status == 403
    assert f"opens on {opening:%d %B %Y}" in rejected.value.problems[0].detail
    assert not ProgressEvent.objects.exists()


def test_the_page_of_a_closed_module_says_when_it_opens_and_has_no_forms(client):
    learner, _first, second, _enrolment = paced_setup(start=date.today())
    client.force_login(learner)

    html = client.get(second.url).content.decode()

    assert "This module opens on" in html
    assert 'name="event_id"' not in html
    assert not ProgressEvent.objects.filter(module=second).exists()
