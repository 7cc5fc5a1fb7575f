"""Rules that make a curriculum invalid: the importer refuses it until they hold.

Each check reports through `add(path, line, message)`. The softer rules of
good teaching (proportion, fair questions) are in content/lint.py instead.
"""

import json
import re

from courses import validation
from courses.formulas import FormulaError, check_example
from courses.markdown import GLOSSARY_LINK, markdown_problems

from .images import image_problems

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
MAX_SLUG = 80
WORKBOOK_ANSWERS = "workbooks/answers.json"


def check_curriculum(curriculum, known_competencies, known_terms, add):
    """Check everything that spans files; call add(path, line, message) per problem."""
    competencies = {c.slug for c, _line in curriculum.competencies}
    competencies |= set(known_competencies)
    terms = {doc.path.stem for doc in curriculum.glossary} | set(known_terms)
    _check_competency_names(curriculum, add)
    _check_markdown_shows(curriculum, add)
    for document in curriculum.glossary:
        _check_file_slug(document, "glossary term", add)
        _check_glossary_term(document, competencies, add)
    for document in curriculum.stretch:
        _check_file_slug(document, "stretch template", add)
        _check_stretch(document, competencies, add)
    _check_unique_slugs(curriculum, add)
    workbooks = _known_workbooks(curriculum.root, add)
    ids = {}
    for module in curriculum.modules():
        if module.meta.slug is None:
            _check_file_slug(module, "module", add, module.slug)
        _check_module(module, curriculum.root, competencies, terms, add)
        _check_workbook(module, workbooks, add)
        _check_blocks(module, curriculum.root, terms, ids, add)


def _check_competency_names(curriculum, add):
    first = {}
    for competency, line in curriculum.competencies:
        seen = first.setdefault(competency.name.casefold(), line)
        if seen != line:
            message = (
                f"duplicate competency name '{competency.name}' (first on line {seen})"
            )
            add(curriculum.competencies_path, line, message)


def _check_markdown_shows(curriculum, add):
    """Every Markdown text renders: intros, definitions, descriptions and module prose."""
    texts = [
        (doc.path, doc.body_line, doc.body)
        for doc in (*curriculum.programmes, *curriculum.courses(), *curriculum.glossary)
    ]
    texts += [(doc.path, doc.body_line, doc.body) for doc in curriculum.stretch]
    for module in curriculum.modules():
        texts += [
            (module.path, block.line, block.data)
            for block in module.blocks
            if block.kind == "markdown"
        ]
        texts += [
            (module.path, block.line, block.data.explanation)
            for block in module.blocks
            if block.kind == "example"
        ]
    for path, line, text in texts:
        for problem in markdown_problems(text):
            add(path, line, problem)


def _check_file_slug(document, kind, add, slug=None):
    """Slugs taken from a file name must be real slugs, as the admin would make."""
    slug = slug if slug is not None else document.path.stem
    if not SLUG.match(slug) or len(slug) > MAX_SLUG:
        message = (
            f"the file name gives the {kind} slug '{slug}': use lowercase letters, "
            f"digits and single hyphens, at most {MAX_SLUG} characters"
        )
        if kind == "module":
            message += ", or set slug: in the front matter"
        add(document.path, 1, message)


def _unknown_competencies(document, slugs, competencies, add, key="competencies"):
    for slug in slugs:
        if slug not in competencies:
            add(document.path, document.line_of(key), f"unknown competency '{slug}'")
    for slug in sorted({s for s in slugs if slugs.count(s) > 1}):
        add(
            document.path, document.line_of(key), f"competency '{slug}' is listed twice"
        )


def _check_glossary_term(document, competencies, add):
    meta = document.meta
    if meta.competency:
        _unknown_competencies(
            document, [meta.competency], competencies, add, "competency"
        )
    if meta.example:
        try:
            check_example(meta.example.model_dump())
        except FormulaError as error:
            add(document.path, document.line_of("example"), str(error))
    if not document.body.strip():
        add(document.path, document.body_line, "a glossary term needs a definition")


def _check_stretch(document, competencies, add):
    meta = document.meta
    _unknown_competencies(document, meta.competencies, competencies, add)
    for milestone in meta.milestones:
        if milestone.week > meta.weeks:
            message = f"milestone '{milestone.title}' is in week {milestone.week} of a {meta.weeks}-week project"
            add(document.path, document.line_of("milestones"), message)


def _check_unique_slugs(curriculum, add):
    seen = {}
    documents = [("programme", p) for p in curriculum.programmes]
    documents += [("course", c) for c in curriculum.courses()]
    documents += [("module", m) for m in curriculum.modules()]
    for kind, document in documents:
        slug = document.slug if kind == "module" else document.meta.slug
        first = seen.setdefault((kind, slug), document.path)
        if first != document.path:
            add(
                document.path,
                document.line_of("slug"),
                f"duplicate {kind} slug '{slug}' (also in {first})",
            )


def _known_workbooks(root, add):
    """The workbook keys content/workbooks/answers.json lists; empty if there is none."""
    path = root / WORKBOOK_ANSWERS
    if not path.is_file():
        return set()
    try:
        answers = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError, RecursionError) as error:
        add(path, 1, f"cannot read the workbook answers: {error}")
        return set()
    if not isinstance(answers, dict):
        add(path, 1, "the workbook answers must be a mapping of workbook keys")
        return set()
    return set(answers)


def _check_workbook(module, workbooks, add):
    workbook = module.meta.workbook
    if workbook and workbook not in workbooks:
        known = ", ".join(sorted(workbooks)) or f"none: no {WORKBOOK_ANSWERS}"
        add(
            module.path,
            module.line_of("workbook"),
            f"unknown workbook '{workbook}' (known: {known})",
        )


def _check_module(module, root, competencies, terms, add):
    meta = module.meta
    for problem in validation.check_minutes(meta.minutes):
        add(module.path, module.line_of("minutes"), problem)
    for problem in validation.check_objectives(meta.objectives):
        add(module.path, module.line_of("objectives"), problem)
    _unknown_competencies(module, meta.competencies, competencies, add)


def _check_blocks(module, root, terms, ids, add):
    for block in module.blocks:
        if block.kind == "markdown":
            _check_links(module.path, block.line, block.data, terms, add)
        if block.kind == "example":
            _check_links(module.path, block.line, block.data.explanation, terms, add)
        for problem in _block_problems(block, root, terms, ids, module.path):
            add(module.path, block.line, problem)


def _check_links(path, first_line, text, terms, add):
    """Name each missing glossary link with the line it is on."""
    for match in GLOSSARY_LINK.finditer(text):
        for problem in validation.check_glossary_links([match.group(1)], terms):
            add(path, first_line + text[: match.start()].count("\n"), problem)


def _block_problems(block, root, terms, ids, path):
    data = block.data
    if block.kind == "term":
        return validation.check_glossary_links([data.slug], terms)
    if block.kind == "image":
        return image_problems(root, data.src)
    if block.kind == "example":
        try:
            check_example(data.model_dump())
        except FormulaError as error:
            return [f"example: {error}"]
        return []
    if block.kind in ("question", "scenario"):
        first = ids.setdefault((block.kind, data.id), (path, block.line))
        if first != (path, block.line):
            return [
                f"duplicate {block.kind} id '{data.id}' (also in {first[0]}:{first[1]})"
            ]
    if block.kind == "question":
        options = [option.model_dump() for option in data.options]
        return validation.check_options(data.type, options)
    if block.kind == "scenario":
        return validation.check_scenario(data.model_dump()["steps"])
    return []
