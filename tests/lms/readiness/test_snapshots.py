"""The nightly snapshot: one row per learner and day, written again with the same
values when the job runs twice, for every running cohort."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.models import ReadinessSnapshot
from lms.readiness import ratings
from lms.readiness.snapshots import snapshot_readiness
from tasks import celery_app
from tasks.readiness import take_readiness_snapshots
from tests.builders.readiness import COMMENT, make_readiness_scene, measured, rate_all

pytestmark = pytest.mark.django_db

FIELDS = (
    "enrolment_id",
    "cohort_id",
    "taken_on",
    "performance_score",
    "potential_score",
    "performance",
    "potential",
    "verdict",
    "placed_by",
)


@pytest.fixture
def scene():
    scene = make_readiness_scene()
    measured(scene.enrolment, scene.programme.de_escalation, 10, 8)
    rate_all(scene.enrolment, scene.mentor, "mentor", 4)
    ratings.rate_readiness(
        scene.enrolment, scene.manager, "manager", "ready_now", COMMENT
    )
    return scene


def rows():
    return sorted(ReadinessSnapshot.objects.values_list(*FIELDS))


def test_a_snapshot_records_each_learners_box_and_verdict(scene):
    today = timezone.localdate()

    assert snapshot_readiness(scene.cohort, today) == 2

    placed, unplaced = (
        ReadinessSnapshot.objects.get(enrolment=scene.enrolment),
        ReadinessSnapshot.objects.get(enrolment=scene.other_enrolment),
    )
    assert (placed.performance, placed.potential, placed.verdict) == (3, 3, "ready_now")
    assert (placed.performance_score, placed.placed_by) == (80.0, "evidence")
    assert (unplaced.performance, unplaced.placed_by, unplaced.verdict) == (
        None,
        "",
        "",
    )


def test_running_it_again_the_same_day_changes_nothing(scene):
    today = timezone.localdate()
    snapshot_readiness(scene.cohort, today)
    first = rows()

    snapshot_readiness(scene.cohort, today)

    assert rows() == first and len(first) == 2


def test_the_next_day_adds_rows_and_keeps_the_last(scene):
    today = timezone.localdate()
    snapshot_readiness(scene.cohort, today - timedelta(days=1))
    rate_all(scene.enrolment, scene.mentor, "mentor", 1)

    snapshot_readiness(scene.cohort, today)

    before, after = ReadinessSnapshot.objects.filter(
        enrolment=scene.enrolment
    ).order_by("taken_on")
    assert (before.potential, after.potential) == (3, 1)


def test_the_nightly_job_snapshots_every_running_cohort(scene):
    finished = scene.other_cohort
    finished.start_date = timezone.localdate() - timedelta(weeks=20)
    finished.end_date = timezone.localdate() - timedelta(weeks=4)
    finished.save()

    recorded = take_readiness_snapshots.delay().get()

    assert recorded == 2
    assert set(ReadinessSnapshot.objects.values_list("cohort_id", flat=True)) == {
        scene.cohort.pk
    }


def test_the_job_takes_a_day_and_is_on_the_beat_schedule(scene):
    day = timezone.localdate() + timedelta(days=1)  # the cohort starts today

    take_readiness_snapshots.delay(day.isoformat()).get()

    assert set(ReadinessSnapshot.objects.values_list("taken_on", flat=True)) == {day}
    entries = celery_app.conf.beat_schedule.values()
    (entry,) = [e for e in entries if e["task"] == "tasks.take_readiness_snapshots"]
    assert entry["options"]["expires"] > 0
