"""CI's second tier: a learner's journey reaches a real Ralph LRS exactly once,
also when Ralph restarts in the middle of the run."""

import os
import socket
import subprocess
import time
from pathlib import Path

import pytest
import requests

from lms.contrib.xapi import delivery
from lms.contrib.xapi.models import OutboxStatement
from lms.progress.recording import record_events
from tests.builders.progress import make_scene
from tests.builders.review import review
from tests.conftest import SERVICES_REQUIRED

pytestmark = pytest.mark.django_db(transaction=True)
ROOT = Path(__file__).resolve().parents[4]
SCRIPT = ROOT / "scripts" / "ralph-lrs.sh"
RALPH = ROOT / "var" / "ralph-venv" / "bin" / "ralph"
USER, PASSWORD = "lms", "lrs-secret"


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Ralph:
    def __init__(self, data):
        self.data, self.port, self.process = data, free_port(), None

    @property
    def endpoint(self):
        return f"http://127.0.0.1:{self.port}/xAPI/"

    def start(self):
        env = {**os.environ, "LRS_USER": USER, "LRS_PASSWORD": PASSWORD}
        self.process = subprocess.Popen(
            [str(SCRIPT), "serve", str(self.data), str(self.port)],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(150):
            try:
                requests.get(f"http://127.0.0.1:{self.port}/__heartbeat__", timeout=1)
                return self
            except requests.ConnectionError:
                time.sleep(0.2)
        raise RuntimeError("Ralph did not start")

    def stop(self):
        self.process.terminate()
        self.process.wait(timeout=20)

    def stored_ids(self):
        reply = requests.get(
            self.endpoint + "statements",
            params={"limit": 1000},
            auth=(USER, PASSWORD),
            headers={"X-Experience-API-Version": "1.0.3"},
            timeout=10,
        )
        reply.raise_for_status()
        return [statement["id"] for statement in reply.json()["statements"]]


@pytest.fixture
def ralph(tmp_path, settings):
    if not RALPH.exists():
        if SERVICES_REQUIRED:
            pytest.fail("Ralph is not installed: run `make lrs-deps`")
        pytest.skip("Ralph is not installed (`make lrs-deps`; CI's second tier has it)")
    lrs = Ralph(tmp_path / "ralph").start()
    settings.LMS_XAPI_ENDPOINT = lrs.endpoint
    settings.LMS_XAPI_USERNAME, settings.LMS_XAPI_PASSWORD = USER, PASSWORD
    settings.LMS_XAPI_BATCH = 4
    yield lrs
    lrs.stop()


def journey(scene, learner):
    quiz = scene.quiz
    record_events(
        learner,
        [quiz.started(), *quiz.every_answer(), quiz.scenario_step(), quiz.completed()],
    )
    review(learner, quiz, quiz.question_ids[0], correct=False)  # the daily review


def outbox_ids():
    return [
        str(i) for i in OutboxStatement.objects.values_list("statement_id", flat=True)
    ]


def test_a_journey_arrives_exactly_once_across_a_restart(ralph):
    scene = make_scene(learners=2, questions=2)
    first, second = scene.learners

    journey(scene, first)
    delivery.deliver()
    ralph.stop()
    journey(scene, second)
    while_down = delivery.deliver()
    ralph.start()
    after = delivery.deliver()
    delivery.deliver()  # nothing left: sends nothing twice

    assert while_down.retry_in is not None and while_down.sent == 0
    assert after.sent > 0 and after.failed == 0
    stored = ralph.stored_ids()
    assert sorted(stored) == sorted(outbox_ids())
    # 8 statements per learner: 5 events, the course, the programme, a review.
    assert len(stored) == len(set(stored)) == 16
    assert not OutboxStatement.objects.exclude(status="sent").exists()
