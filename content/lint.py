"""The curriculum's teaching rules that can be counted (issues 12 and 15).

Unlike content/checks.py these never stop an import: `import_curriculum
--check` prints them as warnings (errors with `--strict`) and
tests/content/test_curriculum.py holds the real curriculum to them. Each rule
is a small function from a loaded Curriculum to a list of Findings; RULES
names them.
"""

import math
import re
from dataclasses import dataclass
from pathlib import Path

from courses.markdown import GLOSSARY_LINK
from courses.skill_areas import SURVEY_SHARE

from .errors import printable
from .person_names import shared_names
from .scenario_paths import best_is_longest, deciding_steps

SHARE_TOLERANCE = 3.0  # percentage points either side of the survey weight
MAX_LONGEST_CORRECT = 0.40
MAX_LONGEST_BEST_CHOICE = 0.40
# Scenario choices are shown in the order written, so their position can be a tell.
MAX_FIRST_BEST_CHOICE = 0.60
MIN_MULTIPLE_ANSWER = 0.10
MIN_SCENARIO_STEPS = 3
MIN_REASON_WORDS = 5
# A verdict that says nothing about why: "Yes.", "Not quite.", "Correct!".
STOCK_VERDICT = re.compile(
    r"^(?:(?:yes|no|right|correct|incorrect|wrong|exactly|true|false|not quite|"
    r"not really|almost|close|good|great|well done|nice|spot on|that's right|"
    r"that is right|indeed|sorry|ok|okay)\b[\s.!,:;-]*)+",
    re.IGNORECASE,
)
_WORD = re.compile(r"[A-Za-z0-9][\w'’-]*")


@dataclass(frozen=True)
class Finding:
    rule: str
    path: Path
    line: int
    message: str

    def __str__(self):
        return f"{printable(self.path)}:{self.line}: [{self.rule}] {printable(self.message)}"


def survey_weights():
    """The survey's share of each skill area, rescaled to 100%."""
    total = sum(SURVEY_SHARE.values())
    return {str(area): 100 * share / total for area, share in SURVEY_SHARE.items()}


def _questions(modules):
    return [b.data for m in modules for b in m.blocks if b.kind == "question"]


def _index_line(document):
    return document.line_of("skill_area") if "skill_area" in document.key_lines else 1


def skill_area_minutes(curriculum):
    """Minutes per skill area within SHARE_TOLERANCE points of the survey weights."""
    minutes, where = {}, {}
    for course in curriculum.courses():
        area = course.meta.skill_area
        minutes[area] = minutes.get(area, 0) + sum(
            m.meta.minutes for m in course.modules
        )
        where.setdefault(area, course)
    total = sum(minutes.values())
    if not total:
        return []
    findings = []
    for area, weight in survey_weights().items():
        have = minutes.get(area, 0)
        share = 100 * have / total
        if abs(share - weight) <= SHARE_TOLERANCE:
            continue
        # Minutes to add (or remove) in this area alone to reach the weight.
        change = (weight / 100 * total - have) / (1 - weight / 100)
        gap = f"about {abs(change):.0f} min {'short' if change > 0 else 'over'}"
        document = where.get(area) or curriculum.programmes[0]
        message = (
            f"{area} has {share:.1f}% of module minutes ({have} of {total}); the survey "
            f"weight is {weight:.1f}% (±{SHARE_TOLERANCE:g}): {gap}"
        )
        findings.append(
            Finding("skill-area-minutes", document.path, _index_line(document), message)
        )
    return findings


def correct_is_longest(question):
    """True when a correct option is longer than every wrong one (a guessable tell)."""
    right = [len(o.text) for o in question.options if o.correct]
    wrong = [len(o.text) for o in question.options if not o.correct]
    return bool(right) and (not wrong or max(right) > max(wrong))


def correct_not_longest(curriculum):
    """Per course, the correct option is the longest in at most 40% of questions."""
    findings = []
    for course in curriculum.courses():
        questions = _questions(course.modules)
        longest = [q.id for q in questions if correct_is_longest(q)]
        if questions and len(longest) / len(questions) > MAX_LONGEST_CORRECT:
            message = (
                f"the correct option is the longest in {len(longest)} of {len(questions)} "
                f"questions ({100 * len(longest) / len(questions):.0f}%); at most "
                f"{MAX_LONGEST_CORRECT:.0%}: {', '.join(longest)}"
            )
            findings.append(Finding("correct-not-longest", course.path, 1, message))
    return findings


