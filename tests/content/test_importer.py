"""The Markdown importer: what it writes, that it is idempotent and
all-or-nothing, and that every authoring mistake names its file and line.

The sample in tests/fixtures/sample_content is a copy of part of the real
curriculum plus one image; tests that edit files work on a copy in tmp_path.
"""

import io
import shutil
from pathlib import Path

import pytest
import yaml
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.images import get_image_model
from wagtail.models import Page, Revision

import content.streams
from content.errors import ContentError, CurriculumInvalid
from content.importer import import_curriculum
from content.lint import lint
from content.loader import load_curriculum
from courses.models import (
    CatalogPage,
    Competency,
    CoursePage,
    GlossaryTerm,
    ModulePage,
    ProgrammePage,
    StretchTemplate,
)
from tests.builders.pages import make_catalog

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample_content"
COURSE = "curriculum/front-line-to-team-leader/01-difficult-conversations"
MODULE_1 = f"{COURSE}/01-why-difficult-people-skills-matter.md"
MODULE_2 = f"{COURSE}/02-de-escalation-first-minute.md"
MODULE_3 = f"{COURSE}/03-taking-the-escalated-call.md"
SLUGS = [
    "why-difficult-people-skills-matter",
    "de-escalation-first-minute",
    "taking-the-escalated-call",
]


# Helpers --------------------------------------------------------------------


def run(path, *args):
    """Run the management command; return what it printed on stdout."""
    out = io.StringIO()
    call_command(
        "import_curriculum", str(path), *args, stdout=out, stderr=io.StringIO()
    )
    return out.getvalue()


def edit(path, old, new):
    """Replace the first occurrence of old in a file, which must contain it."""
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, needle):
    """The 1-based number of the first line of a file that contains needle."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, start=1) if needle in line)


def errors_for(root):
    """Import root, expecting it to be refused; return the errors."""
    with pytest.raises(CurriculumInvalid) as caught:
        import_curriculum(root)
    return caught.value.errors


def revision_counts():
    return {page.pk: page.revisions.count() for page in Page.objects.all()}


def module(slug):
    return ModulePage.objects.get(slug=slug)


def question_ids(page):
    return [block.id for block in page.body if block.block_type == "question"]


def option_ids(page):
    return [
        option["id"]
        for block in page.body.raw_data
        if block["type"] == "question"
        for option in block["value"]["options"]
    ]


def competency_count_in(root):
    data = yaml.safe_load((root / "competencies.yaml").read_text(encoding="utf-8"))
    return len(data)


# Fixtures -------------------------------------------------------------------


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Imported images go to a throwaway media folder."""
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def catalog(db):
    return make_catalog()


@pytest.fixture
def sample(tmp_path):
    """An editable copy of the sample content."""
    return Path(shutil.copytree(SAMPLE, tmp_path / "content"))


@pytest.fixture
def imported(catalog):
    """The sample imported once; the command's stdout."""
    return run(SAMPLE)


# A first import ---------------------------------------------------------------


def test_import_puts_the_programme_under_the_catalogue(imported, catalog):
    programme = ProgrammePage.objects.get()

    assert programme.slug == "front-line-to-team-leader"
    assert programme.get_parent().pk == catalog.pk


def test_import_creates_the_course_under_the_programme(imported):
    course = CoursePage.objects.get()

    assert course.slug == "difficult-conversations"
    assert course.skill_area == "difficult-personalities"
    assert course.get_parent().pk == ProgrammePage.objects.get().pk


def test_import_creates_the_modules_in_file_order(imported):
    course = CoursePage.objects.get()

    children = [page.slug for page in course.get_children()]

    assert children == SLUGS
    assert ModulePage.objects.count() == 3


def test_import_publishes_every_page(imported):
    pages = [*ProgrammePage.objects.all(), *CoursePage.objects.all()]
    pages += list(ModulePage.objects.all())

    assert all(page.live and not page.has_unpublished_changes for page in pages)


