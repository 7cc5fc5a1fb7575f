"""Glossary terms: the contact-centre and business vocabulary."""

from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from wagtail.search import index

from ..formulas import FormulaError, check_example


class GlossaryTerm(index.Indexed, models.Model):
    """A term, how it is calculated where relevant, and why a leader cares."""

    term = models.CharField(max_length=120)
    slug = models.SlugField(max_length=80, unique=True)
    abbreviation = models.CharField(max_length=20, blank=True)
    definition = models.TextField(help_text="Markdown.")
    formula = models.CharField(
        max_length=300, blank=True, help_text="How it is calculated, in words."
    )
    example = models.JSONField(
        blank=True,
        default=dict,
        help_text="Worked example: inputs, expression, result, unit, explanation.",
    )
    why_it_matters = models.TextField(blank=True)
    competency = models.ForeignKey(
        "courses.Competency",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="glossary_terms",
    )

    search_fields = [
        index.SearchField("term"),
        index.SearchField("abbreviation"),
        index.SearchField("definition"),
        index.AutocompleteField("term"),
    ]

    class Meta:
        ordering = ["term"]

    def __str__(self):
        return f"{self.term} ({self.abbreviation})" if self.abbreviation else self.term

    def get_absolute_url(self):
        return reverse("courses:glossary_term", args=[self.slug])

    def clean(self):
        if self.example:
            try:
                check_example(self.example)
            except FormulaError as error:
                raise ValidationError({"example": str(error)}) from error
