"""The path: My learning's "next up" follows the learner's open focus gaps.

Among the programme's modules, those tagged with a focus competency and not
completed come first, the weakest focus first (its current level as the gap
picture measures it: the evidence, else the learner's own rating), then in
programme order. With no open focus, or nothing of it left to do, there is no
answer and My learning keeps its default order.
"""

from django.core.cache import cache

from courses.generations import generation
from lms.assessment.evidence import evidence_for
from lms.cohorts.schedule import opens_on
from lms.models import ModuleProgress, SelfRating

ORDER_SECONDS = 600


def focus_next_up(enrolment, modules, progress, focus=None):
    """The module of `modules` (the programme outline's) to do next for the open
    focus, or None. `focus` is the open focus gaps' competency ids when the
    caller has them."""
    if focus is None:
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
    wanted = set().union(*tagged.values())
    # Weighing the evidence costs queries; with one focus left to serve, skip it.
    order = weakest_first(enrolment, focus) if len(wanted) > 1 else sorted(wanted)
    for competency in order:
        for module in left:
            if competency in tagged.get(module.pk, ()) and _open(enrolment, module):
                return module
    return None


def weakest_first(enrolment, competency_ids):
    """The competencies by current level, lowest first; unknown levels last.

    Weighing the evidence takes four or five queries and My learning asks on
    every visit, so the order is kept for ORDER_SECONDS: new answers, a mentor's
    rating or an approved project start afresh (`forget_order`); a change in
    predicted recall waits for the time to run out, which moves the order of
    three gaps at most a few minutes late."""
    ids = sorted(competency_ids)
    tag = "-".join(map(str, ids))
    now = generation(_generation_key(enrolment.user_id), ORDER_SECONDS)
    key = f"lms:focus-order:{now}:{enrolment.pk}:{tag}"
    order = cache.get(key)
    if order is None:
        order = _weakest_first(enrolment, ids)
        cache.set(key, order, ORDER_SECONDS)
    return order


def forget_order(user_ids):
    """New evidence for these learners: weigh their focus afresh next time."""
    cache.delete_many([_generation_key(pk) for pk in user_ids])


def _generation_key(user_id):
    return f"lms:focus-evidence:{user_id}"


def _weakest_first(enrolment, competency_ids):
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
    """{module id: {focus competency ids}} for these modules, from the tags the
    programme's outline gives each module (courses.outline): no query."""
    wanted = set(competency_ids)
    found = {m.pk: m.competency_ids & wanted for m in modules}
    return {pk: tags for pk, tags in found.items() if tags}


def _completed(row):
    return row is not None and row.status == ModuleProgress.Status.COMPLETED


def _open(enrolment, module):
    """Not closed by weekly pacing: the learner could start it today."""
    return opens_on(enrolment, module) is None
