"""Applying progress events: every roll-up changes once per event, whatever the order.

Events are stored through the recording service, as the API stores them; its
on-commit hand-off never runs here, so each test applies events itself.
"""

import random
from datetime import timedelta

import pytest
from django.utils import timezone

from lms.models import (
    CompetencyMastery,
    CourseProgress,
    Enrolment,
    JournalEntry,
    LearningDay,
    ModuleProgress,
    ProgressEvent,
    QuestionResponse,
)
from lms.progress.recording import record_events
from lms.progress.rollup import apply_events, unapplied_event_ids
from tasks import celery_app
from tasks.progress import sweep_unapplied_events
from tests.builders.pages import make_competency
from tests.builders.progress import (
    actual_rollups,
    best_score_bounds,
    by_learner,
    expected_rollups,
    make_scene,
    random_journey,
)

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def ago(**kwargs):
    return NOW - timedelta(**kwargs)


def record(user, *events):
    """Store events as the API does; return their ids."""
    record_events(user, list(events))
    return [event["id"] for event in events]


def progress_of(user, quiz):
    return ModuleProgress.objects.get(user=user, module=quiz.module)


def response_to(user, question_id):
    return QuestionResponse.objects.get(user=user, question_id=question_id)


@pytest.fixture
def scene():
    return make_scene()


@pytest.fixture
def eager_celery():
    """Run tasks in-process even when the services tier configures a broker."""
    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


# Module progress


def test_a_started_event_opens_the_module_with_one_attempt(scene):
    ids = record(
        scene.learner, scene.quiz.started(occurred_at=ago(hours=1), seconds=30)
    )

    applied = apply_events(ids)

    progress = progress_of(scene.learner, scene.quiz)
    assert applied == 1
    assert progress.status == ModuleProgress.Status.IN_PROGRESS
    assert progress.attempts == 1
    assert progress.time_spent_seconds == 30
    assert progress.first_activity_at == progress.last_activity_at == ago(hours=1)


def test_each_started_event_counts_an_attempt(scene):
    quiz = scene.quiz
    ids = record(scene.learner, quiz.started(), quiz.started(), quiz.reflected())

    apply_events(ids)

    assert progress_of(scene.learner, quiz).attempts == 2


def test_time_and_activity_span_every_event_of_the_module(scene):
    quiz = scene.quiz
    ids = record(
        scene.learner,
        quiz.started(occurred_at=ago(hours=3), seconds=10),
        quiz.scenario_step(occurred_at=ago(hours=1), seconds=40),
        quiz.reflected(occurred_at=ago(hours=2), seconds=25),
    )

    apply_events(ids)

    progress = progress_of(scene.learner, quiz)
    assert progress.time_spent_seconds == 75
    assert progress.first_activity_at == ago(hours=3)
    assert progress.last_activity_at == ago(hours=1)


def test_answers_count_questions_answered_and_correct(scene):
    first, second = scene.quiz.question_ids
    ids = record(
        scene.learner,
        scene.quiz.answered(first, correct=True),
        scene.quiz.answered(second, correct=False),
    )

    apply_events(ids)

    progress = progress_of(scene.learner, scene.quiz)
    assert progress.questions_answered == 2
    assert progress.questions_correct == 1
    assert progress.best_score == 0.5


def test_a_later_wrong_answer_leaves_the_score_of_the_first(scene):
    first, _second = scene.quiz.question_ids
    apply_events(
        record(scene.learner, scene.quiz.answered(first, occurred_at=ago(hours=2)))
    )

    apply_events(
        record(
            scene.learner,
            scene.quiz.answered(first, correct=False, occurred_at=ago(hours=1)),
        )
    )

    progress = progress_of(scene.learner, scene.quiz)
    assert progress.questions_correct == 1
    assert progress.best_score == 0.5


# Question responses


