"""Stretch-project templates: work above current duties, with a rubric."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from modelcluster.fields import ParentalKey, ParentalManyToManyField
from modelcluster.models import ClusterableModel
from wagtail.admin.panels import FieldPanel, InlinePanel
from wagtail.models import Orderable


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


class RubricCriterion(Orderable):
    """One criterion a mentor rates from 1 to 4."""

    template = ParentalKey(
        StretchTemplate, on_delete=models.CASCADE, related_name="rubric_criteria"
    )
    criterion = models.CharField(max_length=120)
    description = models.TextField(help_text="What strong work looks like.")

    def __str__(self):
        return self.criterion
