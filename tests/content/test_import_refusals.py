"""Files the importer must refuse, never crash on (issue 11, "The importer must
never crash"), and the checks of the level, pin, example and practice formats.

Each case breaks a copy of the sample in one way. For every case: loading
raises CurriculumInvalid with one error naming the file and line, the
command exits non-zero both with `--check` and for the real import, it
prints without an encoding error, and nothing is written.
"""

import io
import os
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from wagtail.models import Page, Revision

from content.errors import CurriculumInvalid
from content.importer import import_curriculum
from courses.formulas import MAX_EXPRESSION
from courses.models import (
    CatalogPage,
    Competency,
    CoursePage,
    GlossaryTerm,
    ModulePage,
    ProgrammePage,
)
from tests.builders.pages import make_catalog

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample_content"
COURSE = "curriculum/front-line-to-team-leader/01-difficult-conversations"
MODULE_1 = f"{COURSE}/01-why-difficult-people-skills-matter.md"
MODULE_2 = f"{COURSE}/02-de-escalation-first-minute.md"
MODULE_3 = f"{COURSE}/03-taking-the-escalated-call.md"
IMAGE = "images/headset.png"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sample(tmp_path, db):
    make_catalog()
    return Path(shutil.copytree(SAMPLE, tmp_path / "content"))


def edit(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def line_of(path, needle, after=0):
    lines = path.read_text(encoding="utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if n > after and needle in line)


def command(root, *args):
    """Run the command expecting it to fail; return what it printed on stderr."""
    err = io.StringIO()
    with pytest.raises(CommandError, match="nothing was imported"):
        call_command(
            "import_curriculum", str(root), *args, stdout=io.StringIO(), stderr=err
        )
    return err.getvalue()


def nothing_written():
    return not (
        Page.objects.type(ProgrammePage, CoursePage, ModulePage).exists()
        or GlossaryTerm.objects.exists()
        or Competency.objects.exists()
        or Revision.objects.exists()
    )


def refused(root):
    """The one error of root, after checking --check and the import both refuse it."""
    with pytest.raises(CurriculumInvalid) as caught:
        import_curriculum(root, dry_run=True)
    checked = command(root, "--check")
    imported = command(root)
    assert checked == imported == "".join(f"{e}\n" for e in caught.value.errors)
    assert nothing_written()
    assert len(caught.value.errors) == 1, caught.value.errors
    error = caught.value.errors[0]
    return error.path, error.line, error.message


# Malformed and hostile files ------------------------------------------------------


def test_deeply_nested_yaml_in_front_matter(sample):
    path = sample / MODULE_1
    edit(path, "minutes: 5\n", "minutes: 5\nextra: " + "[" * 5000 + "]" * 5000 + "\n")

    assert refused(sample) == (path, 2, "YAML is nested more than 20 levels deep")


def test_yaml_nested_past_the_limit_but_not_the_stack(sample):
    path = sample / MODULE_1
    edit(path, "minutes: 5\n", "minutes: 5\nextra: " + "[" * 30 + "]" * 30 + "\n")

    line = line_of(path, "extra:")
    assert refused(sample) == (path, line, "YAML is nested more than 20 levels deep")


def test_deeply_nested_yaml_in_a_block(sample):
    path = sample / MODULE_1
    edit(
        path,
        "prompt: Think of a hard call",
        "prompt: " + "{a: " * 3000 + "1" + "}" * 3000,
    )

    found = refused(sample)

    assert found[0] == path
    assert found[2] == "reflection: YAML is nested more than 20 levels deep"


def test_markdown_prose_nested_too_deeply_to_show(sample):
    path = sample / MODULE_1
    deep = "\n".join("    " * depth + "- a" for depth in range(300))
    edit(path, "## The number-one wish", f"## The number-one wish\n\n{deep}\n")

    message = (
        "Markdown is nested too deeply to show (lists or quotes inside each other)"
    )
    assert refused(sample) == (path, line_of(path, "## The number-one wish"), message)


def test_a_5000_deep_formula_expression(sample):
    path = sample / "glossary" / "aht.md"
    deep = "(" * 5000 + "talk" + ")" * 5000
    edit(path, "expression: (talk + hold + wrap) / contacts", f"expression: {deep}")

    message = f"expression is 10004 characters long; the limit is {MAX_EXPRESSION}"
    assert refused(sample) == (path, line_of(path, "example:"), message)


@pytest.mark.parametrize(
    "text",
    ["42\n", "just a sentence\n", "de-escalation: De-escalation\n"],
    ids=["number", "string", "mapping"],
)
def test_competencies_yaml_that_is_not_a_list(sample, text):
    path = sample / "competencies.yaml"
    path.write_text(text, encoding="utf-8")

    assert refused(sample) == (
        path,
        1,
        "competencies.yaml must be a list of competencies",
    )


def test_competencies_yaml_with_an_item_that_is_not_a_mapping(sample):
    path = sample / "competencies.yaml"
    edit(path, "- slug: de-escalation\n", "- de-escalation\n- slug: de-escalation\n")

    line = line_of(path, "- de-escalation")
    assert refused(sample) == (
        path,
        line,
        "competency 1: Input should be a valid dictionary or instance of Competency",
    )


def test_duplicate_competency_slugs(sample):
    path = sample / "competencies.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "- slug: de-escalation\n  name: Calming calls\n  skill_area: coaching\n",
        encoding="utf-8",
    )

    first = line_of(path, "- slug: de-escalation")
    second = line_of(path, "- slug: de-escalation", after=first)
    message = f"duplicate competency slug 'de-escalation' (first on line {first})"
    assert refused(sample) == (path, second, message)


def test_duplicate_competency_names(sample):
    path = sample / "competencies.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text + "- slug: calming\n  name: De-escalation\n  skill_area: coaching\n",
        encoding="utf-8",
    )

    first = line_of(path, "- slug: de-escalation")
    message = f"duplicate competency name 'De-escalation' (first on line {first})"
    assert refused(sample) == (path, line_of(path, "- slug: calming"), message)


