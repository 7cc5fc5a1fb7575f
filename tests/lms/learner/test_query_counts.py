"""Learner pages cost the same number of queries whatever the size of the course."""

from datetime import timedelta

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.models import CompetencyMastery, LearningDay
from tests.builders.assessment_mentor import focus_on, make_mentee_scene, rated_round
from tests.builders.cohorts import enrol_in
from tests.builders.events import Quiz
from tests.builders.pages import (
    block_ids,
    make_competency,
    make_course,
    make_learning_module,
    make_module,
    make_programme,
)
from tests.builders.people import make_learner
from tests.builders.progress import complete_rollups, make_progress, mastery
from tests.builders.review import answer_in_module
from tests.builders.time_audit import log_week, weeks_back
from tests.builders.web import EagerClient, form_data, option_value, section

pytestmark = pytest.mark.django_db

MODULE_PAGE_BUDGET = 12
HOME_BUDGET = 12
COURSE_PAGE_BUDGET = 12


def course_of(size):
    """A programme with one course of `size` modules; the first is the interactive one."""
    programme = make_programme(slug=f"programme-{size}")
    course = make_course(parent=programme)
    first = make_learning_module(parent=course, slug="m0")
    for n in range(1, size):
        make_module(parent=course, slug=f"m{n}", title=f"Module {n}")
    return course, first


def queries_for(client, url):
    """The number of queries of the second request; the first warms one-off caches."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), response.content.decode()


@pytest.fixture
def module_page_queries(client, django_capture_on_commit_callbacks):
    """Queries for a learner's view of the first module, having answered one question."""

    def measure(size):
        course, module = course_of(size)
        learner = make_learner(f"learner{size}")
        enrol_in(learner, module)
        learner_client = EagerClient(client, django_capture_on_commit_callbacks)
        learner_client.client.force_login(learner)
        question_id = block_ids(module, "question")[0]
        block = section(learner_client.get(module.url), f"question-{question_id}")
        url, data = form_data(block)
        data["chosen"] = option_value(block, "Option 1")
        learner_client.post(url, data)
        count, html = queries_for(learner_client.client, module.url)
        assert "Right answer." in html
        return count

    return measure


@pytest.fixture
def home_queries(client):
    """Queries for "My learning" of a learner part way through a programme."""

    def measure(size):
        course, _first = course_of(size)
        modules = list(course.get_children().specific().order_by("path"))
        learner = make_learner(f"learner{size}")
        enrolment = enrol_in(learner, course)
        complete_rollups(enrolment, course, modules[:3])
        make_progress(learner, modules[3])
        CompetencyMastery.objects.create(
            user=learner, competency=make_competency(), answered=3, correct=2
        )
        for back in range(3):
            LearningDay.objects.create(
                user=learner,
                day=timezone.localdate() - timedelta(days=back),
                seconds=300,
            )
        client.force_login(learner)
        count, html = queries_for(client, "/learn/")
        assert f"3 of {size} modules" in html
        return count

    return measure


@pytest.fixture
def course_page_queries(client):
    """Queries for the course page of a learner with three modules done, one begun."""

    def measure(size):
        course, _first = course_of(size)
        modules = list(course.get_children().specific().order_by("path"))
        learner = make_learner(f"learner{size}")
        enrolment = enrol_in(learner, course)
        complete_rollups(enrolment, course, modules[:3])
        make_progress(learner, modules[3])
        client.force_login(learner)
        count, html = queries_for(client, course.url)
        assert html.count('<li class="card') == size
        assert (html.count("✓ Done"), html.count(">In progress<")) == (3, 1)
        return count

    return measure


def test_course_page_costs_the_same_for_5_and_80_modules(course_page_queries):
    small = course_page_queries(5)
    large = course_page_queries(80)

    assert small == large


def test_course_page_stays_within_its_query_budget(course_page_queries):
    assert course_page_queries(80) <= COURSE_PAGE_BUDGET


def test_module_page_costs_the_same_for_5_and_80_modules(module_page_queries):
    small = module_page_queries(5)
    large = module_page_queries(80)

    assert small == large


def test_module_page_stays_within_its_query_budget(module_page_queries):
    assert module_page_queries(80) <= MODULE_PAGE_BUDGET


def test_my_learning_costs_the_same_for_5_and_80_modules(home_queries):
    small = home_queries(5)
    large = home_queries(80)

    assert small == large


def test_my_learning_with_every_panel_stays_within_its_budget(client):
    """Review cards, a rated round with two focus gaps weighed by evidence, and
    this week's time audit: the panels share what they read."""
    scene = make_mentee_scene()
    quiz = Quiz.of(scene.programme.quiz)
    answer_in_module(scene.learner, quiz, timezone.now() - timedelta(days=3))
    rated_round(scene.enrolment, {scene.programme.de_escalation: 2})
    focus_on(scene.enrolment, scene.programme.de_escalation, scene.programme.coaching)
    mastery(scene.learner, scene.programme.coaching, answered=4, correct=1)
    log_week(scene.learner, weeks_back(0))
    client.force_login(scene.learner)

    count, html = queries_for(client, "/learn/")

    panels = ("review-heading", "assessment-heading", "time-audit-heading")
    assert all(f'id="{panel}"' in html for panel in panels)
    assert "Continue: Module b0" in html  # the weaker focus, coaching, first
    assert count <= HOME_BUDGET
