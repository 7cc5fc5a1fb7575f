"""The grid, the triage list and the snapshot cost the same number of queries for
3 learners as for 30, each with every kind of evidence and a history of ratings."""

import pytest
from django.contrib.auth import get_user_model
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.readiness.grid import grid_for
from lms.readiness.snapshots import snapshot_readiness
from lms.readiness.triage import needs_time
from tests.builders.readiness import (
    full_evidence,
    learner_in,
    make_readiness_scene,
    new_cohort,
)

pytestmark = pytest.mark.django_db

# Programme and settings, schedule, enrolments, then one query per source.
GRID_BUDGET = 11
# The triage list adds the coaching notes, the snapshot its upsert, a viewer's
# grid the reading of their permissions.
BUDGET = 12


def cohort_of(scene, size):
    cohort = new_cohort(scene.programme, managers=[scene.manager])
    for n in range(size):
        full_evidence(scene, learner_in(cohort, scene.mentor), n)
    return cohort


def queries(call):
    with CaptureQueriesContext(connection) as captured:
        result = call()
    return len(captured), result


@pytest.fixture
def cohorts():
    scene = make_readiness_scene()
    return scene, cohort_of(scene, 3), cohort_of(scene, 30)


def test_the_grid_costs_the_same_for_3_and_30_learners(cohorts):
    _scene, small, large = cohorts

    few, small_grid = queries(lambda: grid_for(small))
    many, large_grid = queries(lambda: grid_for(large))

    assert few == many <= GRID_BUDGET
    assert len(small_grid.profiles) == 3 and len(large_grid.profiles) == 30
    assert sum(large_grid.counts.values()) == 30  # every learner is placed


def test_a_managers_grid_costs_the_same_with_the_permission_check(cohorts):
    scene, small, large = cohorts

    def as_manager(cohort):
        # A fresh user object: its permissions are read, as on a first request.
        manager = get_user_model().objects.get(pk=scene.manager.pk)
        return lambda: grid_for(cohort, viewer=manager)

    few, _grid = queries(as_manager(small))
    many, grid = queries(as_manager(large))

    assert few == many <= BUDGET
    assert len(grid.profiles) == 30


@pytest.mark.parametrize("job", ["needs_time", "snapshot"])
def test_triage_and_the_snapshot_cost_the_same_for_3_and_30_learners(cohorts, job):
    _scene, small, large = cohorts
    today = timezone.localdate()
    run = {
        "needs_time": lambda cohort: lambda: needs_time(cohort),
        "snapshot": lambda cohort: lambda: snapshot_readiness(cohort, today),
    }[job]

    few, _result = queries(run(small))
    many, _result = queries(run(large))

    assert few == many <= BUDGET


def test_the_readiness_page_with_movement_and_trend_costs_the_same(client, cohorts):
    """The page through the client: the admin around it, the grid, the baseline
    snapshot, the trend and the settings check, for 3 and for 30 learners each
    with twelve weeks of nightly snapshots."""
    from datetime import timedelta

    from lms.cohorts.admin.access import cohort_url
    from lms.readiness.snapshots import snapshot_readiness

    scene, small, large = cohorts
    today = timezone.localdate()
    for cohort in (small, large):
        for week in range(1, 13):
            snapshot_readiness(cohort, today - timedelta(weeks=week))
    client.force_login(scene.manager)

    def page(cohort):
        url = cohort_url("readiness", cohort.pk)
        client.get(url)  # warm the session and caches
        with CaptureQueriesContext(connection) as captured:
            response = client.get(url)
        assert response.status_code == 200
        assert 'id="trend-table"' in response.content.decode()
        return len(captured)

    assert page(small) == page(large)
