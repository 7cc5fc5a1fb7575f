"""A learner's self-assessment rounds, their ratings, their focus gaps, and the
mentor's ratings beside them."""

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models

from lms.assessment.traits import DESIRE_CHOICES, TRAITS

LEVEL_CHOICES = [(n, f"Level {n}") for n in (1, 2, 3, 4)]
TRAIT_CHOICES = [(trait.slug, trait.name) for trait in TRAITS]


def level_field(**kwargs):
    return models.PositiveSmallIntegerField(
        choices=LEVEL_CHOICES,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
        **kwargs,
    )


class Assessment(models.Model):
    """One round of rating oneself in one programme: round 1, then a re-assessment
    every few weeks. Open until every competency and trait is rated."""

    wagtail_reference_index_ignore = True

    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="assessments"
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    round = models.PositiveSmallIntegerField(default=1)
    started_at = models.DateTimeField(auto_now_add=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    desire_to_lead = models.PositiveSmallIntegerField(
        choices=DESIRE_CHOICES, null=True, blank=True
    )
    desire_reason = models.TextField(max_length=2_000, blank=True)
    # Set when the invitation to rate again was sent (once per round).
    reinvited_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "round"], name="one_assessment_round"
            )
        ]

    def __str__(self):
        return f"{self.enrolment_id} round {self.round}"


class SelfRating(models.Model):
    """A level 1-4 a learner gave themselves on a competency or a pipeline trait."""

    wagtail_reference_index_ignore = True

    assessment = models.ForeignKey(
        Assessment, on_delete=models.CASCADE, related_name="ratings"
    )
    competency = models.ForeignKey(
        "courses.Competency",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    trait = models.CharField(max_length=40, choices=TRAIT_CHOICES, blank=True)
    level = level_field()
    rated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assessment", "competency"],
                condition=models.Q(competency__isnull=False),
                name="one_self_rating_per_competency",
            ),
            models.UniqueConstraint(
                fields=["assessment", "trait"],
                condition=~models.Q(trait=""),
                name="one_self_rating_per_trait",
            ),
            models.CheckConstraint(
                condition=(models.Q(competency__isnull=False) & models.Q(trait=""))
                | (models.Q(competency__isnull=True) & ~models.Q(trait="")),
                name="self_rating_of_one_thing",
            ),
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4),
                name="self_rating_1_to_4",
            ),
        ]

    def __str__(self):
        return f"{self.competency_id or self.trait}: {self.level}"


class FocusGap(models.Model):
    """A competency the learner chose to work on now (at most three open)."""

    class Kind(models.TextChoices):
        SKILL = "skill", "A skill I can learn"
        TALENT = "talent", "A talent question"
        UNSURE = "unsure", "Not sure yet"

    wagtail_reference_index_ignore = True

    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="focus_gaps"
    )
    competency = models.ForeignKey(
        "courses.Competency", on_delete=models.CASCADE, related_name="+"
    )
    kind = models.CharField(max_length=10, choices=Kind.choices)
    reflection = models.ForeignKey(
        "lms.JournalEntry",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    chosen_at = models.DateTimeField(auto_now_add=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["enrolment", "competency"],
                condition=models.Q(closed_at__isnull=True),
                name="one_open_focus_per_competency",
            )
        ]

    def __str__(self):
        return f"{self.enrolment_id}: focus on {self.competency_id}"


class MentorRating(models.Model):
    """A mentor's level for a learner on a competency, kept as history (the
    latest counts); the learner sees it beside their own."""

    wagtail_reference_index_ignore = True

    enrolment = models.ForeignKey(
        "lms.Enrolment", on_delete=models.CASCADE, related_name="mentor_ratings"
    )
    competency = models.ForeignKey(
        "courses.Competency", on_delete=models.CASCADE, related_name="+"
    )
    rated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    level = level_field()
    comment = models.TextField(max_length=2_000, blank=True)
    rated_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        indexes = [
            models.Index(
                fields=["enrolment", "competency", "-rated_at"],
                name="mentor_rating_latest",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(level__gte=1, level__lte=4),
                name="mentor_rating_1_to_4",
            )
        ]

    def __str__(self):
        return f"{self.enrolment_id}: {self.competency_id} {self.level}"