def correct_not_always_first(curriculum):
    """No module whose questions (two or more) all have a correct first option."""
    findings = []
    for module in curriculum.modules():
        blocks = [b for b in module.blocks if b.kind == "question"]
        if len(blocks) >= 2 and all(b.data.options[0].correct for b in blocks):
            message = f"the first option is correct in all {len(blocks)} questions"
            findings.append(
                Finding(
                    "correct-not-always-first", module.path, blocks[0].line, message
                )
            )
    return findings


def multiple_answer_share(curriculum):
    """Per course, at least 10% of questions are multiple-answer."""
    findings = []
    for course in curriculum.courses():
        questions = _questions(course.modules)
        multiple = sum(q.type == "multiple" for q in questions)
        if not questions or multiple / len(questions) >= MIN_MULTIPLE_ANSWER:
            continue
        needed = math.ceil(len(questions) * MIN_MULTIPLE_ANSWER)
        message = (
            f"course '{course.meta.slug}': {multiple} of {len(questions)} questions "
            f"({100 * multiple / len(questions):.1f}%) are multiple-answer; at least "
            f"{MIN_MULTIPLE_ANSWER:.0%} ({needed}) should be: {needed - multiple} more"
        )
        findings.append(Finding("multiple-answer-share", course.path, 1, message))
    return findings


def course_scenario(curriculum):
    """Every course has a branching scenario of at least three steps."""
    findings = []
    for course in curriculum.courses():
        steps = [
            len(b.data.steps)
            for m in course.modules
            for b in m.blocks
            if b.kind == "scenario"
        ]
        if not steps or max(steps) < MIN_SCENARIO_STEPS:
            most = f"the longest has {max(steps)}" if steps else "it has none"
            message = f"the course needs a scenario of at least {MIN_SCENARIO_STEPS} steps; {most}"
            findings.append(Finding("course-scenario", course.path, 1, message))
    return findings


def best_choice_not_longest(curriculum):
    """Per course, the choice that keeps the best ending in reach is not the longest
    at more than 40% of the scenario steps where exactly one choice does."""
    findings = []
    for course in curriculum.courses():
        decided = [
            (scenario.id, step.key, best_is_longest(step, best))
            for scenario in _scenarios(course.modules)
            for step, best in deciding_steps(scenario)
        ]
        longest = [f"{sid}:{key}" for sid, key, is_longest in decided if is_longest]
        if decided and len(longest) / len(decided) > MAX_LONGEST_BEST_CHOICE:
            message = (
                f"the best choice is the longest at {len(longest)} of {len(decided)} "
                f"deciding steps ({100 * len(longest) / len(decided):.0f}%); at most "
                f"{MAX_LONGEST_BEST_CHOICE:.0%}: {', '.join(longest)}"
            )
            findings.append(Finding("best-choice-not-longest", course.path, 1, message))
    return findings


def best_choice_not_always_first(curriculum):
    """Per course, the choice that keeps the best ending in reach comes first at
    no more than 60% of the deciding steps (choices are not shuffled)."""
    findings = []
    for course in curriculum.courses():
        decided = [
            (scenario.id, step.key, step.choices[0] is best)
            for scenario in _scenarios(course.modules)
            for step, best in deciding_steps(scenario)
        ]
        first = [f"{sid}:{key}" for sid, key, is_first in decided if is_first]
        if decided and len(first) / len(decided) > MAX_FIRST_BEST_CHOICE:
            message = (
                f"the best choice comes first at {len(first)} of {len(decided)} "
                f"deciding steps ({100 * len(first) / len(decided):.0f}%); at most "
                f"{MAX_FIRST_BEST_CHOICE:.0%}: {', '.join(first)}"
            )
            findings.append(
                Finding("best-choice-not-always-first", course.path, 1, message)
            )
    return findings


def _scenarios(modules):
    return [b.data for m in modules for b in m.blocks if b.kind == "scenario"]


def reason_words(feedback):
    """The words of a feedback text once a leading stock verdict is taken off."""
    return _WORD.findall(STOCK_VERDICT.sub("", feedback.strip()))


def _feedback_texts(block):
    data = block.data
    if block.kind == "question":
        for n, option in enumerate(data.options, start=1):
            yield f"option {n} of question '{data.id}'", option.feedback
    elif block.kind == "scenario":
        for step in data.steps:
            for choice in step.choices:
                if choice.next is None:
                    yield (
                        f"an ending of scenario '{data.id}' (step '{step.key}')",
                        choice.feedback,
                    )


