"""Every applied progress event becomes a valid xAPI statement, without the
answer key or the learner's private text, under the event's own id."""

import pytest
from ralph.models.xapi.base.statements import BaseXapiStatement

from lms.contrib.xapi import statements as made
from lms.contrib.xapi.receivers import statements_of
from lms.contrib.xapi.vocabulary import VERBS
from lms.models import ProgressEvent
from lms.progress.applied import AppliedEvent
from lms.progress.checked import record_checked
from lms.progress.recording import record_events
from tests.builders.progress import make_scene

pytestmark = pytest.mark.django_db


def journey(scene, capture):
    quiz, learner = scene.quiz, scene.learner
    events = [
        quiz.started(),
        quiz.answered(quiz.question_ids[0], correct=False),
        quiz.answered(quiz.question_ids[1], correct=True),
        quiz.scenario_step(),
        quiz.reflected(text="My private thought about Sam."),
        quiz.completed(),
    ]
    with capture(execute=True):
        record_events(learner, events)
    return [
        AppliedEvent.of(event)
        for event in ProgressEvent.objects.order_by("occurred_at", "id")
    ]


@pytest.fixture
def built(django_capture_on_commit_callbacks):
    scene = make_scene(questions=2)
    return scene, statements_of(journey(scene, django_capture_on_commit_callbacks))


def test_each_statement_is_valid_xapi(built):
    _scene, statements = built
    for statement in statements:
        BaseXapiStatement(**statement)


def test_verbs_follow_the_kinds_and_ids_are_the_events(built):
    scene, statements = built
    verbs = [s["verb"]["id"] for s in statements]
    assert verbs == [
        VERBS["initialized"],
        VERBS["answered"],
        VERBS["answered"],
        VERBS["progressed"],
        VERBS["commented"],
        VERBS["completed"],  # the module
        VERBS["completed"],  # its course, now finished
        VERBS["completed"],  # and the programme, whose only course it was
    ]
    event_ids = set(
        str(pk) for pk in ProgressEvent.objects.values_list("id", flat=True)
    )
    assert {s["id"] for s in statements[:6]} == event_ids


def test_an_answer_carries_the_response_and_success_but_not_the_key(built):
    scene, statements = built
    wrong, right = statements[1], statements[2]
    assert wrong["result"]["success"] is False
    assert right["result"]["success"] is True
    definition = right["object"]["definition"]
    assert definition["interactionType"] == "choice"
    assert "correctResponsesPattern" not in definition
    assert right["result"]["response"] in {c["id"] for c in definition["choices"]}
    assert '"correct"' not in str(right)


def test_a_reflection_never_carries_its_text(built):
    _scene, statements = built
    assert "private thought" not in str(statements)


def test_activity_ids_are_stable_iris_from_the_site(built, settings):
    scene, statements = built
    module = statements[0]["object"]["id"]
    assert (
        module
        == f"{settings.WAGTAILADMIN_BASE_URL}/xapi/activities/module/{scene.quiz.module.pk}"
    )
    grouping = statements[1]["context"]["contextActivities"]["grouping"]
    assert [a["id"].rsplit("/", 2)[-2] for a in grouping] == ["course", "programme"]


def test_building_twice_gives_the_same_statements(built):
    scene, statements = built
    again = statements_of(
        [
            AppliedEvent.of(e)
            for e in ProgressEvent.objects.order_by("occurred_at", "id")
        ]
    )
    assert again == statements


def test_the_learner_is_an_account_not_an_email(built):
    scene, statements = built
    actor = statements[0]["actor"]
    assert actor["account"]["name"] == str(scene.learner.pk)
    assert scene.learner.email == "" or scene.learner.email not in str(statements)
    assert made.actor(scene.learner.pk) == actor


def test_a_checked_workbook_task_is_an_answered_performance(scene_with_workbook):
    scene, enrolment = scene_with_workbook
    module = scene.quiz.module
    (event_id,) = record_checked(scene.learner, enrolment, module, [("task-2", True)])

    (statement,) = statements_of([AppliedEvent.of(ProgressEvent.objects.get())])

    BaseXapiStatement(**statement)
    assert statement["id"] == event_id
    assert statement["verb"]["id"] == VERBS["answered"]
    assert statement["object"]["id"].endswith(f"/module/{module.pk}/workbook/task-2")
    assert statement["object"]["definition"]["type"].endswith("/performance")
    assert statement["result"] == {"success": True}


@pytest.fixture
def scene_with_workbook():
    scene = make_scene()
    return scene, scene.enrolments[scene.learner.pk]
