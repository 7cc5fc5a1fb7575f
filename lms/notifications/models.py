"""The delivery log that sends every message once, and opt-outs."""

from django.conf import settings
from django.db import models


class Notification(models.Model):
    """A message sent once: the unique key makes every send idempotent."""

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=40)
    key = models.CharField(max_length=200, unique=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.key


class NudgeOptOut(models.Model):
    """A learner who asked for no more inactivity reminders."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="nudge_opt_out"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.user_id} opted out"
