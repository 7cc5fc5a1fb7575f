"""Progress events, the durable record of what a learner does, and the per-learner
roll-ups that pages and dashboards read instead of them."""

import uuid

from django.conf import settings
from django.db import models


class ProgressEvent(models.Model):
    """One learner action, stored once under the id the client generated."""

    class Kind(models.TextChoices):
        STARTED = "started", "Started a module"
        ANSWERED = "answered", "Answered a question"
        SCENARIO_STEP = "scenario_step", "Took a scenario step"
        REFLECTED = "reflected", "Wrote a reflection"
        COMPLETED = "completed", "Completed a module"
        WORKBOOK_TASK = "workbook_task", "Had a workbook task checked"

    wagtail_reference_index_ignore = True

    id = models.UUIDField(primary_key=True, default=uuid.uuid4)
    # No index of its own: two indexes below lead with the user, and every
    # learner action inserts a row here, which updates every index.
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="progress_events",
        db_index=False,
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="progress_events"
    )
    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="events"
    )
    kind = models.CharField(max_length=20, choices=Kind.choices)
    # The block the event is about: a question, scenario or reflection prompt.
    block_id = models.CharField(max_length=64, blank=True)
    payload = models.JSONField(default=dict)
    # What the server decided when it accepted the event (grading, next step).
    result = models.JSONField(default=dict)
    seconds = models.PositiveIntegerField(default=0)
    occurred_at = models.DateTimeField()
    received_at = models.DateTimeField(auto_now_add=True)
    body_hash = models.CharField(max_length=64)
    applied_at = models.DateTimeField(null=True, blank=True)
    # An event that fails to apply is tried again alone, so it cannot hold
    # back the others; after LMS_APPLY_MAX_FAILURES tries it is set aside
    # (failed_at), with its last error, until an administrator retries it.
    failures = models.PositiveSmallIntegerField(default=0, db_default=0)
    failed_at = models.DateTimeField(null=True, blank=True)
    error = models.TextField(blank=True, default="", db_default="")

    class Meta:
        indexes = [
            models.Index(
                fields=["user", "module", "occurred_at"], name="event_user_module"
            ),
            models.Index(
                fields=["received_at"],
                name="event_unapplied",
                condition=models.Q(applied_at__isnull=True, failed_at__isnull=True),
            ),
            models.Index(fields=["user", "-occurred_at"], name="event_user_recent"),
            # The module page folds a learner's events not yet in the roll-ups
            # (normally none) over them: this finds those few directly.
            models.Index(
                fields=["user", "module"],
                name="event_user_module_unapplied",
                condition=models.Q(applied_at__isnull=True, failed_at__isnull=True),
            ),
        ]

    def __str__(self):
        return f"{self.kind} {self.id}"


class ModuleProgress(models.Model):
    """Where one learner stands on one module."""

    class Status(models.TextChoices):
        IN_PROGRESS = "in_progress", "In progress"
        COMPLETED = "completed", "Completed"

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="module_progress",
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="+"
    )
    status = models.CharField(
        max_length=12, choices=Status.choices, default=Status.IN_PROGRESS
    )
    attempts = models.PositiveIntegerField(default=0)
    questions_answered = models.PositiveIntegerField(default=0)
    questions_correct = models.PositiveIntegerField(default=0)
    best_score = models.FloatField(default=0)
    time_spent_seconds = models.PositiveIntegerField(default=0)
    first_activity_at = models.DateTimeField(null=True, blank=True)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module"], name="one_progress_per_module"
            )
        ]
        indexes = [
            models.Index(fields=["user", "-last_activity_at"], name="progress_recent")
        ]

    def __str__(self):
        return f"{self.user_id} on {self.module_id}: {self.status}"


class ModuleBlockState(models.Model):
    """One learner's latest answer, scenario step and reflection on each block
    of a module: what the module page shows, in one row however long the
    learner's history on it (lms.progress.block_state keeps it)."""

    wagtail_reference_index_ignore = True

    progress = models.OneToOneField(
        ModuleProgress,
        primary_key=True,
        on_delete=models.CASCADE,
        related_name="block_state",
    )
    # block id -> {"at", "id", "kind", ...}: see lms.progress.block_state.
    blocks = models.JSONField(default=dict)

    def __str__(self):
        return f"blocks of {self.progress_id}"


class QuestionResponse(models.Model):
    """A learner's answers to one question: the first, which counts for score
    and mastery (a right answer found by trying is not knowledge), and the
    latest, the learner's own practice."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="+"
    )
    question_id = models.CharField(max_length=64)
    chosen = models.JSONField(default=list)
    correct = models.BooleanField(default=False)
    attempts = models.PositiveIntegerField(default=0)
    answered_at = models.DateTimeField()
    latest_correct = models.BooleanField(default=False)
    latest_answered_at = models.DateTimeField(null=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "question_id"], name="one_response_per_question"
            )
        ]

    def __str__(self):
        return f"{self.user_id} answered {self.question_id}"


class CompetencyMastery(models.Model):
    """Share of a competency's questions a learner currently answers correctly."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    competency = models.ForeignKey(
        "courses.Competency", on_delete=models.CASCADE, related_name="+"
    )
    answered = models.PositiveIntegerField(default=0)
    correct = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "competency"], name="one_mastery_per_competency"
            )
        ]

    def __str__(self):
        return f"{self.user_id}: {self.competency_id} {self.correct}/{self.answered}"

    @property
    def mastery(self):
        return self.correct / self.answered if self.answered else 0.0


class LearningDay(models.Model):
    """Seconds learned on one calendar day: the source of streaks and weekly minutes."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    day = models.DateField()
    seconds = models.PositiveIntegerField(default=0)
    events = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["user", "day"], name="one_row_per_day")
        ]

    def __str__(self):
        return f"{self.user_id} on {self.day}"
