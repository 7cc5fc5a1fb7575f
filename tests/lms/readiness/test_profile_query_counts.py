"""A readiness profile costs the same number of queries whatever the learner's
history: one rating or fifty, one stretch project or five."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.readiness import ratings
from lms.readiness.links import readiness_url
from lms.readiness.profile_page import profile_context
from tests.builders.readiness import (
    COMMENT,
    full_evidence,
    make_readiness_scene,
    rate_all,
    reviewed_project,
)

pytestmark = pytest.mark.django_db

# The evidence (eleven, as for a whole cohort), the rubric and its tags, three
# histories, the viewer's permissions and whether they open the cohort's pages.
CONTEXT_BUDGET = 18
# The page adds the session, the viewer and their permissions, the profile's
# policy checks (view, rate, move) and what the admin's frame reads.
PAGE_BUDGET = 28  # 26 measured; the admin frame may grow a menu item


@pytest.fixture
def scene():
    scene = make_readiness_scene()
    full_evidence(scene, scene.enrolment)
    full_evidence(scene, scene.other_enrolment, 1)
    for n in range(6):  # Bo's history grows long: 48 more trait ratings...
        rate_all(scene.other_enrolment, scene.mentor, "mentor", 1 + n % 4)
        rate_all(scene.other_enrolment, scene.manager, "manager", 1 + n % 4)
        ratings.rate_readiness(
            scene.other_enrolment, scene.manager, "manager", "not_yet", COMMENT
        )
        ratings.move(scene.other_enrolment, 1 + n % 3, 2, COMMENT, scene.manager)
        reviewed_project(scene.other_enrolment, [1 + n % 4, 2, 3])
    return scene


def counted(call):
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return len(captured), result


def fresh(user):
    """The user as a new request loads them: no permission cache yet."""
    return get_user_model().objects.get(pk=user.pk)


def test_the_profile_costs_the_same_for_a_short_and_a_long_history(scene):
    first, second = fresh(scene.manager), fresh(scene.manager)

    short, few = counted(lambda: profile_context(first, scene.enrolment))
    long, many = counted(lambda: profile_context(second, scene.other_enrolment))

    assert short == long <= CONTEXT_BUDGET
    assert len(few["trait_history"]) == 16 and len(many["trait_history"]) == 64
    assert len(many["projects"]) == 7


def test_the_page_costs_the_same_for_a_short_and_a_long_history(client, scene):
    client.force_login(scene.manager)
    client.get(readiness_url("profile", scene.enrolment.pk))  # warms the caches

    short, first = counted(
        lambda: client.get(readiness_url("profile", scene.enrolment.pk))
    )
    long, second = counted(
        lambda: client.get(readiness_url("profile", scene.other_enrolment.pk))
    )

    assert first.status_code == second.status_code == 200
    assert short == long <= PAGE_BUDGET
