"""Where modules sit (course and programme) and what their questions are, read once
per batch of events."""

from wagtail.models import Page

from courses.models import ModulePage
from lms.contrib.xapi.statements import Place
from lms.progress.grading import answer_key


def places_of(module_ids):
    """{module id: (Place, AnswerKey)} for the modules that still exist."""
    modules = list(ModulePage.objects.filter(pk__in=module_ids))
    step = Page.steplen
    paths = {m.path[:-step] for m in modules} | {m.path[: -2 * step] for m in modules}
    ancestors = {page.path: page for page in Page.objects.filter(path__in=paths)}
    found = {}
    for module in modules:
        course = ancestors.get(module.path[:-step])
        programme = ancestors.get(module.path[: -2 * step])
        if course and programme:
            found[module.pk] = (
                Place(module, course, programme),
                answer_key(module.pk, module.body),
            )
    return found