def test_import_copies_module_front_matter(imported):
    page = module("why-difficult-people-skills-matter")

    assert page.title == "Why difficult people skills matter most"
    assert page.minutes == 5
    assert len(page.objectives) == 3
    assert sorted(tag.slug for tag in page.competencies.all()) == [
        "de-escalation",
        "emotional-intelligence",
        "self-awareness",
    ]


def test_import_turns_the_module_body_into_blocks_of_each_kind(imported):
    page = module("de-escalation-first-minute")

    kinds = [block.block_type for block in page.body]

    assert kinds == [
        "markdown",
        "image",
        "markdown",
        "question",
        "question",
        "question",
        "scenario",
        "takeaways",
        "reflection",
        "action",
    ]


def test_import_creates_every_glossary_term(imported):
    slugs = sorted(GlossaryTerm.objects.values_list("slug", flat=True))

    assert slugs == sorted(path.stem for path in (SAMPLE / "glossary").glob("*.md"))
    assert len(slugs) >= 10


def test_import_keeps_a_glossary_terms_worked_example(imported):
    term = GlossaryTerm.objects.get(slug="aht")

    assert term.abbreviation == "AHT"
    assert term.example["expression"] == "(talk + hold + wrap) / contacts"
    assert term.example["result"] == 322.5
    assert term.competency.slug == "kpi-vocabulary"


def test_import_creates_stretch_templates_with_milestones_and_rubric(imported):
    template = StretchTemplate.objects.get(slug="run-a-calibration-session")

    assert StretchTemplate.objects.count() == 2
    assert template.suggested_weeks == 3
    assert [(m.title[:20], m.week) for m in template.milestones.all()] == [
        ("Agree the aim and th", 1),
        ("Choose two or three ", 1),
        ("Ask everyone to scor", 2),
        ("Run the session and ", 2),
        ("Share the agreed not", 3),
    ]
    assert [c.criterion for c in template.rubric_criteria.all()] == [
        "Preparation",
        "Facilitation",
        "Outcomes",
        "Follow-through",
    ]
    assert sorted(template.competencies.values_list("slug", flat=True)) == [
        "communicating-the-plan",
        "quality-tools",
        "setting-standards",
    ]


def test_import_copies_competency_level_anchors(imported):
    anchors = Competency.objects.get(slug="de-escalation").anchors

    assert [level for level, _text in anchors] == [1, 2, 3, 4]
    assert anchors[1][1] == (
        "Lets the customer finish and says the problem back before answering."
    )
    assert Competency.objects.get(slug="conflict-resolution").anchors == []


def test_import_copies_rubric_levels_and_evidence(imported):
    template = StretchTemplate.objects.get(slug="run-a-calibration-session")
    preparation, facilitation = list(template.rubric_criteria.all())[:2]

    assert preparation.evidence.startswith("The chosen contacts and the table")
    assert [level for level, _text in preparation.levels] == [1, 2, 3, 4]
    assert preparation.levels[3][1].startswith("As 3, and the spread")
    assert (facilitation.evidence, facilitation.levels) == ("", [])


def test_import_keeps_which_options_are_pinned(imported):
    page = module("taking-the-escalated-call")
    questions = [b["value"] for b in page.body.raw_data if b["type"] == "question"]

    pinned = [[o["value"]["pinned"] for o in q["options"]] for q in questions]

    assert pinned[1] == [False, False, False, True]
    assert not any(pinned[0]) and not any(pinned[2])


def test_import_turns_an_example_block_into_a_worked_example(imported):
    page = module("taking-the-escalated-call")

    example = next(b.value for b in page.body if b.block_type == "worked_example")

    assert example["title"] == "Minutes a manager spends on escalations"
    assert [(i["name"], i["value"]) for i in example["inputs"]] == [
        ("calls", 12),
        ("minutes_each", 7.5),
    ]
    assert (example["expression"], example["result"]) == ("calls * minutes_each", 90)
    assert example["unit"] == "minutes a week"


