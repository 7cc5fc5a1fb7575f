"""The apps install into a fresh `wagtail start` site from the built wheel."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
APPS = ("courses", "content", "lms", "tasks")

# What the README tells a host site to add to its URLconf.
HOST_URLS = """path("", include("courses.urls")),
    path("", include("lms.urls")),
    path("api/", __import__("lms.api").api.api.urls),
    path("search/","""
RENDER_MODULE = """
from django.test import Client
from home.models import HomePage
from courses.models import Competency, CoursePage, ModulePage, ProgrammePage
home = HomePage.objects.first()
programme = home.add_child(instance=ProgrammePage(title="Leaders", slug="leaders", summary="S"))
course = programme.add_child(instance=CoursePage(title="Coaching", slug="coaching", summary="S", skill_area="coaching"))
module = ModulePage(title="Listen first", slug="listen", summary="Hear them out.", minutes=4,
    objectives=[("objective", "Listen"), ("objective", "Reflect")],
    body=[("markdown", "Hosted **module** text.")])
module.competencies.set([Competency.objects.create(name="Coaching", slug="coaching", skill_area="coaching")])
course.add_child(instance=module)
response = Client().get(module.url)
print("STATUS", response.status_code)
print(response.content.decode())
"""


def run(command, cwd, env=None):
    result = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600
    )
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    return result.stdout


@pytest.fixture(scope="module")
def wheel(tmp_path_factory):
    out = tmp_path_factory.mktemp("wheel")
    run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            str(ROOT),
            "--no-deps",
            "--no-build-isolation",
            "-w",
            str(out),
            "-q",
        ],
        cwd=ROOT,
    )
    return next(out.glob("*.whl"))


@pytest.mark.slow
def test_wheel_ships_the_apps_templates_migrations_and_curriculum(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())

    for app in APPS:
        assert f"{app}/apps.py" in names
    assert "courses/migrations/0001_initial.py" in names
    assert "courses/templates/courses/module_page.html" in names
    assert "courses/static/courses/site.css" in names
    assert "content/competencies.yaml" in names
    assert any(
        name.startswith("content/curriculum/") and name.endswith(".md")
        for name in names
    )


@pytest.mark.slow
def test_fresh_wagtail_site_renders_a_module_page(wheel, tmp_path):
    site_packages = tmp_path / "site-packages"
    zipfile.ZipFile(wheel).extractall(site_packages)
    host = tmp_path / "host"
    host.mkdir()
    run([str(BIN / "wagtail"), "start", "hostsite", str(host)], cwd=tmp_path)
    settings = host / "hostsite" / "settings" / "base.py"
    settings.write_text(
        settings.read_text()
        + f"\nINSTALLED_APPS = {list(APPS)!r} + ['ninja', 'axes'] + INSTALLED_APPS\n"
    )
    urls = host / "hostsite" / "urls.py"
    urls.write_text(urls.read_text().replace('path("search/",', HOST_URLS))
    # Only the wheel's copy of the apps may be importable, not this checkout.
    env = {
        **os.environ,
        "PYTHONPATH": str(site_packages),
        "DJANGO_SETTINGS_MODULE": "hostsite.settings.dev",
    }
    env.pop("DATABASE_URL", None)
    env.pop("CELERY_BROKER_URL", None)
    env.pop("LMS_PRIVATE_ROOT", None)
    # Without a private folder for evidence, the checks say what to set.
    unset = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=host,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert unset.returncode != 0
    assert "lms.E001" in unset.stderr and "LMS_PRIVATE_ROOT" in unset.stderr
    private = tmp_path / "private"
    settings.write_text(
        settings.read_text() + f"\nLMS_PRIVATE_ROOT = {str(private)!r}\n"
    )

    run([sys.executable, "manage.py", "migrate", "--no-input"], cwd=host, env=env)
    output = run(
        [sys.executable, "manage.py", "shell", "--no-imports", "-c", RENDER_MODULE],
        cwd=host,
        env=env,
    )

    assert "STATUS 200" in output
    assert "Hosted <strong>module</strong> text." in output
    assert "Listen first" in output
