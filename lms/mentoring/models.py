"""Coaching notes kept by mentors."""

from django.conf import settings
from django.db import models
from django.utils import timezone


class CoachingNote(models.Model):
    """A mentor's note on a coaching conversation, structured by GROW.

    Seen by its mentor and the managers of the learner's cohort, never by the
    learner.
    """

    wagtail_reference_index_ignore = True

    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    learner = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    cohort = models.ForeignKey(
        "lms.Cohort", on_delete=models.CASCADE, related_name="coaching_notes"
    )
    held_on = models.DateField(default=timezone.localdate)
    goal = models.TextField(max_length=5_000, blank=True)
    reality = models.TextField(max_length=5_000, blank=True)
    options = models.TextField(max_length=5_000, blank=True)
    will = models.TextField(max_length=5_000, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["-held_on", "-pk"]

    def __str__(self):
        return f"Coaching {self.learner} on {self.held_on}"
