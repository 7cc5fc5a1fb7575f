"""The invitation to rate again: six weeks after a completed round, once, only for
the enrolment's latest round, never to inactive learners or those who opted out."""

from datetime import timedelta

import pytest
from django.core import mail
from django.test import override_settings
from django.utils import timezone

from lms.models import Assessment, Notification, NudgeOptOut
from tasks.assessment import send_reassessment_invitations
from tests.builders.assessment_mentor import make_mentee_scene, rated_round

pytestmark = pytest.mark.django_db

SIX_WEEKS = 42


@pytest.fixture
def scene():
    return make_mentee_scene()


def run():
    return send_reassessment_invitations.delay().get()


def test_six_weeks_on_the_learner_is_invited_once_across_two_runs(scene):
    assessment = rated_round(scene.enrolment, {}, completed_days_ago=SIX_WEEKS)

    assert run() == 1
    assert run() == 0

    (email,) = mail.outbox
    assert email.to == [scene.learner.email]
    assert email.subject == "Six weeks on: rate yourself again"
    assert f"/learn/assessment/{scene.enrolment.pk}/" in email.body
    assert "/learn/nudges/off/" in email.body
    assessment.refresh_from_db()
    assert assessment.reinvited_at is not None
    assert Notification.objects.get().key == f"reassess:{assessment.pk}"


def test_not_before_six_weeks(scene):
    assessment = rated_round(scene.enrolment, {}, completed_days_ago=SIX_WEEKS - 1)

    assert run() == 0
    assert mail.outbox == []
    assessment.refresh_from_db()
    assert assessment.reinvited_at is None


@override_settings(LMS_REASSESS_WEEKS=4)
def test_the_weeks_come_from_the_setting(scene):
    rated_round(scene.enrolment, {}, completed_days_ago=29)

    assert run() == 1
    assert mail.outbox[0].subject == "Four weeks on: rate yourself again"


def test_not_when_a_newer_round_exists(scene):
    rated_round(scene.enrolment, {}, completed_days_ago=SIX_WEEKS * 2)
    rated_round(scene.enrolment, {}, round=2, completed_days_ago=None)  # started again

    assert run() == 0
    assert mail.outbox == []


def test_an_open_round_is_not_invited(scene):
    rated_round(scene.enrolment, {}, completed_days_ago=None)
    Assessment.objects.update(started_at=timezone.now() - timedelta(days=90))

    assert run() == 0


def test_inactive_or_opted_out_learners_are_skipped(scene):
    rated_round(scene.enrolment, {}, completed_days_ago=SIX_WEEKS)
    NudgeOptOut.objects.create(user=scene.learner)
    assert run() == 0

    NudgeOptOut.objects.all().delete()
    scene.learner.is_active = False
    scene.learner.save()
    assert run() == 0
    assert mail.outbox == []


def test_a_failed_send_leaves_the_round_for_the_retry(scene, monkeypatch):
    assessment = rated_round(scene.enrolment, {}, completed_days_ago=SIX_WEEKS)

    def refuse(*args, **kwargs):
        raise OSError("mail server down")

    monkeypatch.setattr("django.core.mail.EmailMultiAlternatives.send", refuse)
    from lms.assessment.reminders import send_reassessment_invitations as send
    from lms.notifications.delivery import DeliveryFailed

    with pytest.raises(DeliveryFailed):
        send()
    assessment.refresh_from_db()
    assert assessment.reinvited_at is None
    assert not Notification.objects.exists()

    monkeypatch.undo()
    assert run() == 1