@pytest.mark.parametrize(
    ("relative", "shown"),
    [("glossary/empty.md", "empty.md"), (f"{COURSE}/04-notes.md", "04-notes.md")],
    ids=["glossary", "course"],
)
def test_a_folder_named_like_a_markdown_file(sample, relative, shown):
    (sample / relative).mkdir()

    message = f"'{shown}' is a folder, not a Markdown or YAML file"
    assert refused(sample) == (sample / relative, 1, message)


def test_an_index_that_is_a_folder(sample):
    index = sample / COURSE / "_index.md"
    index.unlink()
    index.mkdir()

    assert refused(sample) == (
        index,
        1,
        "'_index.md' is a folder, not a Markdown or YAML file",
    )


def test_an_image_that_is_garbage(sample):
    (sample / IMAGE).write_bytes(b"\x89PNG\r\n\x1a\n this is not really a picture")
    path = sample / MODULE_2

    message = f"image file '{IMAGE}' is not a readable image (PNG, JPEG, GIF, WebP)"
    assert refused(sample) == (path, line_of(path, "::: image"), message)


def test_an_image_that_is_a_truncated_png(sample):
    image = sample / IMAGE
    image.write_bytes(image.read_bytes()[:60])
    path = sample / MODULE_2

    message = f"image file '{IMAGE}' is not a readable image (PNG, JPEG, GIF, WebP)"
    assert refused(sample) == (path, line_of(path, "::: image"), message)


def test_an_image_that_is_a_link_to_a_text_file(sample):
    image = sample / IMAGE
    image.unlink()
    image.symlink_to(sample / "competencies.yaml")
    path = sample / MODULE_2

    message = f"image file '{IMAGE}' is not a readable image (PNG, JPEG, GIF, WebP)"
    assert refused(sample) == (path, line_of(path, "::: image"), message)


def test_an_image_that_is_a_link_outside_the_content_folder(sample, tmp_path):
    outside = tmp_path / "secret.png"
    shutil.copy(sample / IMAGE, outside)
    (sample / IMAGE).unlink()
    (sample / IMAGE).symlink_to(outside)
    path = sample / MODULE_2

    message = f"image file '{IMAGE}' leads outside the content folder"
    assert refused(sample) == (path, line_of(path, "::: image"), message)


