"""Cohorts: a group of learners going through a programme together, on a schedule."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models


class Cohort(models.Model):
    """A run of a programme with its own dates, pacing, managers and mentors."""

    class Pacing(models.TextChoices):
        ALL_OPEN = "all_open", "All modules open from the start"
        WEEKLY = "weekly", "One course unlocks each week"

    wagtail_reference_index_ignore = True

    programme = models.ForeignKey(
        "courses.ProgrammePage", on_delete=models.PROTECT, related_name="cohorts"
    )
    name = models.CharField(max_length=120)
    start_date = models.DateField()
    end_date = models.DateField()
    pacing = models.CharField(
        max_length=10, choices=Pacing.choices, default=Pacing.ALL_OPEN
    )
    behind_threshold = models.PositiveSmallIntegerField(
        default=2,
        help_text="A learner this many modules behind the schedule is 'behind'.",
    )
    managers = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="managed_cohorts"
    )
    mentors = models.ManyToManyField(
        settings.AUTH_USER_MODEL, blank=True, related_name="mentored_cohorts"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-start_date", "name"]

    def __str__(self):
        return self.name

    def clean(self):
        if self.start_date and self.end_date and self.end_date < self.start_date:
            raise ValidationError({"end_date": "The cohort must end after it starts."})


class CohortSnapshot(models.Model):
    """A cohort's figures on one night, for the trend chart."""

    wagtail_reference_index_ignore = True

    cohort = models.ForeignKey(
        Cohort, on_delete=models.CASCADE, related_name="snapshots"
    )
    taken_on = models.DateField()
    as_of = models.DateTimeField()
    learners = models.PositiveIntegerField(default=0)
    completion = models.FloatField(default=0)
    active_learners = models.PositiveIntegerField(default=0)
    behind = models.PositiveIntegerField(default=0)
    at_risk = models.PositiveIntegerField(default=0)
    mastery = models.JSONField(default=dict)  # competency slug -> share correct
    # The most-missed questions that night (MissedQuestion.as_json): worked out
    # from raw answers here, so the dashboard never has to.
    missed = models.JSONField(default=list, blank=True)
    # The enrolments at risk that night, so the weekly digest names exactly who
    # is newly at risk; None in snapshots taken before it was recorded.
    at_risk_enrolments = models.JSONField(null=True, blank=True, default=None)

    class Meta:
        ordering = ["taken_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "taken_on"], name="one_snapshot_a_day"
            )
        ]

    def __str__(self):
        return f"{self.cohort_id} on {self.taken_on}"
