"""Plain language everywhere a learner or mentor reads, and honest minutes.

test_curriculum.py holds module prose, glossary definitions and stretch
templates to a Flesch reading ease of at least 45. The same bar applies to the
rest of what people read: a module's questions, scenarios and takeaways, its
summary and objectives, the programme and course intros, the competency
anchors of the self-assessment and the worked examples of the glossary. A
module with a practice workbook shows the practice time beside its minutes.
"""

from pathlib import Path

import pytest

import content
from content.loader import load_curriculum
from content.readability import flesch_reading_ease
from content.visible_text import learner_visible_text, term_names

MIN_READING_EASE = 45
CONTENT = Path(content.__file__).parent
CURRICULUM = load_curriculum(CONTENT)
NAMES = term_names(CURRICULUM)
MODULES = CURRICULUM.modules()


def by_slug(documents, slug):
    return [pytest.param(d, id=slug(d)) for d in documents]


def plain(text, what):
    score = flesch_reading_ease(text)
    assert score >= MIN_READING_EASE, f"{what}: Flesch reading ease {score}"


@pytest.mark.parametrize("module", by_slug(MODULES, lambda m: m.slug))
def test_everything_a_module_shows_is_plain_english(module):
    plain(learner_visible_text(module, NAMES), module.slug)


@pytest.mark.parametrize("module", by_slug(MODULES, lambda m: m.slug))
def test_a_modules_summary_and_objectives_are_plain_english(module):
    lines = [module.meta.summary, *(f"- {o}" for o in module.meta.objectives)]
    plain("\n".join(lines), module.slug)


INTROS = [*CURRICULUM.programmes, *CURRICULUM.courses()]


@pytest.mark.parametrize("document", by_slug(INTROS, lambda d: d.meta.slug))
def test_programme_and_course_intros_are_plain_english(document):
    plain(f"{document.meta.summary}\n\n{document.body}", document.meta.slug)


COMPETENCIES = [c for c, _line in CURRICULUM.competencies]


@pytest.mark.parametrize("competency", by_slug(COMPETENCIES, lambda c: c.slug))
def test_competency_anchors_are_plain_english(competency):
    levels = (competency.levels or {}).values()
    plain("\n\n".join([competency.description, *levels]), competency.slug)


EXAMPLES = [d for d in CURRICULUM.glossary if d.meta.example]


@pytest.mark.parametrize("term", by_slug(EXAMPLES, lambda d: d.path.stem))
def test_glossary_worked_examples_are_plain_english(term):
    plain(term.meta.example.explanation, term.path.stem)


@pytest.mark.parametrize("template", by_slug(CURRICULUM.stretch, lambda d: d.path.stem))
def test_stretch_milestones_are_plain_english(template):
    milestones = [f"- {m.title}" for m in template.meta.milestones]
    plain("\n".join(milestones), template.path.stem)


WITH_WORKBOOK = [m for m in MODULES if m.meta.workbook]


@pytest.mark.parametrize("module", by_slug(WITH_WORKBOOK, lambda m: m.slug))
def test_a_module_with_a_workbook_shows_its_practice_time(module):
    assert module.meta.practice_minutes >= 10, (
        f"{module.slug}: workbook '{module.meta.workbook}' but "
        f"practice_minutes is {module.meta.practice_minutes}"
    )


def test_there_are_modules_with_workbooks():
    assert len(WITH_WORKBOOK) >= 10
