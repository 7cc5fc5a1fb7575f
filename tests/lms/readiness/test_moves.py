"""A manager's move places a learner whatever the evidence says, keeps its reason,
stays until cleared, and survives the nightly snapshot."""

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from lms.models import Placement, ReadinessSnapshot
from lms.readiness import ratings
from lms.readiness.grid import grid_for
from lms.readiness.snapshots import snapshot_readiness
from tests.builders.readiness import make_readiness_scene, measured, rate_all

pytestmark = pytest.mark.django_db

REASON = "Calibration: her floor leadership is stronger than the quiz shows."


@pytest.fixture
def scene():
    scene = make_readiness_scene()
    # The evidence places Ada low on both axes: 20% right, traits at level 1.
    measured(scene.enrolment, scene.programme.de_escalation, 10, 2)
    rate_all(scene.enrolment, scene.mentor, "mentor", 1)
    return scene


def ada(grid, scene):
    return next(p for p in grid.profiles if p.enrolment_id == scene.enrolment.pk)


def test_the_evidence_places_her_before_any_move(scene):
    profile = ada(grid_for(scene.cohort), scene)

    assert profile.boxes == (1, 1) and profile.placed_by == "evidence"


def test_a_move_places_her_and_keeps_its_reason(scene):
    ratings.move(scene.enrolment, 3, 2, REASON, scene.manager)

    grid = grid_for(scene.cohort)
    profile = ada(grid, scene)

    assert profile.boxes == (3, 2) and profile.placed_by == "manager"
    assert profile.evidence_box == (1, 1)  # what the evidence alone says
    assert profile.move.reason == REASON and profile.move.moved_by == scene.manager
    assert grid.count(3, 2) == 1 and grid.count(1, 1) == 0


def test_a_newer_move_replaces_an_older_one_and_both_are_kept(scene):
    ratings.move(scene.enrolment, 3, 2, REASON, scene.manager)
    ratings.move(scene.enrolment, 2, 2, "Second look after the review.", scene.manager)

    assert ada(grid_for(scene.cohort), scene).boxes == (2, 2)
    assert Placement.objects.count() == 2


def test_clearing_a_move_hands_her_back_to_the_evidence(scene):
    ratings.move(scene.enrolment, 3, 3, REASON, scene.manager)
    ratings.clear_move(scene.enrolment, "The evidence caught up.", scene.manager)

    profile = ada(grid_for(scene.cohort), scene)

    assert profile.boxes == (1, 1) and profile.placed_by == "evidence"
    assert ratings.move_in_force(scene.enrolment) is None
    assert [m.cleared for m in ratings.move_history(scene.enrolment)] == [True, False]


@pytest.mark.parametrize("reason", ["", "  ", "<i></i>"])
def test_a_move_without_a_reason_is_refused(scene, reason):
    with pytest.raises(ValidationError):
        ratings.move(scene.enrolment, 3, 3, reason, scene.manager)

    assert not Placement.objects.exists()


@pytest.mark.parametrize("boxes", [(0, 2), (2, 4), (None, 2)])
def test_a_move_goes_to_a_box_on_both_axes(scene, boxes):
    with pytest.raises(ValidationError):
        ratings.move(scene.enrolment, *boxes, REASON, scene.manager)

    assert not Placement.objects.exists()


def test_a_move_places_someone_without_evidence(scene):
    ratings.move(scene.other_enrolment, 2, 3, REASON, scene.manager)

    grid = grid_for(scene.cohort)

    assert grid.count(2, 3) == 1 and grid.unplaced == []


def test_the_nightly_snapshot_records_the_move_not_the_evidence(scene):
    ratings.move(scene.enrolment, 3, 2, REASON, scene.manager)
    today = timezone.localdate()

    snapshot_readiness(scene.cohort, today)
    snapshot_readiness(scene.cohort, today)

    row = ReadinessSnapshot.objects.get(enrolment=scene.enrolment)
    assert (row.performance, row.potential, row.placed_by) == (3, 2, "manager")
    assert (row.performance_score, row.potential_score) == (20.0, 0.0)
    assert ratings.move_in_force(scene.enrolment).reason == REASON
