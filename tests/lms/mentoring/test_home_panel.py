"""A mentor's admin home says what waits for review and how their learners are doing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from lms.models import Enrolment, StretchAssignment
from tests.builders.stretch import make_stretch_scene

pytestmark = pytest.mark.django_db


def test_the_mentor_sees_reviews_waiting_and_their_learners(client):
    scene = make_stretch_scene()
    StretchAssignment.objects.filter(pk=scene.assignment.pk).update(
        status=StretchAssignment.Status.SUBMITTED, submitted_at=timezone.now()
    )
    Enrolment.objects.filter(user=scene.learner, cohort=scene.cohort).update(
        mentor=scene.mentor, modules_completed=3
    )
    client.force_login(scene.mentor)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "1 review waiting" in page
    assert reverse("lms_mentoring:review", args=[scene.assignment.pk]) in page
    assert "mentored-learners-table" in page


def test_a_manager_without_the_mentor_role_gets_no_mentor_panel(client):
    scene = make_stretch_scene()
    client.force_login(scene.manager)

    page = client.get(reverse("wagtailadmin_home")).content.decode()

    assert "reviews-waiting" not in page
