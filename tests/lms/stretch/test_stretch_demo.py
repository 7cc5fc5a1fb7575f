"""The demo data gives learner1 a stretch project from the imported curriculum."""

import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings

from lms.demo import DEMO_COHORT, DEMO_TEMPLATE
from lms.models import Cohort, Enrolment, StretchAssignment
from tests.builders.pages import make_catalog

pytestmark = pytest.mark.django_db

CONTENT = Path(__file__).resolve().parents[3] / "content"


def load_demo():
    out = io.StringIO()
    with override_settings(DEBUG=True):
        call_command("load_demo", stdout=out)
    return out.getvalue()


@pytest.fixture
def curriculum():
    make_catalog()
    call_command(
        "import_curriculum", str(CONTENT), stdout=io.StringIO(), stderr=io.StringIO()
    )


def test_learner1_gets_a_started_project_with_the_demo_mentor(curriculum):
    out = load_demo()

    project = StretchAssignment.objects.get(learner__username="learner1")
    assert project.template.slug == DEMO_TEMPLATE
    assert project.mentor.username == "mentor"
    assert project.assigned_by.username == "manager"
    assert project.status == StretchAssignment.Status.IN_PROGRESS
    assert [m.done for m in project.milestones.all()][:2] == [True, False]
    assert project.milestones.filter(done_at__isnull=False).count() == 1
    assert project.criteria.exists() and project.competencies.exists()
    assert f"Stretch project for learner1: {project.title}" in out


def test_the_demo_cohort_is_run_by_the_demo_manager_and_mentor(curriculum):
    load_demo()

    cohort = Cohort.objects.get(name=DEMO_COHORT)
    assert list(cohort.managers.values_list("username", flat=True)) == ["manager"]
    assert list(cohort.mentors.values_list("username", flat=True)) == ["mentor"]
    assert sorted(
        Enrolment.objects.filter(cohort=cohort).values_list("user__username", flat=True)
    ) == ["learner1", "learner2", "learner3"]


def test_a_second_run_adds_nothing(curriculum):
    load_demo()
    first = StretchAssignment.objects.get()

    out = load_demo()

    assert StretchAssignment.objects.get() == first
    assert Cohort.objects.filter(name=DEMO_COHORT).count() == 1
    assert first.milestones.filter(done_at__isnull=False).count() == 1
    assert f"Stretch project for learner1: {first.title}" in out


def test_without_a_curriculum_the_demo_has_accounts_but_no_project():
    out = load_demo()

    assert not StretchAssignment.objects.exists()
    assert not Cohort.objects.exists()
    assert "learner1" in out and "Stretch project" not in out
