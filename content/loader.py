"""Read the content folder into plain objects and check every rule.

Nothing here touches the database: `load_curriculum` either returns a whole,
valid curriculum or raises CurriculumInvalid listing every problem found.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from courses import validation
from courses.formulas import FormulaError, check_example
from courses.markdown import GLOSSARY_LINK
from courses.validation import describe

from . import yamlio
from .errors import ContentError, CurriculumInvalid
from .parser import BlockProblem, parse_body
from .schema import (
    Competency,
    CourseMeta,
    GlossaryMeta,
    ModuleMeta,
    ProgrammeMeta,
    StretchMeta,
)

INDEX = "_index.md"
ORDER_PREFIX = re.compile(r"^\d+-")


@dataclass
class Document:
    path: Path
    meta: object
    body: str
    body_line: int
    key_lines: dict

    def line_of(self, key):
        return self.key_lines.get(key, 1)


@dataclass
class Module(Document):
    slug: str = ""
    blocks: list = field(default_factory=list)


@dataclass
class Course(Document):
    modules: list = field(default_factory=list)


@dataclass
class Programme(Document):
    courses: list = field(default_factory=list)


@dataclass
class Curriculum:
    root: Path
    competencies: list = field(default_factory=list)
    glossary: list = field(default_factory=list)
    stretch: list = field(default_factory=list)
    programmes: list = field(default_factory=list)

    def modules(self):
        return [m for p in self.programmes for c in p.courses for m in c.modules]


class _Collector:
    """Gathers every error so an author sees them all in one run."""

    def __init__(self):
        self.errors = []

    def add(self, path, line, message):
        self.errors.append(ContentError(path, line, message))


def load_curriculum(root, known_competencies=(), known_terms=()):
    """Load and check the content folder at root; raise CurriculumInvalid on any error."""
    root = Path(root)
    if not root.is_dir():
        raise CurriculumInvalid([ContentError(root, 0, "no such content folder")])
    errors = _Collector()
    curriculum = Curriculum(root=root)
    curriculum.competencies = _load_competencies(root / "competencies.yaml", errors)
    curriculum.glossary = _load_all(root / "glossary", GlossaryMeta, errors)
    curriculum.stretch = _load_all(root / "stretch", StretchMeta, errors)
    curriculum.programmes = _load_programmes(root / "curriculum", errors)
    if not errors.errors:
        competencies = {c.slug for c, _line in curriculum.competencies} | set(
            known_competencies
        )
        terms = {doc.path.stem for doc in curriculum.glossary} | set(known_terms)
        _check(curriculum, competencies, terms, errors)
    if errors.errors:
        raise CurriculumInvalid(errors.errors)
    return curriculum


def _load_competencies(path, errors):
    if not path.exists():
        return []
    try:
        data, _lines = yamlio.load(path.read_text(encoding="utf-8"))
    except yamlio.YamlProblem as problem:
        errors.add(path, problem.line, problem.message)
        return []
    except UnicodeDecodeError:
        errors.add(path, 1, "file is not UTF-8 text")
        return []
    found = []
    for number, item in enumerate(data or [], start=1):
        try:
            found.append((Competency.model_validate(item), number))
        except ValidationError as error:
            errors.add(path, 1, f"competency {number}: {describe(error)}")
    return found


def _read(path, schema, errors, cls=Document, **extra):
    try:
        text = path.read_text(encoding="utf-8")
        front, body, body_line = yamlio.split_front_matter(text)
        data, key_lines = yamlio.load(front, first_line=2)
    except FileNotFoundError:
        errors.add(
            path, 0, f"missing {path.name}: every programme and course folder needs one"
        )
        return None
    except UnicodeDecodeError:
        errors.add(path, 1, "file is not UTF-8 text")
        return None
    except yamlio.YamlProblem as problem:
        errors.add(path, problem.line, problem.message)
        return None
    try:
        meta = schema.model_validate(data or {})
    except ValidationError as error:
        for problem in error.errors():
            key = str(problem["loc"][0]) if problem["loc"] else ""
            where = ".".join(str(part) for part in problem["loc"])
            errors.add(path, key_lines.get(key, 1), f"{where}: {problem['msg']}")
        return None
    return cls(
        path=path,
        meta=meta,
        body=body,
        body_line=body_line,
        key_lines=key_lines,
        **extra,
    )


def _load_all(folder, schema, errors):
    if not folder.is_dir():
        return []
    documents = (_read(path, schema, errors) for path in sorted(folder.glob("*.md")))
    return [document for document in documents if document]


def _load_programmes(folder, errors):
    if not folder.is_dir():
        return []
    programmes = []
    for directory in sorted(p for p in folder.iterdir() if p.is_dir()):
        programme = _read(directory / INDEX, ProgrammeMeta, errors, cls=Programme)
        if programme:
            programme.courses = _load_courses(directory, errors)
            programmes.append(programme)
    return programmes


def _load_courses(folder, errors):
    courses = []
    for directory in sorted(p for p in folder.iterdir() if p.is_dir()):
        course = _read(directory / INDEX, CourseMeta, errors, cls=Course)
        if course:
            course.modules = _load_modules(directory, errors)
            courses.append(course)
    return courses


def _load_modules(folder, errors):
    modules = []
    for path in sorted(p for p in folder.glob("*.md") if p.name != INDEX):
        module = _read(path, ModuleMeta, errors, cls=Module)
        if not module:
            continue
        module.slug = module.meta.slug or ORDER_PREFIX.sub("", path.stem)
        try:
            module.blocks = parse_body(module.body, module.body_line)
        except BlockProblem as problem:
            errors.add(path, problem.line, problem.message)
            continue
        modules.append(module)
    return modules


def _check(curriculum, competencies, terms, errors):
    for document in curriculum.glossary:
        _check_glossary_term(document, competencies, errors)
    for document in curriculum.stretch:
        _check_stretch(document, competencies, errors)
    _check_unique_slugs(curriculum, errors)
    ids = {}
    for module in curriculum.modules():
        _check_module(module, curriculum.root, competencies, terms, ids, errors)


def _check_glossary_term(document, competencies, errors):
    meta = document.meta
    if meta.competency and meta.competency not in competencies:
        errors.add(
            document.path,
            document.line_of("competency"),
            f"unknown competency '{meta.competency}'",
        )
    if meta.example:
        try:
            check_example(meta.example.model_dump())
        except FormulaError as error:
            errors.add(document.path, document.line_of("example"), str(error))
    if not document.body.strip():
        errors.add(
            document.path, document.body_line, "a glossary term needs a definition"
        )


def _check_stretch(document, competencies, errors):
    meta = document.meta
    for slug in meta.competencies:
        if slug not in competencies:
            errors.add(
                document.path,
                document.line_of("competencies"),
                f"unknown competency '{slug}'",
            )
    for milestone in meta.milestones:
        if milestone.week > meta.weeks:
            message = f"milestone '{milestone.title}' is in week {milestone.week} of a {meta.weeks}-week project"
            errors.add(document.path, document.line_of("milestones"), message)


def _check_unique_slugs(curriculum, errors):
    seen = {}
    documents = [("programme", p) for p in curriculum.programmes]
    documents += [("course", c) for p in curriculum.programmes for c in p.courses]
    documents += [("module", m) for m in curriculum.modules()]
    for kind, document in documents:
        slug = document.slug if kind == "module" else document.meta.slug
        first = seen.setdefault((kind, slug), document.path)
        if first != document.path:
            errors.add(
                document.path,
                document.line_of("slug"),
                f"duplicate {kind} slug '{slug}' (also in {first})",
            )


def _check_module(module, root, competencies, terms, ids, errors):
    meta = module.meta
    for problem in validation.check_minutes(meta.minutes):
        errors.add(module.path, module.line_of("minutes"), problem)
    for problem in validation.check_objectives(meta.objectives):
        errors.add(module.path, module.line_of("objectives"), problem)
    for slug in meta.competencies:
        if slug not in competencies:
            errors.add(
                module.path,
                module.line_of("competencies"),
                f"unknown competency '{slug}'",
            )
    for block in module.blocks:
        if block.kind == "markdown":
            for line, problem in _missing_links(block, terms):
                errors.add(module.path, line, problem)
        for problem in _block_problems(block, root, terms, ids, module.path):
            errors.add(module.path, block.line, problem)


def _missing_links(block, terms):
    """Name each missing glossary link with the line it is on."""
    problems = []
    for match in GLOSSARY_LINK.finditer(block.data):
        for problem in validation.check_glossary_links([match.group(1)], terms):
            line = block.line + block.data[: match.start()].count("\n")
            problems.append((line, problem))
    return problems


def _block_problems(block, root, terms, ids, path):
    data = block.data
    if block.kind == "term":
        return validation.check_glossary_links([data.slug], terms)
    if block.kind == "image" and not (root / data.src).is_file():
        return [f"image file '{data.src}' not found"]
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
