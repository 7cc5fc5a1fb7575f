"""What a manager sees of spaced review: predicted recall on the heat-map, recall
per competency on a learner's page, and the week's review participation."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from lms.models import CompetencyRecall, Enrolment
from tests.builders.cohorts import enrol_learner, make_cohort
from tests.builders.pages import programme_of
from tests.builders.people import make_manager
from tests.builders.review import answer_in_module, days_ago, make_quiz, review
from tests.builders.web import cohort_url, section

pytestmark = pytest.mark.django_db
DASHBOARD_BUDGET = 12


@pytest.fixture
def quiz():
    return make_quiz(questions=3)


@pytest.fixture
def manager():
    return make_manager()


@pytest.fixture
def cohort(quiz, manager):
    return make_cohort(programme_of(quiz.module), managers=[manager])


@pytest.fixture
def manager_client(client, manager):
    client.force_login(manager)
    return client


def learner(cohort, name, quiz, answered_days_ago=None):
    enrolment = enrol_learner(cohort, name, first_name=name.capitalize())
    if answered_days_ago is not None:
        answer_in_module(enrolment.user, quiz, days_ago(answered_days_ago))
    return enrolment


def text(element):
    return re.sub(r"\s+", " ", element.get_text(" ")).strip()


def heat_rows(response):
    table = section(response, "heat-map-table")
    body = {
        text(row.find("th")): [text(td) for td in row.find_all("td")]
        for row in table.find("tbody").find_all("tr")
    }
    average = [text(td) for td in table.find("tfoot").find_all("td")]
    return body, average


def percent(share):
    return f"{round(100 * share)}%"


def test_the_heat_map_shows_predicted_recall_when_asked(manager_client, cohort, quiz):
    fresh = learner(cohort, "fresh", quiz, answered_days_ago=1)
    faded = learner(cohort, "faded", quiz, answered_days_ago=20)
    learner(cohort, "new", quiz)
    recall = {
        row.user_id: row
        for row in CompetencyRecall.objects.filter(
            user_id__in=Enrolment.objects.filter(cohort=cohort).values("user_id")
        )
    }

    response = manager_client.get(cohort_url("dashboard", cohort), {"heat": "recall"})

    body, average = heat_rows(response)
    assert body["Fresh"] == [percent(recall[fresh.user_id].recall)]
    assert body["Faded"] == [percent(recall[faded.user_id].recall)]
    assert body["New"] == ["–"]
    assert recall[faded.user_id].recall < recall[fresh.user_id].recall
    total = sum(r.recall_total for r in recall.values())
    assert average == [percent(total / sum(r.cards for r in recall.values()))]
    nav = section(response, "heat-map-section").find("nav")
    assert text(nav.find(attrs={"aria-current": "true"})) == "Predicted recall today"
    assert "As of" in text(section(response, "heat-map-section"))


def test_the_heat_map_shows_mastery_by_default_with_a_link_to_recall(
    manager_client, cohort, quiz
):
    learner(cohort, "faded", quiz, answered_days_ago=20)

    response = manager_client.get(cohort_url("dashboard", cohort))

    body, _average = heat_rows(response)
    assert body["Faded"] == ["100%"]  # every first answer was right
    link = section(response, "heat-map-section").find(
        "a", string="Predicted recall today"
    )
    assert "heat=recall" in link["href"]


def test_the_dashboard_shows_the_last_seven_days_of_review(
    manager_client, cohort, quiz
):
    keen = learner(cohort, "keen", quiz, answered_days_ago=20)
    lapsed = learner(cohort, "lapsed", quiz, answered_days_ago=20)
    learner(cohort, "idle", quiz)
    first, second, _third = quiz.question_ids
    review(keen.user, quiz, first, when=days_ago(1))
    review(keen.user, quiz, second, when=days_ago(2), correct=False)
    review(lapsed.user, quiz, first, when=days_ago(9))  # before the week

    response = manager_client.get(cohort_url("dashboard", cohort))

    figures = text(section(response, "review-participation-figures"))
    assert "1 of 3 learners reviewed (33%)" in figures
    assert "2 review answers" in figures
    assert "50% right" in figures


def test_a_learners_page_shows_recall_and_cards_due_per_competency(
    manager_client, cohort, quiz
):
    enrolment = learner(cohort, "olga", quiz)
    first, *rest = quiz.question_ids
    answer_in_module(enrolment.user, quiz, days_ago(10), [first], correct=False)
    answer_in_module(enrolment.user, quiz, days_ago(0), rest)
    row = CompetencyRecall.objects.get(user=enrolment.user)

    response = manager_client.get(cohort_url("learner", cohort, enrolment.pk))

    table = section(response, "recall-table")
    [cells] = [
        [text(cell) for cell in tr.find_all(["th", "td"])]
        for tr in table.find("tbody").find_all("tr")
    ]
    assert cells == [row.competency.name, percent(row.recall), "3", "1", "1"]


def test_a_learner_without_cards_is_told_why_there_is_no_recall(
    manager_client, cohort, quiz
):
    enrolment = learner(cohort, "nina", quiz)

    response = manager_client.get(cohort_url("learner", cohort, enrolment.pk))

    assert "No review cards yet" in text(section(response, "recall-section"))


def dashboard_queries(client, cohort):
    url = cohort_url("dashboard", cohort)
    client.get(url, {"heat": "recall"})  # warm caches
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url, {"heat": "recall"})
    assert section(response, "heat-map-table")
    assert section(response, "review-participation-figures")
    return len(queries)


def test_recall_and_participation_stay_within_the_dashboards_queries(
    manager_client, cohort, quiz
):
    for n in range(3):
        learner(cohort, f"small{n}", quiz, answered_days_ago=n + 1)
    small = dashboard_queries(manager_client, cohort)
    for n in range(12):
        enrolment = learner(cohort, f"large{n}", quiz, answered_days_ago=n + 1)
        review(enrolment.user, quiz, quiz.question_ids[0])

    assert dashboard_queries(manager_client, cohort) == small
    assert small <= DASHBOARD_BUDGET
