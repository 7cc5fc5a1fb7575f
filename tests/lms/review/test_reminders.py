"""The daily review email at the learner's chosen time of day, once a day, never
beside a nudge's review line the same day, and the page that chooses the time."""

from datetime import datetime, time

import pytest
from django.core import mail
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from lms.models import NudgeOptOut, ReviewReminder
from lms.review.nudge import review_line
from lms.review.reminders import send_review_reminders
from tests.builders.review import answer_in_module, days_ago, learner_in, make_quiz

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return make_quiz(questions=8)


def at(hour, minute=5):
    """Today at `hour`:`minute` in the site's time zone."""
    return timezone.make_aware(
        datetime.combine(timezone.localdate(), time(hour, minute))
    )


def due_learner(quiz, questions=2):
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(10), quiz.question_ids[:questions])
    return learner


def test_the_morning_email_lists_the_questions_due_once_a_day(quiz):
    learner = due_learner(quiz)

    assert send_review_reminders(at(8)) == 1
    assert send_review_reminders(at(8, 40)) == 0  # a rerun that hour

    [email] = mail.outbox
    assert email.to == [learner.email]
    assert email.subject == "2 questions to review today"
    assert "2 questions to review (1 minute)." in email.body
    assert reverse("lms:review") in email.body


def test_no_email_outside_the_chosen_hour_and_the_evening_waits(quiz):
    learner = due_learner(quiz)
    ReviewReminder.objects.create(user=learner, slot="evening")

    assert send_review_reminders(at(9)) == 0
    assert send_review_reminders(at(8)) == 0
    assert send_review_reminders(at(18)) == 1


@override_settings(LMS_REVIEW_DAILY_CAP=5)
def test_the_email_asks_no_more_than_the_daily_cap(quiz):
    due_learner(quiz, questions=8)

    send_review_reminders(at(8))

    assert mail.outbox[0].subject == "5 questions to review today"


def test_nothing_due_or_opted_out_gets_no_email(quiz):
    fresh = learner_in(quiz)
    answer_in_module(fresh, quiz, timezone.now(), quiz.question_ids[:2])
    quiet = due_learner(quiz)
    NudgeOptOut.objects.create(user=quiet)

    assert send_review_reminders(at(8)) == 0
    assert mail.outbox == []


def test_the_nudges_review_line_is_not_said_again_the_same_day(quiz):
    learner = due_learner(quiz)
    send_review_reminders(at(8))

    assert review_line(learner, timezone.localdate()) is None


def test_after_the_nudges_line_the_email_is_not_sent(quiz):
    learner = due_learner(quiz)
    assert review_line(learner, timezone.localdate()).startswith("2 questions")

    assert send_review_reminders(at(8)) == 0


def test_the_review_page_chooses_the_time_of_day(client, quiz):
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, timezone.now(), quiz.question_ids[:1])
    client.force_login(learner)
    url = reverse("lms:review_reminder")

    page = client.get(reverse("lms:review")).content.decode()
    assert 'value="morning" checked' in page

    response = client.post(url, {"slot": "evening"})
    assert response.status_code == 302
    assert ReviewReminder.objects.get(user=learner).slot == "evening"
    page = client.get(reverse("lms:review")).content.decode()
    assert 'value="evening" checked' in page

    refused = client.post(url, {"slot": "midnight"})
    assert refused.status_code == 400
    assert ReviewReminder.objects.get(user=learner).slot == "evening"
