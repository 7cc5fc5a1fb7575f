"""Enrolments and their roll-ups, kept current by the apply job."""

from django.conf import settings
from django.db import models


class Enrolment(models.Model):
    """A learner on a programme, in at most one of its cohorts, with their roll-ups."""

    class Source(models.TextChoices):
        SELF = "self", "Self-enrolled"
        MANAGER = "manager", "Enrolled by a manager"

    wagtail_reference_index_ignore = True

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enrolments"
    )
    programme = models.ForeignKey(
        "courses.ProgrammePage", on_delete=models.CASCADE, related_name="enrolments"
    )
    source = models.CharField(
        max_length=10, choices=Source.choices, default=Source.SELF
    )
    enrolled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    enrolled_at = models.DateTimeField(auto_now_add=True)
    cohort = models.ForeignKey(
        "lms.Cohort",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="enrolments",
    )
    mentor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="mentees",
    )
    team = models.CharField(max_length=100, blank=True)
    site = models.CharField(max_length=100, blank=True)
    # Roll-ups, maintained by lms.progress.rollup.apply_events.
    modules_completed = models.PositiveIntegerField(default=0)
    last_activity_at = models.DateTimeField(null=True, blank=True)
    questions_answered = models.PositiveIntegerField(default=0)
    questions_correct = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["user", "programme"], name="one_enrolment_per_programme"
            )
        ]

    def __str__(self):
        return f"{self.user} on {self.programme_id}"


class CourseProgress(models.Model):
    """How many modules of one course an enrolled learner has completed."""

    wagtail_reference_index_ignore = True

    enrolment = models.ForeignKey(
        Enrolment, on_delete=models.CASCADE, related_name="courses"
    )
    course = models.ForeignKey(
        "courses.CoursePage", on_delete=models.CASCADE, related_name="+"
    )
    modules_completed = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "course"], name="one_row_per_course"
            )
        ]

    def __str__(self):
        return f"{self.enrolment_id}: course {self.course_id}"
