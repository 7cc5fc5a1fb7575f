"""The block state: the latest of each block for the module page, kept by the
roll-up in any order of arrival, and rebuilt the same way by the migration."""

import importlib
import random
from datetime import timedelta

import pytest
from django.apps import apps
from django.utils import timezone

from lms.models import ModuleBlockState
from lms.progress.recording import record_events
from lms.progress.rollup import apply_events
from tests.builders.block_states import actual_block_states, expected_block_states
from tests.builders.progress import by_learner, make_scene, random_journey

pytestmark = pytest.mark.django_db

fill = importlib.import_module("lms.migrations.0016_module_block_state")


def record(user, *events):
    record_events(user, list(events))
    return [event["id"] for event in events]


def blocks_of(scene):
    return ModuleBlockState.objects.get(progress__user=scene.learner).blocks


def test_an_older_answer_arriving_late_counts_a_try_but_is_not_the_latest():
    scene = make_scene()
    quiz, question = scene.quiz, scene.quiz.question_ids[0]
    now = timezone.now()
    apply_events(record(scene.learner, quiz.answered(question, True, occurred_at=now)))

    earlier = now - timedelta(minutes=10)
    apply_events(
        record(scene.learner, quiz.answered(question, False, occurred_at=earlier))
    )

    entry = blocks_of(scene)[question]
    assert entry["correct"] is True  # the latest answer is still shown
    assert entry["first_correct"] is False  # but the first one, now known, counts
    assert entry["attempts"] == 2


def test_the_latest_reflection_and_scenario_step_are_kept():
    scene = make_scene()
    quiz, now = scene.quiz, timezone.now()
    apply_events(
        record(
            scene.learner,
            quiz.reflected(text="Later", occurred_at=now),
            quiz.reflected(text="Sooner", occurred_at=now - timedelta(minutes=1)),
            quiz.scenario_step(occurred_at=now),
        )
    )

    blocks = blocks_of(scene)
    assert blocks[quiz.reflection_id]["text"] == "Later"
    assert "ending" in blocks[quiz.scenario_id]["result"]


def test_a_batch_without_block_events_writes_no_block_state():
    scene = make_scene()

    apply_events(record(scene.learner, scene.quiz.started()))

    assert not ModuleBlockState.objects.exists()


def test_the_migration_fills_the_rows_the_roll_up_keeps():
    scene = make_scene(learners=2, modules=2, questions=3)
    plan = random_journey(random.Random(5), scene, 120)
    ids = []
    for user, planned in by_learner(plan).items():
        ids += record(user, *[p.raw for p in planned])
    apply_events(ids)
    users = [user.pk for user in scene.learners]
    kept = {s.pk: s.blocks for s in ModuleBlockState.objects.all()}
    ModuleBlockState.objects.all().delete()

    fill.fill_block_states(apps, None)

    assert {s.pk: s.blocks for s in ModuleBlockState.objects.all()} == kept
    assert actual_block_states(users) == expected_block_states(plan)
