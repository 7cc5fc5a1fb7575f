"""The module page reads roll-ups, not the learner's history: it costs the same
after hundreds of replays, and shows an answer the worker has not applied yet."""

from collections import Counter
from contextlib import contextmanager
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models.signals import post_init
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from lms.models import ProgressEvent
from lms.progress.recording import record_events
from lms.progress.rollup import apply_events
from tests.builders.cohorts import enrol_in
from tests.builders.events import Quiz
from tests.builders.pages import make_course, make_learning_module
from tests.builders.people import make_learner
from tests.builders.web import section

pytestmark = pytest.mark.django_db

REPLAYS = 60


@pytest.fixture
def quiz():
    return Quiz.of(make_learning_module(parent=make_course()))


@pytest.fixture
def learner(quiz):
    user = make_learner("replayer")
    enrol_in(user, quiz.module)
    return user


def walk(quiz, when, correct=True):
    """One pass through the module's blocks at `when`: answers, scenario, reflection."""
    events = [
        quiz.answered(q, correct=correct, occurred_at=when) for q in quiz.questions
    ]
    events.append(quiz.scenario_step(occurred_at=when))
    events.append(quiz.reflected(text=f"Pass at {when:%H:%M:%S}", occurred_at=when))
    return events


def record_and_apply(user, events):
    ids = [event["id"] for event in events]
    record_events(user, events)
    apply_events(ids)


@contextmanager
def rows_loaded():
    """Counts the model instances built while it is open: the rows a page fetched."""
    counts = Counter()

    def count(sender, **kwargs):
        counts[sender.__name__] += 1

    post_init.connect(count, weak=False)
    try:
        yield counts
    finally:
        post_init.disconnect(count)


def view(client, url):
    """(queries, rows fetched per model, HTML) of a repeat view of the page."""
    client.get(url)
    with CaptureQueriesContext(connection) as captured, rows_loaded() as rows:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured), dict(rows), response.content.decode()


def test_the_module_page_reads_the_same_after_hundreds_of_replays(
    client, quiz, learner
):
    start = timezone.now() - timedelta(hours=2)
    record_and_apply(learner, walk(quiz, start, correct=False))
    client.force_login(learner)
    queries, rows, _html = view(client, quiz.module.url)

    replays = []
    for n in range(1, REPLAYS + 1):
        replays += walk(quiz, start + timedelta(seconds=n))
    record_and_apply(learner, replays)
    events = ProgressEvent.objects.filter(user=learner, module=quiz.module).count()
    queries_after, rows_after, html = view(client, quiz.module.url)

    assert events == (REPLAYS + 1) * len(walk(quiz, start))
    assert (queries_after, rows_after) == (queries, rows)
    # The latest pass shows, with the first answer still the one that counts.
    assert "Right answer." in html
    assert "Your first answer was not right" in html
    assert f"Pass at {start + timedelta(seconds=REPLAYS):%H:%M:%S}" in html


def test_an_answer_not_applied_yet_shows_at_once(client, quiz, learner):
    question_id = quiz.question_ids[0]
    record_events(learner, [quiz.answered(question_id, correct=True)])
    client.force_login(learner)

    block = section(client.get(quiz.module.url), f"question-{question_id}")

    assert ProgressEvent.objects.filter(applied_at__isnull=True).count() == 1
    assert "Right answer." in block.get_text()


def test_a_waiting_retry_counts_as_one_more_try_over_the_roll_up(client, quiz, learner):
    question_id = quiz.question_ids[0]
    earlier = timezone.now() - timedelta(minutes=5)
    record_and_apply(learner, [quiz.answered(question_id, False, occurred_at=earlier)])
    record_events(learner, [quiz.answered(question_id, correct=True)])
    client.force_login(learner)

    block = section(client.get(quiz.module.url), f"question-{question_id}")

    text = block.get_text()
    assert "Right answer." in text
    assert "Your first answer was not right" in text


def test_a_completion_not_applied_yet_shows_the_module_done(client, quiz, learner):
    record_and_apply(learner, quiz.every_answer())
    record_events(learner, [quiz.completed()])
    client.force_login(learner)

    finish = section(client.get(quiz.module.url), "complete")

    assert "You completed this module." in finish.get_text()
