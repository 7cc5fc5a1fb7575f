"""Competencies: a controlled vocabulary of tags, each tied to a skill area."""

from django.db import models
from modelcluster.fields import ParentalKey
from taggit.models import ItemBase, TagBase
from wagtail.admin.panels import FieldPanel

from ..skill_areas import SkillArea
from .levels import FourLevels, level_field

FLOOR = "this competency looks like on a contact-centre floor"


class Competency(FourLevels, TagBase):
    """A skill a module builds; trainers curate the list, editors only pick."""

    # Wagtail's tag widget only offers existing tags when this is False.
    free_tagging = False

    description = models.TextField(blank=True)
    skill_area = models.CharField(max_length=40, choices=SkillArea.choices)
    level_1 = level_field(1, FLOOR)
    level_2 = level_field(2, FLOOR)
    level_3 = level_field(3, FLOOR)
    level_4 = level_field(4, FLOOR)

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("skill_area"),
        FieldPanel("description"),
        FourLevels.levels_panel(
            "Level anchors (1 = starting out, 4 = a model for others)"
        ),
    ]

    class Meta:
        verbose_name = "competency"
        verbose_name_plural = "competencies"
        ordering = ["name"]

    def __str__(self):
        return self.name

    @property
    def anchors(self):
        """The behaviour-anchored levels as (level, text), 1 to 4; empty if unwritten."""
        return self.described_levels()


class TaggedCompetency(ItemBase):
    """Links a module page to one competency."""

    tag = models.ForeignKey(
        Competency, on_delete=models.CASCADE, related_name="tagged_modules"
    )
    content_object = ParentalKey(
        "courses.ModulePage", on_delete=models.CASCADE, related_name="competency_items"
    )
