"""Builders for review tests: a quiz module, enrolled learners, and answers in the past."""

import uuid

from django.test import TestCase

from lms.enrolment.services import enrol
from lms.models import ReviewCard
from lms.progress.recording import record_events
from lms.review.answers import record_review
from tests.builders.cohorts import days_ago  # noqa: F401 - review tests read it here
from tests.builders.events import Quiz
from tests.builders.pages import make_quiz_module, programme_of
from tests.builders.people import make_learner


def make_quiz(questions=2):
    return Quiz.of(make_quiz_module(questions=questions))


def learner_in(quiz):
    learner = make_learner()
    enrol(learner, programme_of(quiz.module))
    return learner


def answer_in_module(learner, quiz, when, question_ids=None, correct=True):
    """Answer questions on the module page at `when`, applied through the pipeline."""
    events = [
        quiz.answered(question_id, correct=correct, occurred_at=when)
        for question_id in question_ids or quiz.question_ids
    ]
    with TestCase.captureOnCommitCallbacks(execute=True):
        record_events(learner, events)
    return events


def card_of(learner, question_id):
    return ReviewCard.objects.get(user=learner, question_id=question_id)


def review(
    learner, quiz, question_id, when=None, correct=True, answer_id=None, confidence=None
):
    """Answer a card in the daily review (graded on the server), at `when`."""
    right, wrong = quiz.questions[question_id]
    return record_review(
        learner,
        answer_id or uuid.uuid4(),
        card_of(learner, question_id).pk,
        [(right if correct else wrong)[0]],
        occurred_at=when,
        confidence=confidence,
    )


def schedule_of(card):
    """A card's FSRS state, comparable across learners."""
    card.refresh_from_db()
    return (
        card.state,
        card.step,
        round(card.stability, 9),
        round(card.difficulty, 9),
        card.due,
        card.last_review,
        card.reviews,
        card.lapses,
    )
