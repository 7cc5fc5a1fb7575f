"""A module whose file is removed (merged into another) is unpublished, not deleted."""

import io
import shutil
from pathlib import Path

import pytest
from django.core.management import call_command

from courses.models import ModulePage
from tests.builders.pages import make_catalog

pytestmark = pytest.mark.django_db

SAMPLE = Path(__file__).resolve().parents[1] / "fixtures" / "sample_content"
COURSE = "curriculum/front-line-to-team-leader/01-difficult-conversations"
MERGED = "de-escalation-first-minute"


def run(path, *args):
    out = io.StringIO()
    call_command(
        "import_curriculum", str(path), *args, stdout=out, stderr=io.StringIO()
    )
    return out.getvalue()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sample(tmp_path):
    make_catalog()
    root = Path(shutil.copytree(SAMPLE, tmp_path / "content"))
    run(root)
    return root


def merged_file(root):
    return next((root / COURSE).glob(f"*-{MERGED}.md"))


def page(slug):
    return ModulePage.objects.get(slug=slug)


def test_a_module_whose_file_is_gone_is_unpublished_and_kept(sample):
    pk = page(MERGED).pk
    merged_file(sample).unlink()

    out = run(sample)

    kept = ModulePage.objects.get(pk=pk)
    assert not kept.live
    assert "1 retired" in out
    assert ModulePage.objects.filter(live=True).exclude(slug=MERGED).count() == 2


def test_a_second_import_after_retiring_changes_nothing(sample):
    merged_file(sample).unlink()
    run(sample)

    second = run(sample)

    assert second.rstrip().endswith("Nothing changed."), second


def test_a_module_file_that_comes_back_is_published_again(sample, tmp_path):
    path = merged_file(sample)
    saved = tmp_path / "saved.md"
    shutil.copy(path, saved)
    path.unlink()
    run(sample)

    shutil.copy(saved, path)
    run(sample)

    assert page(MERGED).live


def test_check_and_no_publish_runs_leave_a_missing_module_live(sample):
    merged_file(sample).unlink()

    run(sample, "--check")
    run(sample, "--no-publish")

    assert page(MERGED).live