def test_the_first_answer_is_the_response_and_the_latest_is_kept_beside_it(scene):
    quiz = scene.quiz
    question_id = quiz.question_ids[0]
    wrong = quiz.answered(question_id, correct=False, occurred_at=ago(hours=2))
    right = quiz.answered(question_id, correct=True, occurred_at=ago(hours=1))

    apply_events(record(scene.learner, wrong, right))

    response = response_to(scene.learner, question_id)
    assert not response.correct
    assert response.chosen == wrong["chosen"]
    assert response.answered_at == ago(hours=2)
    assert response.attempts == 2
    assert (response.latest_correct, response.latest_answered_at) == (
        True,
        ago(hours=1),
    )


def test_an_older_answer_applied_late_becomes_the_first(scene):
    quiz = scene.quiz
    question_id = quiz.question_ids[0]
    newer = quiz.answered(question_id, correct=True, occurred_at=ago(hours=1))
    older = quiz.answered(question_id, correct=False, occurred_at=ago(hours=2))
    apply_events(record(scene.learner, newer))

    apply_events(record(scene.learner, older))

    response = response_to(scene.learner, question_id)
    progress = progress_of(scene.learner, quiz)
    assert not response.correct
    assert response.chosen == older["chosen"]
    assert response.answered_at == ago(hours=2)
    assert response.attempts == 2
    assert response.latest_correct
    assert (progress.questions_answered, progress.questions_correct) == (1, 0)
    assert progress.best_score == 0.0


def test_a_late_older_correct_answer_still_counts_towards_the_best_score(scene):
    quiz = scene.quiz
    question_id = quiz.question_ids[0]
    apply_events(
        record(
            scene.learner,
            quiz.answered(question_id, correct=False, occurred_at=ago(hours=1)),
        )
    )

    apply_events(
        record(
            scene.learner,
            quiz.answered(question_id, correct=True, occurred_at=ago(hours=2)),
        )
    )

    assert progress_of(scene.learner, quiz).best_score == 0.5


def test_a_peak_that_only_out_of_order_arrival_reaches_is_not_kept(scene):
    quiz = scene.quiz
    first, second = quiz.question_ids
    right = quiz.answered(first, correct=True, occurred_at=ago(hours=2))
    wrong = quiz.answered(first, correct=False, occurred_at=ago(hours=3))
    other = quiz.answered(second, correct=True, occurred_at=ago(hours=1))
    apply_events(record(scene.learner, right, other))
    assert progress_of(scene.learner, quiz).best_score == 1.0

    apply_events(record(scene.learner, wrong))

    # The first answer to the first question was wrong all along.
    assert progress_of(scene.learner, quiz).best_score == 0.5


# Competency mastery


def test_answers_count_towards_every_competency_of_the_module():
    listening = make_competency(name="Listening", slug="listening")
    calm = make_competency(name="Staying calm", slug="staying-calm")
    scene = make_scene(competencies=[[listening, calm]])
    first, second = scene.quiz.question_ids

    apply_events(
        record(
            scene.learner,
            scene.quiz.answered(first, correct=True),
            scene.quiz.answered(second, correct=False),
        )
    )

    mastery = {
        m.competency_id: (m.answered, m.correct)
        for m in CompetencyMastery.objects.filter(user=scene.learner)
    }
    assert mastery == {listening.pk: (2, 1), calm.pk: (2, 1)}


def test_a_right_answer_after_a_wrong_one_adds_nothing_to_mastery(scene):
    question_id = scene.quiz.question_ids[0]
    apply_events(
        record(
            scene.learner,
            scene.quiz.answered(question_id, correct=False, occurred_at=ago(hours=2)),
        )
    )
    before = CompetencyMastery.objects.get(user=scene.learner)

    apply_events(
        record(
            scene.learner,
            scene.quiz.answered(question_id, correct=True, occurred_at=ago(hours=1)),
        )
    )

    after = CompetencyMastery.objects.get(user=scene.learner)
    assert (before.answered, before.correct) == (1, 0)
    assert (after.answered, after.correct) == (1, 0)


# Completion


