"""A client's retry racing its original: the one that loses gets 200 (same body)
or 409 (another body), never a 500, and the event is stored once. The race is
forced: both requests read "not stored yet" before either inserts."""

import json
import threading
import uuid

import pytest
from django.db import connection
from django.test import Client
from django.utils import timezone

from lms.models import ProgressEvent
from lms.progress import recording
from tests.builders.cohorts import enrol_in
from tests.builders.pages import make_learning_module
from tests.builders.people import make_learner

pytestmark = [
    pytest.mark.django_db(transaction=True),
    # SQLite runs one writer at a time and refuses a second with "database is
    # locked" rather than waiting while the first request's roll-up holds it:
    # the race of two writers is PostgreSQL's (CI's second tier).
    pytest.mark.skipif(
        connection.vendor != "postgresql",
        reason="two concurrent writers need PostgreSQL",
    ),
]


@pytest.fixture
def setting(monkeypatch):
    learner = make_learner()
    module = make_learning_module()
    enrol_in(learner, module)
    both_checked = threading.Barrier(2, timeout=10)
    real_lookup = recording._modules
    waited = threading.local()

    def look_then_wait(batch):
        found = real_lookup(batch)  # the modules, and whether any id is stored
        if not getattr(waited, "once", False):
            waited.once = True
            both_checked.wait()  # neither inserts until both have looked
        return found

    monkeypatch.setattr(recording, "_modules", look_then_wait)
    return learner, module


def race(learner, bodies):
    """POST each body at the same moment from its own thread and connection."""
    answers = [None] * len(bodies)

    def send(index):
        client = Client()
        client.force_login(learner)
        try:
            answers[index] = client.post(
                "/api/events",
                json.dumps(bodies[index]),
                content_type="application/json",
            ).status_code
        finally:
            connection.close()

    threads = [threading.Thread(target=send, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(answers)


def started(module, event_id, seconds=5):
    return {
        "id": event_id,
        "type": "started",
        "module_id": module.pk,
        "occurred_at": timezone.now().isoformat(),
        "seconds": seconds,
    }


def test_the_same_body_twice_at_once_is_201_and_200(setting):
    learner, module = setting
    event_id = str(uuid.uuid4())
    body = started(module, event_id)

    assert race(learner, [body, body]) == [200, 201]
    assert ProgressEvent.objects.filter(id=event_id).count() == 1


def test_another_body_under_the_same_id_at_once_is_a_409(setting):
    learner, module = setting
    event_id = str(uuid.uuid4())
    first, second = started(module, event_id, 5), started(module, event_id, 9)

    assert race(learner, [first, second]) == [201, 409]
    assert ProgressEvent.objects.filter(id=event_id).count() == 1
