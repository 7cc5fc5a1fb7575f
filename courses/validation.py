"""Content rules shared by the Wagtail editor and the Markdown importer.

Each check returns a list of plain-English problems; an empty list means valid.
"""

MIN_MINUTES, MAX_MINUTES, BITE_SIZED_MINUTES = 1, 15, 7
MAX_PRACTICE_MINUTES = 60
MIN_OBJECTIVES, MAX_OBJECTIVES = 2, 4
OUTCOMES = ("good", "mixed", "poor")


def check_options(kind, options):
    """A single-choice question has exactly one correct option; multiple has one+."""
    correct = sum(1 for option in options if option.get("correct"))
    if len(options) < 2:
        return ["a question needs at least two options"]
    if kind == "single" and correct != 1:
        return [
            f"a single-choice question needs exactly one correct option, found {correct}"
        ]
    if kind == "multiple" and correct < 1:
        return ["a multiple-choice question needs at least one correct option"]
    missing = [
        str(n)
        for n, o in enumerate(options, 1)
        if not (o.get("feedback") or "").strip()
    ]
    if missing:
        return [f"option {', '.join(missing)} has no feedback"]
    return []


def check_scenario(steps):
    """Steps have unique keys, links resolve, all are reachable, endings exist."""
    keys = [step.get("key") for step in steps]
    if not steps:
        return ["a scenario needs at least one step"]
    problems = [
        f"step key '{k}' is used twice" for k in sorted(set(keys)) if keys.count(k) > 1
    ]
    endings = 0
    for step in steps:
        choices = step.get("choices") or []
        if not choices:
            problems.append(f"step '{step.get('key')}' has no choices")
        for choice in choices:
            problems.extend(_check_choice(step.get("key"), choice, keys))
            endings += 0 if choice.get("next") else 1
    if not endings:
        problems.append("a scenario needs at least one ending (a choice without next)")
    unreachable = [k for k in keys if k not in _reachable(steps)]
    problems.extend(
        f"step '{k}' cannot be reached from the first step" for k in unreachable
    )
    return problems


def _check_choice(step_key, choice, keys):
    target = choice.get("next")
    if target:
        if target not in keys:
            return [f"step '{step_key}' leads to missing step '{target}'"]
        return []
    problems = []
    if choice.get("outcome") not in OUTCOMES:
        problems.append(
            f"an ending in step '{step_key}' needs an outcome: good, mixed or poor"
        )
    if not (choice.get("feedback") or "").strip():
        problems.append(f"an ending in step '{step_key}' needs feedback")
    return problems


def _reachable(steps):
    by_key = {step.get("key"): step for step in steps}
    seen, todo = set(), [steps[0].get("key")]
    while todo:
        key = todo.pop()
        if key in seen or key not in by_key:
            continue
        seen.add(key)
        todo.extend(
            c.get("next") for c in by_key[key].get("choices") or [] if c.get("next")
        )
    return seen


def check_minutes(minutes):
    if (
        isinstance(minutes, bool)
        or not isinstance(minutes, int)
        or not MIN_MINUTES <= minutes <= MAX_MINUTES
    ):
        return [
            f"minutes must be a whole number from {MIN_MINUTES} to {MAX_MINUTES}, got {minutes!r}"
        ]
    return []


def check_objectives(objectives):
    if not MIN_OBJECTIVES <= len(objectives) <= MAX_OBJECTIVES:
        return [
            f"a module needs {MIN_OBJECTIVES} to {MAX_OBJECTIVES} objectives, found {len(objectives)}"
        ]
    return []


def check_glossary_links(slugs, known):
    return [
        f"link to missing glossary term '{slug}'" for slug in slugs if slug not in known
    ]


def describe(error):
    """One line per problem in a pydantic ValidationError."""
    parts = []
    for problem in error.errors():
        where = ".".join(str(part) for part in problem["loc"])
        parts.append(f"{where}: {problem['msg']}" if where else problem["msg"])
    return "; ".join(parts)