@pytest.mark.parametrize("together", [True, False], ids=["one batch", "two batches"])
def test_completing_twice_counts_the_module_once(scene, together):
    quiz = scene.quiz
    apply_events(record(scene.learner, *quiz.every_answer()))
    first = quiz.completed(occurred_at=ago(minutes=20))
    second = quiz.completed(occurred_at=ago(minutes=10))

    if together:
        apply_events(record(scene.learner, first, second))
    else:
        apply_events(record(scene.learner, first))
        apply_events(record(scene.learner, second))

    progress = progress_of(scene.learner, quiz)
    enrolment = Enrolment.objects.get(pk=scene.enrolments[scene.learner.pk].pk)
    course = CourseProgress.objects.get(enrolment=enrolment, course=scene.course)
    assert progress.status == ModuleProgress.Status.COMPLETED
    assert progress.completed_at == ago(minutes=20)
    assert course.modules_completed == 1
    assert enrolment.modules_completed == 1


def test_completing_two_modules_counts_both_in_course_and_programme():
    scene = make_scene(modules=2)
    events = []
    for quiz in scene.quizzes:
        events += [*quiz.every_answer(), quiz.completed()]

    apply_events(record(scene.learner, *events))

    enrolment = Enrolment.objects.get(pk=scene.enrolments[scene.learner.pk].pk)
    assert CourseProgress.objects.get(enrolment=enrolment).modules_completed == 2
    assert enrolment.modules_completed == 2


def test_completed_at_is_the_first_completion_whatever_the_order_applied(scene):
    quiz = scene.quiz
    apply_events(record(scene.learner, *quiz.every_answer(occurred_at=ago(hours=3))))
    apply_events(record(scene.learner, quiz.completed(occurred_at=ago(hours=1))))

    apply_events(record(scene.learner, quiz.completed(occurred_at=ago(hours=2))))

    assert progress_of(scene.learner, quiz).completed_at == ago(hours=2)


# Learning days, enrolment activity, journal


def test_learning_days_add_up_seconds_and_events_per_day(scene):
    quiz = scene.quiz
    yesterday, today = ago(days=1), NOW

    apply_events(
        record(
            scene.learner,
            quiz.started(occurred_at=yesterday, seconds=60),
            quiz.reflected(occurred_at=yesterday, seconds=90),
            quiz.scenario_step(occurred_at=today, seconds=15),
        )
    )

    days = {
        d.day: (d.seconds, d.events)
        for d in LearningDay.objects.filter(user=scene.learner)
    }
    assert days == {
        timezone.localdate(yesterday): (150, 2),
        timezone.localdate(today): (15, 1),
    }


def test_enrolment_activity_is_the_latest_event_even_when_applied_early(scene):
    quiz = scene.quiz
    apply_events(record(scene.learner, quiz.started(occurred_at=ago(hours=1))))

    apply_events(record(scene.learner, quiz.reflected(occurred_at=ago(hours=5))))

    enrolment = Enrolment.objects.get(pk=scene.enrolments[scene.learner.pk].pk)
    assert enrolment.last_activity_at == ago(hours=1)


def test_a_reflection_becomes_one_journal_entry(scene):
    quiz = scene.quiz
    [event_id] = record(
        scene.learner, quiz.reflected(text="I paused before answering.")
    )

    apply_events([event_id])
    apply_events([event_id])

    entry = JournalEntry.objects.get(user=scene.learner)
    assert entry.prompt == quiz.prompt
    assert entry.text == "I paused before answering."
    assert entry.module_id == quiz.module.pk
    assert str(entry.source_event_id) == event_id


# Idempotency


def test_applying_the_same_events_again_changes_nothing():
    scene = make_scene(learners=2, modules=2)
    plan = random_journey(random.Random(7), scene, 60)
    ids = []
    for user, planned in by_learner(plan).items():
        ids += record(user, *[p.raw for p in planned])
    apply_events(ids)
    before = actual_rollups(scene)

    again = apply_events(ids)

    assert again == 0
    assert actual_rollups(scene) == before


def test_a_mix_of_applied_and_new_events_applies_only_the_new(scene):
    quiz = scene.quiz
    old = record(scene.learner, quiz.started(seconds=10), quiz.started(seconds=20))
    apply_events(old)
    new = record(scene.learner, quiz.started(seconds=40))

    applied = apply_events(old + new)

    progress = progress_of(scene.learner, quiz)
    assert applied == 1
    assert progress.attempts == 3
    assert progress.time_spent_seconds == 70


