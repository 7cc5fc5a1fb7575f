"""Cards retire with their question, and the daily nudge mentions reviews once a day."""

import uuid
from datetime import timedelta

import pytest
from django.core import mail
from django.utils import timezone

from courses.models import ModulePage
from lms.models import Enrolment, ReviewCard
from lms.notifications.nudges import send_nudges
from lms.review.answers import record_review
from tests.builders.cohorts import join
from tests.builders.cohorts import make_open_cohort as make_cohort
from tests.builders.events import Quiz
from tests.builders.pages import make_programme_of, make_quiz_module
from tests.builders.review import (
    answer_in_module,
    card_of,
    days_ago,
    learner_in,
    make_quiz,
)
from tests.conftest import make_course, make_programme

pytestmark = pytest.mark.django_db


def publish_without(module, question_id):
    module = ModulePage.objects.get(pk=module.pk)
    module.body = [b for b in module.body.raw_data if b["id"] != question_id]
    module.save_revision().publish()


def test_a_removed_question_retires_its_card_and_a_kept_one_keeps_its_card(client):
    quiz = make_quiz(questions=2)
    gone, kept = quiz.question_ids
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(10))
    kept_card = card_of(learner, kept)

    publish_without(quiz.module, gone)

    assert card_of(learner, gone).retired_at is not None
    assert card_of(learner, kept).pk == kept_card.pk
    assert card_of(learner, kept).retired_at is None
    client.force_login(learner)
    html = client.get("/learn/review/").content.decode()
    assert f'name="card_id" value="{kept_card.pk}"' in html
    assert "Question 1 of 1" in html


def test_a_question_put_back_brings_its_card_back():
    quiz = make_quiz(questions=2)
    gone = quiz.question_ids[0]
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(10))
    original = ModulePage.objects.get(pk=quiz.module.pk).body.raw_data
    publish_without(quiz.module, gone)

    module = ModulePage.objects.get(pk=quiz.module.pk)
    module.body = list(original)
    module.save_revision().publish()

    assert card_of(learner, gone).retired_at is None


def quiz_of(programme):
    return Quiz.of(ModulePage.objects.descendant_of(programme).get(slug="quiz-0"))


def programme_with_a_quiz(slug):
    programme = make_programme(slug=slug, title=slug)
    make_quiz_module(parent=make_course(parent=programme), slug="quiz-0")
    return programme


def test_the_nudge_mentions_reviews_at_most_once_a_day():
    first, second = programme_with_a_quiz("first"), programme_with_a_quiz("second")
    cohorts = [make_cohort(first), make_cohort(second, name="Autumn leaders")]
    enrolment = join(cohorts[0])
    join(cohorts[1], user=enrolment.user)
    answer_in_module(enrolment.user, quiz_of(first), days_ago(10))
    idle = timezone.now() - timedelta(days=10)
    Enrolment.objects.filter(user=enrolment.user).update(last_activity_at=idle)
    due = ReviewCard.objects.filter(user=enrolment.user).count()

    send_nudges(timezone.localdate())
    send_nudges(timezone.localdate())

    assert len(mail.outbox) == 2  # one nudge per cohort
    line = f"{due} questions to review (1 minute)."
    assert [line in message.body for message in mail.outbox].count(True) == 1
    html = [alt[0] for m in mail.outbox for alt in m.alternatives]
    assert [line in body for body in html].count(True) == 1


def test_no_review_line_when_nothing_is_due():
    cohort = make_cohort(make_programme_of())
    join(cohort, last_activity_at=timezone.now() - timedelta(days=10))

    send_nudges(timezone.localdate())

    assert len(mail.outbox) == 1
    assert "to review" not in mail.outbox[0].body


def test_a_review_answer_is_graded_by_the_module_as_published_now():
    quiz = make_quiz(questions=1)
    [question] = quiz.question_ids
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(10))
    module = ModulePage.objects.get(pk=quiz.module.pk)
    module.save_revision().publish()
    right, wrong = quiz.questions[question]
    card = card_of(learner, question)
    assert record_review(learner, uuid.uuid4(), card.pk, right[:1]).answer.correct

    module = ModulePage.objects.get(pk=quiz.module.pk)
    raw = module.body.raw_data
    for option in raw[1]["value"]["options"]:
        option["value"]["correct"] = option["id"] == wrong[0]
    module.body = list(raw)
    module.save_revision().publish()

    assert record_review(learner, uuid.uuid4(), card.pk, wrong[:1]).answer.correct
