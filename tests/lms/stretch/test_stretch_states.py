"""The stretch-project state machine: every move, every refusal, who may move, stamps."""

from datetime import UTC, datetime, timedelta

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied
from django.utils import timezone

from lms.models import Evidence, StretchAssignment
from lms.signals import assignment_changed
from lms.stretch.states import MOVES, IllegalTransition, require_evidence, transition
from tests.builders.people import make_user
from tests.builders.stretch import make_stretch_scene

pytestmark = pytest.mark.django_db

Status = StretchAssignment.Status
NOW = datetime(2026, 9, 20, 10, 30, tzinfo=UTC)

# action: (from, to, who may make it, the stamp it sets)
EXPECTED = {
    "start": (Status.ASSIGNED, Status.IN_PROGRESS, {"learner"}, None),
    "submit": (Status.IN_PROGRESS, Status.SUBMITTED, {"learner"}, "submitted_at"),
    "request_changes": (Status.SUBMITTED, Status.IN_PROGRESS, {"mentor"}, None),
    "approve": (Status.SUBMITTED, Status.REVIEWED, {"mentor"}, "reviewed_at"),
    "complete": (
        Status.REVIEWED,
        Status.COMPLETED,
        {"mentor", "manager", "superuser"},
        "completed_at",
    ),
}
STAMPS = ("submitted_at", "reviewed_at", "completed_at")
PEOPLE = (
    "learner",
    "other_learner",
    "outsider",
    "mentor",
    "other_mentor",
    "manager",
    "other_manager",
    "superuser",
    "anonymous",
)
MESSAGES = {
    Status.ASSIGNED: "This project is assigned, so it cannot be {verb}: start it first.",
    Status.IN_PROGRESS: (
        "This project is in progress, so it cannot be {verb}: "
        "it has to be submitted first."
    ),
    Status.SUBMITTED: (
        "This project is submitted, so it cannot be {verb}: "
        "it is waiting for the mentor's review."
    ),
    Status.REVIEWED: (
        "This project is reviewed, so it cannot be {verb}: "
        "it has been approved and waits to be signed off."
    ),
    Status.COMPLETED: "This project is completed, so it cannot be {verb}: it is finished.",
}


@pytest.fixture
def scene():
    return make_stretch_scene()


def person(scene, who):
    if who == "anonymous":
        return AnonymousUser()
    if who == "superuser":
        return make_user("root", is_superuser=True, is_staff=True)
    return scene.people()[who]


def actor(scene, action):
    """Someone allowed to make the move."""
    return scene.learner if action in ("start", "submit") else scene.mentor


def put_in(assignment, status):
    StretchAssignment.objects.filter(pk=assignment.pk).update(status=status)
    assignment.refresh_from_db()
    return assignment


def status_of(assignment):
    return StretchAssignment.objects.get(pk=assignment.pk).status


def test_the_machine_knows_exactly_the_expected_moves():
    assert {
        action: (move.sources, move.target, move.stamp or None)
        for action, move in MOVES.items()
    } == {
        action: ((source,), target, stamp)
        for action, (source, target, _who, stamp) in EXPECTED.items()
    }


# Every allowed move


@pytest.mark.parametrize("action", list(EXPECTED))
def test_each_move_takes_the_project_from_its_state_to_the_next(scene, action):
    source, target, _who, _stamp = EXPECTED[action]
    put_in(scene.assignment, source)

    moved = transition(scene.assignment, action, actor(scene, action), now=NOW)

    assert moved.status == target
    assert status_of(scene.assignment) == target


@pytest.mark.parametrize("action", list(EXPECTED))
def test_each_move_sets_only_its_own_stamp(scene, action):
    source, _target, _who, stamp = EXPECTED[action]
    put_in(scene.assignment, source)

    transition(scene.assignment, action, actor(scene, action), now=NOW)

    stored = StretchAssignment.objects.get(pk=scene.assignment.pk)
    assert {name: getattr(stored, name) for name in STAMPS} == {
        name: NOW if name == stamp else None for name in STAMPS
    }


def test_a_move_without_a_given_time_stamps_the_current_time(scene):
    put_in(scene.assignment, Status.IN_PROGRESS)
    before = datetime.now(UTC)

    moved = transition(scene.assignment, "submit", scene.learner)

    assert before <= moved.submitted_at <= datetime.now(UTC)


def test_a_resubmission_stamps_the_new_submission_time(scene):
    put_in(scene.assignment, Status.IN_PROGRESS)
    transition(scene.assignment, "submit", scene.learner, now=NOW)
    transition(scene.assignment, "request_changes", scene.mentor, now=NOW)
    later = NOW + timedelta(days=2)

    moved = transition(scene.assignment, "submit", scene.learner, now=later)

    assert moved.submitted_at == later


def test_the_whole_journey_with_one_round_of_changes(scene):
    steps = [
        ("start", scene.learner, Status.IN_PROGRESS),
        ("submit", scene.learner, Status.SUBMITTED),
        ("request_changes", scene.mentor, Status.IN_PROGRESS),
        ("submit", scene.learner, Status.SUBMITTED),
        ("approve", scene.mentor, Status.REVIEWED),
        ("complete", scene.manager, Status.COMPLETED),
    ]

    seen = [transition(scene.assignment, a, who, now=NOW).status for a, who, _ in steps]

    assert seen == [status for _a, _who, status in steps]