def test_an_image_that_is_a_folder(sample):
    (sample / IMAGE).unlink()
    (sample / IMAGE).mkdir()
    path = sample / MODULE_2

    message = f"image file '{IMAGE}' is not a file"
    assert refused(sample) == (path, line_of(path, "::: image"), message)


def test_a_module_file_that_links_outside_the_content_folder(sample, tmp_path):
    outside = tmp_path / "elsewhere.md"
    shutil.move(sample / MODULE_3, outside)
    (sample / MODULE_3).symlink_to(outside)

    assert refused(sample) == (
        sample / MODULE_3,
        1,
        "file is a link to somewhere outside the content folder",
    )


def test_a_file_name_with_a_newline(sample):
    renamed = sample / COURSE / "03-taking\nthe-call.md"
    (sample / MODULE_3).rename(renamed)

    found = refused(sample)
    err = command(sample, "--check")

    assert found == (
        renamed,
        1,
        "file or folder name has control characters or is not UTF-8; rename it",
    )
    assert "03-taking\\nthe-call.md:1:" in err


def test_a_file_name_that_is_not_utf8(sample):
    folder = os.fsencode(sample / COURSE)
    os.rename(os.fsencode(sample / MODULE_3), folder + b"/03-caf\xe9.md")
    renamed = Path(os.fsdecode(folder + b"/03-caf\xe9.md"))

    found = refused(sample)
    err = command(sample, "--check")

    assert found == (
        renamed,
        1,
        "file or folder name has control characters or is not UTF-8; rename it",
    )
    assert "03-caf\\xe9.md:1:" in err


def test_a_module_file_name_that_is_not_a_slug(sample):
    renamed = sample / COURSE / "03-Taking The Call.md"
    (sample / MODULE_3).rename(renamed)

    path, line, message = refused(sample)

    assert (path, line) == (renamed, 1)
    assert message.startswith("the file name gives the module slug 'Taking The Call'")
    assert message.endswith("or set slug: in the front matter")


def test_a_glossary_file_name_that_is_not_a_slug(sample):
    renamed = sample / "glossary" / "WFM.md"
    (sample / "glossary" / "wfm.md").rename(renamed)

    path, line, message = refused(sample)

    assert (path, line) == (renamed, 1)
    assert message.startswith("the file name gives the glossary term slug 'WFM'")


def test_a_nul_character_in_a_file(sample):
    path = sample / MODULE_1
    edit(path, "## The number-one wish", "## The number-one\x00 wish")

    line = line_of(path, "## The number-one")
    assert refused(sample) == (path, line, "file contains a NUL character")


def test_a_nul_escape_in_yaml(sample):
    path = sample / MODULE_1
    edit(path, "minutes: 5", 'minutes: 5\ntitle2: "a\\0b"')

    line = line_of(path, "title2:")
    assert refused(sample) == (path, line, "text contains a NUL character")


def test_duplicate_yaml_keys_in_front_matter(sample):
    path = sample / MODULE_1
    edit(path, "minutes: 5\n", "minutes: 5\nminutes: 6\n")

    first = line_of(path, "minutes: 5")
    message = f"duplicate key 'minutes' (first on line {first})"
    assert refused(sample) == (path, first + 1, message)


def test_duplicate_yaml_keys_in_a_block(sample):
    path = sample / MODULE_1
    edit(
        path,
        "prompt: Think of a hard call",
        "prompt: Think of a hard call\nprompt: Another",
    )

    first = line_of(path, "prompt: Think of a hard call")
    message = f"reflection: duplicate key 'prompt' (first on line {first})"
    assert refused(sample) == (path, first + 1, message)


def test_duplicate_yaml_keys_in_competencies(sample):
    path = sample / "competencies.yaml"
    edit(path, "  name: De-escalation\n", "  name: De-escalation\n  name: Calming\n")

    first = line_of(path, "  name: De-escalation")
    message = f"duplicate key 'name' (first on line {first})"
    assert refused(sample) == (path, first + 1, message)


def test_yaml_aliases_are_refused(sample):
    path = sample / MODULE_1
    edit(path, "minutes: 5\n", "minutes: 5\nanchor: &a [x]\nalias: *a\n")

    line = line_of(path, "anchor:")  # where the value a second key reuses sits
    message = "YAML anchors and aliases (& and *) are not allowed"
    assert refused(sample) == (path, line, message)


