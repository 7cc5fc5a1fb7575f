"""The most-missed questions count daily-review answers too, and say which they are."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.cohorts.missed_questions import MissedQuestion, answer_sources, most_missed
from lms.cohorts.snapshots import take_snapshot
from lms.enrolment.services import enrol
from lms.review.missed import review_counts
from tests.builders.cohorts import join, make_open_cohort
from tests.builders.events import Quiz
from tests.builders.pages import make_course, make_programme, make_quiz_module
from tests.builders.people import make_learner, make_manager
from tests.builders.review import (
    answer_in_module,
    days_ago,
    learner_in,
    make_quiz,
    review,
)
from tests.builders.web import cohort_url, section

pytestmark = pytest.mark.django_db

OLD_ENTRY = {
    "question_id": "q-1",
    "module_id": 7,
    "module_title": "The first minute",
    "prompt": "Who speaks first?",
    "answers": 4,
    "correct": 1,
    "wrong_option": "Option 2",
    "wrong_option_count": 2,
}


@pytest.fixture
def quiz():
    return make_quiz(questions=3)


@pytest.fixture
def cohort(quiz):
    return make_open_cohort(quiz.module.get_parent().get_parent().specific)


def learners(cohort, count):
    return [join(cohort, make_learner()).user for _ in range(count)]


def answered(learner, quiz, question, on_page=True, reviews=()):
    """The learner answers on the module page, then once per item of `reviews`."""
    answer_in_module(learner, quiz, days_ago(20), [question], correct=on_page)
    for n, right in enumerate(reviews):
        review(learner, quiz, question, when=days_ago(10 - n), correct=right)


def by_question(missed):
    return {question.question_id: question for question in missed}


def test_review_answers_are_counted_apart_from_module_answers(quiz, cohort):
    first = quiz.question_ids[0]
    for learner, right in zip(learners(cohort, 3), (False, False, True), strict=True):
        answered(learner, quiz, first, reviews=[right])

    (missed,) = most_missed(cohort)

    assert (missed.question_id, missed.answers, missed.correct) == (first, 3, 3)
    assert (missed.review_answers, missed.review_correct) == (3, 1)
    assert (missed.review_percent_correct, missed.all_percent_correct) == (33, 67)
    assert (missed.wrong_option, missed.wrong_option_count) == ("Option 0", 2)
    stored = missed.as_json()
    assert (stored["review_answers"], stored["review_correct"]) == (3, 1)


def test_the_dashboard_marks_the_review_figures_in_words(client, quiz, cohort):
    first = quiz.question_ids[0]
    for learner, right in zip(learners(cohort, 3), (False, True, True), strict=True):
        answered(learner, quiz, first, on_page=False, reviews=[right, False])
    take_snapshot(cohort, days_ago(0).date())
    client.force_login(make_manager(cohorts=[cohort]))

    table = section(client.get(cohort_url("dashboard", cohort)), "most-missed-table")

    cells = [
        re.sub(r"\s+", " ", td.get_text(" ")).strip()
        for td in table.find("tbody").find("tr").find_all("td")
    ]
    assert cells == [
        "Question 0?",
        quiz.module.title,
        "0% In review: 33% of 6",
        "3",
        "Option 0 (7)",
    ]


def test_a_question_missed_only_in_review_ranks_first(quiz, cohort):
    forgotten, shaky = quiz.question_ids[:2]
    group = learners(cohort, 3)
    for learner in group:
        answered(learner, quiz, forgotten, reviews=[False, False])
    for learner, right in zip(group, (True, True, False), strict=True):
        answered(learner, quiz, shaky, on_page=right)

    missed = most_missed(cohort)

    assert [q.question_id for q in missed] == [forgotten, shaky]
    assert [q.percent_correct for q in missed] == [100, 67]
    assert [q.all_percent_correct for q in missed] == [33, 67]


def test_the_minimum_of_answers_counts_review_answers_too(quiz, cohort):
    enough, too_few = quiz.question_ids[:2]
    (learner,) = learners(cohort, 1)
    answered(learner, quiz, enough, reviews=[False, False])
    answered(learner, quiz, too_few, reviews=[False])

    assert [(q.question_id, q.all_answers) for q in most_missed(cohort)] == [
        (enough, 3)
    ]


def test_an_old_snapshot_without_review_figures_still_reads():
    missed = MissedQuestion.from_json(OLD_ENTRY)

    assert (missed.review_answers, missed.review_correct) == (0, 0)
    assert (missed.review_percent_correct, missed.percent_correct) == (0, 25)
    assert missed.all_percent_correct == 25
    assert missed.as_json() == OLD_ENTRY


def queries_of_most_missed(cohort):
    with CaptureQueriesContext(connection) as queries:
        found = most_missed(cohort)
    assert found, "the list must be worked out in full to count its queries"
    return len(queries)


def test_the_list_costs_the_same_queries_whatever_the_cohorts_size(quiz):
    programme = quiz.module.get_parent().get_parent().specific
    small, large = make_open_cohort(programme), make_open_cohort(programme)
    for cohort, size in ((small, 2), (large, 6)):
        for learner in learners(cohort, size):
            for question in quiz.question_ids:
                answered(learner, quiz, question, reviews=[False, True])
    most_missed(small)  # anything cached on a first call is cached now

    budget = 2 * (1 + len(answer_sources())) + 1
    assert queries_of_most_missed(small) == queries_of_most_missed(large) == budget


def other_programme_quiz():
    programme = make_programme(slug="other", title="Other programme")
    course = make_course(parent=programme, slug="other-course")
    return Quiz.of(make_quiz_module(parent=course, slug="other-quiz", questions=1))


def test_review_answers_from_outside_the_cohort_or_programme_are_left_out(quiz, cohort):
    first = quiz.question_ids[0]
    group = learners(cohort, 3)
    for learner in group:
        answered(learner, quiz, first, reviews=[True])
    outsider = learner_in(quiz)  # same programme, no cohort
    answered(outsider, quiz, first, reviews=[False, False])
    other = other_programme_quiz()
    enrol(group[0], other.module.get_parent().get_parent().specific)
    answered(group[0], other, other.question_ids[0], reviews=[False, False])

    assert review_counts(cohort) == {(quiz.module.pk, first): (3, 3)}
    (missed,) = most_missed(cohort, min_answers=1)
    assert (missed.question_id, missed.review_answers, missed.review_correct) == (
        first,
        3,
        3,
    )
