"""Reports → Forgetting rate: per question, the share of cards whose first review failed."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from lms.review.cards import retire_removed
from lms.review.forgetting import forgetting_rows
from lms.roles import TRAINERS
from tests.builders.events import Quiz
from tests.builders.pages import (
    make_course,
    make_programme,
    make_quiz_module,
    programme_of,
    question,
)
from tests.builders.people import make_manager, make_mentor, make_user
from tests.builders.review import (
    answer_in_module,
    days_ago,
    learner_in,
    make_quiz,
    review,
)
from tests.builders.web import csv_rows, section, xlsx_rows

pytestmark = pytest.mark.django_db

REPORT = reverse("lms_review:forgetting")
FORMULA = '=HYPERLINK("http://evil.example","Open")'


def reviewed(quiz, question_id, first_reviews, then=None):
    """One learner per item: a module answer, then a first review right (True) or not."""
    for right in first_reviews:
        learner = learner_in(quiz)
        answer_in_module(learner, quiz, days_ago(10), [question_id])
        review(learner, quiz, question_id, when=days_ago(5), correct=right)
        if then is not None:
            review(learner, quiz, question_id, when=days_ago(2), correct=then)


@pytest.fixture
def quiz():
    """Question 0 forgotten by 3 of 4, question 1 by 1 of 4, question 2 by all (retired)."""
    quiz = make_quiz(questions=3)
    first, second, third = quiz.question_ids
    reviewed(quiz, first, [False, False, False, True], then=True)
    reviewed(quiz, second, [True, True, False, True], then=False)
    reviewed(quiz, third, [False, False])
    never = learner_in(quiz)  # answered, not yet reviewed: not counted
    answer_in_module(never, quiz, days_ago(1), [first, second], correct=False)
    retire_removed(quiz.module.pk, [first, second])
    return quiz


def figures(rows):
    return [(row.prompt, row.reviewed, row.failed, row.percent_failed) for row in rows]


def test_the_share_failed_comes_from_first_reviews_worst_first(quiz):
    assert figures(forgetting_rows()) == [
        ("Question 0?", 4, 3, 75),
        ("Question 1?", 4, 1, 25),
    ]


def test_the_rows_read_cards_and_pages_never_the_review_log(quiz):
    with CaptureQueriesContext(connection) as queries:
        rows = forgetting_rows()

    assert len(rows) == 2
    assert len(queries) == 3
    assert not any("reviewanswer" in q["sql"].lower() for q in queries)


def test_each_row_names_its_module_course_and_programme(quiz):
    row = forgetting_rows()[0]
    course = quiz.module.get_parent()

    assert (row.module, row.course, row.programme) == (
        quiz.module.title,
        course.title,
        programme_of(quiz.module).title,
    )


def cells(response):
    table = section(response, "listing-results").find("table")
    return [
        [td.get_text(strip=True) for td in tr.find_all("td")]
        for tr in table.find("tbody").find_all("tr")
    ]


def test_a_trainer_sees_the_report(client, quiz):
    client.force_login(make_user("trainer", TRAINERS))

    response = client.get(REPORT)

    assert response.status_code == 200
    assert cells(response) == [
        [quiz.module.title, "Question 0?", "4", "3", "75%"],
        [quiz.module.title, "Question 1?", "4", "1", "25%"],
    ]


def test_the_report_is_in_the_trainers_reports_menu_only(client, quiz):
    client.force_login(make_user("trainer", TRAINERS))
    assert REPORT in client.get("/admin/").content.decode()

    client.force_login(make_mentor())
    assert REPORT not in client.get("/admin/").content.decode()


def test_a_learner_is_turned_away(client, quiz):
    client.force_login(learner_in(quiz))

    page = client.get(REPORT)
    script = client.get(REPORT, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert page.status_code == 302 and page.url.startswith("/admin/login/")
    assert script.status_code == 403


@pytest.mark.parametrize("make", [make_mentor, make_manager])
def test_mentors_and_managers_get_a_403(client, quiz, make):
    client.force_login(make())

    page = client.get(REPORT)
    script = client.get(REPORT, HTTP_X_REQUESTED_WITH="XMLHttpRequest")

    assert (page.status_code, page.url) == (302, "/admin/")
    assert script.status_code == 403


def test_the_report_filters_by_programme(client, quiz):
    other = make_programme(slug="other", title="Other programme")
    course = make_course(parent=other, slug="other-course")
    elsewhere = Quiz.of(make_quiz_module(parent=course, slug="other-quiz"))
    reviewed(elsewhere, elsewhere.question_ids[0], [False])
    client.force_login(make_user("trainer", TRAINERS))

    everything = cells(client.get(REPORT))
    only_other = cells(client.get(REPORT, {"programme": other.pk}))

    assert len(everything) == 3
    assert only_other == [[elsewhere.module.title, "Question 0?", "1", "1", "100%"]]


def formula_quiz():
    body = [("question", question(prompt=FORMULA, correct=(1,)))]
    return Quiz.of(make_quiz_module(body=body))


def test_the_csv_export_neutralises_a_prompt_that_reads_as_a_formula(client):
    quiz = formula_quiz()
    reviewed(quiz, quiz.question_ids[0], [False, True])
    client.force_login(make_user("trainer", TRAINERS))

    response = client.get(REPORT, {"export": "csv"})

    assert response["Content-Type"].startswith("text/csv")
    assert csv_rows(response) == [
        {
            "Programme": programme_of(quiz.module).title,
            "Course": quiz.module.get_parent().title,
            "Module": quiz.module.title,
            "Question": "'" + FORMULA,
            "Cards reviewed": "2",
            "First review failed": "1",
            "First review failed (%)": "50",
        }
    ]


def test_the_xlsx_export_keeps_the_prompt_as_text(client):
    quiz = formula_quiz()
    reviewed(quiz, quiz.question_ids[0], [False])
    client.force_login(make_user("trainer", TRAINERS))

    (row,) = xlsx_rows(client.get(REPORT, {"export": "xlsx"}))

    assert (row["Question"], row["First review failed (%)"]) == (FORMULA, 100)
