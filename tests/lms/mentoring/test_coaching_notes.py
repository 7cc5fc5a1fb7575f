"""Coaching notes: GROW prompts, who may write them, who may read them, who may edit them."""

from datetime import date

import pytest
from django.contrib.auth.models import AnonymousUser
from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.permissions import policy_registry

from lms.mentoring.notes import (
    GROW,
    GROW_FIELDS,
    create_note,
    notes_about,
    update_note,
    visible_notes,
)
from lms.models import CoachingNote
from tests.builders.people import make_user
from tests.builders.stretch import make_stretch_scene

pytestmark = pytest.mark.django_db


@pytest.fixture
def scene():
    return make_stretch_scene()


def note(mentor, learner, **fields):
    fields.setdefault("goal", "Lead the Monday huddle.")
    return create_note(mentor, learner, **fields)


@pytest.fixture
def notes(scene):
    """The mentor's note on the learner, the other mentor's on the outsider (other cohort)."""
    return {
        "mentor": note(scene.mentor, scene.learner),
        "other_mentor": note(scene.other_mentor, scene.outsider),
    }


# The GROW structure


def test_grow_runs_goal_reality_options_will_each_with_prompts():
    assert [stage.label for stage in GROW] == ["Goal", "Reality", "Options", "Will"]
    assert GROW_FIELDS == ("goal", "reality", "options", "will")
    assert all(len(stage.prompts) >= 2 for stage in GROW)


def test_the_prompts_ask_the_coaching_questions_of_a_score():
    text = " ".join(prompt for stage in GROW for prompt in stage.prompts).lower()

    for idea in ("doing well", "matters most", "person", "system", "support", "plan"):
        assert idea in text


# Writing


def test_a_mentor_writes_a_note_about_a_learner_they_coach(scene):
    written = create_note(
        scene.mentor,
        scene.learner,
        held_on=date(2026, 10, 1),
        goal="  Run the huddle alone. ",
        reality="Talks over quieter agents.",
    )

    stored = CoachingNote.objects.get(pk=written.pk)
    assert (stored.mentor, stored.learner, stored.cohort) == (
        scene.mentor,
        scene.learner,
        scene.cohort,
    )
    assert stored.goal == "Run the huddle alone."
    assert stored.held_on == date(2026, 10, 1)


def test_coaching_through_a_project_alone_is_enough_to_write(scene):
    scene.assign([scene.other_learner], mentor=scene.mentor)

    written = note(scene.mentor, scene.other_learner)

    assert written.cohort == scene.cohort


@pytest.mark.parametrize("who", ["other_learner", "outsider"])
def test_a_mentor_cannot_write_about_someone_they_do_not_coach(scene, who):
    with pytest.raises(PermissionDenied):
        note(scene.mentor, scene.people()[who])

    assert not CoachingNote.objects.exists()


@pytest.mark.parametrize("who", ["manager", "other_manager", "learner"])
def test_people_who_coach_nobody_cannot_write_notes(scene, who):
    with pytest.raises(PermissionDenied):
        note(scene.people()[who], scene.learner)

    assert not CoachingNote.objects.exists()


def test_an_empty_note_is_refused(scene):
    with pytest.raises(ValidationError, match="at least one of the four parts"):
        create_note(scene.mentor, scene.learner, goal="  ", will="")

    assert not CoachingNote.objects.exists()


def test_an_overlong_part_is_refused(scene):
    with pytest.raises(ValidationError) as refused:
        note(scene.mentor, scene.learner, will="x" * 5_001)

    assert "will" in refused.value.message_dict
    assert not CoachingNote.objects.exists()


def test_a_field_that_is_not_part_of_a_note_is_a_programming_error(scene):
    with pytest.raises(ValueError, match="mentor_id"):
        note(scene.mentor, scene.learner, mentor_id=scene.other_mentor.pk)

    assert not CoachingNote.objects.exists()


@pytest.fixture
def second_cohort(scene):
    """The mentor also coaches the learner in a cohort of another programme."""
    return scene.coach_elsewhere(scene.other_manager)


def test_coaching_in_two_cohorts_the_mentor_picks_one(scene, second_cohort):
    written = note(scene.mentor, scene.learner, cohort_id=scene.cohort.pk)

    assert written.cohort == scene.cohort


def test_without_a_pick_the_newest_cohort_is_used(scene, second_cohort):
    assert note(scene.mentor, scene.learner).cohort == second_cohort


