"""What completed modules bring about: the courses and programmes they finish.

The one way to tell, for any subscriber of `events_applied` (xAPI statements,
badges): a course is finished when the learner has completed every live module
of it, a programme when they have completed every live module of the programme,
counted from the module roll-ups over the programme's outline, so a retired
module never counts and one added later must be done too. Asked again for the
same events it gives the same answer: subscribers stay idempotent.
"""

from dataclasses import dataclass
from datetime import datetime

from wagtail.models import Page

from courses.models import ModulePage
from courses.outline import programme_outline
from lms.models import ModuleProgress

COURSE, PROGRAMME = "course", "programme"


@dataclass(frozen=True, slots=True)
class Finished:
    """A course or programme a completed module finished for its learner."""

    kind: str  # COURSE or PROGRAMME
    page_id: int
    user_id: int
    enrolment_id: int
    occurred_at: datetime  # when the module that finished it was completed


def finished_by(events):
    """{event id: [Finished, ...]} for the completed events among `events`: the
    course each finished, then its programme if that is finished too. Four
    queries at most for a batch, whatever its size (outlines are cached)."""
    done = [event for event in events if event.kind == "completed"]
    if not done:
        return {}
    places = _places({event.module_id for event in done})
    completed = _completed(
        {event.user_id for event in done},
        {m.pk for _c, _p, outline in places.values() for m in outline.modules},
    )
    found = {}
    for event in done:
        if event.module_id not in places:
            continue  # deleted or moved out of a programme since
        course, programme, outline = places[event.module_id]
        mine = completed.get(event.user_id, set())
        made = []
        if _all_done(outline.modules_of(course), mine):
            made.append(_finished(COURSE, course.pk, event))
            if _all_done(outline.modules, mine):
                made.append(_finished(PROGRAMME, programme.pk, event))
        if made:
            found[event.id] = made
    return found


def _places(module_ids):
    """{module id: (course, programme, programme outline)} for live placements."""
    modules = list(ModulePage.objects.filter(pk__in=module_ids).only("pk", "path"))
    step = Page.steplen
    paths = {m.path[:-step] for m in modules} | {m.path[: -2 * step] for m in modules}
    pages = {
        page.path: page
        for page in Page.objects.filter(path__in=paths).only("pk", "path", "depth")
    }
    outlines = {}
    placed = {}
    for module in modules:
        course = pages.get(module.path[:-step])
        programme = pages.get(module.path[: -2 * step])
        if course is None or programme is None:
            continue
        if programme.pk not in outlines:
            outlines[programme.pk] = programme_outline(programme)
        placed[module.pk] = (course, programme, outlines[programme.pk])
    return placed


def _completed(user_ids, module_ids):
    """{user id: {module ids they completed}} among the outlines' modules."""
    rows = ModuleProgress.objects.filter(
        user_id__in=user_ids,
        module_id__in=module_ids,
        status=ModuleProgress.Status.COMPLETED,
    ).values_list("user_id", "module_id")
    found = {}
    for user_id, module_id in rows:
        found.setdefault(user_id, set()).add(module_id)
    return found


def _all_done(modules, completed):
    return bool(modules) and all(module.pk in completed for module in modules)


def _finished(kind, page_id, event):
    return Finished(kind, page_id, event.user_id, event.enrolment_id, event.occurred_at)
