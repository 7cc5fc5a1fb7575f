"""Coaching notes: a mentor's record of each conversation, structured by GROW.

A note belongs to the mentor who wrote it and to the cohort in which they
coach the learner. The mentor reads and edits it; the cohort's managers read
it; the learner never sees it.
"""

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied, ValidationError
from wagtail.permissions import policy_registry

from lms.models import CoachingNote
from lms.stretch.states import coached_learners


@dataclass(frozen=True)
class Stage:
    """One part of a GROW conversation and the questions that open it up."""

    field: str
    label: str
    summary: str
    prompts: tuple


# A score says where someone is, not how they grow: these questions turn the
# figures into a conversation.
GROW = (
    Stage(
        "goal",
        "Goal",
        "What you are working towards together.",
        (
            "Which one thing matters most for their success right now?",
            "What can they reach in the next few weeks, and what is a longer climb?",
        ),
    ),
    Stage(
        "reality",
        "Reality",
        "Where things stand today.",
        (
            "What are they doing well, and have you told them so?",
            "Is what holds them back about the person (skill, confidence) or about "
            "the system around them (tools, process, schedule)?",
            "What do the numbers show, and what do they leave out?",
        ),
    ),
    Stage(
        "options",
        "Options",
        "Ways forward you explored.",
        (
            "Is the support they need in place: time, training, shadowing, tools?",
            "What could they try first, and what could wait until later?",
        ),
    ),
    Stage(
        "will",
        "Will",
        "What happens next, and who does it.",
        (
            "What will they do, by when, and how will you both know it happened?",
            "What is your overall plan for them, and what is your next step in it?",
        ),
    ),
)
GROW_FIELDS = tuple(stage.field for stage in GROW)
EDITABLE_FIELDS = ("held_on", *GROW_FIELDS)


def visible_notes(user):
    """Notes the coaching-note policy lets a user read."""
    return (
        policy_registry.get_by_type(CoachingNote)
        .instances_user_has_permission_for(user, "view")
        .select_related("mentor", "learner", "cohort")
    )


def notes_about(user, learner):
    """The notes about one learner that a user may read, newest first."""
    return visible_notes(user).filter(learner=learner).order_by("-held_on", "-pk")


def coaching_cohorts(mentor, learner):
    """Pks of the cohorts in which `mentor` coaches `learner`, oldest cohort first."""
    return sorted(
        cohort_id
        for learner_id, cohort_id in coached_learners(mentor)
        if learner_id == learner.pk
    )


def create_note(mentor, learner, cohort_id=None, **fields):
    """Write a note about a learner the mentor coaches; return it.

    The cohort is the one in which the mentor coaches the learner; when they
    coach them in several, `cohort_id` picks one (else the newest is used). PermissionDenied when the
    mentor does not coach the learner; ValidationError for an empty note.
    """
    cohorts = coaching_cohorts(mentor, learner)
    if not cohorts:
        raise PermissionDenied
    if cohort_id is None:
        cohort_id = cohorts[-1]
    elif cohort_id not in cohorts:
        raise ValidationError({"cohort": "You do not coach this learner there."})
    note = CoachingNote(mentor=mentor, learner=learner, cohort_id=cohort_id)
    return _save(note, fields)


def update_note(note, user, **fields):
    """Change a note's date or GROW parts; only the mentor who wrote it may."""
    policy = policy_registry.get_by_type(CoachingNote)
    if not policy.user_has_permission_for_instance(user, "change", note):
        raise PermissionDenied
    return _save(note, fields)


def _save(note, fields):
    unknown = set(fields) - set(EDITABLE_FIELDS)
    if unknown:
        raise ValueError(f"Not a coaching-note field: {', '.join(sorted(unknown))}")
    for name, value in fields.items():
        setattr(note, name, value.strip() if isinstance(value, str) else value)
    if not any(getattr(note, name) for name in GROW_FIELDS):
        raise ValidationError("Write something in at least one of the four parts.")
    # A TextField's max_length binds only its form field, so check it here too.
    too_long = {
        name: f"Keep this under {CoachingNote._meta.get_field(name).max_length} characters."
        for name in GROW_FIELDS
        if len(getattr(note, name)) > CoachingNote._meta.get_field(name).max_length
    }
    if too_long:
        raise ValidationError(too_long)
    note.full_clean()
    note.save()
    return note