def test_a_cohort_where_the_mentor_does_not_coach_the_learner_is_refused(scene):
    with pytest.raises(ValidationError, match="do not coach this learner there"):
        note(scene.mentor, scene.learner, cohort_id=scene.other_cohort.pk)

    assert not CoachingNote.objects.exists()


# Reading


def test_each_mentor_reads_only_their_own_notes(scene, notes):
    assert list(visible_notes(scene.mentor)) == [notes["mentor"]]
    assert list(visible_notes(scene.other_mentor)) == [notes["other_mentor"]]


def test_a_manager_reads_the_notes_of_their_cohorts_only(scene, notes):
    assert list(visible_notes(scene.manager)) == [notes["mentor"]]
    assert list(visible_notes(scene.other_manager)) == [notes["other_mentor"]]


@pytest.mark.parametrize("who", ["learner", "other_learner", "outsider"])
def test_learners_read_no_notes_not_even_about_themselves(scene, notes, who):
    assert not visible_notes(scene.people()[who]).exists()


def test_an_anonymous_visitor_reads_no_notes(notes):
    assert not visible_notes(AnonymousUser()).exists()


def test_a_superuser_reads_every_note(notes):
    root = make_user("root", is_superuser=True)

    assert set(visible_notes(root)) == set(notes.values())


def test_a_manager_of_two_cohorts_sees_each_note_once(scene, notes):
    scene.other_cohort.managers.add(scene.manager)

    assert sorted(n.pk for n in visible_notes(scene.manager)) == sorted(
        n.pk for n in notes.values()
    )


def test_notes_about_a_learner_come_newest_first(scene):
    old = note(scene.mentor, scene.learner, held_on=date(2026, 9, 10))
    new = note(scene.mentor, scene.learner, held_on=date(2026, 10, 10))
    same_day_later = note(scene.mentor, scene.learner, held_on=date(2026, 10, 10))

    assert list(notes_about(scene.mentor, scene.learner)) == [same_day_later, new, old]


def test_notes_about_one_learner_leave_out_the_others(scene, notes):
    scene.assign([scene.other_learner], mentor=scene.mentor)
    note(scene.mentor, scene.other_learner)

    assert list(notes_about(scene.mentor, scene.learner)) == [notes["mentor"]]


@pytest.mark.parametrize(
    "who, learner, allowed",
    [
        ("mentor", "learner", True),
        ("mentor", "other_learner", False),
        ("mentor", "outsider", False),
        ("other_mentor", "learner", False),
        ("other_mentor", "other_learner", True),
        ("manager", "learner", True),
        ("manager", "other_learner", True),
        ("manager", "outsider", False),
        ("other_manager", "learner", False),
        ("other_manager", "outsider", True),
        ("learner", "learner", False),
        ("learner", "other_learner", False),
    ],
)
def test_who_may_open_a_learners_notes(scene, who, learner, allowed):
    people = scene.people()

    assert may_open_notes_about(people[who], people[learner]) is allowed


def test_a_former_mentor_still_reaches_the_notes_they_wrote(scene, notes):
    scene.learner.enrolments.update(mentor=None)
    scene.assignment.delete()

    assert may_open_notes_about(scene.mentor, scene.learner)
    assert list(notes_about(scene.mentor, scene.learner)) == [notes["mentor"]]


def test_nobody_anonymous_may_open_notes(scene):
    assert not may_open_notes_about(AnonymousUser(), scene.learner)


# Editing


def test_the_author_edits_their_note(scene, notes):
    mine = notes["mentor"]

    update_note(mine, scene.mentor, will=" Shadow a team leader by Friday. ")

    mine.refresh_from_db()
    assert mine.will == "Shadow a team leader by Friday."
    assert mine.goal == "Lead the Monday huddle."
    assert mine.cohort == scene.cohort


@pytest.mark.parametrize("who", ["other_mentor", "manager", "other_manager", "learner"])
def test_nobody_but_the_author_edits_a_note(scene, notes, who):
    mine = notes["mentor"]

    with pytest.raises(PermissionDenied):
        update_note(mine, scene.people()[who], goal="Rewritten")

    mine.refresh_from_db()
    assert mine.goal == "Lead the Monday huddle."


def test_an_edit_that_empties_the_note_is_refused(scene, notes):
    mine = notes["mentor"]

    with pytest.raises(ValidationError):
        update_note(mine, scene.mentor, goal="")

    mine.refresh_from_db()
    assert mine.goal == "Lead the Monday huddle."


def may_open_notes_about(user, learner):
    return policy_registry.get_by_type(CoachingNote).may_open_notes_about(user, learner)
