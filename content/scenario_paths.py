"""Where a scenario's choices lead, for the lint rule on real trade-offs.

A choice is worth the best ending a learner can still reach after taking it:
an ending is worth its outcome (poor, mixed, good), a choice that moves on is
worth the best its next step can still reach. A step "decides" when exactly one
of its choices keeps the best ending in reach; that choice is the one a
learner has to find, so its length must not give it away.
"""

RANK = {"poor": 0, "mixed": 1, "good": 2}
UNREACHABLE = -1


def choice_value(steps, choice, seen=frozenset()):
    """The best ending still reachable after this choice."""
    if choice.next is None:
        return RANK.get(choice.outcome, UNREACHABLE)
    return step_value(steps, choice.next, seen)


def step_value(steps, key, seen=frozenset()):
    """The best ending reachable from a step; a loop back counts for nothing."""
    if key in seen or key not in steps:
        return UNREACHABLE
    return max(
        (choice_value(steps, c, seen | {key}) for c in steps[key].choices),
        default=UNREACHABLE,
    )


def deciding_steps(scenario):
    """(step, the one choice that keeps the best ending in reach) per deciding step."""
    steps = {step.key: step for step in scenario.steps}
    found = []
    for step in scenario.steps:
        values = [choice_value(steps, c, frozenset({step.key})) for c in step.choices]
        best = max(values, default=UNREACHABLE)
        winners = [c for c, v in zip(step.choices, values, strict=True) if v == best]
        if len(step.choices) > 1 and len(winners) == 1 and best > UNREACHABLE:
            found.append((step, winners[0]))
    return found


def best_is_longest(step, best):
    """True when the choice to find is longer than every other one at its step."""
    others = [len(c.text) for c in step.choices if c is not best]
    return len(best.text) > max(others)