def test_import_copies_practice_minutes(imported):
    assert module("taking-the-escalated-call").practice_minutes == 10
    assert module("de-escalation-first-minute").practice_minutes == 0


def test_module_and_course_pages_show_practice_minutes(imported, client):
    page = module("taking-the-escalated-call")

    module_html = client.get(page.url).content.decode()
    course_html = client.get(page.get_parent().url).content.decode()

    assert "6 min + 10 min practice" in module_html
    assert course_html.count("+ 10 min practice") == 1


def test_the_module_page_shows_the_worked_example_card(imported, client):
    html = client.get(module("taking-the-escalated-call").url).content.decode()

    assert "Worked example: Minutes a manager spends on escalations" in html
    assert "<dt>minutes each</dt><dd>7.5</dd>" in html
    assert "<strong>90 minutes a week</strong>" in html


def test_import_creates_every_competency(imported):
    assert Competency.objects.count() == competency_count_in(SAMPLE)
    assert Competency.objects.get(slug="de-escalation").name == "De-escalation"


def test_import_stores_the_image_as_a_wagtail_image(imported):
    image = get_image_model().objects.get(title="images/headset.png")
    block = next(
        b for b in module("de-escalation-first-minute").body if b.block_type == "image"
    )

    assert (image.width, image.height) == (20, 20)
    assert image.collection.name == "Curriculum"
    assert block.value["image"].pk == image.pk
    assert block.value["alt"] == "A headset on a desk, ready for the next call"


def test_import_reports_what_it_created(imported):
    assert "module: 3 created" in imported
    assert "glossary term: 13 created" in imported
    assert imported.rstrip().endswith("Imported changes.")


def test_import_goes_under_the_parent_page_it_is_given(catalog):
    pilot = Page.get_first_root_node().add_child(
        instance=CatalogPage(title="Pilot", slug="pilot")
    )

    run(SAMPLE, "--parent", str(pilot.pk))

    assert ProgrammePage.objects.get().get_parent().pk == pilot.pk


def test_a_missing_parent_page_is_a_command_error(catalog):
    with pytest.raises(CommandError, match="No page with id 987654"):
        run(SAMPLE, "--parent", "987654")

    assert not ProgrammePage.objects.exists()


# Re-importing -------------------------------------------------------------------


def test_a_second_import_says_nothing_changed(imported):
    second = run(SAMPLE)

    assert second.rstrip().endswith("Nothing changed.")
    assert "module: 3 unchanged" in second


def test_a_second_import_creates_no_revisions(imported):
    before = Revision.objects.count()

    run(SAMPLE)

    assert Revision.objects.count() == before


@pytest.fixture
def edited(catalog, sample):
    """Import; edit a prompt, an option and prose, insert a block; import again."""
    run(sample)
    before = module("de-escalation-first-minute")
    state = {
        "pk": before.pk,
        "revisions": revision_counts(),
        "question_ids": question_ids(before),
        "option_ids": option_ids(before),
    }
    path = sample / MODULE_2
    edit(
        path,
        "to an angry caller, which version works best?",
        "to an angry caller, which line shows you listened?",
    )
    edit(
        path,
        "Switch to a flat, neutral script voice.",
        "Switch to a flat script voice.",
    )
    # A new block before the questions shifts their positions in the stream.
    edit(
        path,
        "## Mind your tone",
        "::: term\nslug: aht\n:::\n\n## Mind your tone and pace",
    )
    state["report"] = run(sample)
    return state


def test_an_edited_module_keeps_its_page_id(edited):
    assert module("de-escalation-first-minute").pk == edited["pk"]


def test_only_the_edited_module_gets_a_new_revision(edited):
    after = revision_counts()

    changed = {
        pk: after[pk] - n for pk, n in edited["revisions"].items() if after[pk] != n
    }

    assert changed == {edited["pk"]: 1}
    assert "module: 2 unchanged, 1 updated" in edited["report"]


def test_an_edited_module_keeps_its_question_block_ids(edited):
    assert question_ids(module("de-escalation-first-minute")) == edited["question_ids"]


