"""A programme's outline: its live courses and modules in order, with the
competencies each module is tagged with, cached until the curriculum changes.

My learning, the course page and the next-up hooks read the outline on every
request, and it changes only when a trainer saves, publishes, moves or deletes
a page or retags a module. Any such change starts a new generation, so every
cached outline is forgotten at once: simpler than finding which programmes a
change touches, and curriculum changes are rare beside page views.
"""

from dataclasses import dataclass

from django.core.cache import cache

from courses.generations import generation, new_generation
from courses.models import CoursePage, ModulePage, TaggedCompetency

GENERATION_KEY = "courses:outline:generation"
OUTLINE_FIELDS = ("id", "title", "path", "depth", "url_path")


@dataclass
class Outline:
    courses: list  # CoursePage instances holding OUTLINE_FIELDS only
    modules: list  # ModulePage instances, each with `competency_ids` (a frozenset)

    def modules_of(self, course):
        return [m for m in self.modules if m.path.startswith(course.path)]


def programme_outline(programme):
    """The programme's outline: from the cache, else three queries."""
    key = f"courses:outline:{generation(GENERATION_KEY)}:{programme.pk}"
    outline = cache.get(key)
    if outline is None:
        outline = _read(programme.path)
        cache.set(key, outline, None)
    return outline


def forget_outlines(**kwargs):
    """Signal receiver: the curriculum changed, so no cached outline holds."""
    new_generation(GENERATION_KEY)


def _read(path):
    courses = list(_live(CoursePage, path))
    modules = list(_live(ModulePage, path))
    tags = {}
    for module, competency in TaggedCompetency.objects.filter(
        content_object__path__startswith=path
    ).values_list("content_object_id", "tag_id"):
        tags.setdefault(module, set()).add(competency)
    for module in modules:
        module.competency_ids = frozenset(tags.get(module.pk, ()))
    return Outline(courses=courses, modules=modules)


def _live(model, path):
    return (
        model.objects.filter(path__startswith=path)
        .live()
        .order_by("path")
        .only(*OUTLINE_FIELDS)
    )
