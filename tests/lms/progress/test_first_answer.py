"""The first answer to a question is the one that counts for score and mastery;
later answers are the learner's own practice. `recompute_progress` rebuilds
stored roll-ups under this rule."""

import random
from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.utils import timezone

from lms.models import (
    CompetencyMastery,
    Enrolment,
    JournalEntry,
    ModuleProgress,
    QuestionResponse,
)
from lms.progress.recording import record_events
from lms.progress.rollup import apply_events
from tests.builders.progress import (
    actual_rollups,
    by_learner,
    expected_rollups,
    make_scene,
    random_journey,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return make_scene(questions=2)


def minutes_ago(minutes):
    return timezone.now() - timedelta(minutes=minutes)


def record(user, *events):
    return [result["id"] for result in record_events(user, list(events))]


def answer(scene, correct, minutes, question=0):
    quiz = scene.quiz
    return quiz.answered(
        quiz.question_ids[question], correct=correct, occurred_at=minutes_ago(minutes)
    )


def figures(scene, user=None):
    user = user or scene.learner
    progress = ModuleProgress.objects.get(user=user)
    mastery = CompetencyMastery.objects.get(user=user)
    enrolment = Enrolment.objects.get(pk=scene.enrolments[user.pk].pk)
    return {
        "module": (progress.questions_answered, progress.questions_correct),
        "best_score": progress.best_score,
        "mastery": (mastery.answered, mastery.correct),
        "enrolment": (enrolment.questions_answered, enrolment.questions_correct),
    }


NONE_RIGHT = {
    "module": (1, 0),
    "best_score": 0.0,
    "mastery": (1, 0),
    "enrolment": (1, 0),
}


def test_wrong_then_right_counts_as_wrong_and_keeps_the_right_as_practice(scene):
    apply_events(record(scene.learner, answer(scene, False, 10)))
    apply_events(record(scene.learner, answer(scene, True, 5)))

    assert figures(scene) == NONE_RIGHT
    response = QuestionResponse.objects.get(user=scene.learner)
    assert (response.correct, response.latest_correct, response.attempts) == (
        False,
        True,
        2,
    )


def test_right_then_wrong_still_counts_as_right(scene):
    apply_events(record(scene.learner, answer(scene, True, 10)))
    apply_events(record(scene.learner, answer(scene, False, 5)))

    assert figures(scene)["module"] == (1, 1)
    assert QuestionResponse.objects.get(user=scene.learner).latest_correct is False


def test_an_earlier_answer_arriving_late_becomes_the_first(scene):
    later_right = record(scene.learner, answer(scene, True, 5))
    earlier_wrong = record(scene.learner, answer(scene, False, 10))

    apply_events(later_right)
    apply_events(earlier_wrong)

    assert figures(scene) == NONE_RIGHT
    response = QuestionResponse.objects.get(user=scene.learner)
    assert response.answered_at < minutes_ago(9)
    assert response.latest_correct is True


def test_the_same_answers_in_one_batch_count_the_same(scene):
    apply_events(
        record(scene.learner, answer(scene, True, 5), answer(scene, False, 10))
    )

    assert figures(scene) == NONE_RIGHT


def test_a_replay_after_completing_leaves_the_module_score(scene):
    quiz = scene.quiz
    first = [
        answer(scene, True, 30, 0),
        answer(scene, False, 29, 1),
        quiz.completed(occurred_at=minutes_ago(28)),
    ]
    apply_events(record(scene.learner, *first))
    replay = [answer(scene, True, 5, 1), quiz.completed(occurred_at=minutes_ago(4))]
    apply_events(record(scene.learner, *replay))

    assert figures(scene)["module"] == (2, 1)
    assert figures(scene)["best_score"] == 0.5


def the_old_rule(scene, user):
    """Roll-ups as the latest-answer rule left them: wrong then right read 1 of 1."""
    ModuleProgress.objects.filter(user=user).update(questions_correct=1, best_score=0.5)
    CompetencyMastery.objects.filter(user=user).update(correct=1)
    Enrolment.objects.filter(user=user).update(questions_correct=1)
    QuestionResponse.objects.filter(user=user).update(correct=True)


def test_recompute_rebuilds_old_figures_with_the_first_answer_rule(scene):
    quiz = scene.quiz
    apply_events(
        record(
            scene.learner,
            answer(scene, False, 10),
            answer(scene, True, 5),
            quiz.reflected(text="I rushed it.", occurred_at=minutes_ago(4)),
        )
    )
    expected = figures(scene)
    the_old_rule(scene, scene.learner)
    JournalEntry.objects.filter(user=scene.learner).update(text="Edited later.")
    out = StringIO()

    call_command("recompute_progress", stdout=out)

    assert figures(scene) == expected == NONE_RIGHT
    assert QuestionResponse.objects.get(user=scene.learner).correct is False
    assert list(JournalEntry.objects.values_list("text", flat=True)) == [
        "Edited later."
    ]
    assert "1 of 1 learners (100%)" in out.getvalue()
    assert "from 3 events" in out.getvalue()


def test_recompute_twice_in_small_batches_gives_the_same_figures():
    scene = make_scene(learners=3, questions=2)
    for n, user in enumerate(scene.learners):
        apply_events(
            record(user, answer(scene, n % 2 == 0, 10), answer(scene, True, 5, 1))
        )
    before = {user.pk: figures(scene, user) for user in scene.learners}
    out = StringIO()

    call_command("recompute_progress", "--batch", "2", stdout=out)
    call_command("recompute_progress", "--batch", "2", stdout=out)

    assert {user.pk: figures(scene, user) for user in scene.learners} == before
    assert out.getvalue().count("2 of 3 learners (67%)") == 2
    assert ModuleProgress.objects.count() == 3


def test_recompute_gives_the_ground_truth_of_a_random_journey():
    scene = make_scene(learners=3, modules=2, questions=3)
    plan = random_journey(random.Random(12), scene, 150)
    for user, planned in by_learner(plan).items():
        apply_events(record(user, *[p.raw for p in planned]))
    QuestionResponse.objects.update(correct=True)
    ModuleProgress.objects.update(questions_correct=0, time_spent_seconds=1)
    CompetencyMastery.objects.update(answered=99)

    call_command("recompute_progress", "--batch", "2", stdout=StringIO())

    expected, actual = expected_rollups(plan, scene), actual_rollups(scene)
    for table in expected:
        assert actual[table] == expected[table], table


def test_recompute_refuses_an_empty_batch():
    with pytest.raises(CommandError, match="--batch must be at least 1"):
        call_command("recompute_progress", "--batch", "0")