def test_an_edited_module_keeps_its_option_ids(edited):
    assert option_ids(module("de-escalation-first-minute")) == edited["option_ids"]


def test_the_edited_text_is_live(edited):
    page = module("de-escalation-first-minute")
    prompts = [b.value["prompt"] for b in page.body if b.block_type == "question"]
    options = [
        option["value"]["text"]
        for block in page.body.raw_data
        if block["type"] == "question"
        for option in block["value"]["options"]
    ]
    prose = " ".join(b.value for b in page.body if b.block_type == "markdown")
    terms = [b.value["term"].slug for b in page.body if b.block_type == "glossary_term"]

    assert page.live and not page.has_unpublished_changes
    assert prompts[1] == (
        "When you name the problem back to an angry caller, "
        "which line shows you listened?"
    )
    assert "Switch to a flat script voice." in options
    assert "## Mind your tone and pace" in prose
    assert terms == ["aht"]


def test_a_module_moved_to_another_course_keeps_its_page_id(catalog, sample):
    run(sample)
    page_id = module("taking-the-escalated-call").pk
    other = sample / "curriculum/front-line-to-team-leader/02-other-course"
    other.mkdir()
    (other / "_index.md").write_text(
        "---\ntitle: Another course\nslug: another-course\nsummary: One line.\n"
        "skill_area: general-leadership\n---\nIntro.\n",
        encoding="utf-8",
    )
    (sample / MODULE_3).rename(other / "01-taking-the-escalated-call.md")

    run(sample)

    moved = module("taking-the-escalated-call")
    assert moved.pk == page_id
    assert moved.get_parent().slug == "another-course"


# Options ----------------------------------------------------------------------


def test_check_writes_nothing(catalog):
    run(SAMPLE, "--check")

    assert not Page.objects.type(ProgrammePage, CoursePage, ModulePage).exists()
    assert not GlossaryTerm.objects.exists()
    assert not Competency.objects.exists()


def run_check(path, *args):
    """Run --check; return (stdout, stderr)."""
    out, err = io.StringIO(), io.StringIO()
    call_command(
        "import_curriculum", str(path), "--check", *args, stdout=out, stderr=err
    )
    return out.getvalue(), err.getvalue()


def test_check_reports_how_many_modules_it_checked_and_the_lint_warnings(catalog):
    findings = lint(load_curriculum(SAMPLE))

    out, err = run_check(SAMPLE)

    assert out.strip() == f"3 modules checked: {len(findings)} lint warning(s)."
    assert err.splitlines() == [f"warning: {finding}" for finding in findings]
    assert len(findings) > 0


def test_check_with_one_rule_runs_only_that_rule(catalog):
    out, err = run_check(SAMPLE, "--rule", "competency-anchors")

    warned = {line.split("[")[1].split("]")[0] for line in err.splitlines()}
    assert warned == {"competency-anchors"}
    path = SAMPLE / "competencies.yaml"
    line = line_of(path, "- slug: difficult-conversations")
    assert (
        f"{path}:{line}: [competency-anchors] competency 'difficult-conversations'"
        in err
    )
    assert "'de-escalation' has no level anchors" not in err


def test_check_says_no_problems_when_the_rules_run_are_met(catalog):
    out, err = run_check(SAMPLE, "--rule", "glossary-link-text", "--strict")

    assert (out.strip(), err) == ("3 modules checked: no problems found.", "")


def test_check_strict_fails_on_lint_findings(catalog):
    with pytest.raises(CommandError, match=r"3 modules checked: \d+ lint finding"):
        run_check(
            SAMPLE,
            "--strict",
            "--rule",
            "course-scenario",
            "--rule",
            "competency-anchors",
        )


def test_no_publish_creates_draft_pages(catalog):
    run(SAMPLE, "--no-publish")

    pages = Page.objects.type(ProgrammePage, CoursePage, ModulePage)
    assert pages.count() == 5
    assert not pages.filter(live=True).exists()


