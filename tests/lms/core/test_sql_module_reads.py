"""lms.core.sql's module-page reads, run directly (the second CI tier runs
this file on PostgreSQL too)."""

import json
from datetime import timedelta

import pytest
from django.utils import timezone

from lms.core import sql
from lms.progress.recording import record_events
from lms.progress.rollup import apply_events
from tests.builders.progress import make_scene

pytestmark = pytest.mark.django_db


def test_module_progress_is_none_before_any_event():
    scene = make_scene()

    assert sql.module_progress(scene.learner.pk, scene.quiz.module.pk) is None


def test_module_progress_gives_the_status_and_the_block_state():
    scene = make_scene()
    quiz = scene.quiz
    event = quiz.answered(quiz.question_ids[0], correct=True)
    record_events(scene.learner, [event])
    apply_events([event["id"]])

    status, blocks = sql.module_progress(scene.learner.pk, quiz.module.pk)

    assert status == "in_progress"
    assert json.loads(blocks)[quiz.question_ids[0]]["correct"] is True


def test_waiting_events_are_the_unapplied_ones_oldest_first():
    scene = make_scene()
    quiz, now = scene.quiz, timezone.now()
    applied = quiz.started(occurred_at=now - timedelta(minutes=9))
    later = quiz.reflected(text="Later", occurred_at=now)
    sooner = quiz.reflected(text="Sooner", occurred_at=now - timedelta(minutes=1))
    record_events(scene.learner, [applied, later, sooner])
    apply_events([applied["id"]])

    waiting = sql.waiting_events(scene.learner.pk, quiz.module.pk)

    assert [e.payload["text"] for e in waiting] == ["Sooner", "Later"]
    assert all(e.occurred_at.tzinfo is not None for e in waiting)