def test_a_yaml_date_that_does_not_exist(sample):
    path = sample / MODULE_1
    edit(path, "minutes: 5\n", "minutes: 5\nwhen: 2024-13-45\n")

    assert refused(sample) == (path, 2, "invalid YAML value: month must be in 1..12")


def test_a_workbook_that_does_not_exist(sample):
    path = sample / MODULE_1
    edit(path, "minutes: 5\n", "minutes: 5\nworkbook: lookups\n")

    message = "unknown workbook 'lookups' (known: none: no workbooks/answers.json)"
    assert refused(sample) == (path, line_of(path, "workbook:"), message)


def test_a_workbook_not_among_the_known_ones(sample):
    (sample / "workbooks").mkdir()
    (sample / "workbooks" / "answers.json").write_text('{"lookups": {}, "pivots": {}}')
    path = sample / MODULE_1
    edit(path, "minutes: 5\n", "minutes: 5\nworkbook: lookup\n")

    message = "unknown workbook 'lookup' (known: lookups, pivots)"
    assert refused(sample) == (path, line_of(path, "workbook:"), message)


def test_a_known_workbook_is_accepted(sample):
    (sample / "workbooks").mkdir()
    (sample / "workbooks" / "answers.json").write_text('{"lookups": {}}')
    edit(sample / MODULE_1, "minutes: 5\n", "minutes: 5\nworkbook: lookups\n")

    import_curriculum(sample)

    assert (
        ModulePage.objects.get(slug="why-difficult-people-skills-matter").workbook
        == "lookups"
    )


def test_a_competency_listed_twice_on_a_module(sample):
    path = sample / MODULE_1
    edit(
        path,
        "competencies: [self-awareness,",
        "competencies: [self-awareness, self-awareness,",
    )

    message = "competency 'self-awareness' is listed twice"
    assert refused(sample) == (path, line_of(path, "competencies:"), message)


def test_numbers_that_are_not_finite_in_an_example(sample):
    path = sample / "glossary" / "aht.md"
    edit(path, "contacts: 240}", "contacts: .inf}")

    message = "worked example numbers must be finite (no .inf or .nan)"
    assert refused(sample) == (path, line_of(path, "example:"), message)


# What only the database can refuse ------------------------------------------------


@pytest.fixture
def imported(sample):
    import_curriculum(sample)
    return sample


@pytest.mark.parametrize(
    ("model", "kind"), [(ModulePage, "module page"), (CoursePage, "course page")]
)
def test_parent_that_cannot_hold_a_programme(imported, model, kind):
    parent = model.objects.first()
    revisions = Revision.objects.count()

    with pytest.raises(CurriculumInvalid) as caught:
        import_curriculum(imported, parent=parent, dry_run=True)
    err = command(imported, "--check", "--parent", str(parent.pk))
    command(imported, "--parent", str(parent.pk))

    message = (
        f"page {parent.pk} ('{parent.title}', a {kind}) cannot hold a programme: "
        "import under the catalogue or another page that can"
    )
    assert [str(e) for e in caught.value.errors] == [f"{imported}:0: {message}"]
    assert err == f"{imported}:0: {message}\n"
    assert Revision.objects.count() == revisions


def test_a_parent_id_too_large_for_the_database(sample):
    with pytest.raises(CommandError, match=f"No page with id {2**64}"):
        call_command(
            "import_curriculum",
            str(sample),
            "--check",
            "--parent",
            str(2**64),
            stdout=io.StringIO(),
            stderr=io.StringIO(),
        )


def test_a_page_an_editor_made_with_the_programmes_slug(sample):
    catalog = CatalogPage.objects.get()
    catalog.add_child(
        instance=CatalogPage(title="Made by hand", slug="front-line-to-team-leader")
    )
    path = sample / "curriculum/front-line-to-team-leader/_index.md"

    with pytest.raises(CurriculumInvalid) as caught:
        import_curriculum(sample, dry_run=True)
    command(sample)

    [error] = caught.value.errors
    assert (error.path, error.line) == (path, line_of(path, "slug:"))
    assert error.message.startswith(
        "the slug 'front-line-to-team-leader' is already used by page"
    )
    assert not ProgrammePage.objects.exists()


