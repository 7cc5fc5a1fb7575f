"""Stretch-project templates: work above current duties, with a rubric."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable

from .levels import FourLevels, level_field

WORK = "work on this criterion looks like"


class StretchTemplate(ClusterableModel):
    """A reusable stretch project managers assign to learners."""

    title = models.CharField(max_length=200)
    slug = models.SlugField(max_length=80, unique=True)
    purpose = models.TextField()
    description = models.TextField(blank=True, help_text="Markdown.")
    competencies = ParentalManyToManyField("courses.Competency", blank=True)
    suggested_weeks = models.PositiveSmallIntegerField(
        default=4, validators=[MinValueValidator(1), MaxValueValidator(52)]
    )

    panels = [
        FieldPanel("title"),
        FieldPanel("slug"),
        FieldPanel("purpose"),
        FieldPanel("description"),
        FieldPanel("competencies"),
        FieldPanel("suggested_weeks"),
        InlinePanel("milestones", label="Milestones", min_num=1),
        InlinePanel("rubric_criteria", label="Rubric criteria", min_num=1),
    ]

    class Meta:
        ordering = ["title"]

    def __str__(self):
        return self.title


class StretchMilestone(Orderable):
    """A checkpoint of a stretch project, in the week it is due."""

    template = ParentalKey(
        StretchTemplate, on_delete=models.CASCADE, related_name="milestones"
    )
    title = models.CharField(max_length=200)
    week = models.PositiveSmallIntegerField(
        default=1, validators=[MinValueValidator(1)]
    )

    def __str__(self):
        return self.title


class RubricCriterion(FourLevels, Orderable):
    """One criterion a mentor rates from 1 to 4, with each level described."""

    template = ParentalKey(
        StretchTemplate, on_delete=models.CASCADE, related_name="rubric_criteria"
    )
    criterion = models.CharField(max_length=120)
    description = models.TextField(help_text="What strong work looks like.")
    evidence = models.TextField(
        blank=True, help_text="What the mentor should see to rate this criterion."
    )
    level_1 = level_field(1, WORK)
    level_2 = level_field(2, WORK)
    level_3 = level_field(3, WORK)
    level_4 = level_field(4, WORK)

    panels = [
        FieldPanel("criterion"),
        FieldPanel("description"),
        FieldPanel("evidence"),
        FourLevels.levels_panel("Levels (the mentor rates 1 to 4)"),
    ]

    def __str__(self):
        return self.criterion

    @property
    def levels(self):
        """The described levels as (level, text), 1 to 4; empty if unwritten."""
        return self.described_levels()
