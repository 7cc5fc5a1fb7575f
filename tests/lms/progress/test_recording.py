"""The recording service: validate, grade, store each event once, then hand it off."""

from datetime import timedelta

import pytest
from django.utils import timezone

from lms.enrolment.services import enrol
from lms.models import Enrolment, ModuleProgress, ProgressEvent
from lms.progress.recording import EventsRejected, record_events
from tests.builders.cohorts import enrolled_learner
from tests.builders.events import (
    answered,
    event,
    reflected,
    right_answers,
    scenario_step,
)
from tests.builders.pages import (
    blocks,
    make_course,
    make_mixed_quiz_module,
    make_programme,
    programme_of,
)
from tests.builders.people import make_learner

pytestmark = pytest.mark.django_db


def rejection(user, raw_events, **kwargs):
    """Record events that must be refused; return the EventsRejected raised."""
    with pytest.raises(EventsRejected) as raised:
        record_events(user, raw_events, **kwargs)
    return raised.value


def other_programme_module():
    programme = make_programme(title="Coaching", slug="coaching")
    return make_mixed_quiz_module(
        parent=make_course(parent=programme, slug="coaching-1")
    )


# Accepting and storing


def test_a_new_event_is_accepted_and_stored_under_the_client_id(learner, module):
    started = event(module, "started", seconds=30)

    [result] = record_events(learner, [started])

    assert result == {
        "id": started["id"],
        "status": "accepted",
        "result": {"question_count": 2},
    }
    row = ProgressEvent.objects.get()
    assert str(row.id) == started["id"]
    assert (row.user, row.module_id, row.kind, row.seconds) == (
        learner,
        module.pk,
        "started",
        30,
    )


def test_an_event_is_linked_to_the_enrolment_of_its_modules_programme(learner, module):
    other = other_programme_module()
    enrol(learner, programme_of(other))

    record_events(learner, [event(other)])

    assert ProgressEvent.objects.get().enrolment == Enrolment.objects.get(
        user=learner, programme=programme_of(other)
    )


def test_an_answer_is_stored_with_its_question_and_chosen_options(learner, module):
    answer = answered(module, question=1, options=(0, 2))

    record_events(learner, [answer])

    row = ProgressEvent.objects.get()
    assert row.block_id == answer["question_id"]
    assert row.payload == {"chosen": answer["chosen"]}


def test_a_reflection_is_stored_with_its_text_and_answered_with_its_prompt(
    learner, module
):
    [result] = record_events(learner, [reflected(module, text="I rushed them.")])

    assert result["result"] == {"prompt": "When did your last call turn?"}
    assert ProgressEvent.objects.get().payload == {"text": "I rushed them."}


def test_recording_leaves_applying_to_the_background_job(learner, module):
    record_events(learner, [event(module)])

    assert ProgressEvent.objects.get().applied_at is None
    assert not ModuleProgress.objects.exists()


# Grading


def test_a_right_answer_is_graded_correct_with_its_feedback(learner, module):
    answer = answered(module, question=0, options=(1,))

    [result] = record_events(learner, [answer])

    assert result["result"] == {
        "correct": True,
        "feedback": [
            {
                "option_id": answer["chosen"][0],
                "text": "Option 1",
                "correct": True,
                "feedback": "Feedback 1",
            }
        ],
        "question_count": 2,
    }


def test_a_wrong_answer_is_graded_incorrect_with_the_chosen_options_feedback(
    learner, module
):
    [result] = record_events(learner, [answered(module, question=0, options=(0,))])

    assert result["result"]["correct"] is False
    assert [f["feedback"] for f in result["result"]["feedback"]] == ["Feedback 0"]


def test_a_multiple_choice_answer_missing_a_right_option_is_incorrect(learner, module):
    [result] = record_events(learner, [answered(module, question=1, options=(0,))])

    assert result["result"]["correct"] is False


def test_a_multiple_choice_answer_with_every_right_option_is_correct(learner, module):
    [result] = record_events(learner, [answered(module, question=1, options=(2, 0))])

    assert result["result"]["correct"] is True


def test_a_single_choice_question_refuses_two_options(learner, module):
    rejected = rejection(learner, [answered(module, question=0, options=(0, 1))])

    assert rejected.status == 422
    assert "exactly one option" in rejected.problems[0].detail
    assert not ProgressEvent.objects.exists()


