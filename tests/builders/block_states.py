"""The module page's block states: what they must hold after a planned
journey, and what they hold, in one shape (see tests.builders.progress)."""

from collections import Counter

from lms.models import ModuleBlockState

BLOCK_FIELDS = {
    "answered": "question_id",
    "scenario_step": "scenario_id",
    "reflected": "prompt_id",
}


def expected_block_states(plan):
    """{(user, module): {block id: (latest event id, what is shown beside it)}}:
    beside an answer the first answer's verdict and the tries, beside a
    reflection its text."""
    latest, first, tries = {}, {}, Counter()
    for p in sorted(plan, key=lambda p: p.occurred_at):
        block = p.raw.get(BLOCK_FIELDS.get(p.kind, ""), "")
        if not block:
            continue
        latest.setdefault((p.user.pk, p.quiz.module.pk), {})[block] = p
        if p.kind == "answered":
            first.setdefault((p.user.pk, block), p.correct)
            tries[(p.user.pk, block)] += 1

    def shown(p, block):
        if p.kind == "answered":
            return (first[(p.user.pk, block)], tries[(p.user.pk, block)])
        return p.raw["text"] if p.kind == "reflected" else None

    return {
        pair: {block: (p.raw["id"], shown(p, block)) for block, p in blocks.items()}
        for pair, blocks in latest.items()
    }


def actual_block_states(users):
    """The stored block states of these learners, in the shape above."""
    states = ModuleBlockState.objects.filter(progress__user__in=users)
    return {
        (state.progress.user_id, state.progress.module_id): {
            block: (entry["id"], _shown(entry)) for block, entry in state.blocks.items()
        }
        for state in states.select_related("progress")
    }


def _shown(entry):
    if entry["kind"] == "answered":
        return (entry["first_correct"], entry["attempts"])
    return entry["text"] if entry["kind"] == "reflected" else None
