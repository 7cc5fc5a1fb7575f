"""Recorded events reach the worker in one task per short window, not one per request.

With a broker, the ids committed in a web process during LMS_HANDOFF_SECONDS
are sent as one apply task; the worker drains whatever else waits. These tests
publish nothing: they catch what would be sent, and end the window themselves.
"""

import threading
from datetime import timedelta

import pytest
from django.test import override_settings
from kombu.exceptions import OperationalError as BrokerError

from lms.models import ProgressEvent
from lms.progress.recording import record_events
from lms.progress.rollup import unapplied_event_ids
from tasks import celery_app, dispatch
from tasks.progress import apply_progress_events
from tests.builders.events import event

pytestmark = pytest.mark.django_db


@pytest.fixture
def sent(monkeypatch):
    """The event ids of each apply task sent, with tasks going to a broker."""
    tasks = []
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    monkeypatch.setattr(apply_progress_events, "delay", tasks.append)
    yield tasks
    dispatch._gathered.send()  # nothing may leak into the next test
    celery_app.conf.task_always_eager = eager


def commit(learner, module, capture, count=1):
    """Record `count` events, one transaction each; return their ids."""
    ids = []
    for _ in range(count):
        with capture(execute=True):
            [result] = record_events(learner, [event(module)])
        ids.append(result["id"])
    return ids


@override_settings(LMS_HANDOFF_SECONDS=60)
def test_events_committed_within_the_window_share_one_task(
    sent, learner, module, django_capture_on_commit_callbacks
):
    ids = commit(learner, module, django_capture_on_commit_callbacks, count=3)
    assert sent == []

    dispatch._gathered.send()  # the window ends

    assert sent == [ids]


@override_settings(LMS_HANDOFF_SECONDS=60)
def test_a_new_window_starts_after_one_is_sent(
    sent, learner, module, django_capture_on_commit_callbacks
):
    first = commit(learner, module, django_capture_on_commit_callbacks)
    dispatch._gathered.send()
    second = commit(learner, module, django_capture_on_commit_callbacks)
    dispatch._gathered.send()

    assert sent == [first, second]


@override_settings(LMS_HANDOFF_SECONDS=0)
def test_without_a_window_each_commit_sends_its_own_task(
    sent, learner, module, django_capture_on_commit_callbacks
):
    ids = commit(learner, module, django_capture_on_commit_callbacks, count=2)

    assert sent == [[ids[0]], [ids[1]]]


@override_settings(LMS_HANDOFF_SECONDS=60)
def test_a_task_carries_at_most_500_ids(sent):
    dispatch._gathered.add([f"id-{n}" for n in range(501)])

    dispatch._gathered.send()

    assert [len(ids) for ids in sent] == [500, 1]


@override_settings(LMS_HANDOFF_SECONDS=60)
def test_a_broker_outage_leaves_the_events_to_the_sweeper(
    sent, monkeypatch, learner, module, django_capture_on_commit_callbacks
):
    def broker_down(ids):
        raise BrokerError("connection refused")

    monkeypatch.setattr(apply_progress_events, "delay", broker_down)
    ids = commit(learner, module, django_capture_on_commit_callbacks, count=2)

    dispatch._gathered.send()  # logs, does not raise

    assert ProgressEvent.objects.filter(applied_at=None).count() == 2
    assert set(unapplied_event_ids(older_than=timedelta(0))) == set(ids)


def test_eager_tasks_apply_each_commit_at_once(
    learner, module, django_capture_on_commit_callbacks
):
    commit(learner, module, django_capture_on_commit_callbacks, count=2)

    assert not ProgressEvent.objects.filter(applied_at=None).exists()


@override_settings(LMS_HANDOFF_SECONDS=60, LMS_HANDOFF_MAX_PENDING=3)
def test_pending_ids_are_capped_and_the_rest_left_to_the_sweeper(sent):
    dispatch._gathered.add(["a", "b"])
    dispatch._gathered.add(["c", "d", "e"])

    dispatch._gathered.send()

    assert sent == [["a", "b", "c"]]


@override_settings(LMS_HANDOFF_SECONDS=60)
def test_a_timer_that_fails_to_start_is_started_by_the_next_hand_off(sent, monkeypatch):
    def no_thread(timer):
        raise RuntimeError("can't start new thread")

    with monkeypatch.context() as patch:
        patch.setattr(threading.Timer, "start", no_thread)
        dispatch._gathered.add(["a"])  # logs, does not raise
    assert dispatch._gathered.timer is None

    dispatch._gathered.add(["b"])

    assert dispatch._gathered.timer is not None
    dispatch._gathered.send()
    assert sent == [["a", "b"]]


@override_settings(LMS_HANDOFF_SECONDS=60)
def test_a_blocked_publish_holds_one_timer_not_one_per_window(monkeypatch):
    """While a send waits on the broker, later hand-offs start no new thread."""
    eager = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = False
    publishing, release, sent = threading.Event(), threading.Event(), []

    def blocked(ids):
        publishing.set()
        release.wait(10)
        sent.append(ids)

    monkeypatch.setattr(apply_progress_events, "delay", blocked)
    try:
        dispatch._gathered.add(["a"])
        first = dispatch._gathered.timer
        sender = threading.Thread(target=dispatch._gathered.send)
        sender.start()
        publishing.wait(10)
        dispatch._gathered.add(["b"])
        dispatch._gathered.add(["c"])
        assert dispatch._gathered.timer is first
        release.set()
        sender.join(10)
        # The ids that came while publishing have a timer of their own.
        assert dispatch._gathered.timer not in (None, first)
        dispatch._gathered.send()
    finally:
        release.set()
        celery_app.conf.task_always_eager = eager

    assert sent == [["a"], ["b", "c"]]


def test_the_broker_connection_and_socket_time_out():
    options = celery_app.conf.broker_transport_options
    assert 0 < celery_app.conf.broker_connection_timeout <= 10
    assert 0 < options["socket_timeout"] <= 10
    assert 0 < options["socket_connect_timeout"] <= 10
    assert 60 < options["visibility_timeout"] <= 900
