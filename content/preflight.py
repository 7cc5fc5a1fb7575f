"""What the database would refuse, found before anything is written.

The files can be valid and the import still fail against what is already
there: a parent page that cannot hold a programme, a page slug an editor
already used under the same parent, a competency name another slug owns.
These reads run for `--check` too, so it finds what the import would trip on.
"""

from wagtail.models import Page

from courses.models import Competency, CoursePage, ModulePage, ProgrammePage

from .errors import ContentError


def check_against_database(curriculum, parent):
    """Every problem the write would meet, as ContentErrors; [] when it can go ahead."""
    if not ProgrammePage.can_exist_under(parent):
        kind = parent.specific_class._meta.verbose_name
        message = (
            f"page {parent.pk} ('{parent.title}', a {kind}) cannot hold a programme: "
            "import under the catalogue or another page that can"
        )
        return [ContentError(curriculum.root, 0, message)]
    return _slug_clashes(curriculum, parent) + _competency_name_clashes(curriculum)


def _slug_clashes(curriculum, parent):
    existing = _existing_pages(curriculum)
    children = _Children()
    problems = []
    for programme in curriculum.programmes:
        key = f"programme:{programme.meta.slug}"
        problems += children.clash(
            programme, programme.meta.slug, key, parent.pk, existing
        )
        for course in programme.courses:
            course_key = f"course:{course.meta.slug}"
            problems += children.clash(
                course, course.meta.slug, course_key, existing.get(key), existing
            )
            for module in course.modules:
                module_key = f"module:{module.slug}"
                problems += children.clash(
                    module, module.slug, module_key, existing.get(course_key), existing
                )
    return problems


def _existing_pages(curriculum):
    """{import key: page id} of the imported pages the curriculum names."""
    keys = {
        ProgrammePage: [f"programme:{p.meta.slug}" for p in curriculum.programmes],
        CoursePage: [f"course:{c.meta.slug}" for c in curriculum.courses()],
        ModulePage: [f"module:{m.slug}" for m in curriculum.modules()],
    }
    found = {}
    for model, wanted in keys.items():
        found.update(
            model.objects.filter(import_key__in=wanted).values_list("import_key", "pk")
        )
    return found


class _Children:
    """The slugs of each parent's children, read once per parent."""

    def __init__(self):
        self.by_parent = {}

    def slugs(self, parent_id):
        if parent_id not in self.by_parent:
            parent = Page.objects.get(pk=parent_id)
            self.by_parent[parent_id] = {
                slug: (pk, title)
                for slug, pk, title in parent.get_children().values_list(
                    "slug", "pk", "title"
                )
            }
        return self.by_parent[parent_id]

    def clash(self, document, slug, key, parent_id, existing):
        """A page other than this one already using the slug under the same parent."""
        if parent_id is None:
            return []  # the parent is new, so it has no children yet
        pk, title = self.slugs(parent_id).get(slug, (None, ""))
        if pk is None or pk == existing.get(key):
            return []
        message = (
            f"the slug '{slug}' is already used by page {pk} ('{title}') under the "
            "same parent; rename or move that page, or change the slug here"
        )
        return [ContentError(document.path, document.line_of("slug"), message)]


def _competency_name_clashes(curriculum):
    slugs = {c.slug for c, _line in curriculum.competencies}
    names = {c.name: (c, line) for c, line in curriculum.competencies}
    owners = Competency.objects.filter(name__in=names).exclude(slug__in=slugs)
    problems = []
    for owner in owners:
        _competency, line = names[owner.name]
        message = (
            f"the name '{owner.name}' belongs to the competency '{owner.slug}' in the "
            f"database; a competency name can only be used once"
        )
        problems.append(ContentError(curriculum.competencies_path, line, message))
    return problems
