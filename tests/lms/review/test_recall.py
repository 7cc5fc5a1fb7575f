"""Predicted recall per learner and competency, the review-day counts, and the
first review of each card: the roll-ups managers' pages read."""

import io
import uuid

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone
from fsrs import Card, Scheduler, State

from lms.models import CompetencyRecall, ReviewCard, ReviewDay
from lms.review.cards import retire_removed
from lms.review.recall import refresh_everyone, refresh_recall
from tasks.review import refresh_recall as nightly_refresh
from tests.builders.review import (
    answer_in_module,
    card_of,
    days_ago,
    learner_in,
    make_quiz,
    review,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def quiz():
    return make_quiz(questions=3)


def package_recall(cards, when):
    """The fsrs package's own retrievability of each card, summed."""
    fsrs = Scheduler(learning_steps=(), relearning_steps=(), enable_fuzzing=False)
    return sum(
        fsrs.get_card_retrievability(
            Card(
                state=State(card.state),
                stability=card.stability,
                difficulty=card.difficulty,
                due=card.due,
                last_review=card.last_review,
            ),
            when,
        )
        for card in cards
    )


def answered_three_ways(quiz):
    """Question 0 wrong ten days ago (overdue), 1 and 2 right just now (not due)."""
    learner = learner_in(quiz)
    first, *rest = quiz.question_ids
    answer_in_module(learner, quiz, days_ago(10), [first], correct=False)
    answer_in_module(learner, quiz, days_ago(0), rest)
    return learner


def test_an_applied_module_answer_gives_the_learner_recall_as_the_package_predicts(
    quiz,
):
    learner = learner_in(quiz)
    answer_in_module(learner, quiz, days_ago(3))

    row = CompetencyRecall.objects.get(user=learner)
    expected = package_recall(ReviewCard.objects.filter(user=learner), row.as_of)
    assert row.competency == quiz.module.competencies.get()
    assert row.cards == 3
    assert row.recall_total == pytest.approx(expected)
    assert 0.5 < row.recall < 1  # three days on, a first right answer fades


def test_due_and_overdue_cards_are_counted_per_competency(quiz):
    learner = answered_three_ways(quiz)

    row = CompetencyRecall.objects.get(user=learner)

    assert (row.cards, row.due, row.overdue) == (3, 1, 1)


def test_retired_cards_leave_the_roll_up_and_a_competency_without_cards_goes(quiz):
    learner = answered_three_ways(quiz)
    first, *rest = quiz.question_ids

    retire_removed(quiz.module.pk, rest)
    refresh_recall([learner.pk])
    assert CompetencyRecall.objects.get(user=learner).cards == 2
    assert CompetencyRecall.objects.get(user=learner).overdue == 0

    retire_removed(quiz.module.pk, [])
    refresh_recall([learner.pk])
    assert not CompetencyRecall.objects.filter(user=learner).exists()


def test_a_refresh_again_rewrites_the_rows_it_does_not_add_to_them(quiz):
    learner = answered_three_ways(quiz)
    before = CompetencyRecall.objects.get(user=learner)

    refresh_recall([learner.pk])
    refresh_recall([learner.pk])

    after = CompetencyRecall.objects.get(user=learner)
    assert (after.cards, after.due, after.overdue) == (3, 1, 1)
    assert after.as_of > before.as_of
    assert after.recall_total == pytest.approx(before.recall_total, abs=1e-3)


def test_a_review_answer_is_counted_on_its_day_once_and_refreshes_recall(quiz):
    learner = answered_three_ways(quiz)
    first, second, _third = quiz.question_ids
    before = CompetencyRecall.objects.get(user=learner)
    answer_id = uuid.uuid4()

    review(learner, quiz, first, answer_id=answer_id)
    review(learner, quiz, first, answer_id=answer_id)  # a retry
    review(learner, quiz, second, correct=False)

    [day] = ReviewDay.objects.filter(user=learner)
    assert (day.answers, day.correct) == (2, 1)
    after = CompetencyRecall.objects.get(user=learner)
    assert after.as_of > before.as_of
    assert after.overdue == 0  # the overdue card was just reviewed


def test_an_answer_given_offline_yesterday_counts_on_yesterday(quiz):
    learner = answered_three_ways(quiz)

    review(learner, quiz, quiz.question_ids[0], when=days_ago(1))

    [day] = ReviewDay.objects.filter(user=learner)
    assert day.day == timezone.localdate(days_ago(1))
    assert day.day < timezone.localdate()


def test_a_cards_first_review_is_kept_in_time_order_not_arrival_order(quiz):
    learner = answered_three_ways(quiz)
    question = quiz.question_ids[0]
    assert card_of(learner, question).first_review_correct is None

    review(learner, quiz, question, when=days_ago(2), correct=False)
    assert card_of(learner, question).first_review_correct is False

    review(learner, quiz, question, when=days_ago(3), correct=True)  # arrives late
    assert card_of(learner, question).first_review_correct is True


def test_the_nightly_refresh_goes_through_every_learner_in_batches(quiz):
    learners = [answered_three_ways(quiz) for _ in range(3)]
    CompetencyRecall.objects.all().delete()
    seen = []

    assert refresh_everyone(batch=2, progress=seen.append) == 3

    assert seen == [2, 3]
    assert CompetencyRecall.objects.filter(user__in=learners).count() == 3
    CompetencyRecall.objects.all().delete()
    assert nightly_refresh.apply().get() == 3
    assert CompetencyRecall.objects.count() == 3


def test_the_command_shows_progress_and_refuses_a_batch_of_nothing(quiz):
    answered_three_ways(quiz)
    answered_three_ways(quiz)
    out = io.StringIO()

    call_command("refresh_recall", "--batch", "1", stdout=out)

    lines = out.getvalue().splitlines()
    assert lines[0].endswith("1 of 2 learners (50%)")
    assert lines[1].endswith("2 of 2 learners (100%)")
    assert lines[-1] == "Refreshed the recall of 2 learners."
    with pytest.raises(CommandError, match="at least 1"):
        call_command("refresh_recall", "--batch", "0")