def test_an_option_of_another_question_is_unknown(learner, module):
    other_option = answered(module, question=1)["chosen"][0]

    rejected = rejection(learner, [answered(module, question=0, chosen=[other_option])])

    assert rejected.problems[0].detail == f"unknown option '{other_option}'"


def test_a_scenario_id_is_not_a_question_id(learner, module):
    scenario_id = blocks(module, "scenario")[0].id

    rejected = rejection(
        learner, [answered(module, question_id=scenario_id, chosen=["x"])]
    )

    assert rejected.problems[0].detail == (
        f"module {module.pk} has no question '{scenario_id}'"
    )


# Scenarios


def test_a_scenario_choice_leads_to_the_next_step_without_its_destinations(
    learner, module
):
    [result] = record_events(learner, [scenario_step(module, 0, 0)])

    after = result["result"]
    assert after["feedback"] == "Good."
    assert after["next"]["text"] == "Caller: Well, at least someone listens."
    assert [c["text"] for c in after["next"]["choices"]] == [
        "Offer a callback",
        "Transfer them",
    ]
    assert all(set(c) == {"choice_id", "text"} for c in after["next"]["choices"])


def test_a_scenario_choice_without_next_step_ends_with_outcome_and_feedback(
    learner, module
):
    [result] = record_events(learner, [scenario_step(module, 0, 1)])

    assert result["result"] == {
        "ending": {"outcome": "poor", "feedback": "Cold comfort."}
    }


def test_an_unknown_scenario_step_is_rejected(learner, module):
    rejected = rejection(learner, [scenario_step(module, step_id="nowhere")])

    assert rejected.problems[0].detail == "unknown scenario step 'nowhere'"


def test_a_choice_of_another_step_is_rejected(learner, module):
    later_choice = scenario_step(module, 1, 0)["choice_id"]

    rejected = rejection(learner, [scenario_step(module, 0, choice_id=later_choice)])

    assert f"unknown choice '{later_choice}'" in rejected.problems[0].detail


# Completion


def test_completing_before_every_question_is_answered_is_refused(learner, module):
    record_events(learner, [answered(module, question=0)])

    rejected = rejection(learner, [event(module, "completed")])

    assert rejected.problems[0].detail == (
        "answer all 2 questions before completing (1 answered)"
    )
    assert ProgressEvent.objects.filter(kind="completed").count() == 0


def test_completing_after_answering_every_question_is_accepted(learner, module):
    record_events(learner, right_answers(module))

    [result] = record_events(learner, [event(module, "completed")])

    assert result["status"] == "accepted"


def test_answers_in_the_same_batch_count_towards_completion(learner, module):
    results = record_events(
        learner, [*right_answers(module), event(module, "completed")]
    )

    assert [r["status"] for r in results] == ["accepted"] * 3


def test_another_learners_answers_do_not_count_towards_completion(learner, module):
    record_events(enrolled_learner(module), right_answers(module))

    rejected = rejection(learner, [event(module, "completed")])

    assert "answer all 2 questions" in rejected.problems[0].detail


# Idempotency


def test_the_same_event_again_is_a_duplicate_with_the_stored_result(learner, module):
    answer = answered(module)
    [first] = record_events(learner, [answer])

    [again] = record_events(learner, [answer])

    assert again == {**first, "status": "duplicate"}
    assert ProgressEvent.objects.count() == 1


def test_the_same_event_with_its_time_written_differently_is_a_duplicate(
    learner, module
):
    answer = answered(module, occurred_at="2025-01-31T09:00:00+00:00")
    record_events(learner, [answer])

    [again] = record_events(
        learner, [{**answer, "occurred_at": "2025-01-31T09:00:00Z"}]
    )

    assert again["status"] == "duplicate"


def test_the_same_id_with_a_different_body_is_a_conflict(learner, module):
    answer = answered(module, options=(1,))
    record_events(learner, [answer])

    rejected = rejection(learner, [answered(module, id=answer["id"], options=(0,))])

    assert rejected.status == 409
    assert answer["id"] in rejected.problems[0].detail
    assert ProgressEvent.objects.get().payload == {"chosen": answer["chosen"]}


def test_another_learner_reusing_an_event_id_is_a_conflict(learner, module):
    started = event(module)
    record_events(learner, [started])

    rejected = rejection(enrolled_learner(module), [started])

    assert rejected.status == 409
    assert ProgressEvent.objects.get().user == learner


