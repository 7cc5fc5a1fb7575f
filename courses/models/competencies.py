"""Competencies: a controlled vocabulary of tags, each tied to a skill area."""

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase

from ..skill_areas import SkillArea


class Competency(TagBase):
    """A skill a module builds; trainers curate the list, editors only pick."""

    # Wagtail's tag widget only offers existing tags when this is False.
    free_tagging = False

    description = models.TextField(blank=True)
    skill_area = models.CharField(max_length=40, choices=SkillArea.choices)

    class Meta:
        verbose_name = "competency"
        verbose_name_plural = "competencies"
        ordering = ["name"]

    def __str__(self):
        return self.name


class TaggedCompetency(ItemBase):
    """Links a module page to one competency."""

    tag = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="tagged_modules"
    )
    content_object = ParentalKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="competency_items"
    )
