"""The layout's rules: imports go one way, public paths keep working, modules stay small."""

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]

# What each lms concept may import of the others. `lms.models` (the app's model
# registry) and the top-level modules (conf, roles, signals) are open to all;
# a new concept must say here what it builds on.
MAY_IMPORT = {
    "core": set(),
    "cohorts": {"core"},
    "progress": {"core", "cohorts"},
    "enrolment": {"core", "cohorts", "accounts"},
    "notifications": {"core", "cohorts"},
    "learner": {"core", "cohorts", "progress", "enrolment", "notifications"},
    "stretch": {"core", "cohorts", "notifications"},
    "mentoring": {"core", "cohorts", "stretch"},
    "api": {"core", "progress"},
    "practice": {"core", "learner", "progress"},
    "accounts": {"core", "notifications"},
    "time_audit": {"core", "cohorts", "learner", "notifications"},
    "review": {"core", "cohorts", "progress", "notifications", "learner", "api"},
    "assessment": {"core", "cohorts", "learner", "notifications", "mentoring"},
    "readiness": {
        "core",
        "cohorts",
        "progress",
        "enrolment",
        "learner",
        "stretch",
        "mentoring",
        "review",
        "time_audit",
        "assessment",
    },
}
OPEN_TO_ALL = {"models", "conf", "roles", "signals"}
PUBLIC_PATHS = [
    ("lms.api", "api"),
    ("lms.backends", "ModelBackend"),
    ("lms.conf", "lms_settings"),
    ("lms.storage", "private_storage"),
    ("lms.models.stretch", "new_feed_token"),
    ("lms.models.stretch", "evidence_path"),
    ("lms.models", "Enrolment"),
    ("lms.models", "ProgressEvent"),
    ("lms.signals", "events_applied"),
    ("lms.cohorts.subpages", "CohortSubpage"),
    ("lms.learner.panels", "LearnerHomePanel"),
    ("lms.core.policies", "ScopedPermissionPolicy"),
]
CODE = ("lms", "courses", "content", "tasks")
# Being split now; this set only shrinks.
STILL_LONG = set()


def imports_of(path):
    """Every module a file imports, at the top or inside functions."""
    found = []
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.module and not node.level:
            found.append(node.module)
        elif isinstance(node, ast.Import):
            found.extend(alias.name for alias in node.names)
    return found


def sources(folder):
    return [p for p in (ROOT / folder).rglob("*.py") if "migrations" not in p.parts]


def concept_of(path):
    """The lms concept a file belongs to, or None for top-level modules."""
    parts = path.relative_to(ROOT / "lms").parts
    return parts[0] if len(parts) > 1 and parts[0] in MAY_IMPORT else None


def crossings(path):
    """The concepts (and forbidden packages) a file in lms imports but may not."""
    own = concept_of(path)
    wrong = []
    for module in imports_of(path):
        head, _, rest = module.partition(".")
        if head == "tasks" or head == "lms" and rest.startswith("contrib"):
            wrong.append(module)
        elif head == "lms" and own is not None:
            other = rest.split(".")[0]
            if other not in (own, *OPEN_TO_ALL, *MAY_IMPORT[own]):
                wrong.append(module)
    return wrong


@pytest.mark.parametrize("path", sources("lms"), ids=lambda p: str(p.relative_to(ROOT)))
def test_lms_imports_only_what_its_concept_builds_on(path):
    if "contrib" in path.parts:
        return  # optional apps sit on top of lms and may import any of it
    assert crossings(path) == []


def test_every_concept_folder_declares_what_it_builds_on():
    folders = {
        p.name
        for p in (ROOT / "lms").iterdir()
        if (p / "__init__.py").exists()
        and p.name not in ("models", "management", "contrib", "migrations")
    }
    assert folders <= set(MAY_IMPORT), folders - set(MAY_IMPORT)


def test_the_rule_catches_a_forbidden_import(tmp_path):
    # A cohorts module importing stretch, or lms importing tasks, is flagged.
    bad = ROOT / "lms" / "cohorts" / "_probe_layout.py"
    bad.write_text("from lms.stretch import states\nimport tasks.progress\n")
    try:
        assert crossings(bad) == ["lms.stretch", "tasks.progress"]
    finally:
        bad.unlink()


@pytest.mark.parametrize("folder", ["courses", "content"])
def test_the_curriculum_never_imports_lms(folder):
    wrong = {
        str(p.relative_to(ROOT)): m
        for p in sources(folder)
        for m in imports_of(p)
        if m == "lms" or m.startswith("lms.") or m.startswith("tasks")
    }
    assert wrong == {}


@pytest.mark.parametrize(("module", "name"), PUBLIC_PATHS)
def test_public_paths_keep_working(module, name):
    assert getattr(importlib.import_module(module), name) is not None


def test_lms_keeps_a_dozen_modules_at_its_top_level():
    top = [p.name for p in (ROOT / "lms").glob("*.py")]
    assert len(top) <= 13, top


@pytest.mark.parametrize("folder", CODE)
def test_no_module_is_over_400_lines(folder):
    long = {
        str(p.relative_to(ROOT)): n
        for p in sources(folder)
        if (n := len(p.read_text().splitlines())) > 400
        and str(p.relative_to(ROOT)) not in STILL_LONG
    }
    assert long == {}