def feedback_gives_reason(curriculum):
    """Every option's feedback, and every scenario ending's, says why in a few words."""
    findings = []
    for module in curriculum.modules():
        for block in module.blocks:
            for where, feedback in _feedback_texts(block):
                if len(reason_words(feedback)) < MIN_REASON_WORDS:
                    message = (
                        f"{where} has feedback {feedback.strip()!r}: say why, in at "
                        f"least {MIN_REASON_WORDS} words beyond a verdict such as 'Yes.'"
                    )
                    findings.append(
                        Finding(
                            "feedback-gives-reason", module.path, block.line, message
                        )
                    )
    return findings


def distinct_names(curriculum):
    """A name belongs to one person: no name for people in two modules."""
    findings = []
    for name, modules in shared_names(curriculum):
        others = ", ".join(m.slug for m in modules[1:])
        message = (
            f"'{name}' names a person here and in {others}: give each person their own "
            "name (if it is one person on purpose, or not a person, see content/person_names.py)"
        )
        findings.append(Finding("distinct-names", modules[0].path, 1, message))
    return findings


def rubric_levels(curriculum):
    """Every stretch rubric criterion describes levels 1-4 and the evidence expected."""
    findings = []
    for document in curriculum.stretch:
        for index, criterion in enumerate(document.meta.rubric):
            missing = [
                what
                for what, value in (
                    ("levels 1-4", criterion.levels),
                    ("evidence", criterion.evidence),
                )
                if not value
            ]
            if missing:
                message = f"rubric criterion '{criterion.criterion}' has no {' and no '.join(missing)}"
                line = document.line_of("rubric", index)
                findings.append(Finding("rubric-levels", document.path, line, message))
    return findings


def competency_anchors(curriculum):
    """Every competency has behaviour-anchored levels 1-4."""
    return [
        Finding(
            "competency-anchors",
            curriculum.competencies_path,
            line,
            f"competency '{competency.slug}' has no level anchors (levels 1-4)",
        )
        for competency, line in curriculum.competencies
        if not competency.levels
    ]


def _acceptable_labels(document):
    name, abbreviation = document.meta.term, document.meta.abbreviation
    return {name, name[:1].lower() + name[1:], abbreviation} - {""}


def glossary_link_text(curriculum):
    """No glossary link shows its slug instead of words."""
    labels = {doc.path.stem: _acceptable_labels(doc) for doc in curriculum.glossary}
    findings = []
    for module in curriculum.modules():
        for line, text in _linked_texts(module):
            for match in GLOSSARY_LINK.finditer(text):
                slug, label = match.group(1), (match.group(2) or "").strip()
                if _shows_slug(slug, label) and label not in labels.get(slug, ()):
                    at = line + text[: match.start()].count("\n")
                    message = f"the link [[{slug}|{label}]] shows the slug; write [[{slug}]] to show the term's name"
                    findings.append(
                        Finding("glossary-link-text", module.path, at, message)
                    )
    return findings


def _shows_slug(slug, label):
    """The slug as written ("repeat-contact-rate") or shouted ("ONE-TO-ONE").

    A word that happens to be the slug ("Adherence", "FCR") reads as a word.
    """
    return label.casefold() == slug and "-" in slug


def _linked_texts(module):
    for block in module.blocks:
        if block.kind == "markdown":
            yield block.line, block.data
        elif block.kind == "example":
            yield block.line, block.data.explanation


RULES = {
    "skill-area-minutes": skill_area_minutes,
    "correct-not-longest": correct_not_longest,
    "correct-not-always-first": correct_not_always_first,
    "multiple-answer-share": multiple_answer_share,
    "course-scenario": course_scenario,
    "best-choice-not-longest": best_choice_not_longest,
    "best-choice-not-always-first": best_choice_not_always_first,
    "feedback-gives-reason": feedback_gives_reason,
    "distinct-names": distinct_names,
    "rubric-levels": rubric_levels,
    "competency-anchors": competency_anchors,
    "glossary-link-text": glossary_link_text,
}


def lint(curriculum, rules=None):
    """Findings of the named rules (all by default), in file and line order."""
    findings = []
    for name in rules or RULES:
        findings.extend(RULES[name](curriculum))
    return sorted(findings, key=lambda f: (str(f.path), f.line, f.rule))
