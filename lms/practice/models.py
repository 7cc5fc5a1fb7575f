"""A learner's checked practice workbooks."""

from django.conf import settings
from django.db import models


class WorkbookAttempt(models.Model):
    """One upload of a completed workbook, as checked: per task, right or not."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    module = models.ForeignKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="+"
    )
    workbook = models.CharField(max_length=60)
    checked_at = models.DateTimeField(auto_now_add=True)
    right = models.PositiveSmallIntegerField(default=0)
    tasks = models.PositiveSmallIntegerField(default=0)
    # [{"task", "number", "given", "correct"}]: what the learner wrote, never the key.
    results = models.JSONField(default=list)

    class Meta:
        indexes = [
            models.Index(
                fields=["user", "module", "-checked_at"], name="attempt_recent"
            )
        ]

    def __str__(self):
        return f"{self.workbook}: {self.right}/{self.tasks}"
