"""The real curriculum in content/: it loads, it imports, and it keeps every
rule of content/README.md ("Curriculum rules") and of the curriculum brief.

Rule tests are parametrised by module, course or template slug so a failure
names what broke and by how much. Nothing here edits the content.
"""

import io
import json
from decimal import Decimal
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from wagtail.models import Revision

import content
from content.errors import CurriculumInvalid
from content.lint import RULES
from content.loader import load_curriculum
from content.readability import WORDS_PER_MINUTE, flesch_reading_ease, word_count
from content.visible_text import learner_visible_text, prose_text, term_names
from content.yamlio import split_front_matter
from courses.formulas import evaluate
from courses.models import ModulePage
from tests.builders.pages import make_catalog

CONTENT = Path(content.__file__).parent
MIN_MODULES = {
    "difficult-conversations": 10,
    "coaching-and-managing": 7,
    "leading-the-team": 7,
    "advanced-excel": 7,
    "business-acumen": 6,
    "contact-centre-technology": 6,
    "contact-centre-terminology": 5,
    "becoming-a-leader": 4,
}
MIN_READING_EASE = 45

# The lint rules (content/lint.py) the curriculum text does not meet yet. This is
# the one list: remove a rule's name as soon as the text meets it; its test then
# holds the text to it. A pending rule that passes fails too, so the list stays true.
PENDING_RULES = set()


def _load():
    try:
        return load_curriculum(CONTENT), []
    except CurriculumInvalid as invalid:
        return None, invalid.errors


CURRICULUM, LOAD_ERRORS = _load()
PROGRAMMES = CURRICULUM.programmes if CURRICULUM else []
COURSES = [course for programme in PROGRAMMES for course in programme.courses]
MODULES = CURRICULUM.modules() if CURRICULUM else []
GLOSSARY = CURRICULUM.glossary if CURRICULUM else []
STRETCH = CURRICULUM.stretch if CURRICULUM else []
COMPETENCIES = {c.slug for c, _line in CURRICULUM.competencies} if CURRICULUM else set()
NAMES = term_names(CURRICULUM) if CURRICULUM else {}


def by_slug(documents, slug=lambda d: d.slug):
    return [pytest.param(document, id=slug(document)) for document in documents]


def blocks(module, kind):
    return [block.data for block in module.blocks if block.kind == kind]


def course_of(module):
    return next(course for course in COURSES if module in course.modules)


# Loading and importing ------------------------------------------------------------


def test_the_whole_content_loads_without_errors():
    assert not LOAD_ERRORS, "\n".join(str(error) for error in LOAD_ERRORS)


def run_import():
    out = io.StringIO()
    call_command("import_curriculum", str(CONTENT), stdout=out, stderr=io.StringIO())
    return out.getvalue()


@pytest.mark.django_db
def test_the_whole_content_imports_every_module():
    make_catalog()

    run_import()

    assert ModulePage.objects.live().count() == len(MODULES) > 0


@pytest.mark.django_db
def test_a_second_import_of_the_whole_content_changes_nothing():
    make_catalog()
    run_import()
    revisions = Revision.objects.count()

    second = run_import()

    assert second.rstrip().endswith("Nothing changed."), second
    assert Revision.objects.count() == revisions


# The shape of the programme ---------------------------------------------------------


def test_there_is_one_programme():
    assert len(PROGRAMMES) == 1


def test_the_programme_has_the_eight_courses():
    assert sorted(course.meta.slug for course in COURSES) == sorted(MIN_MODULES)


@pytest.mark.parametrize("slug", MIN_MODULES)
def test_each_course_has_enough_modules(slug):
    course = next((c for c in COURSES if c.meta.slug == slug), None)

    assert course is not None, f"no course '{slug}'"
    assert len(course.modules) >= MIN_MODULES[slug], (
        f"{slug}: {len(course.modules)} modules, needs {MIN_MODULES[slug]}"
    )


def test_the_curriculum_has_at_least_48_modules():
    assert len(MODULES) >= 48, len(MODULES)


@pytest.mark.parametrize(
    "module",
    by_slug(m for m in MODULES if course_of(m).meta.slug == "difficult-conversations"),
)
def test_each_difficult_conversations_module_has_a_scenario(module):
    assert blocks(module, "scenario")


@pytest.mark.parametrize(
    "module",
    by_slug(m for m in MODULES if course_of(m).meta.skill_area == "advanced-excel"),
)
def test_each_excel_module_names_a_known_workbook(module):
    answers = json.loads((CONTENT / "workbooks" / "answers.json").read_text())

    assert module.meta.workbook, f"{module.slug} names no workbook"
    assert module.meta.workbook in answers, f"{module.slug}: unknown workbook"


