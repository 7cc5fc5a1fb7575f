"""A programme's outline: its live courses and modules in order, with the
competencies each module is tagged with; and a course's module list, what
its page lists and its modules link to. Both are cached until the
curriculum changes.

My learning, the course page, the module page and the next-up hooks read
them on every request, and they change only when a trainer saves,
publishes, moves or deletes a page, retags a module or restricts a page.
Any such change starts a new generation, so every cached value is forgotten
at once: simpler than finding which programmes a change touches, and
curriculum changes are rare beside page views.
"""

from dataclasses import dataclass

from django.core.cache import cache
from wagtail.models import PageViewRestriction

from courses.generations import generation, new_generation
from courses.models import CoursePage, ModulePage, TaggedCompetency
from courses.models.pages import LISTED_MODULE_FIELDS

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


def course_modules(course_path):
    """The live modules of the course at this tree path, in order: from the
    cache, else three queries. Each holds LISTED_MODULE_FIELDS, its URL
    (`listed_url`), its competency names (`competency_names`, in the order
    they were tagged) and whether it is public (`is_public`: no view
    restriction on it or above)."""
    key = f"courses:course:{generation(GENERATION_KEY)}:{course_path}"
    modules = cache.get(key)
    if modules is None:
        modules = _course_modules(course_path)
        cache.set(key, modules, None)
    return modules


def listed_modules(course):
    """course_modules of a course page, read once per page instance: the
    page's context and the hooks that add to it share the one read."""
    held = getattr(course, "_listed_modules", None)
    if held is None:
        held = course._listed_modules = course_modules(course.path)
    return held


def _course_modules(course_path):
    depth = len(course_path) // ModulePage.steplen + 1
    modules = list(
        ModulePage.objects.filter(path__startswith=course_path, depth=depth)
        .live()
        .order_by("path")
        .only(*LISTED_MODULE_FIELDS)
    )
    names = {}
    for module, name in (
        TaggedCompetency.objects.filter(content_object__path__startswith=course_path)
        .order_by("id")
        .values_list("content_object_id", "tag__name")
    ):
        names.setdefault(module, []).append(name)
    # What Page.objects.public() excludes, read once: a restriction on the
    # page or on any page above it.
    restricted = tuple(PageViewRestriction.objects.values_list("page__path", flat=True))
    for module in modules:
        # Worked out once here: a page's URL costs a reverse and a cache read.
        module.listed_url = module.url
        module.competency_names = tuple(names.get(module.pk, ()))
        module.is_public = not module.path.startswith(restricted)
    return modules


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
