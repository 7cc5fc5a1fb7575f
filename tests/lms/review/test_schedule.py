"""Cards come from module answers; their FSRS state is the replay of their log."""

import uuid
from datetime import UTC, timedelta

import pytest
from django.test import override_settings
from fsrs import Card, Rating, Scheduler

from lms.models import ReviewAnswer, ReviewCard
from lms.progress.recording import record_events
from lms.review.answers import ReviewRejected, record_review
from tests.builders.review import (
    answer_in_module,
    card_of,
    days_ago,
    learner_in,
    make_quiz,
    review,
    schedule_of,
)

pytestmark = pytest.mark.django_db


def test_each_question_answered_in_a_module_becomes_one_card():
    quiz = make_quiz(questions=3)
    learner = learner_in(quiz)

    answer_in_module(learner, quiz, days_ago(1), quiz.question_ids[:2])
    answer_in_module(learner, quiz, days_ago(1), quiz.question_ids[:1], correct=False)

    cards = ReviewCard.objects.filter(user=learner)
    assert sorted(cards.values_list("question_id", flat=True)) == sorted(
        quiz.question_ids[:2]
    )
    assert card_of(learner, quiz.question_ids[0]).reviews == 2


def test_intervals_match_the_fsrs_package_for_a_known_sequence():
    quiz = make_quiz(questions=1)
    learner = learner_in(quiz)
    [question] = quiz.question_ids
    start = days_ago(30).replace(microsecond=0)
    answers = [(start, True), (start + timedelta(days=2), False)]
    answers += [(start + timedelta(days=3), True), (start + timedelta(days=5), True)]

    answer_in_module(learner, quiz, answers[0][0], [question], correct=answers[0][1])
    for when, correct in answers[1:]:
        review(learner, quiz, question, when=when, correct=correct)

    scheduler = Scheduler(
        desired_retention=0.9,
        learning_steps=(),
        relearning_steps=(),
        enable_fuzzing=False,
    )
    expected = Card(card_id=1, due=start.astimezone(UTC))
    for when, correct in answers:
        rating = Rating.Good if correct else Rating.Again
        expected, _log = scheduler.review_card(expected, rating, when.astimezone(UTC))
    card = card_of(learner, question)
    assert card.due == expected.due
    assert card.stability == pytest.approx(expected.stability)
    assert card.difficulty == pytest.approx(expected.difficulty)
    assert (card.state, card.reviews, card.lapses) == (int(expected.state), 4, 1)
    # Pass, fail, pass, pass: 2, 1, 2 and 6 days with fsrs 6.3's default weights.
    assert card.due - card.last_review == timedelta(days=6)


def test_duplicates_and_out_of_order_arrival_give_the_same_schedule():
    quiz = make_quiz(questions=1)
    [question] = quiz.question_ids
    start = days_ago(20)
    later = [(start + timedelta(days=2), False), (start + timedelta(days=5), True)]
    in_order, shuffled = learner_in(quiz), learner_in(quiz)
    ids = {learner.pk: [uuid.uuid4(), uuid.uuid4()] for learner in (in_order, shuffled)}

    answer_in_module(in_order, quiz, start, [question])
    for (when, correct), answer_id in zip(later, ids[in_order.pk], strict=True):
        review(in_order, quiz, question, when, correct, answer_id)

    events = answer_in_module(shuffled, quiz, start, [question])
    for (when, correct), answer_id in reversed(
        list(zip(later, ids[shuffled.pk], strict=True))
    ):
        review(shuffled, quiz, question, when, correct, answer_id)
    (when, correct), answer_id = later[0], ids[shuffled.pk][0]
    again = review(shuffled, quiz, question, when, correct, answer_id)
    record_events(shuffled, events)  # the module answer sent again

    assert again.created is False
    assert ReviewAnswer.objects.filter(user=shuffled).count() == 3
    assert schedule_of(card_of(shuffled, question)) == schedule_of(
        card_of(in_order, question)
    )


def test_the_same_answer_id_with_a_different_body_is_a_conflict():
    quiz = make_quiz(questions=1)
    [question] = quiz.question_ids
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(3), [question])
    answer_id = uuid.uuid4()
    review(learner, quiz, question, days_ago(1), True, answer_id)
    before = schedule_of(card_of(learner, question))

    with pytest.raises(ReviewRejected) as rejected:
        review(learner, quiz, question, days_ago(1), False, answer_id)

    assert rejected.value.status == 409
    assert schedule_of(card_of(learner, question)) == before


def test_someone_elses_card_or_an_unknown_option_is_refused():
    quiz = make_quiz(questions=1)
    [question] = quiz.question_ids
    owner, other = learner_in(quiz), learner_in(quiz)
    answer_in_module(owner, quiz, days_ago(3), [question])
    card = card_of(owner, question)

    with pytest.raises(ReviewRejected) as theirs:
        record_review(other, uuid.uuid4(), card.pk, quiz.questions[question][0])
    with pytest.raises(ReviewRejected) as unknown:
        record_review(owner, uuid.uuid4(), card.pk, ["no-such-option"])

    assert (theirs.value.status, unknown.value.status) == (404, 422)
    assert not ReviewAnswer.objects.filter(source="review").exists()


def test_a_programme_can_aim_for_a_lower_retention_and_wait_longer():
    quiz = make_quiz(questions=1)
    [question] = quiz.question_ids
    usual, relaxed = learner_in(quiz), learner_in(quiz)
    answer_in_module(usual, quiz, days_ago(30), [question])
    programme = card_of(usual, question).enrolment.programme_id

    with override_settings(LMS_REVIEW_RETENTION_BY_PROGRAMME={programme: 0.7}):
        answer_in_module(relaxed, quiz, days_ago(30), [question])

    def interval(learner):
        card = card_of(learner, question)
        return card.due - card.last_review

    assert interval(relaxed) > interval(usual)
