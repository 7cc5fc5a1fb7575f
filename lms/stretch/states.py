"""Stretch projects: assigning them, moving them through their states, and who may see what.

States run assigned → in progress → submitted → reviewed → completed; a
mentor's "changes requested" sends submitted work back to in progress.
Every move locks the row and checks the state it starts from, so two
clicks or two people racing cannot skip a step. Who may make each move is
checked here too, so every view and job goes through the same rules.
"""

from dataclasses import dataclass
from datetime import timedelta

from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Prefetch
from django.utils import timezone
from wagtail.permissions import policy_registry

from lms.models import (
    AssignmentCriterion,
    AssignmentMilestone,
    CriterionRating,
    Enrolment,
    EvidenceFile,
    StretchAssignment,
)
from lms.signals import assignment_changed

Status = StretchAssignment.Status

LEARNER, MENTOR, MANAGER = "learner", "mentor", "manager"


class IllegalTransition(ValidationError):
    """A move the project's current state does not allow; the message says why."""


@dataclass(frozen=True)
class Move:
    """One allowed move: from which states, to which, by whom, stamping which field."""

    verb: str
    sources: tuple
    target: str
    actors: tuple
    stamp: str = ""


MOVES = {
    "start": Move("started", (Status.ASSIGNED,), Status.IN_PROGRESS, (LEARNER,)),
    "submit": Move(
        "submitted", (Status.IN_PROGRESS,), Status.SUBMITTED, (LEARNER,), "submitted_at"
    ),
    "request_changes": Move(
        "sent back for changes", (Status.SUBMITTED,), Status.IN_PROGRESS, (MENTOR,)
    ),
    "approve": Move(
        "approved", (Status.SUBMITTED,), Status.REVIEWED, (MENTOR,), "reviewed_at"
    ),
    "complete": Move(
        "completed",
        (Status.REVIEWED,),
        Status.COMPLETED,
        (MENTOR, MANAGER),
        "completed_at",
    ),
}

# What to say when a move is tried from the wrong state: the way forward.
HINTS = {
    Status.ASSIGNED: "start it first",
    Status.IN_PROGRESS: "it has to be submitted first",
    Status.SUBMITTED: "it is waiting for the mentor's review",
    Status.REVIEWED: "it has been approved and waits to be signed off",
    Status.COMPLETED: "it is finished",
}


# Who is who


def coached_learners(mentor):
    """(learner, cohort) pairs a mentor coaches: by enrolment or by assignment."""
    pairs = set(
        Enrolment.objects.filter(mentor=mentor, cohort__isnull=False).values_list(
            "user_id", "cohort_id"
        )
    )
    pairs |= set(
        StretchAssignment.objects.filter(mentor=mentor).values_list(
            "learner_id", "cohort_id"
        )
    )
    return pairs


def project_contents(assignment, newest_review_first=False):
    """What every project page lists: milestones, evidence with its files, and
    reviews with their ratings in rubric order; four queries however many."""
    ratings = CriterionRating.objects.select_related("criterion").order_by(
        "criterion__sort_order", "criterion__pk"
    )
    reviews = assignment.reviews.select_related("mentor").prefetch_related(
        Prefetch("ratings", queryset=ratings)
    )
    if newest_review_first:
        reviews = reviews.order_by("-created_at", "-pk")
    return {
        "milestones": list(assignment.milestones.all()),
        "evidence": list(
            assignment.evidence.prefetch_related(
                Prefetch("files", queryset=EvidenceFile.objects.order_by("pk"))
            )
        ),
        "reviews": list(reviews),
    }


# Assigning


@dataclass
class ProjectBrief:
    """What to assign: a template's content, or a custom project's."""

    title: str
    purpose: str
    description: str = ""
    milestones: tuple = ()  # (title, week) pairs
    criteria: tuple = ()  # (criterion, description) pairs
    competencies: tuple = ()
    template: object = None

    @classmethod
    def from_template(cls, template):
        return cls(
            title=template.title,
            purpose=template.purpose,
            description=template.description,
            milestones=tuple((m.title, m.week) for m in template.milestones.all()),
            criteria=tuple(
                (c.criterion, c.description) for c in template.rubric_criteria.all()
            ),
            competencies=tuple(template.competencies.all()),
            template=template,
        )


