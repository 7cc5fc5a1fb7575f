"""Events posted to the API are applied by a real worker, each exactly once.

The worker runs in a thread on the configured broker (memory:// by default)
and reads the database through its own connection, so these tests commit.
Nothing here applies events or runs the sweeper: the on-commit hand-off alone
must bring the roll-ups to the ground truth.
"""

import json
import random
import time

import pytest

from lms.models import ModuleProgress, ProgressEvent
from tasks.progress import apply_progress_events
from tests.builders.pages import make_competency
from tests.builders.progress import (
    actual_rollups,
    best_score_bounds,
    by_learner,
    expected_rollups,
    make_scene,
    random_journey,
)

pytestmark = pytest.mark.django_db(transaction=True)

WAIT_SECONDS = 20


def post_batches(client, plan, rng):
    """Send each learner's events to the batch endpoint in random-sized batches."""
    for user, planned in by_learner(plan).items():
        client.force_login(user)
        while planned:
            size = rng.randint(1, 50)
            body = {"events": [p.raw for p in planned[:size]]}
            response = client.post(
                "/api/events/batch", json.dumps(body), content_type="application/json"
            )
            assert response.status_code == 201, response.content
            planned = planned[size:]


def wait_until_applied(count):
    """Poll until `count` events are stored and none is left unapplied."""
    deadline = time.monotonic() + WAIT_SECONDS
    while time.monotonic() < deadline:
        stored = ProgressEvent.objects.count()
        if stored == count and not ProgressEvent.objects.filter(applied_at=None):
            return True
        time.sleep(0.05)
    return False


def test_an_event_posted_to_the_api_is_applied_by_the_worker(worker, client):
    scene = make_scene()
    client.force_login(scene.learner)

    response = client.post(
        "/api/events",
        json.dumps(scene.quiz.started(seconds=42)),
        content_type="application/json",
    )

    assert response.status_code == 201
    assert wait_until_applied(1), f"not applied within {WAIT_SECONDS} s"
    progress = ModuleProgress.objects.get(user=scene.learner)
    assert (progress.attempts, progress.time_spent_seconds) == (1, 42)


def test_the_worker_rolls_random_events_up_to_the_ground_truth(worker, client):
    rng = random.Random(99)
    shared = make_competency(name="Listening", slug="listening")
    own = make_competency(name="Staying calm", slug="staying-calm")
    scene = make_scene(
        learners=3, modules=2, questions=3, competencies=[[shared, own], [shared]]
    )
    plan = random_journey(rng, scene, 300)

    post_batches(client, plan, rng)

    assert wait_until_applied(len(plan)), f"not applied within {WAIT_SECONDS} s"
    expected, actual = expected_rollups(plan, scene), actual_rollups(scene)
    for table in expected:
        assert actual[table] == expected[table], table
    for (user, module), (low, high) in best_score_bounds(plan).items():
        best = ModuleProgress.objects.get(user=user, module=module).best_score
        assert low <= best <= high


def test_a_redelivered_task_applies_nothing_twice(worker, client):
    scene = make_scene()
    quiz = scene.quiz
    events = [quiz.started(seconds=10), *quiz.every_answer(seconds=5)]
    events.append(quiz.completed(seconds=1))
    client.force_login(scene.learner)
    client.post(
        "/api/events/batch",
        json.dumps({"events": events}),
        content_type="application/json",
    )
    assert wait_until_applied(len(events)), f"not applied within {WAIT_SECONDS} s"
    before = actual_rollups(scene)

    again = apply_progress_events.delay([e["id"] for e in events])

    assert again.get(timeout=WAIT_SECONDS) == 0
    assert actual_rollups(scene) == before
