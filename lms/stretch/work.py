"""The learner's side of a stretch project: ticking milestones, adding evidence, submitting.

Work is open while the project is in progress; the first tick or piece of
evidence on a project still only assigned starts it. From submission on,
milestones and evidence are frozen, so the mentor reviews exactly what was
handed in, until "changes requested" sends the project back.
"""

from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from lms.conf import lms_settings
from lms.models import (
    AssignmentMilestone,
    Evidence,
    EvidenceFile,
    StretchAssignment,
)
from lms.stretch.states import HINTS, IllegalTransition, require_evidence, transition

Status = StretchAssignment.Status


def learner_projects(user):
    """The user's own assignments, with how many milestones are done."""
    return (
        StretchAssignment.objects.filter(learner=user)
        .select_related("mentor", "cohort")
        .annotate(
            milestones_total=Count("milestones", distinct=True),
            milestones_done=Count(
                "milestones",
                filter=Q(milestones__done_at__isnull=False),
                distinct=True,
            ),
        )
    )


def open_for_work(assignment, user):
    """Lock the project for a change of its work, starting it if it is only assigned.

    Call inside a transaction. Raises IllegalTransition once the work is
    handed in, PermissionDenied for anyone but its learner.
    """
    locked = StretchAssignment.objects.select_for_update().get(pk=assignment.pk)
    if locked.status == Status.ASSIGNED:
        locked = transition(locked, "start", user)
    if locked.status != Status.IN_PROGRESS:
        raise IllegalTransition(
            f"This project is {locked.get_status_display().lower()}, so its "
            f"milestones and evidence cannot change: {HINTS[locked.status]}."
        )
    return locked


def set_milestone(assignment, milestone_pk, user, done=None, now=None):
    """Tick a milestone off (or untick it); `done=None` flips it. Returns the milestone."""
    with transaction.atomic():
        open_for_work(assignment, user)
        milestone = AssignmentMilestone.objects.select_for_update().get(
            pk=milestone_pk, assignment_id=assignment.pk
        )
        done = not milestone.done if done is None else done
        if done != milestone.done:
            milestone.done_at = (now or timezone.now()) if done else None
            milestone.save(update_fields=["done_at"])
    return milestone


class EvidenceFull(Exception):
    """The project holds as many files as it may; nothing of this post was kept."""


def _check_room(assignment, uploads):
    """Refuse uploads past the project's limit (LMS_EVIDENCE_MAX_FILES_PER_PROJECT).

    Counted under the project's lock (open_for_work), so two posts at once
    cannot both squeeze past it.
    """
    limit = lms_settings.EVIDENCE_MAX_FILES_PER_PROJECT
    held = EvidenceFile.objects.filter(evidence__assignment_id=assignment.pk).count()
    if uploads and held + len(uploads) > limit:
        room = max(limit - held, 0)
        raise EvidenceFull(
            f"A project holds at most {limit} files and this one has {held}: "
            f"attach at most {room} more, or write what you did instead."
        )


def add_evidence(assignment, user, text, uploads):
    """Save text and checked uploads as one piece of evidence: all of it or nothing.

    `uploads` are lms.stretch.uploads.CheckedUpload. A failure part-way removes the
    files already written, as the rows that named them roll back.
    """
    stored = []
    try:
        with transaction.atomic():
            open_for_work(assignment, user)
            _check_room(assignment, uploads)
            evidence = Evidence.objects.create(assignment_id=assignment.pk, text=text)
            for upload in uploads:
                row = _file_row(evidence, upload)
                # upload_to generates the stored name; the name passed here is ignored.
                row.file.save(upload.name, upload.file, save=False)
                stored.append(row.file.name)
                row.save()
    except BaseException:
        _remove(stored)
        raise
    return evidence


def _file_row(evidence, upload):
    return EvidenceFile(
        evidence=evidence,
        original_name=upload.name,
        content_type=upload.content_type,
        size=upload.size,
    )


def _remove(names):
    storage = EvidenceFile._meta.get_field("file").storage
    for name in names:
        storage.delete(name)


def submit(assignment, user):
    """Hand the work in for review; there must be evidence to review."""
    return transition(assignment, "submit", user, check=require_evidence)