def test_applying_marks_each_event_applied(scene):
    ids = record(scene.learner, scene.quiz.started(), scene.quiz.reflected())

    apply_events(ids)

    assert not ProgressEvent.objects.filter(id__in=ids, applied_at__isnull=True)


# Finding stranded events


def received(ids_and_ages):
    for event_id, seconds in ids_and_ages:
        ProgressEvent.objects.filter(id=event_id).update(
            received_at=timezone.now() - timedelta(seconds=seconds)
        )


def test_unapplied_events_older_than_the_age_come_oldest_first(scene):
    quiz = scene.quiz
    fresh, old, older, applied = record(
        scene.learner, quiz.started(), quiz.started(), quiz.started(), quiz.started()
    )
    received([(fresh, 5), (old, 60), (older, 90), (applied, 120)])
    apply_events([applied])

    found = unapplied_event_ids(older_than=timedelta(seconds=30))

    assert found == [older, old]


def test_unapplied_events_are_bounded_by_the_limit(scene):
    quiz = scene.quiz
    ids = record(scene.learner, quiz.started(), quiz.started(), quiz.started())
    received(zip(ids, [40, 60, 50], strict=True))

    found = unapplied_event_ids(older_than=timedelta(seconds=30), limit=2)

    assert found == [ids[1], ids[2]]


def test_the_sweeper_applies_stranded_events(scene, eager_celery):
    quiz = scene.quiz
    ids = record(scene.learner, quiz.started(seconds=30), quiz.reflected(seconds=45))
    received([(ids[0], 120), (ids[1], 90)])

    swept = sweep_unapplied_events.delay(older_than_seconds=60).get()

    progress = progress_of(scene.learner, quiz)
    assert swept == 2
    assert progress.attempts == 1
    assert progress.time_spent_seconds == 75
    assert not ProgressEvent.objects.filter(applied_at__isnull=True)


# Ground truth


@pytest.mark.parametrize("seed", [2024, 99, 7, 31337])
def test_shuffled_batches_of_random_events_roll_up_to_the_ground_truth(seed):
    rng = random.Random(seed)
    shared = make_competency(name="Listening", slug="listening")
    own = make_competency(name="Staying calm", slug="staying-calm")
    scene = make_scene(
        learners=3, modules=2, questions=3, competencies=[[shared, own], [shared]]
    )
    plan = random_journey(rng, scene, 400)
    ids = []
    for user, planned in by_learner(plan).items():
        while planned:
            size = rng.randint(1, 40)
            ids += record(user, *[p.raw for p in planned[:size]])
            planned = planned[size:]

    rng.shuffle(ids)
    applied = 0
    while ids:
        size = rng.randint(1, 60)
        applied += apply_events(ids[:size])
        ids = ids[size:]

    expected, actual = expected_rollups(plan, scene), actual_rollups(scene)
    assert applied == len(plan)
    for table in expected:
        assert actual[table] == expected[table], table
    for key, (low, high) in best_score_bounds(plan).items():
        best = ModuleProgress.objects.get(user_id=key[0], module_id=key[1]).best_score
        assert low <= best <= high, key


# Draining the queue


def test_draining_applies_other_waiting_events_oldest_first(scene):
    quiz = scene.quiz
    ids = record(
        scene.learner, quiz.started(), quiz.started(), quiz.started(), quiz.started()
    )
    received(zip(ids, [10, 40, 30, 20], strict=True))

    applied = apply_events([ids[0]], drain=2)

    done = set(
        ProgressEvent.objects.filter(applied_at__isnull=False).values_list(
            "id", flat=True
        )
    )
    assert applied == 3
    assert {str(pk) for pk in done} == {ids[0], ids[1], ids[2]}
    assert progress_of(scene.learner, quiz).attempts == 3


def test_without_draining_only_the_given_events_are_applied(scene):
    quiz = scene.quiz
    ids = record(scene.learner, quiz.started(), quiz.started())

    applied = apply_events([ids[0]])

    assert applied == 1
    assert ProgressEvent.objects.filter(applied_at__isnull=True).count() == 1
