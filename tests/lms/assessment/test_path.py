"""The path: My learning's next up goes to the weakest open focus gap's first
module not done and open, then in programme order; with no focus, the default.

The programme: course A (a0-a2) builds de-escalation, course B (b0-b2) coaching.
"""

from datetime import timedelta

import pytest
from django.utils import timezone

import lms.assessment.hooks  # noqa: F401 - registers the next-up hook
from courses.outline import programme_outline
from lms.assessment.path import focus_next_up
from lms.learner.home import learner_home
from lms.models import Cohort, ModuleProgress
from tests.builders.assessment_mentor import focus_on, make_mentee_scene, rated_round
from tests.builders.progress import make_progress, mastery

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return make_mentee_scene()


def next_up(scene):
    (row,) = learner_home(scene.learner)["programmes"]
    return row.next_module.slug


def complete(scene, *slugs):
    for slug in slugs:
        make_progress(
            scene.learner,
            module_page(scene, slug),
            status=ModuleProgress.Status.COMPLETED,
        )


def module_page(scene, slug):
    return scene.programme.page.get_descendants().get(slug=f"programme-{slug}").specific


def test_the_weaker_focus_comes_first_whatever_the_programme_order(scene):
    focus_on(scene.enrolment, scene.programme.de_escalation, scene.programme.coaching)
    mastery(scene.learner, scene.programme.de_escalation, answered=4, correct=4)
    mastery(scene.learner, scene.programme.coaching, answered=4, correct=1)

    assert next_up(scene) == "programme-b0"


def test_the_order_follows_the_evidence_not_the_choice(scene):
    focus_on(scene.enrolment, scene.programme.coaching, scene.programme.de_escalation)
    mastery(scene.learner, scene.programme.de_escalation, answered=4, correct=0)
    mastery(scene.learner, scene.programme.coaching, answered=4, correct=3)

    assert next_up(scene) == "programme-a0"


def test_without_evidence_the_learners_own_rating_decides(scene):
    focus_on(scene.enrolment, scene.programme.de_escalation, scene.programme.coaching)
    rated_round(
        scene.enrolment,
        {scene.programme.de_escalation: 3, scene.programme.coaching: 1},
    )

    assert next_up(scene) == "programme-b0"


def test_completed_modules_are_skipped(scene):
    focus_on(scene.enrolment, scene.programme.coaching)
    complete(scene, "b0", "b1")

    assert next_up(scene) == "programme-b2"


def test_when_the_weakest_focus_is_done_the_next_focus_follows(scene):
    focus_on(scene.enrolment, scene.programme.de_escalation, scene.programme.coaching)
    mastery(scene.learner, scene.programme.de_escalation, answered=4, correct=4)
    mastery(scene.learner, scene.programme.coaching, answered=4, correct=0)
    complete(scene, "b0", "b1", "b2", "a0")

    assert next_up(scene) == "programme-a1"


def test_everything_of_the_focus_done_gives_no_answer(scene):
    focus_on(scene.enrolment, scene.programme.coaching)
    complete(scene, "b0", "b1", "b2")
    modules, progress = home_inputs(scene)

    assert focus_next_up(scene.enrolment, modules, progress) is None
    assert next_up(scene) == "programme-a0"  # the default order


def test_no_open_focus_leaves_the_default_order(scene):
    [gap] = focus_on(scene.enrolment, scene.programme.coaching)
    gap.closed_at = timezone.now()
    gap.save()
    modules, progress = home_inputs(scene)
    make_progress(scene.learner, module_page(scene, "a2"))

    assert focus_next_up(scene.enrolment, modules, progress) is None
    assert next_up(scene) == "programme-a2"  # the default resumes the last touched


def test_a_module_closed_by_weekly_pacing_is_not_picked():
    scene = make_mentee_scene(
        pacing=Cohort.Pacing.WEEKLY, start_date=timezone.localdate()
    )
    focus_on(scene.enrolment, scene.programme.de_escalation, scene.programme.coaching)
    mastery(scene.learner, scene.programme.coaching, answered=4, correct=0)
    mastery(scene.learner, scene.programme.de_escalation, answered=4, correct=3)

    # Coaching is weaker, but course B opens next week.
    assert next_up(scene) == "programme-a0"

    Cohort.objects.filter(pk=scene.cohort.pk).update(
        start_date=timezone.localdate() - timedelta(weeks=1)
    )
    assert next_up(scene) == "programme-b0"


def home_inputs(scene):
    """The modules and progress My learning hands the hook, read the same way."""
    modules = programme_outline(scene.programme.page).modules
    progress = {
        p.module_id: p for p in ModuleProgress.objects.filter(user=scene.learner)
    }
    return modules, progress
