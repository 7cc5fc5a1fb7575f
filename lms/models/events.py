"""Progress events: the durable record of everything a learner does."""

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

    class Meta:
        indexes = [
            models.Index(
                fields=["user", "module", "occurred_at"], name="event_user_module"
            ),
            models.Index(
                fields=["received_at"],
                name="event_unapplied",
                condition=models.Q(applied_at__isnull=True),
            ),
            models.Index(fields=["user", "-occurred_at"], name="event_user_recent"),
        ]

    def __str__(self):
        return f"{self.kind} {self.id}"
