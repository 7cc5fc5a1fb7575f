"""One pacing rule: recording, the module page and the dashboard agree on course order."""

import pytest
from django.core.cache import cache

from lms.cohorts.schedule import course_paths, opens_on, schedule_for
from tests.lms.cohorts.test_pacing import paced_setup

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    cache.clear()


def test_unpublishing_a_course_opens_the_next_one_at_once():
    _learner, first, second, enrolment = paced_setup()
    assert opens_on(enrolment, second) is not None  # week 2 until the first goes

    first.get_parent().specific.unpublish()

    assert opens_on(enrolment, second) is None
    assert course_paths(enrolment.programme) == [
        course.path for course, _count in schedule_for(enrolment.programme).courses
    ]


def test_moving_a_course_first_changes_the_order_pacing_reads():
    _learner, first, second, enrolment = paced_setup()
    course_paths(enrolment.programme)  # cached
    second_course = second.get_parent()

    second_course.move(first.get_parent(), pos="left")

    assert opens_on(enrolment, second.__class__.objects.get(pk=second.pk)) is None
    assert len(course_paths(enrolment.programme)) == 2