# All or nothing ---------------------------------------------------------------


@pytest.fixture
def one_bad_file(catalog, sample):
    """The sample with an unknown competency in its third module."""
    edit(
        sample / MODULE_3,
        "[de-escalation, conflict-resolution]",
        "[de-escalation, mind-reading]",
    )
    return sample


def test_one_bad_file_makes_the_command_fail_listing_file_line_and_problem(
    one_bad_file,
):
    err = io.StringIO()
    path = one_bad_file / MODULE_3

    with pytest.raises(
        CommandError, match=r"1 problem\(s\) found; nothing was imported"
    ):
        call_command(
            "import_curriculum", str(one_bad_file), stdout=io.StringIO(), stderr=err
        )

    line = line_of(path, "competencies:")
    assert err.getvalue().strip() == f"{path}:{line}: unknown competency 'mind-reading'"


def test_one_bad_file_means_nothing_is_written(one_bad_file):
    with pytest.raises(CommandError):
        run(one_bad_file)

    assert not Page.objects.type(ProgrammePage, CoursePage, ModulePage).exists()
    assert not GlossaryTerm.objects.exists()
    assert not Competency.objects.exists()
    assert not StretchTemplate.objects.exists()
    assert not Revision.objects.exists()


def test_a_failure_while_writing_rolls_back_everything(catalog, monkeypatch):
    def fail(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(content.streams, "body", fail)

    with pytest.raises(RuntimeError, match="disk full"):
        import_curriculum(SAMPLE)

    assert not Page.objects.type(ProgrammePage, CoursePage, ModulePage).exists()
    assert not GlossaryTerm.objects.exists()
    assert not Competency.objects.exists()


# Each authoring mistake names its file and line --------------------------------


def test_unknown_competency(sample):
    path = sample / MODULE_1
    edit(path, "competencies: [self-awareness,", "competencies: [self-awarness,")

    errors = errors_for(sample)

    line = line_of(path, "competencies:")
    assert errors == [ContentError(path, line, "unknown competency 'self-awarness'")]


@pytest.mark.parametrize(
    ("old", "new", "found"),
    [
        ("  - text: 28%\n    correct: true\n", "  - text: 28%\n", 0),
        ("  - text: 17%\n", "  - text: 17%\n    correct: true\n", 2),
    ],
    ids=["none-correct", "two-correct"],
)
def test_single_choice_question_needs_exactly_one_correct_option(
    sample, old, new, found
):
    path = sample / MODULE_1
    edit(path, old, new)

    errors = errors_for(sample)

    line = line_of(path, "id: why-difficult-people-skills-matter-q1") - 1
    message = (
        f"a single-choice question needs exactly one correct option, found {found}"
    )
    assert errors == [ContentError(path, line, message)]


def test_duplicate_module_slug_in_two_files(sample):
    path = sample / MODULE_3
    edit(
        path,
        "summary: How to prepare",
        "slug: de-escalation-first-minute\nsummary: How to prepare",
    )

    errors = errors_for(sample)

    line = line_of(path, "slug:")
    also = sample / MODULE_2
    message = f"duplicate module slug 'de-escalation-first-minute' (also in {also})"
    assert errors == [ContentError(path, line, message)]


@pytest.mark.parametrize("minutes", [0, 16])
def test_minutes_out_of_range(sample, minutes):
    path = sample / MODULE_1
    edit(path, "minutes: 5", f"minutes: {minutes}")

    errors = errors_for(sample)

    message = f"minutes must be a whole number from 1 to 15, got {minutes}"
    assert errors == [ContentError(path, line_of(path, "minutes:"), message)]


def test_link_to_a_missing_glossary_term(sample):
    path = sample / MODULE_3
    edit(path, "## Thirty seconds of prep", "## Thirty seconds of [[prep-time|prep]]")

    errors = errors_for(sample)

    line = line_of(path, "[[prep-time|prep]]")
    assert errors == [
        ContentError(path, line, "link to missing glossary term 'prep-time'")
    ]


def test_link_to_a_missing_glossary_term_deep_in_the_prose_names_its_own_line(sample):
    path = sample / MODULE_3
    edit(path, "[[callback]]", "[[call-back]]")

    errors = errors_for(sample)

    line = line_of(path, "[[call-back]]")
    assert errors == [
        ContentError(path, line, "link to missing glossary term 'call-back'")
    ]


def test_term_block_naming_a_missing_term(sample):
    path = sample / MODULE_1
    edit(path, "::: takeaways", "::: term\nslug: no-such-term\n:::\n\n::: takeaways")

    errors = errors_for(sample)

    line = line_of(path, "::: term")
    assert errors == [
        ContentError(path, line, "link to missing glossary term 'no-such-term'")
    ]


def test_unknown_block(sample):
    path = sample / MODULE_1
    edit(path, "::: reflection", "::: quiz")

    errors = errors_for(sample)

    assert [(e.path, e.line) for e in errors] == [(path, line_of(path, "::: quiz"))]
    assert errors[0].message.startswith("unknown block 'quiz' (known blocks: question,")


def test_unclosed_block(sample):
    path = sample / MODULE_1
    edit(path, "handle the next one alone.\n:::\n", "handle the next one alone.\n")

    errors = errors_for(sample)

    line = line_of(path, "::: reflection")
    assert errors == [
        ContentError(path, line, "block '::: reflection' is not closed with ':::'")
    ]


def test_invalid_yaml_in_a_block(sample):
    path = sample / MODULE_1
    edit(path, "prompt: Think of a hard call", "prompt: Think back: a hard call")

    errors = errors_for(sample)

    line = line_of(path, "prompt: Think back: a hard call")
    message = "reflection: invalid YAML: mapping values are not allowed here"
    assert errors == [ContentError(path, line, message)]


def test_unknown_front_matter_key(sample):
    path = sample / MODULE_1
    edit(path, "minutes: 5", "minuts: 5")

    errors = errors_for(sample)

    line = line_of(path, "minuts:")
    assert ContentError(path, line, "minuts: Extra inputs are not permitted") in errors


def test_missing_course_index(sample):
    index = sample / COURSE / "_index.md"
    index.unlink()

    errors = errors_for(sample)

    message = "missing _index.md: every programme and course folder needs one"
    assert errors == [ContentError(index, 0, message)]


def test_scenario_choice_leading_to_a_missing_step(sample):
    path = sample / MODULE_1
    edit(path, "next: takeover", "next: take-over")

    errors = errors_for(sample)

    line = line_of(path, "::: scenario")
    assert errors == [
        ContentError(path, line, "step 'start' leads to missing step 'take-over'")
    ]


def test_glossary_example_with_a_wrong_result(sample):
    path = sample / "glossary" / "aht.md"
    edit(path, "result: 322.5", "result: 325")

    errors = errors_for(sample)

    assert [(e.path, e.line) for e in errors] == [(path, line_of(path, "example:"))]
    assert errors[0].message.startswith(
        "worked example gives 322.5, not the stated result 325"
    )


def test_duplicate_question_id_across_two_modules(sample):
    first, second = sample / MODULE_1, sample / MODULE_3
    edit(
        second,
        "id: taking-the-escalated-call-q1",
        "id: why-difficult-people-skills-matter-q1",
    )

    errors = errors_for(sample)

    original = line_of(first, "id: why-difficult-people-skills-matter-q1") - 1
    line = line_of(second, "id: why-difficult-people-skills-matter-q1") - 1
    message = (
        "duplicate question id 'why-difficult-people-skills-matter-q1'"
        f" (also in {first}:{original})"
    )
    assert errors == [ContentError(second, line, message)]


def test_file_that_is_not_utf8(sample):
    path = sample / MODULE_3
    path.write_bytes(path.read_bytes() + "Caf\xe9 au lait.\n".encode("latin-1"))

    errors = errors_for(sample)

    assert errors == [ContentError(path, 1, "file is not UTF-8 text")]
