"""Read the content folder into plain objects and check every rule.

Nothing here touches the database: `load_curriculum` either returns a whole,
valid curriculum or raises CurriculumInvalid listing every problem found.
Reading never raises anything else: an unreadable file, a folder where a
file should be or a strange file name is an error like any other.
"""

import re
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import ValidationError

from . import yamlio
from .checks import check_curriculum
from .errors import ContentError, CurriculumInvalid, printable
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

    def line_of(self, *keys):
        """The line of a key, or of a path of keys and list indexes."""
        if len(keys) == 1 and keys[0] in self.key_lines:
            return self.key_lines[keys[0]]
        return line_for(self.key_lines, keys, 1)


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
    competencies: list = field(default_factory=list)  # (schema.Competency, line)
    glossary: list = field(default_factory=list)
    stretch: list = field(default_factory=list)
    programmes: list = field(default_factory=list)

    @property
    def competencies_path(self):
        return self.root / "competencies.yaml"

    def modules(self):
        return [m for p in self.programmes for c in p.courses for m in c.modules]

    def courses(self):
        return [c for p in self.programmes for c in p.courses]


def line_for(lines, loc, default):
    """The line of the longest known prefix of a key path such as ("rubric", 0)."""
    loc = tuple(str(part) for part in loc)
    for end in range(len(loc), 0, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return default


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
    reader = _Reader(root)
    curriculum = Curriculum(root=root)
    curriculum.competencies = reader.competencies(curriculum.competencies_path)
    curriculum.glossary = reader.all(root / "glossary", GlossaryMeta)
    curriculum.stretch = reader.all(root / "stretch", StretchMeta)
    curriculum.programmes = reader.programmes(root / "curriculum")
    if not reader.errors.errors:
        check_curriculum(curriculum, known_competencies, known_terms, reader.errors.add)
    if reader.errors.errors:
        raise CurriculumInvalid(reader.errors.errors)
    return curriculum


class _Reader:
    def __init__(self, root):
        self.root, self.errors = root, _Collector()

    def text(self, path):
        """The file's text, or None after recording why it cannot be used."""
        problem = self._path_problem(path)
        if problem is None:
            try:
                text = path.read_text(encoding="utf-8")
            except FileNotFoundError:
                problem = (
                    0,
                    f"missing {path.name}: every programme and course folder needs one",
                )
            except IsADirectoryError:
                problem = 1, f"'{path.name}' is a folder, not a Markdown or YAML file"
            except UnicodeDecodeError:
                problem = 1, "file is not UTF-8 text"
            except OSError as error:
                problem = 1, f"cannot read the file: {error.strerror or error}"
            else:
                problem = _nul_problem(text)
                if problem is None:
                    return text
        self.errors.add(path, *problem)
        return None

    def _path_problem(self, path):
        """File names must print, and must not lead outside the content folder."""
        name = str(path.relative_to(self.root))
        if printable(name) != name:
            return (
                1,
                "file or folder name has control characters or is not UTF-8; rename it",
            )
        try:
            inside = path.resolve().is_relative_to(self.root.resolve())
        except (OSError, RuntimeError):  # a link that loops
            return 1, "file is a link that cannot be followed"
        if not inside:
            return 1, "file is a link to somewhere outside the content folder"
        return None

    def competencies(self, path):
        if not path.exists():
            return []
        text = self.text(path)
        if text is None:
            return []
        try:
            data, lines = yamlio.load(text)
        except yamlio.YamlProblem as problem:
            self.errors.add(path, problem.line, problem.message)
            return []
        if data is None:
            return []
        if not isinstance(data, list):
            self.errors.add(path, 1, "competencies.yaml must be a list of competencies")
            return []
        return self._competency_items(path, data, lines)

    def _competency_items(self, path, data, lines):
        found, first = [], {}
        for index, item in enumerate(data):
            line = lines.get((str(index),), 1)
            try:
                competency = Competency.model_validate(item)
            except ValidationError as error:
                for problem in error.errors():
                    where = ".".join(str(part) for part in problem["loc"])
                    at = line_for(lines, (index, *problem["loc"]), line)
                    label = f"competency {index + 1}" + (f" {where}" if where else "")
                    self.errors.add(path, at, f"{label}: {problem['msg']}")
                continue
            if competency.slug in first:
                message = f"duplicate competency slug '{competency.slug}' (first on line {first[competency.slug]})"
                self.errors.add(path, line, message)
                continue
            first[competency.slug] = line
            found.append((competency, line))
        return found

    def document(self, path, schema, cls=Document):
        text = self.text(path)
        if text is None:
            return None
        try:
            front, body, body_line = yamlio.split_front_matter(text)
            data, key_lines = yamlio.load(front, first_line=2)
        except yamlio.YamlProblem as problem:
            self.errors.add(path, problem.line, problem.message)
            return None
        if data is not None and not isinstance(data, dict):
            self.errors.add(path, 2, "front matter must be a mapping of keys to values")
            return None
        try:
            meta = schema.model_validate(data or {})
        except ValidationError as error:
            for problem in error.errors():
                where = ".".join(str(part) for part in problem["loc"])
                line = line_for(key_lines, problem["loc"], 1)
                self.errors.add(path, line, f"{where}: {problem['msg']}")
            return None
        return cls(
            path=path, meta=meta, body=body, body_line=body_line, key_lines=key_lines
        )

    def all(self, folder, schema):
        if not folder.is_dir():
            return []
        documents = (self.document(p, schema) for p in sorted(folder.glob("*.md")))
        return [document for document in documents if document]

    def programmes(self, folder):
        if not folder.is_dir():
            return []
        programmes = []
        for directory in self._folders(folder):
            programme = self.document(directory / INDEX, ProgrammeMeta, Programme)
            if programme:
                programme.courses = self._courses(directory)
                programmes.append(programme)
        return programmes

    def _folders(self, folder):
        try:
            return sorted(p for p in folder.iterdir() if p.is_dir())
        except OSError as error:
            self.errors.add(
                folder, 0, f"cannot list the folder: {error.strerror or error}"
            )
            return []

    def _courses(self, folder):
        courses = []
        for directory in self._folders(folder):
            course = self.document(directory / INDEX, CourseMeta, Course)
            if course:
                course.modules = self._modules(directory)
                courses.append(course)
        return courses

    def _modules(self, folder):
        modules = []
        for path in sorted(p for p in folder.glob("*.md") if p.name != INDEX):
            module = self.document(path, ModuleMeta, Module)
            if not module:
                continue
            module.slug = module.meta.slug or ORDER_PREFIX.sub("", path.stem)
            try:
                module.blocks = parse_body(module.body, module.body_line)
            except BlockProblem as problem:
                self.errors.add(path, problem.line, problem.message)
                continue
            modules.append(module)
        return modules


def _nul_problem(text):
    position = text.find("\x00")
    if position < 0:
        return None
    return text.count("\n", 0, position) + 1, "file contains a NUL character"