# Every module -------------------------------------------------------------------------


@pytest.mark.parametrize("module", by_slug(MODULES))
def test_module_has_two_to_four_objectives(module):
    assert 2 <= len(module.meta.objectives) <= 4, len(module.meta.objectives)


@pytest.mark.parametrize("module", by_slug(MODULES))
def test_module_has_at_least_three_questions(module):
    assert len(blocks(module, "question")) >= 3


@pytest.mark.parametrize("module", by_slug(MODULES))
def test_module_has_exactly_one_reflection_and_one_action(module):
    found = (len(blocks(module, "reflection")), len(blocks(module, "action")))

    assert found == (1, 1), f"reflections, actions: {found}"


@pytest.mark.parametrize("module", by_slug(MODULES))
def test_module_names_at_least_one_competency(module):
    assert module.meta.competencies


@pytest.mark.parametrize("module", by_slug(MODULES))
def test_module_gives_feedback_on_every_option(module):
    missing = [
        f"{question.id} option {n}"
        for question in blocks(module, "question")
        for n, option in enumerate(question.options, start=1)
        if not option.feedback.strip()
    ]

    assert not missing


@pytest.mark.parametrize("module", by_slug(MODULES))
def test_single_choice_questions_have_exactly_one_correct_option(module):
    wrong = {
        question.id: sum(option.correct for option in question.options)
        for question in blocks(module, "question")
        if question.type == "single"
    }

    assert all(count == 1 for count in wrong.values()), wrong


@pytest.mark.parametrize("module", by_slug(MODULES))
def test_module_minutes_are_bite_sized(module):
    assert 3 <= module.meta.minutes <= 7, module.meta.minutes


@pytest.mark.parametrize("module", by_slug(MODULES))
def test_module_minutes_match_its_reading_time(module):
    words = word_count(learner_visible_text(module, NAMES))
    reading = words / WORDS_PER_MINUTE

    assert abs(reading - module.meta.minutes) <= 1, (
        f"{module.slug}: {words} learner-visible words = {reading:.2f} min "
        f"at {WORDS_PER_MINUTE} wpm, but minutes is {module.meta.minutes}"
    )


@pytest.mark.parametrize("module", by_slug(MODULES))
def test_module_prose_is_plain_english(module):
    score = flesch_reading_ease(prose_text(module, NAMES))

    assert score >= MIN_READING_EASE, (
        f"{module.slug}: Flesch reading ease {score} < {MIN_READING_EASE}"
    )


def stretch_text(template):
    """What a learner and mentor read of a stretch template: body, rubric and levels."""
    meta = template.meta
    parts = [meta.purpose, template.body]
    for criterion in meta.rubric:
        parts += [criterion.description, criterion.evidence]
        parts += (criterion.levels or {}).values()
    return "\n\n".join(parts)


@pytest.mark.parametrize("template", by_slug(STRETCH, lambda d: d.path.stem))
def test_stretch_template_prose_is_plain_english(template):
    score = flesch_reading_ease(stretch_text(template))

    assert score >= MIN_READING_EASE, f"{template.path.stem}: {score}"


@pytest.mark.parametrize("term", by_slug(GLOSSARY, lambda d: d.path.stem))
def test_glossary_definition_is_plain_english(term):
    text = "\n\n".join([term.body, term.meta.why_it_matters or ""])
    score = flesch_reading_ease(text)

    assert score >= MIN_READING_EASE, f"{term.path.stem}: {score}"


def test_no_two_questions_share_a_prompt():
    seen = {}
    for module in MODULES:
        for question in blocks(module, "question"):
            prompt = " ".join(question.prompt.split()).casefold()
            seen.setdefault(prompt, []).append(f"{module.slug}/{question.id}")

    duplicates = {prompt: where for prompt, where in seen.items() if len(where) > 1}

    assert not duplicates


def test_every_competency_named_exists():
    named = {(m.slug, c) for m in MODULES for c in m.meta.competencies}
    named |= {(d.path.stem, d.meta.competency) for d in GLOSSARY if d.meta.competency}
    named |= {(d.path.stem, c) for d in STRETCH for c in d.meta.competencies}

    unknown = sorted((where, slug) for where, slug in named if slug not in COMPETENCIES)

    assert COMPETENCIES
    assert not unknown


# Glossary and stretch projects -----------------------------------------------


def test_there_are_at_least_60_glossary_terms():
    assert len(GLOSSARY) >= 60, len(GLOSSARY)


def test_there_are_at_least_10_stretch_templates():
    assert len(STRETCH) >= 10, len(STRETCH)


