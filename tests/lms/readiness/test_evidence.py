"""A cohort's profiles read each source of evidence, from roll-ups and ratings:
only the programme's competencies, only shared time-audit weeks, only the newest
judgements, and nothing absent counted as zero."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.models import AuditProfile
from lms.readiness import scores
from lms.readiness.evidence import evidence_for_cohort
from lms.readiness.models import ReadinessSettings
from tests.builders.pages import make_competency
from tests.builders.readiness import (
    completed_round,
    learner_in,
    logged_weeks,
    make_readiness_scene,
    measured,
    rate_all,
    review_again,
    reviewed_project,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return make_readiness_scene()


def profile_of(scene, enrolment=None, cohort=None):
    evidence = evidence_for_cohort(cohort or scene.cohort)
    enrolment = enrolment or scene.enrolment
    return next(p for p in evidence.profiles if p.enrolment_id == enrolment.pk)


def test_a_learner_with_no_evidence_is_not_placed(scene):
    profile = profile_of(scene)

    assert profile.performance_score is None and profile.potential_score is None
    assert profile.boxes is None and profile.placed_by == ""


def test_first_answers_and_recall_pool_over_the_programmes_competencies(scene):
    programme = scene.programme
    measured(scene.enrolment, programme.de_escalation, 10, 9, cards=2, recall=1.0)
    measured(scene.enrolment, programme.coaching, 10, 5, cards=2, recall=1.4)
    # A competency no module of this programme teaches is not its evidence.
    measured(scene.enrolment, make_competency(name="Excel", slug="excel"), 10, 0)

    figures = profile_of(scene).performance

    assert figures[scores.MASTERY] == pytest.approx(70.0)  # 14 of 20
    assert figures[scores.RECALL] == pytest.approx(60.0)  # 2.4 over 4 cards
    assert figures[scores.SCHEDULE] is None  # the cohort started today


def test_modules_on_schedule_against_the_cohorts_pacing():
    # Halfway through an all-open cohort of six modules: three are due.
    today = timezone.localdate()
    scene = make_readiness_scene(
        start_date=today - timedelta(days=30), end_date=today + timedelta(days=30)
    )
    scene.enrolment.modules_completed = 2
    scene.enrolment.save()

    assert profile_of(scene).performance[scores.SCHEDULE] == pytest.approx(66.67, 0.01)


def test_a_project_counts_through_its_latest_approving_review(scene):
    project = reviewed_project(scene.enrolment, [1, 1])
    review_again(project, [4, 3])
    sent_back = reviewed_project(scene.enrolment, [1, 1], outcome="changes")

    figures = profile_of(scene).performance

    # Mean 3.5 of the latest approval -> (3.5 - 1) / 3; the sent-back one is not rated.
    assert figures[scores.STRETCH] == pytest.approx(250 / 3)
    assert sent_back.reviews.count() == 1


def test_a_project_of_another_cohort_is_not_this_cohorts_evidence(scene):
    reviewed_project(scene.enrolment, [4, 4], cohort=scene.other_cohort)

    assert profile_of(scene).performance[scores.STRETCH] is None


def test_sacred_time_counts_only_weeks_shared_with_the_mentor(scene):
    logged_weeks(scene.learner, [True, True, False, True])
    logged_weeks(scene.other_enrolment.user, [True, True, True], shared=False)

    assert profile_of(scene).performance[scores.SACRED] == 50.0  # two weeks of four
    other = profile_of(scene, scene.other_enrolment)
    assert other.performance[scores.SACRED] is None


def test_a_profile_that_shares_every_week_shares_them_all(scene):
    logged_weeks(scene.learner, [True, True, True, True], shared=False)
    AuditProfile.objects.filter(user=scene.learner).update(share_always=True)

    assert profile_of(scene).performance[scores.SACRED] == 100.0


def test_sacred_time_is_not_shared_without_a_mentor(scene):
    lone = learner_in(scene.cohort, None, "dee")
    logged_weeks(lone.user, [True, True])

    assert profile_of(scene, lone).performance[scores.SACRED] is None


def test_sacred_time_without_a_goal_is_no_figure(scene):
    logged_weeks(scene.learner, [True], goal=0)

    assert profile_of(scene).performance[scores.SACRED] is None


def test_each_roles_newest_trait_rating_counts(scene):
    rate_all(scene.enrolment, scene.mentor, "mentor", 1)
    rate_all(scene.enrolment, scene.mentor, "mentor", 4)
    rate_all(scene.enrolment, scene.manager, "manager", 2)

    figures = profile_of(scene).potential

    assert figures[scores.MENTOR_TRAITS] == 100.0
    assert figures[scores.MANAGER_TRAITS] == pytest.approx(100 / 3)


def test_desire_and_calibration_come_from_the_latest_completed_round(scene):
    programme = scene.programme
    measured(scene.enrolment, programme.de_escalation, 10, 5)  # level 2.5
    completed_round(scene.enrolment, {programme.de_escalation: 1}, desire=1)
    completed_round(scene.enrolment, {programme.de_escalation: 4}, desire=4, round=2)
    open_round = completed_round(scene.enrolment, desire=2, round=3)
    open_round.completed_at = None
    open_round.save()

    figures = profile_of(scene).potential

    assert figures[scores.DESIRE] == 100.0
    assert figures[scores.CALIBRATION] == pytest.approx(50.0)  # 1.5 of 3 levels


def test_the_programmes_own_cut_points_place_the_learner(scene):
    measured(scene.enrolment, scene.programme.de_escalation, 10, 6)  # 60
    rate_all(scene.enrolment, scene.mentor, "mentor", 3)  # 66.7
    ReadinessSettings.objects.create(
        programme=scene.cohort.programme, performance_low=30, performance_high=60
    )

    profile = profile_of(scene)

    assert (profile.performance_score, profile.potential_score) == (60.0, 66.7)
    assert profile.boxes == (3, 2) and profile.placed_by == "evidence"


@pytest.mark.parametrize(
    ("correct", "performance_box"), [(499, 1), (500, 2), (501, 2), (750, 3)]
)
def test_placement_at_the_edges_of_the_default_cut_points(
    scene, correct, performance_box
):
    # 499 of 1,000 first answers right is 49.9: box 1; 500 is 50.0: box 2.
    measured(scene.enrolment, scene.programme.de_escalation, 1000, correct)
    rate_all(scene.enrolment, scene.mentor, "mentor", 4)

    assert profile_of(scene).boxes == (performance_box, 3)
