"""Stretch projects assigned to learners, their evidence, mentor reviews and
coaching notes.

Each assignment is the learner's own copy of a template (or a custom
project): editing its milestones or rubric never touches the template or
anyone else's copy. Every assignment belongs to a cohort, whose managers
oversee it.
"""

import secrets
import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone

from lms.stretch.storage import private_storage


class StretchAssignment(models.Model):
    """One learner's stretch project, with a mentor and dates."""

    class Status(models.TextChoices):
        ASSIGNED = "assigned", "Assigned"
        IN_PROGRESS = "in_progress", "In progress"
        SUBMITTED = "submitted", "Submitted"
        REVIEWED = "reviewed", "Reviewed"
        COMPLETED = "completed", "Completed"

    # Work the learner still owes; past its due date such a project is overdue.
    OPEN = (Status.ASSIGNED, Status.IN_PROGRESS)

    wagtail_reference_index_ignore = True

    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="stretch_assignments",
    )
    cohort = models.ForeignKey(
        "lms.Cohort", on_delete=models.CASCADE, related_name="stretch_assignments"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentored_assignments",
    )
    template = models.ForeignKey(
        "courses.StretchTemplate",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="assignments",
    )
    title = models.CharField(max_length=200)
    purpose = models.TextField()
    description = models.TextField(blank=True, help_text="Markdown.")
    competencies = models.ManyToManyField(
        "courses.Competency", blank=True, related_name="+"
    )
    start_date = models.DateField()
    due_date = models.DateField()
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.ASSIGNED
    )
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    reviewed_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["due_date", "pk"]
        indexes = [models.Index(fields=["status", "due_date"])]

    def __str__(self):
        return f"{self.title} ({self.learner})"

    def clean(self):
        if self.start_date and self.due_date and self.due_date < self.start_date:
            raise ValidationError(
                {"due_date": "The due date must be on or after the start."}
            )

    def is_overdue(self, today=None):
        """Past its due date with the work not yet handed in."""
        today = today or timezone.localdate()
        return self.status in self.OPEN and self.due_date < today


class AssignmentMilestone(models.Model):
    """A checkpoint of one assignment; the learner ticks it off."""

    wagtail_reference_index_ignore = True

    assignment = models.ForeignKey(
        StretchAssignment, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(max_length=200)
    due_date = models.DateField()
    sort_order = models.PositiveSmallIntegerField(default=0)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["sort_order", "due_date", "pk"]

    def __str__(self):
        return self.title

    @property
    def done(self):
        return self.done_at is not None


class AssignmentCriterion(models.Model):
    """A rubric criterion copied onto the assignment, rated 1-4 by the mentor."""

    wagtail_reference_index_ignore = True

    assignment = models.ForeignKey(
        StretchAssignment, on_delete=models.CASCADE, related_name="criteria"
    )
    criterion = models.CharField(max_length=120)
    description = models.TextField(blank=True)
    sort_order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["sort_order", "pk"]

    def __str__(self):
        return self.criterion


class Evidence(models.Model):
    """What the learner handed in: text, with files attached."""

    wagtail_reference_index_ignore = True

    assignment = models.ForeignKey(
        StretchAssignment, on_delete=models.CASCADE, related_name="evidence"
    )
    text = models.TextField(max_length=20_000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"Evidence {self.pk} for {self.assignment_id}"


def evidence_path(instance, filename):
    """A generated name: nothing the uploader chose reaches the file system."""
    return f"evidence/{instance.evidence.assignment_id}/{uuid.uuid4().hex}"


class EvidenceFile(models.Model):
    """One uploaded file, checked by its content, stored privately."""

    wagtail_reference_index_ignore = True

    evidence = models.ForeignKey(
        Evidence, on_delete=models.CASCADE, related_name="files"
    )
    file = models.FileField(upload_to=evidence_path, storage=private_storage)
    original_name = models.CharField(max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()

    def __str__(self):
        return self.original_name


class Review(models.Model):
    """A mentor's verdict on submitted work, with a rating per criterion."""

    class Outcome(models.TextChoices):
        CHANGES_REQUESTED = "changes", "Changes requested"
        APPROVED = "approved", "Approved"

    wagtail_reference_index_ignore = True

    assignment = models.ForeignKey(
        StretchAssignment, on_delete=models.CASCADE, related_name="reviews"
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    outcome = models.CharField(max_length=10, choices=Outcome.choices)
    comment = models.TextField(max_length=10_000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.get_outcome_display()} on {self.assignment_id}"


class CriterionRating(models.Model):
    """A 1-4 rating of one criterion within a review."""

    wagtail_reference_index_ignore = True

    review = models.ForeignKey(Review, on_delete=models.CASCADE, related_name="ratings")
    criterion = models.ForeignKey(
        AssignmentCriterion, on_delete=models.CASCADE, related_name="ratings"
    )
    score = models.PositiveSmallIntegerField(
        validators=[MinValueValidator(1), MaxValueValidator(4)]
    )
    comment = models.TextField(max_length=2_000, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["review", "criterion"], name="one_rating_per_criterion"
            ),
            models.CheckConstraint(
                condition=models.Q(score__gte=1, score__lte=4), name="rating_1_to_4"
            ),
        ]

    def __str__(self):
        return f"{self.criterion}: {self.score}"


def new_feed_token():
    return secrets.token_urlsafe(32)


class CalendarFeed(models.Model):
    """The secret behind a person's private calendar URL; regenerating it
    revokes the old URL."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calendar_feed"
    )
    token = models.CharField(max_length=64, unique=True, default=new_feed_token)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"Calendar of {self.user}"

    def regenerate(self):
        self.token = new_feed_token()
        self.save(update_fields=["token"])
