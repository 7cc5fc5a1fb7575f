"""The audit pages cost the same number of queries after one week and after a year."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.models import Enrolment
from tests.builders.time_audit import log_week, make_audit_scene, weeks_back

pytestmark = pytest.mark.django_db

BUDGET = 12


def queries(client, url):
    client.get(url)  # the first view warms caches shared by every page
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
        if response.streaming:
            b"".join(response.streaming_content)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("url", ["/learn/time/", "/learn/time/export.csv"])
def test_the_learners_pages_cost_the_same_at_1_and_52_weeks(client, url):
    scene = make_audit_scene()
    log_week(scene.learner, weeks_back(0))
    for n in range(52):
        log_week(scene.other_learner, weeks_back(n))
    client.force_login(scene.learner)
    one = queries(client, url)
    client.force_login(scene.other_learner)
    year = queries(client, url)
    assert one == year <= BUDGET


def test_the_mentors_view_costs_the_same_at_1_and_52_shared_weeks(client):
    scene = make_audit_scene()
    Enrolment.objects.filter(user=scene.other_learner).update(mentor=scene.mentor)
    log_week(scene.learner, weeks_back(0), shared=True)
    for n in range(52):
        log_week(scene.other_learner, weeks_back(n), shared=True)
    client.force_login(scene.mentor)
    one = queries(client, f"/learn/time/learners/{scene.learner.pk}/")
    year = queries(client, f"/learn/time/learners/{scene.other_learner.pk}/")
    assert one == year <= BUDGET
