"""Four described levels, 1 to 4: competency anchors and rubric criteria."""

from django.db import models
from wagtail.admin.panels import FieldPanel, MultiFieldPanel

LEVELS = (1, 2, 3, 4)


def level_field(number, what):
    return models.TextField(
        f"Level {number}", blank=True, help_text=f"What {what} at level {number}."
    )


class FourLevels:
    """Reads and writes the fields level_1 to level_4 that a model declares."""

    def described_levels(self):
        """(level, text) for each level with a text, in order."""
        texts = ((n, getattr(self, f"level_{n}").strip()) for n in LEVELS)
        return [(n, text) for n, text in texts if text]

    def set_levels(self, levels):
        """Set all four texts from a {level: text} mapping; missing levels are emptied."""
        for n in LEVELS:
            setattr(self, f"level_{n}", (levels or {}).get(n, ""))

    @classmethod
    def levels_panel(cls, heading):
        return MultiFieldPanel(
            [FieldPanel(f"level_{n}") for n in LEVELS], heading=heading
        )
