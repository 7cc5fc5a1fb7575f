"""Nightly snapshots keep a cohort's headline figures, one row per cohort a night."""

from datetime import timedelta

import pytest
from django.utils import timezone

from courses.models import ModulePage
from lms.cohorts.dashboard import cohort_dashboard, running_cohorts
from lms.cohorts.snapshots import snapshot_running_cohorts, take_snapshot
from lms.models import CohortSnapshot, CompetencyMastery
from tests.builders.cohorts import days_ago, join, make_open_cohort
from tests.builders.events import Quiz
from tests.builders.pages import make_competency, make_programme_of
from tests.builders.people import make_user
from tests.builders.progress import answer

pytestmark = pytest.mark.django_db


def master(enrolment, competency, answered, correct):
    CompetencyMastery.objects.create(
        user=enrolment.user, competency=competency, answered=answered, correct=correct
    )


@pytest.fixture
def cohort():
    """Four modules, half-way through: one learner done, two behind and idle."""
    cohort = make_open_cohort(
        make_programme_of(courses=2, modules=2), behind_threshold=1
    )
    done = join(cohort, modules_completed=4, last_activity_at=days_ago(1))
    lapsed = join(cohort, modules_completed=0, last_activity_at=days_ago(10))
    join(cohort, modules_completed=0, last_activity_at=None)
    listening = make_competency(name="Listening", slug="listening")
    master(done, make_competency(), answered=4, correct=3)
    master(lapsed, make_competency(), answered=4, correct=1)
    master(done, listening, answered=2, correct=2)
    return cohort


def test_a_snapshot_holds_the_dashboards_figures(cohort):
    today = timezone.localdate()

    snapshot = take_snapshot(cohort, today)

    assert snapshot.taken_on == today
    assert (snapshot.learners, snapshot.completion) == (3, 33)
    assert (snapshot.active_learners, snapshot.behind, snapshot.at_risk) == (1, 0, 2)
    assert snapshot.mastery == {"de-escalation": 0.5, "listening": 1.0}


def test_taking_a_snapshot_twice_a_night_leaves_one_row_with_the_latest_figures(
    cohort,
):
    today = timezone.localdate()
    take_snapshot(cohort, today)
    join(cohort, modules_completed=4, last_activity_at=days_ago(0))

    take_snapshot(cohort, today)

    snapshot = CohortSnapshot.objects.get(cohort=cohort)
    assert (snapshot.learners, snapshot.active_learners) == (4, 2)


def test_each_night_adds_a_row_for_the_trend(cohort):
    today = timezone.localdate()

    take_snapshot(cohort, today - timedelta(days=1))
    take_snapshot(cohort, today)

    taken = CohortSnapshot.objects.filter(cohort=cohort).values_list("taken_on")
    assert [day for (day,) in taken] == [today - timedelta(days=1), today]


def test_running_cohorts_are_those_started_and_ended_at_most_a_week_ago():
    programme = make_programme_of()
    today = timezone.localdate()
    week = timedelta(days=7)
    running = make_open_cohort(programme, name="Running")
    just_over = make_open_cohort(
        programme, name="Ended a week ago", end_date=today - week
    )
    make_open_cohort(
        programme, name="Ended longer ago", end_date=today - week - week / 7
    )
    make_open_cohort(programme, name="Not started", start_date=today + week)

    assert set(running_cohorts(today)) == {running, just_over}


def test_the_nightly_job_snapshots_every_running_cohort_once(cohort):
    ended = make_open_cohort(
        cohort.programme,
        name="Long over",
        start_date=timezone.localdate() - timedelta(days=90),
        end_date=timezone.localdate() - timedelta(days=30),
    )
    today = timezone.localdate()

    assert snapshot_running_cohorts(today) == 1
    assert snapshot_running_cohorts(today) == 1

    assert CohortSnapshot.objects.filter(cohort=cohort).count() == 1
    assert not CohortSnapshot.objects.filter(cohort=ended).exists()


def first_quiz():
    return Quiz.of(ModulePage.objects.get(slug="quiz-0"))


def everyone_misses(cohort, quiz, question_id):
    """Each learner of the cohort picks the question's first wrong option."""
    _right, wrong = quiz.questions[question_id]
    for enrolment in cohort.enrolments.select_related("user"):
        answer(enrolment.user, quiz.module, question_id, wrong[0], False)


def test_a_snapshot_keeps_the_most_missed_questions_as_they_read_that_night(cohort):
    quiz = first_quiz()
    first = quiz.question_ids[0]
    everyone_misses(cohort, quiz, first)
    right, _wrong = quiz.questions[first]
    answer(make_user(), quiz.module, first, right[0], True)  # not in the cohort

    snapshot = take_snapshot(cohort, timezone.localdate())

    assert snapshot.missed == [
        {
            "question_id": first,
            "module_id": quiz.module.pk,
            "module_title": quiz.module.title,
            "prompt": "Question 0?",
            "answers": 3,
            "correct": 0,
            "wrong_option": "Option 0",
            "wrong_option_count": 3,
        }
    ]


def test_the_dashboard_shows_the_newest_snapshots_most_missed_questions(cohort):
    quiz = first_quiz()
    first, second, third = quiz.question_ids
    today = timezone.localdate()
    everyone_misses(cohort, quiz, first)
    take_snapshot(cohort, today - timedelta(days=2), now=days_ago(2))
    everyone_misses(cohort, quiz, second)
    take_snapshot(cohort, today - timedelta(days=1), now=days_ago(1))
    everyone_misses(cohort, quiz, third)  # after the last snapshot: not shown yet

    dashboard = cohort_dashboard(cohort)

    assert {q.question_id for q in dashboard.missed} == {first, second}
    assert {q.module.title for q in dashboard.missed} == {quiz.module.title}
    assert dashboard.latest_snapshot.taken_on == today - timedelta(days=1)
