"""The path: My learning's "next up" follows the learner's open focus gaps.

Among the programme's modules, those tagged with a focus competency and not
completed come first, the weakest focus first (its current level as the gap
picture measures it: the evidence, else the learner's own rating), then in
programme order. With no open focus, or nothing of it left to do, there is no
answer and My learning keeps its default order.
"""

from courses.models import TaggedCompetency
from lms.assessment.evidence import evidence_for
from lms.cohorts.schedule import opens_on
from lms.models import ModuleProgress, SelfRating


def focus_next_up(enrolment, modules, progress):
    """The module of `modules` to do next for the open focus, or None."""
    focus = list(
        enrolment.focus_gaps.filter(closed_at__isnull=True).values_list(
            "competency_id", flat=True
        )
    )
    if not focus:
        return None
    left = [m for m in modules if not _completed(progress.get(m.pk))]
    tagged = _tagged(left, focus)
    if not tagged:
        return None
    for competency in weakest_first(enrolment, focus):
        for module in left:
            if competency in tagged.get(module.pk, ()) and _open(enrolment, module):
                return module
    return None


def weakest_first(enrolment, competency_ids):
    """The competencies by current level, lowest first; unknown levels last."""
    levels = current_levels(enrolment, competency_ids)

    def weakness(pk):
        level = levels.get(pk)
        return (level is None, level or 0, pk)

    return sorted(competency_ids, key=weakness)


def current_levels(enrolment, competency_ids):
    """{competency id: level} as the gap picture's `current`: evidence first,
    else the learner's rating in their latest round that rated it."""
    evidence = evidence_for(enrolment, competency_ids)
    levels = {pk: found.level for pk, found in evidence.items()}
    missing = [pk for pk, level in levels.items() if level is None]
    if missing:
        ratings = (
            SelfRating.objects.filter(
                assessment__enrolment=enrolment, competency_id__in=missing
            )
            .order_by("-assessment__round")
            .values_list("competency_id", "level")
        )
        for competency, level in ratings:
            if levels.get(competency) is None:
                levels[competency] = level
    return levels


def _tagged(modules, competency_ids):
    """{module id: {focus competency ids}} for these modules: one query."""
    tagged = {}
    rows = TaggedCompetency.objects.filter(
        content_object_id__in=[m.pk for m in modules], tag_id__in=competency_ids
    ).values_list("content_object_id", "tag_id")
    for module, competency in rows:
        tagged.setdefault(module, set()).add(competency)
    return tagged


def _completed(row):
    return row is not None and row.status == ModuleProgress.Status.COMPLETED


def _open(enrolment, module):
    """Not closed by weekly pacing: the learner could start it today."""
    return opens_on(enrolment, module) is None
