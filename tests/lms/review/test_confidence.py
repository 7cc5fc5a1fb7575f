""" "How sure were you?" on a review answer: a right answer the learner was unsure
of comes back sooner (Hard), one they were certain of later (Easy); a wrong
answer is Again whatever they felt."""

import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse
from fsrs import Rating

from lms.models import ReviewAnswer
from lms.review.answers import ReviewRejected
from lms.review.cards import replay_cards
from lms.review.schedule import rating_for
from tests.builders.review import (
    answer_in_module,
    card_of,
    days_ago,
    learner_in,
    make_quiz,
    review,
)
from tests.builders.web import post_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return make_quiz(questions=1)


def learner_with_a_card(quiz):
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(10))
    return learner


def interval_after_review(quiz, correct, confidence):
    """How long until the card is due again, for a fresh learner answering it this way."""
    learner = learner_with_a_card(quiz)
    question = quiz.question_ids[0]
    review(learner, quiz, question, days_ago(2), correct, confidence=confidence)
    card = card_of(learner, question)
    return card.due - card.last_review


@pytest.mark.parametrize(
    ("correct", "confidence", "rating"),
    [
        (True, None, Rating.Good),
        (True, "sure", Rating.Good),
        (True, "unsure", Rating.Hard),
        (True, "certain", Rating.Easy),
        (False, "certain", Rating.Again),
        (False, None, Rating.Again),
    ],
)
def test_the_rating_of_an_answer(correct, confidence, rating):
    assert rating_for(correct, confidence) == rating


def test_certain_comes_back_later_and_unsure_sooner_than_saying_nothing(quiz):
    unsure = interval_after_review(quiz, True, "unsure")
    plain = interval_after_review(quiz, True, None)
    certain = interval_after_review(quiz, True, "certain")

    assert unsure < plain < certain


def test_a_wrong_answer_is_again_however_sure_the_learner_was(quiz):
    assert interval_after_review(quiz, False, "certain") == interval_after_review(
        quiz, False, None
    )


def test_the_rating_is_stored_and_replayed(quiz):
    learner = learner_with_a_card(quiz)
    question = quiz.question_ids[0]
    recorded = review(learner, quiz, question, days_ago(2), confidence="certain")
    due = card_of(learner, question).due

    replay_cards([card_of(learner, question).pk])

    assert ReviewAnswer.objects.get(pk=recorded.answer.pk).rating == Rating.Easy
    assert card_of(learner, question).due == due


def test_the_same_id_with_another_confidence_is_a_conflict(quiz):
    learner = learner_with_a_card(quiz)
    question, answer_id = quiz.question_ids[0], uuid.uuid4()
    review(learner, quiz, question, days_ago(2), answer_id=answer_id, confidence="sure")

    with pytest.raises(ReviewRejected) as refused:
        review(
            learner,
            quiz,
            question,
            days_ago(2),
            answer_id=answer_id,
            confidence="certain",
        )

    assert refused.value.status == 409


@pytest.mark.parametrize("confidence", ["very", ["certain"], 3])
def test_an_unknown_confidence_is_a_422_and_stores_nothing(quiz, confidence):
    learner = learner_with_a_card(quiz)
    question = quiz.question_ids[0]
    right, _wrong = quiz.questions[question]
    client = Client()
    client.force_login(learner)
    body = {
        "id": str(uuid.uuid4()),
        "card_id": card_of(learner, question).pk,
        "chosen": right[:1],
        "confidence": confidence,
    }

    response = post_json(client, "/api/reviews", body)

    assert response.status_code == 422
    assert "confidence must be one of" in response.json()["detail"]
    assert not ReviewAnswer.objects.filter(source=ReviewAnswer.Source.REVIEW).exists()


def test_the_review_form_asks_and_records_how_sure(client, quiz):
    learner = learner_with_a_card(quiz)
    client.force_login(learner)
    html = client.get(reverse("lms:review")).content.decode()
    question = quiz.question_ids[0]
    right, _wrong = quiz.questions[question]

    assert "How sure are you?" in html
    assert 'name="confidence" value="unsure"' in html
    client.post(
        reverse("lms:review_answer"),
        {
            "answer_id": re.search(r'name="answer_id" value="([^"]+)"', html).group(1),
            "card_id": card_of(learner, question).pk,
            "chosen": right[0],
            "confidence": "unsure",
        },
    )

    stored = ReviewAnswer.objects.get(source=ReviewAnswer.Source.REVIEW)
    assert stored.rating == Rating.Hard
