"""Review answers through the JSON API: one or a batch, idempotent by the
client's id, 409 on a changed body, placed in time by occurred_at."""

import uuid

import pytest
from django.test import Client
from wagtail.models import APIToken

from lms.models import ReviewAnswer
from tests.builders.review import (
    answer_in_module,
    card_of,
    days_ago,
    learner_in,
    make_quiz,
)
from tests.builders.web import post_json

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return make_quiz(questions=2)


@pytest.fixture
def learner(quiz):
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(5))
    return learner


@pytest.fixture
def bearer(learner):
    _token, plaintext = APIToken.create_token(user=learner, name="phone")
    return {"Authorization": f"Bearer {plaintext}"}


def reviews_of(learner):
    """Answers given in review (answers on the module page are logged too)."""
    return ReviewAnswer.objects.filter(user=learner, source=ReviewAnswer.Source.REVIEW)


def body(learner, quiz, question=0, correct=True, **fields):
    question_id = quiz.question_ids[question]
    right, wrong = quiz.questions[question_id]
    return {
        "id": str(uuid.uuid4()),
        "card_id": card_of(learner, question_id).pk,
        "chosen": [(right if correct else wrong)[0]],
        **fields,
    }


def test_an_answer_is_graded_and_stored_once(learner, quiz, bearer):
    answer = body(learner, quiz, correct=False)

    first = post_json(Client(), "/api/reviews", answer, **bearer)
    again = post_json(Client(), "/api/reviews", answer, **bearer)

    assert first.status_code == 201
    assert first.json()["status"] == "accepted" and first.json()["correct"] is False
    assert again.status_code == 200 and again.json()["status"] == "duplicate"
    assert ReviewAnswer.objects.filter(pk=answer["id"]).count() == 1


def test_the_same_id_with_another_body_is_a_conflict(learner, quiz, bearer):
    answer = body(learner, quiz, correct=False)
    post_json(Client(), "/api/reviews", answer, **bearer)

    changed = post_json(
        Client(),
        "/api/reviews",
        {**answer, **body(learner, quiz), "id": answer["id"]},
        **bearer,
    )

    assert changed.status_code == 409
    assert "different body" in changed.json()["detail"]


def test_an_offline_answer_lands_at_the_time_it_was_given(learner, quiz, bearer):
    when = days_ago(1)
    answer = body(learner, quiz, occurred_at=when.isoformat())

    post_json(Client(), "/api/reviews", answer, **bearer)

    stored = ReviewAnswer.objects.get(pk=answer["id"])
    assert stored.reviewed_at == when
    assert card_of(learner, quiz.question_ids[0]).last_review == when


def test_a_batch_stores_every_answer(learner, quiz, bearer):
    answers = [body(learner, quiz, 0), body(learner, quiz, 1, correct=False)]

    response = post_json(Client(), "/api/reviews/batch", {"answers": answers}, **bearer)

    assert response.status_code == 201
    assert [r["correct"] for r in response.json()["results"]] == [True, False]
    assert reviews_of(learner).count() == 2


def test_a_batch_with_one_bad_answer_stores_nothing(learner, quiz, bearer):
    answers = [body(learner, quiz, 0), {**body(learner, quiz, 1), "chosen": ["nope"]}]

    response = post_json(Client(), "/api/reviews/batch", {"answers": answers}, **bearer)

    assert response.status_code == 422
    assert response.json()["errors"][0]["index"] == 1
    assert "nothing was stored" in response.json()["detail"]
    assert not reviews_of(learner).exists()


@pytest.mark.parametrize(
    ("payload", "status"),
    [
        ({"answers": []}, 400),
        ({"answers": "x"}, 400),
        ([1, 2], 400),
        ({"answers": [{}] * 101}, 413),
    ],
    ids=["empty", "not a list", "not an object", "too many"],
)
def test_a_malformed_batch_is_refused(bearer, payload, status):
    response = post_json(Client(), "/api/reviews/batch", payload, **bearer)

    assert response.status_code == status
    assert response.json()["detail"]


@pytest.mark.parametrize(
    ("change", "status"),
    [
        ({"id": "not-a-uuid"}, 400),
        ({"card_id": 999999}, 404),
        ({"chosen": []}, 422),
        ({"occurred_at": "yesterday"}, 422),
        ({"occurred_at": "2026-12-01T10:00:00"}, 422),
    ],
    ids=["bad id", "no such card", "nothing chosen", "bad time", "no time zone"],
)
def test_a_bad_answer_is_a_clear_4xx(learner, quiz, bearer, change, status):
    response = post_json(
        Client(), "/api/reviews", {**body(learner, quiz), **change}, **bearer
    )

    assert response.status_code == status
    assert response.json()["detail"]


def test_another_learners_card_is_not_found(learner, quiz):
    other = learner_in(quiz)
    _token, plaintext = APIToken.create_token(user=other, name="other")

    response = post_json(
        Client(),
        "/api/reviews",
        body(learner, quiz),
        Authorization=f"Bearer {plaintext}",
    )

    assert response.status_code == 404
    assert not reviews_of(learner).exists() and not reviews_of(other).exists()


def test_without_credentials_it_is_a_401(learner, quiz):
    response = post_json(Client(), "/api/reviews", body(learner, quiz))

    assert response.status_code == 401