def test_an_event_repeated_in_one_batch_gets_one_result_per_event(learner, module):
    started = event(module)

    results = record_events(learner, [started, started])

    assert [r["status"] for r in results] == ["accepted", "duplicate"]
    assert ProgressEvent.objects.count() == 1


def test_the_same_id_twice_in_one_batch_with_different_bodies_is_a_conflict(
    learner, module
):
    first = answered(module, options=(1,))

    rejected = rejection(
        learner, [first, answered(module, id=first["id"], options=(0,))]
    )

    assert [(p.index, p.status) for p in rejected.problems] == [(1, 409)]
    assert not ProgressEvent.objects.exists()


# Batches: all or nothing


def test_a_batch_with_bad_events_stores_nothing_and_names_each_one(learner, module):
    unknown_question = answered(module, question_id="nope", chosen=["x"])
    unknown_module = event(module, module_id=999_999)

    rejected = rejection(
        learner,
        [event(module), unknown_question, answered(module), unknown_module],
    )

    assert [(p.index, p.id, p.status) for p in rejected.problems] == [
        (1, unknown_question["id"], 422),
        (3, unknown_module["id"], 422),
    ]
    assert rejected.problems[1].detail == "unknown module 999999"
    assert not ProgressEvent.objects.exists()


def test_a_batch_rejected_for_one_reason_takes_that_reasons_status(learner, module):
    other = other_programme_module()

    rejected = rejection(learner, [event(other), event(other, "completed")])

    assert rejected.status == 403


def test_a_batch_rejected_for_mixed_reasons_is_unprocessable(learner, module):
    rejected = rejection(
        learner, [event(other_programme_module()), event(module, module_id=999_999)]
    )

    assert [p.status for p in rejected.problems] == [403, 422]
    assert rejected.status == 422


def test_an_event_failing_validation_is_named_by_its_id(learner, module):
    incomplete = event(module, "answered", question_id="q")

    rejected = rejection(learner, [incomplete])

    assert rejected.problems[0].id == incomplete["id"]


# What is refused


def test_a_module_the_learner_is_not_enrolled_for_is_forbidden(module):
    outsider = make_learner()

    rejected = rejection(outsider, [event(module)])

    assert rejected.status == 403
    assert rejected.problems[0].detail == (
        f"not enrolled in the programme of module {module.pk}"
    )


def test_an_unpublished_module_is_unknown(learner, module):
    module.unpublish()

    rejected = rejection(learner, [event(module)])

    assert rejected.problems[0].detail == f"unknown module {module.pk}"


def test_an_event_a_few_minutes_ahead_of_the_server_clock_is_accepted(learner, module):
    now = timezone.now()
    ahead = event(module, occurred_at=(now + timedelta(minutes=4)).isoformat())

    [result] = record_events(learner, [ahead], now=now)

    assert result["status"] == "accepted"


def test_an_event_more_than_five_minutes_in_the_future_is_refused(learner, module):
    now = timezone.now()
    ahead = event(module, occurred_at=(now + timedelta(minutes=6)).isoformat())

    rejected = rejection(learner, [ahead], now=now)

    assert rejected.problems[0].detail == "occurred_at is in the future"
    assert not ProgressEvent.objects.exists()


def test_more_than_an_hour_in_one_event_is_refused(learner, module):
    rejected = rejection(learner, [event(module, seconds=3601)])

    assert rejected.problems[0].detail.startswith("seconds:")


# Hand-off to the apply job


def test_stored_events_are_applied_once_the_transaction_commits(
    learner, module, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        record_events(learner, [event(module, seconds=40)])

    # The hand-off to the apply job, then the roll-up's events_applied.
    assert [c.func.__name__ for c in callbacks] == ["_hand_off", "announce"]
    assert ProgressEvent.objects.get().applied_at is not None
    assert ModuleProgress.objects.get(user=learner).time_spent_seconds == 40


def test_a_rejected_batch_hands_nothing_to_the_apply_job(
    learner, module, django_capture_on_commit_callbacks
):
    with (
        django_capture_on_commit_callbacks() as callbacks,
        pytest.raises(EventsRejected),
    ):
        record_events(learner, [event(module), event(module, module_id=999_999)])

    assert callbacks == []


def test_a_duplicate_hands_nothing_to_the_apply_job(
    learner, module, django_capture_on_commit_callbacks
):
    started = event(module)
    record_events(learner, [started])

    with django_capture_on_commit_callbacks() as callbacks:
        record_events(learner, [started])

    assert callbacks == []
