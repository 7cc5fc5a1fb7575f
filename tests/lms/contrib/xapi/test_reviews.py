"""A daily-review answer becomes one valid `answered` statement: the module
page's question again, the learner's response and success, never the key, in
the daily review's context, under the answer's own id."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone
from ralph.models.xapi.base.statements import BaseXapiStatement

from lms.contrib.xapi.models import OutboxStatement
from lms.contrib.xapi.statements import review_category
from lms.contrib.xapi.vocabulary import VERBS
from lms.review.answers import ReviewRejected, record_review
from tests.builders.review import answer_in_module, card_of, learner_in, make_quiz
from tests.builders.review import review as review_card
from tests.lms.contrib.xapi.lrs import RecordStore

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return make_quiz(questions=2)


@pytest.fixture
def learner(quiz):
    return learner_in(quiz)


def answered_earlier(learner, quiz):
    answer_in_module(learner, quiz, timezone.now() - timedelta(days=2), correct=False)


def reviewed(learner, quiz, capture, correct=True, answer_id=None):
    with capture(execute=True):
        return review_card(
            learner, quiz, quiz.question_ids[0], correct=correct, answer_id=answer_id
        ).answer


def statement_of(answer):
    return OutboxStatement.objects.get(statement_id=answer.pk).statement


def module_answer_statement(quiz):
    question = quiz.question_ids[0]
    return next(
        s.statement
        for s in OutboxStatement.objects.order_by("seq")
        if s.statement["object"]["id"].endswith(f"/question/{question}")
    )


def test_a_review_answer_is_a_valid_answered_statement_under_its_id(
    lrs, quiz, learner, django_capture_on_commit_callbacks
):
    answered_earlier(learner, quiz)

    answer = reviewed(learner, quiz, django_capture_on_commit_callbacks)

    statement = statement_of(answer)
    BaseXapiStatement(**statement)
    assert statement["id"] == str(answer.pk)
    assert statement["verb"]["id"] == VERBS["answered"]
    assert statement["timestamp"] == answer.reviewed_at.isoformat()
    assert lrs.statements[str(answer.pk)] == statement


def test_it_is_the_module_pages_question_in_the_review_context(
    lrs, quiz, learner, django_capture_on_commit_callbacks
):
    answered_earlier(learner, quiz)
    on_the_page = module_answer_statement(quiz)

    statement = statement_of(
        reviewed(learner, quiz, django_capture_on_commit_callbacks)
    )

    assert statement["object"] == on_the_page["object"]
    context = statement["context"]
    assert context["registration"] == on_the_page["context"]["registration"]
    assert (
        context["contextActivities"]["parent"]
        == (on_the_page["context"]["contextActivities"]["parent"])
    )
    assert context["contextActivities"]["category"] == [review_category()]
    assert "category" not in on_the_page["context"]["contextActivities"]


def test_it_carries_the_response_and_success_but_never_the_key(
    lrs, quiz, learner, django_capture_on_commit_callbacks
):
    answered_earlier(learner, quiz)
    right, wrong = quiz.questions[quiz.question_ids[0]]

    good = statement_of(reviewed(learner, quiz, django_capture_on_commit_callbacks))
    bad = statement_of(
        reviewed(learner, quiz, django_capture_on_commit_callbacks, correct=False)
    )

    assert good["result"] == {"success": True, "response": right[0]}
    assert bad["result"] == {"success": False, "response": wrong[0]}
    definition = good["object"]["definition"]
    assert "correctResponsesPattern" not in definition
    assert {c["id"] for c in definition["choices"]} == set(right + wrong)
    assert set(definition) == {"type", "name", "interactionType", "choices"}
    assert all(set(choice) == {"id", "description"} for choice in definition["choices"])


def test_a_retried_answer_makes_no_second_statement(
    lrs, quiz, learner, django_capture_on_commit_callbacks
):
    answered_earlier(learner, quiz)
    answer_id = uuid.uuid4()
    reviewed(learner, quiz, django_capture_on_commit_callbacks, answer_id=answer_id)
    before = OutboxStatement.objects.count()

    reviewed(learner, quiz, django_capture_on_commit_callbacks, answer_id=answer_id)

    assert OutboxStatement.objects.count() == before
    assert sum(post.count(str(answer_id)) for post in lrs.posts) == 1


def test_nothing_is_made_while_no_lrs_is_set(
    quiz, learner, django_capture_on_commit_callbacks
):
    answered_earlier(learner, quiz)

    reviewed(learner, quiz, django_capture_on_commit_callbacks)

    assert not OutboxStatement.objects.exists()


def test_a_review_refused_as_bad_input_makes_no_statement(
    lrs, quiz, learner, django_capture_on_commit_callbacks
):
    answered_earlier(learner, quiz)
    before = OutboxStatement.objects.count()
    card = card_of(learner, quiz.question_ids[0])

    with (
        pytest.raises(ReviewRejected),
        django_capture_on_commit_callbacks(execute=True),
    ):
        record_review(learner, uuid.uuid4(), card.pk, ["no-such-option"])

    assert OutboxStatement.objects.count() == before


def test_backfill_queues_reviews_given_before_xapi_was_on(
    quiz, learner, django_capture_on_commit_callbacks, settings, capsys
):
    answered_earlier(learner, quiz)
    answer = reviewed(learner, quiz, django_capture_on_commit_callbacks)
    assert not OutboxStatement.objects.exists()
    store = RecordStore().start()
    settings.LMS_XAPI_ENDPOINT = store.endpoint
    try:
        with django_capture_on_commit_callbacks(execute=True):
            call_command("xapi_backfill", batch=1)
            call_command("xapi_backfill", stdout=io.StringIO())  # again: no change
    finally:
        store.stop()

    assert "1/1 reviews (100%)" in capsys.readouterr().out
    made = OutboxStatement.objects.order_by("seq")
    assert made.last().statement_id == answer.pk  # after the events it came after
    assert made.count() == 3  # two module answers, one review
    review = store.statements[str(answer.pk)]
    BaseXapiStatement(**review)
    assert review["context"]["contextActivities"]["category"] == [review_category()]