def milestone_date(start_date, week, due_date):
    """The last day of the milestone's week, never after the project's due date."""
    return min(start_date + timedelta(days=7 * week - 1), due_date)


def assign(brief, cohort, learners, mentor, start_date, due_date, assigned_by):
    """Give each learner their own copy of the project; all of them or none.

    Raises ValidationError naming the first problem: dates the wrong way round,
    a mentor who is not one of the cohort's mentors, or a learner not enrolled
    in the cohort.
    """
    learners = list(learners)
    _check_assignment(brief, cohort, learners, mentor, start_date, due_date)
    with transaction.atomic():
        created = [
            _copy_for(brief, cohort, learner, mentor, start_date, due_date, assigned_by)
            for learner in learners
        ]
    return created


def _check_assignment(brief, cohort, learners, mentor, start_date, due_date):
    if not learners:
        raise ValidationError("Choose at least one learner.")
    if not brief.title.strip() or not brief.purpose.strip():
        raise ValidationError("A project needs a title and a purpose.")
    if due_date < start_date:
        raise ValidationError(
            {"due_date": "The due date must be on or after the start."}
        )
    if mentor is None or not cohort.mentors.filter(pk=mentor.pk).exists():
        raise ValidationError({"mentor": "Choose one of this cohort's mentors."})
    enrolled = set(
        Enrolment.objects.filter(cohort=cohort).values_list("user_id", flat=True)
    )
    strangers = [str(learner) for learner in learners if learner.pk not in enrolled]
    if strangers:
        raise ValidationError(
            f"Not enrolled in {cohort}: {', '.join(sorted(strangers))}."
        )


def _copy_for(brief, cohort, learner, mentor, start_date, due_date, assigned_by):
    assignment = StretchAssignment.objects.create(
        learner=learner,
        cohort=cohort,
        mentor=mentor,
        template=brief.template,
        title=brief.title,
        purpose=brief.purpose,
        description=brief.description,
        start_date=start_date,
        due_date=due_date,
        assigned_by=assigned_by,
    )
    assignment.competencies.set(brief.competencies)
    AssignmentMilestone.objects.bulk_create(
        AssignmentMilestone(
            assignment=assignment,
            title=title,
            due_date=milestone_date(start_date, week, due_date),
            sort_order=order,
        )
        for order, (title, week) in enumerate(brief.milestones)
    )
    AssignmentCriterion.objects.bulk_create(
        AssignmentCriterion(
            assignment=assignment,
            criterion=criterion,
            description=description,
            sort_order=order,
        )
        for order, (criterion, description) in enumerate(brief.criteria)
    )
    return assignment


def learners_of(cohort):
    """Everyone enrolled in a cohort, for 'assign to the whole cohort'."""
    return get_user_model().objects.filter(enrolments__cohort=cohort).order_by("pk")


# Moving between states


def transition(assignment, action, user, now=None, check=None):
    """Make the move `action` on the assignment as `user`; return the fresh assignment.

    PermissionDenied when the user may not make this move on this project;
    IllegalTransition when the project's state does not allow it. `check`,
    if given, is called with the locked assignment before the move (to
    require evidence, say) and may raise ValidationError to refuse it.
    """
    move = MOVES.get(action)
    if move is None:
        raise IllegalTransition(f"Unknown action '{action}'.")
    now = now or timezone.now()
    with transaction.atomic():
        locked = (
            StretchAssignment.objects.select_for_update()
            .select_related("cohort")
            .get(pk=assignment.pk)
        )
        if not policy_registry.get_by_type(
            StretchAssignment
        ).user_has_permission_for_instance(user, action, locked):
            raise PermissionDenied
        if locked.status not in move.sources:
            raise IllegalTransition(
                f"This project is {locked.get_status_display().lower()}, so it "
                f"cannot be {move.verb}: {HINTS[locked.status]}."
            )
        if check is not None:
            check(locked)
        locked.status = move.target
        fields = ["status", "updated_at"]
        if move.stamp:
            setattr(locked, move.stamp, now)
            fields.append(move.stamp)
        locked.save(update_fields=fields)
        assignment_changed.send(
            sender=StretchAssignment, assignment=locked, action=action, user=user
        )
    return locked


def require_evidence(assignment):
    """Submitting needs something to review."""
    if not assignment.evidence.exists():
        raise IllegalTransition("Add some evidence before submitting.")
