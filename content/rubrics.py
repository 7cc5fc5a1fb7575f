"""A stretch template's rubric and children as the importer compares and writes them."""

from courses.models.levels import LEVELS


def stretch_children(template):
    """What an imported template holds below it, to tell whether it changed."""
    return (
        sorted(template.competencies.values_list("slug", flat=True)),
        [(m.title, m.week) for m in template.milestones.all()],
        [
            {name: getattr(c, name) for name in CRITERION_FIELDS}
            for c in template.rubric_criteria.all()
        ],
    )


CRITERION_FIELDS = (
    "criterion",
    "description",
    "evidence",
    *(f"level_{n}" for n in LEVELS),
)


def level_values(levels):
    """The four level fields from a {1: text, ...} mapping; empty when unwritten."""
    return {f"level_{n}": (levels or {}).get(n, "") for n in LEVELS}


def criterion_values(criterion):
    return {
        "criterion": criterion.criterion,
        "description": criterion.description,
        "evidence": criterion.evidence,
        **level_values(criterion.levels),
    }
