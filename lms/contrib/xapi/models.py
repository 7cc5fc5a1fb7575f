"""The outbox: each statement as it will be sent, kept until the LRS has it."""

import uuid

from django.db import models


class OutboxStatement(models.Model):
    """One xAPI statement, stored in its final form so a resend is identical
    (an LRS drops a statement it already holds under the same id and content)."""

    class Status(models.TextChoices):
        PENDING = "pending", "Waiting to be sent"
        SENT = "sent", "Sent"
        FAILED = "failed", "Refused by the LRS"

    # seq keeps the order statements were made in; delivery follows it.
    seq = models.BigAutoField(primary_key=True)
    statement_id = models.UUIDField(unique=True, default=uuid.uuid4)
    verb = models.CharField(max_length=40)
    statement = models.JSONField()
    status = models.CharField(
        max_length=8, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(auto_now_add=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveIntegerField(default=0)
    last_error = models.TextField(blank=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["seq"],
                name="xapi_pending",
                condition=models.Q(status="pending"),
            )
        ]

    def __str__(self):
        return f"{self.verb} {self.statement_id} ({self.status})"