def test_a_competency_name_the_database_gives_another_slug(sample):
    Competency.objects.create(
        slug="calming", name="De-escalation", skill_area="coaching"
    )
    path = sample / "competencies.yaml"

    with pytest.raises(CurriculumInvalid) as caught:
        import_curriculum(sample, dry_run=True)

    [error] = caught.value.errors
    assert (error.path, error.line) == (path, line_of(path, "- slug: de-escalation"))
    assert error.message == (
        "the name 'De-escalation' belongs to the competency 'calming' in the "
        "database; a competency name can only be used once"
    )


# The level, pin, example and practice formats ---------------------------------------


def test_competency_levels_must_be_one_to_four(sample):
    path = sample / "competencies.yaml"
    edit(
        path, "    4: Coaches agents through escalations live and after the call.\n", ""
    )

    message = "competency 1 levels: Value error, levels must be exactly 1, 2, 3 and 4 (found 1, 2, 3)"
    assert refused(sample) == (path, line_of(path, "  levels:"), message)


def test_competency_level_text_must_not_be_empty(sample):
    path = sample / "competencies.yaml"
    edit(
        path,
        "    2: Lets the customer finish",
        "    2: ''\n    9: Lets the customer finish",
    )

    found = refused(sample)

    assert found[:2] == (path, line_of(path, "  levels:"))
    assert "levels must be exactly 1, 2, 3 and 4 (found 1, 2, 3, 4, 9)" in found[2]


def test_competency_level_that_is_blank(sample):
    path = sample / "competencies.yaml"
    edit(
        path,
        "    2: Lets the customer finish and says the problem back before answering.",
        "    2: '  '",
    )

    assert refused(sample) == (
        path,
        line_of(path, "  levels:"),
        "competency 1 levels: Value error, level 2 has no text",
    )


def test_rubric_levels_must_be_one_to_four(sample):
    path = sample / "stretch" / "run-a-calibration-session.md"
    edit(
        path,
        "    1: Contacts picked on the day; no scores collected.\n",
        "    0: Nothing.\n",
    )

    assert refused(sample) == (
        path,
        line_of(path, "  levels:"),
        "rubric.0.levels: Value error, levels must be exactly 1, 2, 3 and 4 (found 0, 2, 3, 4)",
    )


def test_pinned_must_be_true_or_false(sample):
    path = sample / MODULE_3
    edit(path, "    pinned: true\n", "    pinned: maybe\n")

    found = refused(sample)

    assert found[:2] == (
        path,
        line_of(path, "::: question", after=line_of(path, "q2") - 3),
    )
    assert found[2].startswith(
        "question: options.3.pinned: Input should be a valid boolean"
    )


def test_example_block_with_a_wrong_result(sample):
    path = sample / MODULE_3
    edit(path, "result: 90\n", "result: 95\n")

    assert refused(sample) == (
        path,
        line_of(path, "::: example"),
        "example: worked example gives 90, not the stated result 95",
    )


def test_example_block_needs_an_explanation(sample):
    path = sample / MODULE_3
    edit(path, "explanation: Twelve escalated calls", "unit2: Twelve escalated calls")

    found = refused(sample)

    assert found[:2] == (path, line_of(path, "::: example"))
    assert "explanation: Field required" in found[2]


def test_example_explanation_linking_a_missing_term(sample):
    path = sample / MODULE_3
    edit(path, "See [[fcr]].", "See [[first-contact]].")

    assert refused(sample) == (
        path,
        line_of(path, "::: example"),
        "link to missing glossary term 'first-contact'",
    )


@pytest.mark.parametrize("value", ["61", "-1", "true", "ten"])
def test_practice_minutes_must_be_a_whole_number_up_to_sixty(sample, value):
    path = sample / MODULE_3
    edit(path, "practice_minutes: 10", f"practice_minutes: {value}")

    found = refused(sample)

    assert found[:2] == (path, line_of(path, "practice_minutes:"))
    assert found[2].startswith("practice_minutes: ")
