"""Today's review: the due cards within the daily cap, one at a time, answers after answering."""

import json
import re
import uuid

import pytest
from django.test import override_settings
from django.urls import reverse
from django.utils.html import strip_tags

from lms.models import ReviewAnswer, ReviewCard
from tests.builders.review import (
    answer_in_module,
    card_of,
    days_ago,
    learner_in,
    make_quiz,
    review,
)

pytestmark = pytest.mark.django_db

PAGE = reverse("lms:review")
ANSWER = reverse("lms:review_answer")


@pytest.fixture
def quiz():
    return make_quiz(questions=8)


def shown_card(html):
    return int(re.search(r'name="card_id" value="(\d+)"', html).group(1))


def answer_shown(client, quiz, html, correct=True):
    card_id = shown_card(html)
    question = ReviewCard.objects.get(pk=card_id).question_id
    right, wrong = quiz.questions[question]
    form = {
        "answer_id": re.search(r'name="answer_id" value="([^"]+)"', html).group(1),
        "card_id": card_id,
        "chosen": (right if correct else wrong)[0],
    }
    return client.post(ANSWER, form)


def test_the_page_shows_no_answer_before_answering_and_feedback_after(client, quiz):
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(10), quiz.question_ids[:1])
    client.force_login(learner)

    before = client.get(PAGE).content.decode()

    assert 'name="card_id"' in before
    assert "Feedback" not in before and "correct" not in before.lower()
    after = client.get(answer_shown(client, quiz, before, correct=False).url)
    html = after.content.decode()
    assert "Not quite" in html and "Feedback" in html
    assert f"#question-{quiz.question_ids[0]}" in html  # the way back to the module


def test_at_most_the_daily_cap_oldest_overdue_first(client, quiz):
    learner = learner_in(quiz)
    for n, question in enumerate(quiz.question_ids):
        answer_in_module(learner, quiz, days_ago(20 - n), [question])
    client.force_login(learner)
    oldest = card_of(learner, quiz.question_ids[0])

    first = client.get(PAGE).content.decode()
    assert shown_card(first) == oldest.pk
    assert "Question 1 of 5" in first
    html = first
    for _ in range(5):
        client.get(answer_shown(client, quiz, html).url)
        html = client.get(PAGE).content.decode()

    assert 'name="card_id"' not in html
    assert "Next review:" in html
    assert ReviewAnswer.objects.filter(user=learner, source="review").count() == 5


@override_settings(LMS_REVIEW_DAILY_CAP=2)
def test_the_cap_is_a_setting(client, quiz):
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(10))
    client.force_login(learner)

    assert "Question 1 of 2" in client.get(PAGE).content.decode()


def test_a_resubmitted_form_is_one_answer_and_a_changed_one_is_409(client, quiz):
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(10), quiz.question_ids[:1])
    client.force_login(learner)
    html = client.get(PAGE).content.decode()

    assert answer_shown(client, quiz, html).status_code == 302
    assert answer_shown(client, quiz, html).status_code == 302
    assert answer_shown(client, quiz, html, correct=False).status_code == 409
    assert ReviewAnswer.objects.filter(user=learner, source="review").count() == 1


def test_json_clients_get_201_then_200_then_409(client, quiz):
    learner = learner_in(quiz)
    [question] = quiz.question_ids[:1]
    answer_in_module(learner, quiz, days_ago(10), [question])
    client.force_login(learner)
    right, wrong = quiz.questions[question]
    body = {
        "id": str(uuid.uuid4()),
        "card_id": card_of(learner, question).pk,
        "chosen": right[:1],
        "occurred_at": days_ago(1).isoformat(),
    }

    def post(data):
        return client.post(ANSWER, json.dumps(data), content_type="application/json")

    first, again = post(body), post(body)
    changed = post({**body, "chosen": wrong[:1]})

    assert (first.status_code, again.status_code, changed.status_code) == (
        201,
        200,
        409,
    )
    assert first.json()["correct"] is True and again.json()["status"] == "duplicate"
    assert post({**body, "id": "not-a-uuid"}).status_code == 400


def test_nothing_due_shows_the_streak_and_the_next_review_day(client, quiz):
    learner = learner_in(quiz)
    [question] = quiz.question_ids[:1]
    answer_in_module(learner, quiz, days_ago(12), [question])
    review(learner, quiz, question, when=days_ago(1))
    review_today = review(learner, quiz, question)
    client.force_login(learner)

    html = strip_tags(client.get(PAGE).content.decode())
    due = review_today.answer.card
    due.refresh_from_db()

    assert "2 days of reviews in a row" in html
    assert f"Next review: {due.due:%A}" in html


def test_my_learning_shows_todays_review(client, quiz):
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(10), quiz.question_ids[:3])
    client.force_login(learner)

    html = client.get(reverse("lms:home")).content.decode()

    assert "Today&#x27;s review" in html or "Today's review" in html
    assert "3 questions to review (1 minute)" in html
    assert PAGE in html


def test_a_learner_without_cards_sees_no_panel(client, quiz):
    client.force_login(learner_in(quiz))

    assert "review-panel" not in client.get(reverse("lms:home")).content.decode()
