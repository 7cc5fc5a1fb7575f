"""The learner's private journal and action plan."""

from django.conf import settings
from django.db import models


class JournalEntry(models.Model):
    """A reflection, private to its author unless they choose to share it."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="journal_entries",
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_event = models.OneToOneField(
        "lms.ProgressEvent",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    prompt = models.TextField(blank=True)
    text = models.TextField(max_length=10_000)
    shared = models.BooleanField(
        default=False, help_text="Let my mentor and managers read it."
    )
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name_plural = "journal entries"

    def __str__(self):
        return f"{self.user_id}: {self.text[:40]}"


class ActionItem(models.Model):
    """A 'try this at work' action the learner added to their plan."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="action_items"
    )
    module = models.ForeignKey(
        "courses.ModulePage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    block_id = models.CharField(max_length=64, blank=True)
    title = models.CharField(max_length=200)
    instructions = models.TextField(blank=True, max_length=5_000)
    done = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    done_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["done", "-created_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "module", "block_id"],
                condition=~models.Q(block_id=""),
                name="one_item_per_action",
            )
        ]

    def __str__(self):
        return self.title