def test_each_move_announces_itself(scene):
    heard = []

    def listener(sender, assignment, action, user, **kwargs):
        heard.append((assignment.pk, action, user.pk, assignment.status))

    assignment_changed.connect(listener)
    try:
        transition(scene.assignment, "start", scene.learner)
    finally:
        assignment_changed.disconnect(listener)

    assert heard == [
        (scene.assignment.pk, "start", scene.learner.pk, Status.IN_PROGRESS)
    ]


# Every illegal move


ILLEGAL = [
    (action, status)
    for action, (source, *_rest) in EXPECTED.items()
    for status in Status.values
    if status != source
]


@pytest.mark.parametrize(("action", "status"), ILLEGAL)
def test_a_move_from_the_wrong_state_is_refused_with_the_way_forward(
    scene, action, status
):
    put_in(scene.assignment, status)

    with pytest.raises(IllegalTransition) as refused:
        transition(scene.assignment, action, actor(scene, action), now=NOW)

    assert refused.value.messages == [MESSAGES[status].format(verb=MOVES[action].verb)]
    stored = StretchAssignment.objects.get(pk=scene.assignment.pk)
    assert stored.status == status
    assert [getattr(stored, name) for name in STAMPS] == [None, None, None]


def test_an_unknown_action_is_refused(scene):
    with pytest.raises(IllegalTransition) as refused:
        transition(scene.assignment, "fly", scene.learner)

    assert refused.value.messages == ["Unknown action 'fly'."]
    assert status_of(scene.assignment) == Status.ASSIGNED


def test_the_state_is_read_fresh_not_from_a_stale_copy(scene):
    stale = StretchAssignment.objects.get(pk=scene.assignment.pk)
    transition(scene.assignment, "start", scene.learner)

    with pytest.raises(IllegalTransition):
        transition(stale, "start", scene.learner)


def test_submitting_with_the_evidence_check_needs_evidence(scene):
    put_in(scene.assignment, Status.IN_PROGRESS)

    with pytest.raises(IllegalTransition) as refused:
        transition(scene.assignment, "submit", scene.learner, check=require_evidence)

    assert refused.value.messages == ["Add some evidence before submitting."]
    assert status_of(scene.assignment) == Status.IN_PROGRESS


def test_submitting_with_evidence_passes_the_check(scene):
    put_in(scene.assignment, Status.IN_PROGRESS)
    Evidence.objects.create(assignment=scene.assignment, text="My slides.")

    moved = transition(
        scene.assignment, "submit", scene.learner, check=require_evidence
    )

    assert moved.status == Status.SUBMITTED


# Who may make each move


MATRIX = [(action, who) for action in EXPECTED for who in PEOPLE]


@pytest.mark.parametrize(("action", "who"), MATRIX)
def test_only_the_right_people_may_make_each_move(scene, action, who):
    source, target, allowed, _stamp = EXPECTED[action]
    put_in(scene.assignment, source)
    user = person(scene, who)

    if who in allowed:
        assert transition(scene.assignment, action, user).status == target
    else:
        with pytest.raises(PermissionDenied):
            transition(scene.assignment, action, user)
        assert status_of(scene.assignment) == source


def test_permission_is_checked_before_the_state(scene):
    put_in(scene.assignment, Status.COMPLETED)

    with pytest.raises(PermissionDenied):
        transition(scene.assignment, "start", scene.other_learner)


def test_a_mentor_of_the_cohort_who_is_not_this_projects_mentor_may_not_review(scene):
    put_in(scene.assignment, Status.SUBMITTED)
    assert scene.cohort.mentors.filter(pk=scene.other_mentor.pk).exists()

    with pytest.raises(PermissionDenied):
        transition(scene.assignment, "approve", scene.other_mentor)


# Overdue, derived from the due date


OPEN_STATES = {Status.ASSIGNED, Status.IN_PROGRESS}


@pytest.mark.parametrize("status", Status.values)
def test_overdue_only_while_the_work_is_still_owed(scene, status):
    assignment = put_in(scene.assignment, status)
    day_after = assignment.due_date + timedelta(days=1)

    assert assignment.is_overdue(today=day_after) == (status in OPEN_STATES)


@pytest.mark.parametrize("status", Status.values)
def test_never_overdue_on_or_before_the_due_date(scene, status):
    assignment = put_in(scene.assignment, status)

    assert not assignment.is_overdue(today=assignment.due_date)
    assert not assignment.is_overdue(today=assignment.due_date - timedelta(days=3))


def test_overdue_defaults_to_today(scene):
    yesterday = timezone.localdate() - timedelta(days=1)
    StretchAssignment.objects.filter(pk=scene.assignment.pk).update(
        start_date=yesterday - timedelta(days=30), due_date=yesterday
    )
    scene.assignment.refresh_from_db()

    assert scene.assignment.is_overdue()
