"""Shared fixtures: page-tree builders and the services check for CI's second tier."""

import os

import pytest
from django.conf import settings
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Locale, Page, Site

from courses.models import (
    CatalogPage,
    Competency,
    CoursePage,
    GlossaryTerm,
    ModulePage,
    ProgrammePage,
)

SERVICES_REQUIRED = os.environ.get("REQUIRE_SERVICES") == "1"


def pytest_sessionstart(session):
    """In the services tier, unreachable PostgreSQL or Redis is an error, not a skip."""
    if SERVICES_REQUIRED:
        from tests.services import check_services

        problems = check_services()
        if problems:
            pytest.exit(
                "services tier cannot run: " + "; ".join(problems), returncode=3
            )


@pytest.fixture(autouse=True)
def jobs_run_inline(request):
    """Jobs run in-process, as in the embedded default, even when a broker is configured.

    Tests of the broker path either start a real worker (the `worker` fixture
    switches this off again) or are marked `real_broker`.
    """
    if request.node.get_closest_marker("real_broker"):
        yield
        return
    from tasks import celery_app

    saved = celery_app.conf.task_always_eager
    celery_app.conf.task_always_eager = True
    yield
    celery_app.conf.task_always_eager = saved


def question(prompt="Which comes first?", kind="single", correct=(1,), count=3):
    """Raw StreamField data for a question block; option n is correct if n in correct."""
    options = [
        {"text": f"Option {n}", "correct": n in correct, "feedback": f"Feedback {n}"}
        for n in range(count)
    ]
    return {"prompt": prompt, "kind": kind, "options": options}


def make_competency(**kwargs):
    kwargs.setdefault("name", "De-escalation")
    kwargs.setdefault("slug", "de-escalation")
    kwargs.setdefault("skill_area", "difficult-personalities")
    return Competency.objects.get_or_create(slug=kwargs["slug"], defaults=kwargs)[0]


def make_term(**kwargs):
    kwargs.setdefault("term", "Average handle time")
    kwargs.setdefault("slug", "aht")
    kwargs.setdefault("abbreviation", "AHT")
    kwargs.setdefault("definition", "Talk, hold and wrap time per contact.")
    return GlossaryTerm.objects.create(**kwargs)


def make_catalog():
    existing = CatalogPage.objects.first()
    if existing:
        return existing
    root = Page.get_first_root_node() or _make_root()
    catalog = root.add_child(instance=CatalogPage(title="Learning", slug="learning"))
    Site.objects.update_or_create(
        is_default_site=True, defaults={"hostname": "localhost", "root_page": catalog}
    )
    return catalog


def _make_root():
    """Transactional tests flush the locale and root page Wagtail's migrations made."""
    language = get_supported_content_language_variant(settings.LANGUAGE_CODE)
    Locale.objects.get_or_create(language_code=language)
    return Page.add_root(title="Root", slug="root")


def make_programme(parent=None, **kwargs):
    kwargs.setdefault("title", "Front line to team leader")
    kwargs.setdefault("slug", "programme")
    kwargs.setdefault("summary", "A programme.")
    return (parent or make_catalog()).add_child(instance=ProgrammePage(**kwargs))


def make_course(parent=None, **kwargs):
    kwargs.setdefault("title", "Difficult conversations")
    kwargs.setdefault("slug", "course")
    kwargs.setdefault("summary", "A course.")
    kwargs.setdefault("skill_area", "difficult-personalities")
    return (parent or make_programme()).add_child(instance=CoursePage(**kwargs))


def make_module(parent=None, competencies=None, **kwargs):
    kwargs.setdefault("title", "The first minute")
    kwargs.setdefault("slug", "module")
    kwargs.setdefault("summary", "Let them finish.")
    kwargs.setdefault("minutes", 5)
    kwargs.setdefault(
        "objectives", [("objective", "Listen first"), ("objective", "Name it back")]
    )
    kwargs.setdefault("body", [("markdown", "Let the caller **finish**.")])
    page = ModulePage(**kwargs)
    page.competencies.set(competencies or [make_competency()])
    return (parent or make_course()).add_child(instance=page)


@pytest.fixture
def module_page(db):
    return make_module()
