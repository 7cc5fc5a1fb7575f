"""Each programme's cut points and learner visibility: defaults until saved, and
cut points that are in order and within 0-100."""

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError

from lms.models import ReadinessSettings
from lms.readiness.grid import grid_for
from lms.readiness.thresholds import Thresholds
from tests.builders.readiness import make_readiness_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return make_readiness_scene()


def test_a_programme_without_settings_reads_the_defaults_and_writes_nothing(scene):
    grid = grid_for(scene.cohort)

    assert grid.thresholds == (Thresholds(50, 75), Thresholds(50, 75))
    assert grid.evidence.settings.show_readiness_to_learner is False
    assert not ReadinessSettings.objects.exists()


def test_saved_cut_points_are_the_grids(scene):
    ReadinessSettings.objects.create(
        programme=scene.cohort.programme, potential_low=40, potential_high=90
    )

    assert grid_for(scene.cohort).thresholds[1] == Thresholds(40, 90)


@pytest.mark.parametrize(
    "fields",
    [
        {"performance_low": 75, "performance_high": 75},
        {"potential_low": 80, "potential_high": 60},
        {"performance_high": 101},
    ],
)
def test_cut_points_out_of_order_or_range_are_refused(scene, fields):
    settings = ReadinessSettings(programme=scene.cohort.programme, **fields)

    with pytest.raises(ValidationError):
        settings.full_clean()
    with pytest.raises(IntegrityError):
        settings.save()