@pytest.mark.parametrize("template", by_slug(STRETCH, lambda d: d.path.stem))
def test_stretch_template_has_three_to_six_milestones(template):
    assert 3 <= len(template.meta.milestones) <= 6, len(template.meta.milestones)


@pytest.mark.parametrize("template", by_slug(STRETCH, lambda d: d.path.stem))
def test_stretch_template_has_three_to_five_rubric_criteria(template):
    assert 3 <= len(template.meta.rubric) <= 5, len(template.meta.rubric)


def written_result(path):
    """The example's result exactly as the file writes it ("80.0" keeps its decimal)."""
    front, _body, _line = split_front_matter(path.read_text(encoding="utf-8"))
    node = yaml.compose(front, Loader=yaml.SafeLoader)
    example = next(v for k, v in node.value if k.value == "example")
    return next(v for k, v in example.value if k.value == "result").value


def matches_written(value, written):
    """True when value rounds to the written result at its written precision."""
    places = -Decimal(written).as_tuple().exponent
    return round(value, max(0, places)) == float(written)


EXAMPLES = [d for d in GLOSSARY if d.meta.example]


@pytest.mark.parametrize("term", by_slug(EXAMPLES, lambda d: d.path.stem))
def test_glossary_example_gives_its_stated_result(term):
    example = term.meta.example
    written = written_result(term.path)

    value = evaluate(example.expression, example.inputs)

    assert matches_written(value, written), (
        f"{term.path.stem}: {example.expression} = {value}, file says {written}"
    )


# Recomputed by hand from each example's inputs, independently of the evaluator.
BY_HAND = {
    "aht": lambda i: (i["talk"] + i["hold"] + i["wrap"]) / i["contacts"],
    "service-level": lambda i: 100 * i["answered_in_target"] / i["offered"],
    "occupancy": lambda i: 100 * i["handling"] / (i["handling"] + i["idle"]),
    "shrinkage": lambda i: 100 * i["lost_hours"] / i["paid_hours"],
    "cost-per-contact": lambda i: i["cost"] / i["contacts"],
    "abandonment-rate": lambda i: 100 * i["abandoned"] / i["offered"],
    "fcr": lambda i: 100 * i["resolved_first"] / i["contacts"],
    "nps": lambda i: (
        100
        * (i["promoters"] - i["detractors"])
        / (i["promoters"] + i["passives"] + i["detractors"])
    ),
}


@pytest.mark.parametrize("slug", BY_HAND)
def test_key_glossary_examples_recomputed_by_hand(slug):
    path = CONTENT / "glossary" / f"{slug}.md"
    term = next(d for d in GLOSSARY if d.path == path)
    written = written_result(path)

    value = BY_HAND[slug](term.meta.example.inputs)

    assert matches_written(value, written), (
        f"{slug}: by hand {value}, file says {written}"
    )


# Worked examples in modules ------------------------------------------------------


def written_block_result(module, line):
    """The result of the `::: example` block opened on line, exactly as written."""
    lines = module.path.read_text(encoding="utf-8").splitlines()
    end = next(n for n in range(line, len(lines)) if lines[n].strip() == ":::")
    node = yaml.compose("\n".join(lines[line:end]), Loader=yaml.SafeLoader)
    return next(v for k, v in node.value if k.value == "result").value


MODULE_EXAMPLES = [
    pytest.param(module, block, id=f"{module.slug}:{block.line}")
    for module in MODULES
    for block in module.blocks
    if block.kind == "example"
]


@pytest.mark.parametrize(("module", "block"), MODULE_EXAMPLES)
def test_module_worked_example_gives_its_stated_result(module, block):
    example = block.data
    written = written_block_result(module, block.line)

    value = evaluate(example.expression, example.inputs)

    assert matches_written(value, written), (
        f"{module.path}:{block.line}: {example.expression} = {value}, file says {written}"
    )


# The curriculum lint (content/lint.py) ------------------------------------------------


def lint_param(name):
    if name in PENDING_RULES:
        reason = f"pending: the text does not meet '{name}' yet; see PENDING_RULES"
        return pytest.param(name, marks=pytest.mark.xfail(strict=True, reason=reason))
    return pytest.param(name)


def test_pending_rules_are_real_rule_names():
    assert set(RULES) >= PENDING_RULES


@pytest.mark.parametrize("name", [lint_param(name) for name in RULES])
def test_the_curriculum_meets_the_lint_rule(name):
    assert CURRICULUM is not None, "the curriculum does not load"

    findings = RULES[name](CURRICULUM)

    assert not findings, "\n".join(str(finding) for finding in findings)
